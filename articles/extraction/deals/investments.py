"""Investments and funding rounds: "X takes a 20% stake in Y", "X bought 5 pct of Y", "Y raises $N in a Series B
led by X". A holding stated as a fact ("X owns 40% of Y") is not news, and debt raised is not equity.
"""

from __future__ import annotations

import re
from decimal import Decimal

from articles.extraction.deals.objects import MODIFIED_GOODS
from articles.extraction.deals.parties import FoundDeal, company_of, party_list
from articles.extraction.deals.sentence import DealSentence, Named, names_a_business, rx
from articles.extraction.types import DealKind, PartyRole

STAKE = rx(
    r"\b(?:(?P<pct>\d{1,3}(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|"
    r"thirty|forty|fifty) ?(?:%|pct|per cent|percent) |(?P<size>minority|majority|controlling|small|"
    r"significant|substantial|strategic|large|sizeable|equity) )?(?:stake|stakes|holdings?|shareholdings?|"
    r"equity interest|equity position|interest|investment|investments|invests|invested|invest|investing|share)"
    # What may stand between the stake and its company: "stake or 5.1 mln shares in", "invested $5m in".
    r"(?: of \S+| or (?:about |some |nearly )?[\d.,]+ (?:mln |million )?(?:common |ordinary )?shares|"
    r"(?: about| some| nearly| over| up to| worth| an additional| another)? "
    r"(?:[$£€¥]?\d[\d.,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?: ?(?:mln|million|billion|bln|bn|m|dlrs|dollars|stg|pounds|euros|yen|marks|"
    r"francs|krone|kroner|crore)){0,3})?"
    # "a 50 pct interest of X" reads like "in X"; without a percentage "interest of" is something else.
    r" (?(pct)(?:in|of)|in)\b"
)
PCT_OF = rx(
    r"\b(?:bought|buy|buys|buying|acquired|acquire|acquires|acquiring|purchased|purchase|subscribe to|"
    r"subscribed to|holds|held|owns|owned|sold|sells|sell|selling)"
    r"(?: (?:the equivalent of|an initial|an additional|another|an|a|about|some|up to|"
    r"approximately|nearly|over))?(?: [\w,.]+(?: mln| million| billion)?(?: dlrs| dollars| stg)?(?: worth)?"
    r"(?: of)?)?(?: (?:common|ordinary|preferred|treasury|new|newly-issued|class \w|outstanding|voting))* shares "
    r"(?:of|in)\b"
    r"|\b(?:sell|sells|selling|transfer|transfers|transferred|sale of|purchase of|acquisition of)\b"
    r"(?:[^.;]|\.(?=\d)){0,30}?\b(?P<spct>\d{1,3}(?:\.\d+)?) ?(?:%|pct|per cent|percent),? (?:stake )?(?:of|in)\b"
    r"|\b(?:own|owns|owned|owning|hold|holds|held|holding|control|controls|acquire|acquired|acquires|acquiring|"
    r"bought|buy|buys|purchase|purchased|took|take|takes|taken|raised|increased|lifted|boosted|sold|"
    r"accumulated|accepted)\b"
    r"(?:[^.;]|\.(?=\d)){0,60}?\b(?P<pct>\d{1,3}(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten) ?"
    r"(?:%|pct|per cent|percent),? (?:stake )?"
    r"(?:of|in)\b"
)
FUNDING = rx(
    r"\b(?:rais(?:e|es|ed|ing)|secur(?:e|es|ed|ing)|clos(?:e|es|ed|ing)|land(?:s|ed|ing)?|bag(?:s|ged)?|"
    r"receiv(?:e|es|ed|ing)|pull(?:s|ed)? in|attract(?:s|ed)?)\b[^.;]{0,80}?\b(?:funding|financing|venture capital|"
    r"round|capital from|investment from|seed money|series [a-h]\d?)\b"
    r"|\b(?:series [a-h]\d?|seed|pre-seed|funding|venture|financing) (?:round|funding)\b"
    r"|\b(?:rights issue|private placement)\b"
)
# "Inc", "Corp" after a possessive belong to the name ("TSS-Seedman's Inc"); "outstanding" qualifies its shares.
_POSSESSED_THING = rx(
    r"'s? (?!shares|stock|capital|equity|common|ordinary|preferred|convertible|class|outstanding|voting|issued|"
    r"(?:inc|corp|co|ltd|plc|llc|sa|ag|nv)\b|\d)\w"
)


