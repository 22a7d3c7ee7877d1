"""Deals in a whole document: each sentence with a deal word and a company mention is read by the rules, and the
reports of one deal are merged into one deal, with the clearest sentence as its evidence.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterator
from datetime import date

from articles.extraction.deals.candidate import deal_candidate
from articles.extraction.deals.merging import merge_reports, same_deal
from articles.extraction.deals.parties import FoundDeal
from articles.extraction.deals.rules import ALL_RULE_WORDS, RULE_WORD_SETS, RULES, TRIGGER_WORDS
from articles.extraction.deals.sentence import DealSentence, Named, rx
from articles.extraction.money import find_money
from articles.extraction.types import CompanyCandidate, DealCandidate, DealKind, PartyRole, Sentence

# Results and accounting notes mention deals in passing ("restated to reflect the merger", "a gain on the sale of
# its unit"); the deal there is background to the figures, not the news.
_RESULTS = rx(
    r"\b(?:net (?:income|profit|loss|earnings)|(?<!future\s)earnings|profits?|results|restated?|restatement|"
    r"(?:gain|loss) (?:of|on|from)|charge|dilute|dilution|pretax|pre-tax|write-?(?:off|down)|extraordinary|"
    r"(?-i:NOTE)|(?-i:vs)|qtr|shr|cts)\b"
)


_ACCOUNTING_NOTE = rx(r"\b(?:(?-i:NOTE)|restated?|restatement|reflects?)\b")


# ...unless the deal itself moves in the sentence: agreed, signed, offered, completed.
_DEAL_NEWS = rx(
    r"\b(?:agree[sd]?|agreement|letter of intent|signed|tender|offer(?:ed)?|completed|intends? to|plans? to|"
    r"will (?:buy|acquire|sell|merge)|to (?:buy|acquire|sell|merge))\b"
)


# A deal in a condition is not news: "if Pubco is acquired", "whether it will merge".
_CONDITIONAL = rx(r"\b(?:if|unless|whether|in the event|should it|would be willing)\b")


_NEGATED = rx(
    r"\b(?:no plans?|not (?:plan|planning|intend|interested|considering|be selling|sell|buy)|denied|denies|deny|"
    r"ruled out|rules out|no intention|dismissed|unlikely to)\b"
)


def _sentences_with_mentions(
    text: str, sentences: list[Sentence], companies: list[CompanyCandidate]
) -> Iterator[tuple[Sentence, list[Named], CompanyCandidate | None]]:
    """Each sentence with its company mentions, and the company the story has named most so far."""
    mentions = sorted(
        ((mention.start, mention.end, company) for company in companies for mention in company.mentions),
        key=lambda item: (item[0], -item[1]),
    )
    counts: Counter[int] = Counter()
    by_id = {id(company): company for company in companies}
    last_seen: dict[int, int] = {}
    # The most named company so far, kept up to date mention by mention: taking the maximum over all companies
    # at every sentence made long texts quadratic.
    best: int | None = None
    index = 0
    for sentence in sentences:
        while index < len(mentions) and mentions[index][0] < sentence.start:
            named = id(mentions[index][2])
            counts[named] += 1
            last_seen[named] = mentions[index][0]
            best = _most_named(best, named, counts, last_seen)
            index += 1
        inside: list[Named] = []
        scan = index
        last_end = -1
        while scan < len(mentions) and mentions[scan][0] < sentence.end:
            start, end, company = mentions[scan]
            # "TV-on-demand": a name glued into a hyphenated word is part of that word, not a party.
            glued = text[end : end + 1] == "-" or (start > 0 and text[start - 1] == "-")
            if end <= sentence.end and start >= last_end and not glued:
                inside.append(Named(start - sentence.start, end - sentence.start, company))
                last_end = start + (end - start)
            scan += 1
        yield sentence, inside, by_id[best] if best is not None else None


def _most_named(best: int | None, named: int, counts: Counter[int], last_seen: dict[int, int]) -> int:
    """The most named company (by count, then by latest mention) once `named`, and only it, was named again."""
    if best is None or best == named:
        return named
    rank, best_rank = (counts[named], last_seen[named]), (counts[best], last_seen[best])
    if rank != best_rank:
        return named if rank > best_rank else best
    # A tie (two names at the same offset): the first company named wins, as max() over the counts would say.
    return max(counts, key=lambda key: (counts[key], last_seen[key]))


def _sentence_deals(
    sentence: Sentence, mentions: list[Named], previous: CompanyCandidate | None, published_on: date | None
) -> list[tuple[DealCandidate, bool]]:
    text = sentence.text
    if _RESULTS.search(text) and (_ACCOUNTING_NOTE.search(text) or not _DEAL_NEWS.search(text)):
        return []
    reader = DealSentence(text=text, offset=sentence.start, mentions=mentions, previous=previous)
    found: list[FoundDeal] = []
    # The spans read so far, in text order; they never overlap, so only the one starting last before a match's end
    # can overlap it (a list scan per match made a sentence with thousands of deal words quadratic).
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    present = {word for word in ALL_RULE_WORDS if word in lowered}
    for (_, pattern, rule), words in zip(RULES, RULE_WORD_SETS, strict=True):
        if present.isdisjoint(words):
            continue
        for match in pattern.finditer(text):
            # Two rules never read the same words: "buy a stake in" is a stake, not also a purchase.
            nearest = bisect_left(taken, (match.end(),)) - 1
            if nearest >= 0 and match.start() < taken[nearest][1]:
                continue
            if _NEGATED.search(text, max(0, match.start() - 50), match.start()):
                continue
            # "if" also ends a clause, so look just before the clause the verb is in.
            if _CONDITIONAL.search(text, max(0, reader.clause_start(match.start()) - 8), match.start()):
                continue
            results = [each for each in rule(reader, match) if each.parties]
            if results:
                insort(taken, match.span())
                found.extend(results)
    if not found:
        return []
    money = find_money(text)
    out: list[tuple[DealCandidate, bool]] = []
    seen: set[tuple[DealKind, frozenset[tuple[str, PartyRole]]]] = set()
    for each in found:
        signature = (each.kind, frozenset((company.name, role) for company, role in each.parties))
        if signature in seen:
            continue
        seen.add(signature)
        out.append(deal_candidate(reader, each, money, published_on))
    return out


def find_deals(
    *, text: str, sentences: list[Sentence], companies: list[CompanyCandidate], published_on: date | None
) -> list[DealCandidate]:
    """The deals a document reports, one per deal, each with the sentence that best states it."""
    reports: list[tuple[DealCandidate, bool]] = []
    for sentence, mentions, previous in _sentences_with_mentions(text, sentences, companies):
        if not mentions:
            continue
        # One cheap test per sentence: nothing else runs unless some rule's word is there.
        if not TRIGGER_WORDS.search(sentence.text.lower()):
            continue
        if not 0 <= sentence.start <= sentence.end <= len(text):
            continue  # a sentence outside the text cannot be evidence
        # Evidence is cut from the document itself, so its offsets always slice exactly its text.
        # (Built directly: dataclasses.replace costs several times more, once per sentence with a deal word.)
        sentence = Sentence(sentence.start, sentence.end, text[sentence.start : sentence.end], sentence.paragraph)
        reports.extend(_sentence_deals(sentence, mentions, previous, published_on))
    groups: list[list[tuple[DealCandidate, bool]]] = []
    # Two reports of one deal always share a party, so each report is compared only with the groups that name one
    # of its parties (in the order the groups were made), not with every deal of a long text.
    groups_naming: dict[str, list[int]] = {}
    for report in reports:
        names = {party.name for party in report[0].parties}
        for number in sorted({number for name in names for number in groups_naming.get(name, ())}):
            if any(same_deal(report[0], other[0]) for other in groups[number]):
                groups[number].append(report)
                break
        else:
            number = len(groups)
            groups.append([report])
        for name in names:
            numbers = groups_naming.setdefault(name, [])
            if not numbers or numbers[-1] != number:
                numbers.append(number)
    deals = [merge_reports(group) for group in groups]
    return sorted(deals, key=lambda deal: deal.evidence.start)
