"""Partnerships and joint ventures: "A and B formed a joint venture", "A teamed up with B"."""

from __future__ import annotations

import re

from articles.extraction.deals.parties import FoundDeal, party_list
from articles.extraction.deals.sentence import DealSentence, rx
from articles.extraction.types import CompanyCandidate, DealKind, PartyRole

PARTNER = rx(
    r"\b(?:joint ventures?|joint-ventures?|alliance|strategic partnership|partnership|tie-up|"
    r"partner(?:s|ed|ing)? with|team(?:s|ed|ing)? up with|join(?:s|ed|ing)? forces with)\b"
)


def partner(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    start, end = match.span()
    pair = sentence.coordinated_before(start) or sentence.coordinated_speakers(start)
    named: list[CompanyCandidate] = [each.company for each in pair]
    if not named:
        subject, _ = sentence.subject_before(start)
        if subject is not None:
            named.append(subject)
    following = sentence.named_after_word(end - 5, "with|between", window=60)
    if following is not None:
        named.extend(each.company for each in sentence.coordinated(following))
    parties = party_list(*((company, PartyRole.PARTNER) for company in named))
    if len(parties) < 2:
        return []
    return [FoundDeal(DealKind.PARTNERSHIP, parties, start, end, 0.7)]