# A company owning part of another is a state, not news, unless the sentence says it changed or was disclosed.
_OWNERSHIP_VERB = rx(r"\b(?:own|owns|owned|owning|hold|holds|held|holding|control|controls|controlled)\b")


_OWNERSHIP_NEWS = rx(
    r"\b(?:now|SEC|Securities and Exchange|filing|filed|told|raised|increased|boosted|lifted|acquired|bought|"
    r"purchased|built|took|taken)\b"
)
_SALE_BEFORE = rx(
    r"\b(?:sell|sells|sold|selling|sale of|dispos\w+ of|offload\w*|divest\w*|cut|cuts|cutting|reduc\w+|"
    r"lower(?:s|ed|ing)?|trim(?:s|med|ming)?|decreas\w+)\b(?: \S+){0,6} $"
)
_BUY_BEFORE = rx(
    r"\b(?:buy|buys|bought|buying|acquire[sd]?|acquiring|purchase[sd]?|take|takes|took|taken|taking|"
    # A stake raised or built up changes hands too: "raised its stake in", "made a 30 pct investment in".
    r"rais(?:e|es|ed|ing)|increas\w+|boost\w*|lift(?:s|ed|ing)?|hik(?:e|es|ed|ing)|accumulat\w+|built|"
    r"made|makes|making)\b(?: \S+){0,6} $"
)
# Words before a stake that say the company simply has it: "has a 20 pct stake in", "owns a majority stake in",
# "its 25 pct interest in".
_HOLDING_BEFORE = rx(
    r"\b(?:has|have|had|having|holds?|held|holding|owns?|owned|owning|retains?|retained|keeps?|kept|with|"
    r"including|consists of|its|their)(?: (?:a|an|the|its|their|about|some|nearly|over|almost|approximately))* $"
)
_SHARES_OF_BEFORE = rx(r"\b(?:shares|stock) (?:of|in) $")
_THE_COMPANY = rx(r" (?:the|that) (?:company|firm|concern)\b")
_SELL_VERB = rx(r"(?:sell|sells|selling|sold|transfer\w*|sale of)\b")
_BUY_VERB = rx(r"(?:buy|buys|bought|buying|acquire[sd]?|acquiring|purchase[sd]?|subscribe|accumulat\w+)\b")


# Things a company raises that are not equity: debt is a loan or bond issue, not a funding round.
_DEBT = rx(r"\b(?:debt|loans?|credit|bonds?|notes|debentures|mortgages?|facility|borrow\w*|paper)\b")


_LED_BEFORE = rx(
    r"\b(?:led|leads|leading|co-led|joined|backed|participated in|took part in|invested in)\b(?: \S+){0,4} $"
)
_ROUND = rx(r"\b(series [a-h]\d?|pre-seed|seed)\b")
_INVESTOR_WORDS = "led by|from|including|backed by|participation from|investors such as|with"


def stake(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    text = sentence.text
    start, end = match.span()
    investee = sentence.object_after(end, window=80) or _named_inside(sentence, match) or _referred_to(sentence, match)
    if investee is None:
        return _unnamed_stake(sentence, match)
    if _POSSESSED_THING.match(text, investee.end) or MODIFIED_GOODS.match(text, investee.end):
        return []  # "3% of Axa's policyholders" is a share of something the company has
    word = match.group(0).lower()
    if re.search(r"(?<!equity) interest in$", word) and not (match.group("pct") or match.group("size")):
        return []  # "interest in buying" is appetite, not a holding
    if re.search(r"\bshare in$", word) and not match.group("pct"):
        return []
    if _OWNERSHIP_VERB.match(text, start) and not _OWNERSHIP_NEWS.search(text):
        return []
    pct = match.groupdict().get("pct") or match.groupdict().get("spct")
    size = (match.groupdict().get("size") or "").lower()
    control = size in {"majority", "controlling"} or (pct is not None and pct[0].isdigit() and Decimal(pct) > 50)
    subject, sure = sentence.subject_before(start)
    selling = _SALE_BEFORE.search(text, max(0, start - 60), start) or _SELL_VERB.match(text, start)
    bought = _BUY_BEFORE.search(text, max(0, start - 60), start) or _BUY_VERB.match(text, start)
    if (
        not (selling or bought)
        and _HOLDING_BEFORE.search(text, max(0, start - 40), start)
        and not _OWNERSHIP_NEWS.search(text)
    ):
        return []  # "X, which has a 20 pct stake in Y", "owns a majority stake in Y": a holding, not news
    if selling:
        buyer = company_of(sentence.named_after_word(investee.end, "to", window=60))
        if buyer is None:
            parties = party_list((subject, PartyRole.SELLER), (investee.company, PartyRole.TARGET))
            return [FoundDeal(DealKind.DIVESTMENT, parties, start, end, 0.75 * max(sure, 0.7))]
        role_kind = DealKind.ACQUISITION if control else DealKind.INVESTMENT
        buyer_role = PartyRole.ACQUIRER if control else PartyRole.INVESTOR
        target_role = PartyRole.TARGET if control else PartyRole.INVESTEE
        parties = party_list((buyer, buyer_role), (investee.company, target_role), (subject, PartyRole.SELLER))
        return [FoundDeal(role_kind, parties, start, end, 0.8 * max(sure, 0.7))]
    if subject is investee.company:
        return []  # "X will retain 42% of X's unit" or its own shares: no deal between two parties
    if subject is None and not (bought or _OWNERSHIP_NEWS.search(text)):
        return []
    if control:
        parties = party_list((subject, PartyRole.ACQUIRER), (investee.company, PartyRole.TARGET))
        return [FoundDeal(DealKind.ACQUISITION, parties, start, end, 0.8 * max(sure, 0.7))]
    parties = party_list((subject, PartyRole.INVESTOR), (investee.company, PartyRole.INVESTEE))
    return [FoundDeal(DealKind.INVESTMENT, parties, start, end, 0.8 * max(sure, 0.7))]


def _named_inside(sentence: DealSentence, match: re.Match[str]) -> Named | None:
    """ "acquired 375,200 shares of X Inc, or 12.9 pct of the total": the company whose shares the stake is in."""
    inside = sentence.mentions_between(match.start() + 1, match.end())
    for named in reversed(inside):
        if _SHARES_OF_BEFORE.search(sentence.text, max(0, named.start - 16), named.start):
            return named
    return None


def _referred_to(sentence: DealSentence, match: re.Match[str]) -> Named | None:
    """ "investors in X told the SEC they raised their stake in the company": "the company" is X, named earlier in
    the sentence (or, failing that, the company the story is about)."""
    the_company = _THE_COMPANY.match(sentence.text, match.end())
    if the_company is None:
        return None
    subject, _ = sentence.subject_before(match.start())
    company = sentence.company_referred_to(match.start(), excluding=subject)
    return None if company is None else Named(the_company.start(), the_company.end(), company)


def _unnamed_stake(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    """ "X sold its controlling interest in its French unit to Z": a stake changes hands, its company unnamed."""
    text = sentence.text
    start, end = match.span()
    if not names_a_business(text, end):
        return []
    subject, sure = sentence.subject_before(start)
    if subject is None:
        return []
    if _SALE_BEFORE.search(text, max(0, start - 60), start):
        buyer = company_of(sentence.named_after_word(end, "to", window=100))
        if buyer is subject:
            buyer = None
        parties = party_list((buyer, PartyRole.ACQUIRER), (subject, PartyRole.SELLER))
        kind = DealKind.ACQUISITION if buyer is not None else DealKind.DIVESTMENT
        return [FoundDeal(kind, parties, start, end, 0.6 * sure)]
    if _BUY_BEFORE.search(text, max(0, start - 60), start):
        return [FoundDeal(DealKind.INVESTMENT, [(subject, PartyRole.INVESTOR)], start, end, 0.6 * sure)]
    return []


def funding(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    text = sentence.text
    start, end = match.span()
    if _DEBT.search(text, max(0, start - 40), min(len(text), end + 60)):
        return []
    investee, sure = sentence.subject_before(start)
    if investee is not None and _LED_BEFORE.search(text, max(0, start - 60), start):
        return []  # "X, which led the start-up's seed round, also took part": X is an investor, the round background
    if investee is None:
        return []
    investors = [
        named.company
        for first in filter(None, [sentence.named_after_word(start, _INVESTOR_WORDS, window=140)])
        for named in sentence.coordinated(first)
    ]
    parties = party_list((investee, PartyRole.INVESTEE), *((company, PartyRole.INVESTOR) for company in investors))
    return [FoundDeal(DealKind.FUNDING_ROUND, parties, start, end, 0.75 * sure, round=_round_name(text))]


def _round_name(text: str) -> str | None:
    found_round = _ROUND.search(text)
    if found_round is None:
        return None
    return found_round.group(1).title() if found_round.group(1).lower() != "pre-seed" else "Pre-seed"
