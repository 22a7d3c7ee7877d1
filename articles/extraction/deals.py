"""Deals: acquisitions, mergers, stakes, funding rounds, IPOs, spin-offs, sales and joint ventures, read from the
sentences that state them.

Each kind of deal has a few verbs and nouns that state it ("buy", "takeover of", "stake in", "spin off"); one
compiled expression per kind finds them, and only sentences with a trigger and a company mention get the closer
look that assigns companies to roles. A document that reports one deal several times yields one deal, with the
clearest sentence as its evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from articles.extraction.deal_dates import announced_on
from articles.extraction.deal_sentence import CORPORATE_NOUN, DealSentence, Named, names_a_business, rx
from articles.extraction.deal_status import status_from_wording
from articles.extraction.money import Money, find_money
from articles.extraction.types import (
    CompanyCandidate,
    DealCandidate,
    DealKind,
    PartyCandidate,
    PartyRole,
    Sentence,
    Span,
)

Party = tuple[CompanyCandidate, PartyRole]


@dataclass(slots=True)
class _Found:
    """A deal as one sentence states it, before the document's reports of it are merged."""

    kind: DealKind
    parties: list[Party]
    trigger_start: int
    trigger_end: int
    confidence: float
    past: bool = False
    round: str | None = None


# --- triggers ---------------------------------------------------------------------------------------------------

_ACQUIRE_VERB = rx(
    r"\b(?:buy|buys|buying|bought|acquire|acquires|acquiring|acquired|purchase|purchases|purchasing|purchased|"
    r"take over|takes over|taking over|took over|taken over|snap up|snaps up|snapped up|swallow up|swallowed up|"
    r"absorb|absorbs|absorbed|take control of|takes control of|took control of|gain control of|gained control of)\b"
)
_ACQUIRE_NOUN = rx(
    r"\b(?:takeover|take-over|acquisitions?|purchase|buyout|buy-out|leveraged buyout)"
    r"(?: (?:bid|offer|deal|approach|proposal|talks|plan|attempt|battle|agreement))? (?:of|for)\b"
    r"|\b(?:acquisitions? such as (?:that|those) of)\b"
    r"|\b(?:bid|bids|offer|offers|tender offer|tender|approach|takeover bid|takeover offer|proposal)"
    r"(?: (?:worth|valued at|of|at|totall?ing))?(?: [^,;]{1,30}? (?:a|per) share| [^,;]{1,25}? (?:dlrs|dollars|stg|"
    r"pounds|francs|marks|yen|euros|pence|p)\b)? for\b"
)
_MERGE = rx(r"\b(?:merg(?:e|es|ed|ing)|mergers?|amalgamat(?:e|es|ed|ing|ion)|combination with)\b")
_STAKE = rx(
    r"\b(?:(?P<pct>\d{1,3}(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|"
    r"thirty|forty|fifty) ?(?:%|pct|per cent|percent) |(?P<size>minority|majority|controlling|small|"
    r"significant|substantial|strategic|large|sizeable|equity) )?(?:stake|stakes|holdings?|shareholdings?|"
    r"equity interest|interest|investment|investments|invests|invested|invest|investing|share)"
    # What may stand between the stake and its company: "stake or 5.1 mln shares in", "invested $5m in".
    r"(?: of \S+| or (?:about |some |nearly )?[\d.,]+ (?:mln |million )?(?:common |ordinary )?shares|"
    r"(?: about| some| nearly| over| an additional| another)? (?:[$£€¥]?\d[\d.,]*|a|an|one|two|three|four|five|"
    r"six|seven|eight|nine|ten)(?: ?(?:mln|million|billion|bln|bn|m|dlrs|dollars|stg|pounds|euros|yen|marks|"
    r"francs|crore)){0,3})?"
    # "a 50 pct interest of X" reads like "in X"; without a percentage "interest of" is something else.
    r" (?(pct)(?:in|of)|in)\b"
)
_PCT_OF = rx(
    r"\b(?:bought|buy|buys|buying|acquired|acquire|acquires|acquiring|purchased|purchase|subscribe to|"
    r"subscribed to|holds|held|owns|owned)(?: (?:an initial|an additional|another|an|a|about|some|up to|"
    r"approximately|nearly|over))?(?: [\w,.]+(?: mln| million| billion)?(?: dlrs| dollars| stg)?(?: worth)?"
    r"(?: of)?)?(?: (?:common|ordinary|preferred|treasury|new|newly-issued|class \w|outstanding|voting))* shares "
    r"(?:of|in)\b"
    r"|\b(?:sell|sells|selling|transfer|transfers|transferred|sale of|purchase of|acquisition of)\b"
    r"(?:[^.;]|\.(?=\d)){0,30}?\b(?P<spct>\d{1,3}(?:\.\d+)?) ?(?:%|pct|per cent|percent),? (?:stake )?(?:of|in)\b"
    r"|\b(?:own|owns|owned|owning|hold|holds|held|holding|control|controls|acquire|acquired|acquires|acquiring|"
    r"bought|buy|buys|purchase|purchased|took|take|takes|taken|raised|increased|lifted|boosted|sold)\b"
    r"(?:[^.;]|\.(?=\d)){0,60}?\b(?P<pct>\d{1,3}(?:\.\d+)?) ?(?:%|pct|per cent|percent),? (?:stake )?"
    r"(?:of|in)\b"
)
_FUNDING = rx(
    r"\b(?:rais(?:e|es|ed|ing)|secur(?:e|es|ed|ing)|clos(?:e|es|ed|ing)|land(?:s|ed|ing)?|bag(?:s|ged)?|"
    r"receiv(?:e|es|ed|ing)|pull(?:s|ed)? in|attract(?:s|ed)?)\b[^.;]{0,80}?\b(?:funding|financing|venture capital|"
    r"round|capital from|investment from|seed money|series [a-h]\d?)\b"
    r"|\b(?:series [a-h]\d?|seed|pre-seed|funding|venture|financing) (?:round|funding)\b"
    r"|\b(?:rights issue|private placement)\b"
)
_IPO = rx(
    r"\b(?:initial public (?:offering|share offering|shares|share sale)|(?-i:IPOs?)|flotation|"
    r"stock market (?:debut|listing|flotation)|go(?:es|ing)? public|went public|gone public|public listing|"
    r"float(?:s|ed|ing)? (?:its|on|in|shares|part)|to float\b|list(?:s|ed|ing)? (?:its )?shares)"
)
_SPIN = rx(
    r"\b(?:spin(?:s|ning)? off|spun off|spin-offs?|spinoffs?|spin(?:s|ning)? out|spun out|spin-outs?|"
    r"demerg(?:e|es|ed|er|ing)|carve-outs?|carv(?:e|es|ed|ing) out)\b"
)
_SELL = rx(
    r"\b(?:sell|sells|selling|sold|divest(?:s|ed|ing)?|dispos(?:e|es|ed|ing) of|offload(?:s|ed|ing)?|"
    r"unload(?:s|ed|ing)?|hiv(?:e|es|ed|ing) off|(?:sale|disposal|disposition|divestiture|divestment) of)\b"
)
_OFFER_RECEIVED = rx(
    r"\b(?:received|receives|receiving|rejected|rejects|rejecting|rebuffed|accepted|accepts|accepting|turned down|"
    r"spurned|welcomed|reviewing|considering|studying|got|gets)(?: [\w$.,'/-]+){0,6}? "
    r"(?P<takeover>(?:takeover|merger|acquisition|buyout|tender) )?(?:offer|bid|proposal|approach)s?\b"
)
_TAKEOVER_BY = rx(
    r"\b(?:(?:takeover|take-over|tender|buyout|buy-out|acquisition|merger) (?:offer|bid|proposal|approach)s?|"
    r"takeover|take-over|buyout|buy-out|acquisition) (?:by|from)\b|"
    r"\b(?:takeover|take-over|acquisition|buyout) (?:target|candidate) (?:of|for)\b|"
    r"\b(?P<plain>(?:sweetened |unsolicited |hostile |revised |higher |new |rival )?(?:offer|bid|proposal) from|"
    r"offered by)\b"
)
_MADE_BID = rx(
    r"\b(?:made|makes|making|launched|launches|launching|submitted|raised|sweetened|increased|extended|began|"
    r"begun|commenced|announced|renewed)\b (?:a|an|its|the|their) (?:[\w$.,/-]+ ){0,6}?"
    r"(?P<takeover>(?:takeover|merger|acquisition|buyout|tender) )?(?:bid|offer|proposal)\b"
)
_SEEK_BUYER = rx(
    r"\b(?:seek\w*|find|finding|look\w* for|solicit\w*|explor\w*|sought) (?:a |potential |possible |new )?"
    r"(?:buyers?|purchasers?|acquirers?) (?:for|of)\b|\b(?:proposed |potential )?(?:purchaser|buyer) of\b|"
    r"\bput (?:\S+ ){1,4}up for sale\b|\bfor sale\b"
)
_SERIES = rx(r"\b(?:series of|acquisitions|purchases|takeovers)\b")
_TAKEOVER_WORD = rx(r"\b(?:takeover|take-over|tender|buyout|merger|acquisition|sweetened|unsolicited|hostile)\b")
_BUSINESS_SUBJECT = rx(
    r"\bthe (?:company|firm|airline|bank|group|carrier|maker|concern|unit|subsidiary|division|business|operator|"
    r"retailer|chain|insurer|publisher|utility|railroad)(?:'s)?\b"
)
_GO_PRIVATE = rx(
    r"\b(?:take|takes|taking|took|taken) (?:\S+ ){1,2}private\b|\bgo(?:es|ing)? private\b|"
    r"\b(?:leveraged|management) buy-?outs?\b"
)
_PROPER_NAME = re.compile(r"\b(?:the|its) (?:[A-Z][\w&'-]+\s+){0,3}[A-Z][\w&'-]+\s+from\b")
_IT_BEFORE = rx(r"\b(?:it|they)\b")
_PAY_FOR = rx(
    r"\b(?:pay|pays|paid|paying|spend|spent|spending) (?:about |some |nearly |up to |approximately )?"
    r"(?:[$£€¥]?[\d.,]+|a|one|two|three|four|five|six|seven|eight|nine|ten)(?: (?:mln|million|billion|bln|bn|m))?"
    r"(?: (?:dlrs|dollars|stg|pounds|euros|yen|marks|francs))? (?:in cash )?for\b"
)
_PER_SHARE = rx(r"\b(?:per|a) share\b")
_PAIR_GAP = rx(r"(?:'s)?(?: \w+){0,8} ")
_PARTNER = rx(
    r"\b(?:joint ventures?|joint-ventures?|alliance|strategic partnership|partnership|tie-up|"
    r"partner(?:s|ed|ing)? with|team(?:s|ed|ing)? up with|join(?:s|ed|ing)? forces with)\b"
)

# Not deals: a company buying back its own shares, denying or ruling out a deal.
_BUYBACK = rx(r"^(?:[-\s]?backs?\b| (?:\S+ ){0,4}back\b)|^ (?:its|their) own (?:shares|stock)")
# Patterns below are used with `match(text, pos)`, which anchors at `pos` by itself.
_BY_AFTER = rx(r" (?:\S+ ){0,3}?by\b")
_PARTNER_AFTER = rx(r" (?:\S+ ){0,6}?(?:with|between|of|into)\b")
_OF_OR_BY = rx(r" (?:of|by) ")
_OF = rx(r" of ")
_FROM_AFTER = rx(r" (?:\S+ ){0,2}?from ")
_SELL_OFF = rx(r"[-\s]off\b")
_PARTICIPLE = rx(r"bought|acquired|purchased|taken over|snapped up|swallowed up|absorbed")
# "an HP printer", "Apple computers": the company names a product being bought, not a company being bought.
_PRODUCT_AFTER = rx(
    r"(?:'s)? (?:\w+ )?(?:printers?|computers?|pcs?|laptops?|phones?|handsets?|smartphones?|software|products?|"
    r"chips?|cars?|vehicles?|machines?|devices?|tablets?|consoles?|games?|tickets?|music|songs?|ads?|"
    r"advertising|equipment|models?|gadgets?|players?|stock|shares|bonds|goods|drinks?|beers?|food|fuel|oil)\b"
)
_PARTICIPLE_LEAD = rx(r"(?:,|\b(?:which|that)(?: was| were)?) ?$")
_POSSESSED_THING = rx(r"'s? (?!shares|stock|capital|equity|common|ordinary|preferred|convertible|class|\d)\w")
_DETERMINER_BEFORE = rx(r"\b(?:the|a|its|their|this|that) $")
# A company owning part of another is a state, not news, unless the sentence says it changed or was disclosed.
_OWNERSHIP_VERB = rx(r"\b(?:own|owns|owned|owning|hold|holds|held|holding|control|controls|controlled)\b")
_OWNERSHIP_NEWS = rx(
    r"\b(?:now|SEC|Securities and Exchange|filing|filed|told|raised|increased|boosted|lifted|acquired|bought|"
    r"purchased|built|took|taken)\b"
)
# Results and accounting notes mention deals in passing ("restated to reflect the merger", "a gain on the sale of
# its unit"); the deal there is background to the figures, not the news.
_RESULTS = rx(
    r"\b(?:net (?:income|profit|loss|earnings)|earnings|profits?|results|restated?|restatement|gain (?:of|on|from)|"
    r"charge|dilute|dilution|pretax|pre-tax|write-?(?:off|down)|extraordinary|(?-i:NOTE)|qtr|shr|cts)\b"
)
_ACCOUNTING_NOTE = rx(r"\b(?:(?-i:NOTE)|restated?|restatement|reflects?)\b")
# ...unless the deal itself moves in the sentence: agreed, signed, offered, completed.
_DEAL_NEWS = rx(
    r"\b(?:agree[sd]?|agreement|letter of intent|signed|tender|offer(?:ed)?|completed|intends? to|plans? to|"
    r"will (?:buy|acquire|sell|merge)|to (?:buy|acquire|sell|merge))\b"
)
_CONTROL = rx(
    r"\b(?:majority|controlling|remaining|rest|(?:5[1-9]|[6-9]\d|100)(?:\.\d+)? ?(?:%|pct|per ?cent)|"
    r"(?:does|did) not (?:already )?own)\b"
)
_SALE_BEFORE = rx(
    r"\b(?:sell|sells|sold|selling|sale of|dispos\w+ of|offload\w*|divest\w*|cut|reduced)\b(?: \S+){0,6} $"
)
_BUY_BEFORE = rx(
    r"\b(?:buy|buys|bought|buying|acquire[sd]?|acquiring|purchase[sd]?|take|takes|took|taken|taking)\b(?: \S+){0,6} $"
)
# Goods and currencies change hands every day; buying or selling them is trade, not a deal.
_GOODS = rx(
    r"\b(?:tonnes|tons|barrels|bpd|ounces|bushels|kilos|cargoes|dollars|dlrs|yen|marks|currenc(?:y|ies)|crude|"
    r"wheat|grain|sugar|coffee|cocoa|corn|soybeans?|licen[cs]es|cars|vehicles|tickets|bonds|debt|notes|paper|"
    r"securities|futures|options|supercomputers|computers)\b"
)
# A deal in a condition is not news: "if Pubco is acquired", "whether it will merge".
_CONDITIONAL = rx(r"\b(?:if|unless|whether|in the event|should it|would be willing)\b")
_NOUN_BEFORE_PURCHASE = rx(
    r"\b(?:stock|share|asset|right|rights|the|a|an|its|their|this|that|any|government|each)[ -]$"
)
# Between "acquisition of" and its company only a short noun phrase fits; a list or a new verb means the
# company belongs to something else ("purchase of supercomputers and expanding access to X").
_LOOSE_GAP = rx(r"\b(?:to|with|as|than)\b|\b(?:and|or) \w+ing\b")
_MODIFIED_GOODS = rx(
    r" (?:\w+ )?(?:tonnes|barrels|wheat|grain|corn|soybeans?|beans|sugar|coffee|cocoa|crude|bonds?|treasur(?:y|ies)|"
    r"dollars?|dlrs|currency|chips|markets?|economy|government|exports|imports|crops?|trade|real estate|property)\b"
)
_OBJECT_END = rx(r"\b(?:for|at|from|to|in|into|on|with)\b")
_SELL_VERB = rx(r"(?:sell|sells|selling|sold|transfer\w*|sale of)\b")
_BUY_VERB = rx(r"(?:buy|buys|bought|buying|acquire[sd]?|acquiring|purchase[sd]?|subscribe)\b")
_A_BEFORE = rx(r"\b(?:an?|some|new|used|cheap|more) $")
_NEGATED = rx(
    r"\b(?:no plans?|not (?:plan|planning|intend|interested|considering|be selling|sell|buy)|denied|denies|deny|"
    r"ruled out|rules out|no intention|dismissed|unlikely to)\b"
)
# Things a company raises that are not equity: debt is a loan or bond issue, not a funding round.
_DEBT = rx(r"\b(?:debt|loans?|credit|bonds?|notes|debentures|mortgages?|facility|borrow\w*|paper)\b")
_STAKE_WORDS = rx(r"\b(?:stake|pct|percent|per cent|minority|holding|shareholding|interest in)\b|%")
_SHARES = rx(r"\bshares\b")
_ALL_SHARES = rx(r"\ball (?:of )?(?:the |its )?(?:[\w-]+ ){0,3}(?:shares|stock)\b")
_SHARES_OF_NAMED = rx(r"(?:'s)? (?:common |ordinary |preferred |class \w )?(?:shares|stock)\b")
# A buyer the text describes without naming: the deal is still news, with the target as its only party.
_GENERIC_BUYER = rx(
    r"\b(?:investor group|group of investors|investors?|consortium|buyer|bidder|partnership|management group|"
    r"(?:a|an|the) (?:\w+ )?group)\b"
)
_PASSIVE_BEFORE = rx(r"\b(?:was|were|is|are|be|been|being|get|gets|got|had been|has been|have been)(?: \w+)? $")
_VALUATION_CUE = rx(r"\b(?:valued at|valuing (?:\S+ ){0,3}at|valuation of|values (?:\S+ ){0,3}at)\b")
_AMOUNT_CUE = rx(
    r"\b(?:for|worth|paid|pay|paying|price of|priced at|cost|raise[sd]?|raising|totall?ing|deal|offer|bid|"
    r"in cash|invest(?:ed|s|ing)?|at|of)\b"
)
_NOT_AMOUNT_CUE = rx(
    r"\b(?:sales|revenues?|profits?|turnover|earnings|loss(?:es)?|assets|income|debts?|market value|"
    r"capitali[sz]ation)\b"
)
_ROUND = rx(r"\b(series [a-h]\d?|pre-seed|seed)\b")
_INVESTOR_WORDS = "led by|from|including|backed by|participation from|investors such as|with"
_VERB_FORM_SPIN = rx(r"(?:\bto|\bwill|\bwould|\bcan|\bcould|\bmay|\bmight|\band|\bplans to|\bplanned to) $")


def _past(word: str) -> bool:
    return bool(re.search(r"(?:ed|ought|old|ook|aken|un|ent|one)\b", word, re.IGNORECASE))


def _parties(*pairs: tuple[CompanyCandidate | None, PartyRole]) -> list[Party]:
    """Party list without gaps or repeats: a company plays one role in one deal."""
    seen: set[int] = set()
    out: list[Party] = []
    for company, role in pairs:
        if company is not None and id(company) not in seen:
            seen.add(id(company))
            out.append((company, role))
    return out


def _company(named: Named | None) -> CompanyCandidate | None:
    return None if named is None else named.company


# --- the rules, one per shape of sentence ------------------------------------------------------------------------


def _acquire_verb(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    text = sentence.text
    start, end = match.span()
    after = text[end : end + 60]
    if _BUYBACK.match(after):
        return []
    if _DETERMINER_BEFORE.search(text, max(0, start - 6), start):
        return []  # "the purchase of": a noun, read by the noun rule
    if match.group(0).lower().startswith("purchase") and _NOUN_BEFORE_PURCHASE.search(text, max(0, start - 12), start):
        return []  # "a stock purchase right"
    by = _BY_AFTER.match(text, end)
    participle = _PARTICIPLE.fullmatch(match.group(0)) is not None
    if participle and (by or _PASSIVE_BEFORE.search(text, max(0, start - 30), start)):
        # "Y was bought by X", "Y, acquired by X in 2004": the subject is the target.
        clause_start = sentence.clause_start(start)
        before = [named for named in sentence.mentions if clause_start <= named.start and named.end <= start]
        # The thing bought must be named in the clause: "shares remain to be purchased" is no company's sale.
        target, sure = (before[-1].company, 0.9) if before else (None, 0.0)
        if target is None and _IT_BEFORE.search(text, clause_start, start):
            target = sentence.speaker_before(clause_start)  # "X said it agreed to be bought by Y"
            sure = 0.8
        acquirer = _company(sentence.object_after(by.end(), window=40)) if by else None
        if (
            target is None
            and acquirer is not None
            and _BUSINESS_SUBJECT.search(text, sentence.clause_start(start), start)
        ):
            # "the airline's agreement to be acquired by X": the target is described, not named.
            return [_Found(DealKind.ACQUISITION, [(acquirer, PartyRole.ACQUIRER)], start, end, 0.5, past=True)]
        if target is None or target is acquirer:
            return []
        found = _parties((acquirer, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
        return [_Found(DealKind.ACQUISITION, found, start, end, 0.8 * sure, past=True)]
    target = sentence.object_after(end)
    gap = text[end : target.start if target else min(len(text), end + 60)]
    if _trades_goods(text, end, target.start if target else len(text)):
        return []
    if _STAKE_WORDS.search(gap) or (_SHARES.search(gap) and not _ALL_SHARES.search(gap)):
        return []  # a stake: the stake rule reads it
    acquirer, sure = sentence.subject_before(start)
    if target is not None and _SHARES_OF_NAMED.match(text, target.end) and not _ALL_SHARES.search(gap):
        # "bought 1.3 mln X common shares": a stake in X, not X itself.
        investor = None if acquirer is target.company else acquirer
        parties = _parties((investor, PartyRole.INVESTOR), (target.company, PartyRole.INVESTEE))
        return [_Found(DealKind.INVESTMENT, parties, start, end, 0.75 * max(sure, 0.7), past=_past(match.group(0)))]
    relative = sentence.relative_object_before(start)
    seller: CompanyCandidate | None = None
    if relative is not None and target is None:
        target = relative
    elif target is not None and rx(r"\bfrom\b").search(gap):
        # "buy the unit from Z", "buy the Houston Chronicle from Z": Z sells; "buy chips from Z" is trade.
        if not (CORPORATE_NOUN.search(gap) or _PROPER_NAME.search(gap)):
            return []
        seller, target = target.company, None
    if target is None and seller is None and not names_a_business(text, end):
        return []
    if acquirer is None and not _GENERIC_BUYER.search(text, 0, start):
        return []  # "the car-buying website X": no buyer, no deal; "an investor group agreed to buy X" is one
    if target is not None and _names_a_product(sentence, target):
        return []
    if target is not None and seller is None:
        seller = _company(sentence.named_after_word(target.end, "from", window=40))
    targets = sentence.coordinated(target) if target is not None else [None]
    found = []
    for each in targets:
        company = _company(each)
        if company is acquirer and company is not None:
            continue
        parties = _parties((acquirer, PartyRole.ACQUIRER), (company, PartyRole.TARGET), (seller, PartyRole.SELLER))
        if parties:
            confidence = 0.9 * (sure or 0.6) * (1.0 if company is not None else 0.7)
            found.append(_Found(DealKind.ACQUISITION, parties, start, end, confidence, past=_past(match.group(0))))
    return found


def _trades_goods(text: str, end: int, stop: int) -> bool:
    """True when the verb's object (the words before any "for", "to", "from") is goods or money."""
    head = text[end : min(stop, end + 40)]
    cut = _OBJECT_END.search(head)
    head = head[: cut.start()] if cut else head
    return bool(_GOODS.search(head)) and not CORPORATE_NOUN.search(head)


def _names_a_product(sentence: DealSentence, named: Named) -> bool:
    """ "bought an HP printer", "buy Apple computers", "sell U.S. wheat": the name only qualifies what is traded."""
    text = sentence.text
    return bool(_PRODUCT_AFTER.match(text, named.end) or _MODIFIED_GOODS.match(text, named.end)) or bool(
        _A_BEFORE.search(text, max(0, named.start - 12), named.start)
    )


def _acquire_noun(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    start, end = match.span()
    target = sentence.object_after(end, window=60)
    if target is None:
        return _unnamed_purchase(sentence, match)
    gap = sentence.text[end : target.start]
    if re.search(r"\b(?:sale|buy-?back)\b", gap, re.IGNORECASE) or _LOOSE_GAP.search(gap):
        return []
    partial = _STAKE_WORDS.search(gap) or (_SHARES.search(gap) and not _ALL_SHARES.search(gap))
    kind = DealKind.ACQUISITION
    if partial and not _CONTROL.search(gap):
        kind = DealKind.INVESTMENT  # "a bid for 20 pct of Y": a stake, unless it gives control
    by = sentence.named_after_word(target.end, "by", window=30)
    acquirer, sure = (by.company, 1.0) if by else sentence.subject_before(start)
    found = []
    for each in sentence.coordinated(target):
        if each.company is acquirer:
            continue
        if kind == DealKind.INVESTMENT:
            parties = _parties((acquirer, PartyRole.INVESTOR), (each.company, PartyRole.INVESTEE))
        else:
            parties = _parties((acquirer, PartyRole.ACQUIRER), (each.company, PartyRole.TARGET))
        found.append(_Found(kind, parties, start, end, 0.85 * max(sure, 0.7)))
    return found


def _unnamed_purchase(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    """ "X completed the acquisition of the Y casino hotel from Z": a business changes hands, unnamed."""
    text = sentence.text
    start, end = match.span()
    if not names_a_business(text, end) or _trades_goods(text, end, len(text)):
        return []
    if _SERIES.search(text, max(0, start - 15), end):
        return []  # "a series of acquisitions of small firms": a habit, not a deal
    acquirer, sure = sentence.subject_before(start)
    seller = _company(sentence.named_after_word(end, "from", window=100))
    if acquirer is None or acquirer is seller:
        return []
    parties = _parties((acquirer, PartyRole.ACQUIRER), (seller, PartyRole.SELLER))
    return [_Found(DealKind.ACQUISITION, parties, start, end, 0.6 * sure)]


def _merge(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    text = sentence.text
    start, end = match.span()
    word = match.group(0).lower()
    named: list[CompanyCandidate] = []
    pair = sentence.coordinated_before(start) or sentence.coordinated_speakers(start)
    if pair and _PAIR_GAP.fullmatch(text, pair[-1].end, start):
        named = [each.company for each in pair]  # "A and B agreed to merge", "A and B said they will merge"
    else:
        subject, _ = sentence.subject_before(start)
        if subject is not None:
            named.append(subject)
        following = sentence.named_after_word(end - 1, "with|of|between|from|and|to|into", window=70)
        if following is None and word.startswith("merg") and not word.startswith("merger"):
            following = sentence.object_after(end, window=50)  # "merge its X unit with Y"
        if following is not None:
            named.extend(each.company for each in sentence.coordinated(following))
    parties = _parties(*((company, PartyRole.MERGER_PARTY) for company in named))
    explicit_partner = _PARTNER_AFTER.match(text, end)
    if len(parties) < 2 and not (parties and explicit_partner):
        return []
    return [_Found(DealKind.MERGER, parties, start, end, 0.85 if len(parties) > 1 else 0.6, past=word == "merged")]


def _stake(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    text = sentence.text
    start, end = match.span()
    investee = sentence.object_after(end, window=80)
    if investee is None:
        return _unnamed_stake(sentence, match)
    if _POSSESSED_THING.match(text, investee.end) or _MODIFIED_GOODS.match(text, investee.end):
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
    if selling:
        buyer = _company(sentence.named_after_word(investee.end, "to", window=60))
        if buyer is None:
            parties = _parties((subject, PartyRole.SELLER), (investee.company, PartyRole.TARGET))
            return [_Found(DealKind.DIVESTMENT, parties, start, end, 0.75 * max(sure, 0.7))]
        role_kind = DealKind.ACQUISITION if control else DealKind.INVESTMENT
        buyer_role = PartyRole.ACQUIRER if control else PartyRole.INVESTOR
        target_role = PartyRole.TARGET if control else PartyRole.INVESTEE
        parties = _parties((buyer, buyer_role), (investee.company, target_role), (subject, PartyRole.SELLER))
        return [_Found(role_kind, parties, start, end, 0.8 * max(sure, 0.7))]
    if subject is investee.company:
        return []  # "X will retain 42% of X's unit" or its own shares: no deal between two parties
    bought = _BUY_BEFORE.search(text, max(0, start - 60), start) or _BUY_VERB.match(text, start)
    if subject is None and not (bought or _OWNERSHIP_NEWS.search(text)):
        return []
    if control:
        parties = _parties((subject, PartyRole.ACQUIRER), (investee.company, PartyRole.TARGET))
        return [_Found(DealKind.ACQUISITION, parties, start, end, 0.8 * max(sure, 0.7))]
    parties = _parties((subject, PartyRole.INVESTOR), (investee.company, PartyRole.INVESTEE))
    return [_Found(DealKind.INVESTMENT, parties, start, end, 0.8 * max(sure, 0.7))]


def _unnamed_stake(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    """ "X sold its controlling interest in its French unit to Z": a stake changes hands, its company unnamed."""
    text = sentence.text
    start, end = match.span()
    if not names_a_business(text, end):
        return []
    subject, sure = sentence.subject_before(start)
    if subject is None:
        return []
    if _SALE_BEFORE.search(text, max(0, start - 60), start):
        buyer = _company(sentence.named_after_word(end, "to", window=100))
        if buyer is subject:
            buyer = None
        parties = _parties((buyer, PartyRole.ACQUIRER), (subject, PartyRole.SELLER))
        kind = DealKind.ACQUISITION if buyer is not None else DealKind.DIVESTMENT
        return [_Found(kind, parties, start, end, 0.6 * sure)]
    if _BUY_BEFORE.search(text, max(0, start - 60), start):
        return [_Found(DealKind.INVESTMENT, [(subject, PartyRole.INVESTOR)], start, end, 0.6 * sure)]
    return []


def _funding(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    text = sentence.text
    start, end = match.span()
    if _DEBT.search(text, max(0, start - 40), min(len(text), end + 60)):
        return []
    investee, sure = sentence.subject_before(start)
    if investee is None:
        return []
    investors = [
        named.company
        for first in filter(None, [sentence.named_after_word(start, _INVESTOR_WORDS, window=140)])
        for named in sentence.coordinated(first)
    ]
    parties = _parties((investee, PartyRole.INVESTEE), *((company, PartyRole.INVESTOR) for company in investors))
    found_round = _ROUND.search(text)
    round_name = None
    if found_round:
        round_name = found_round.group(1).title() if found_round.group(1).lower() != "pre-seed" else "Pre-seed"
    return [_Found(DealKind.FUNDING_ROUND, parties, start, end, 0.75 * sure, round=round_name)]


def _ipo(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    text = sentence.text
    start, end = match.span()
    if rx(r"\b(?:secondary|debt|notes|debentures|bonds?)\b").search(text, end, min(len(text), end + 40)):
        return []
    of = _OF_OR_BY.match(text, end)
    issuer = _company(sentence.object_after(of.end(), window=40)) if of else None
    sure = 1.0
    if issuer is None:
        issuer, sure = sentence.subject_before(start)
    if issuer is None:
        return []
    word = match.group(0).lower()
    past = bool(re.search(r"\b(?:went|gone|floated|listed)\b", word))
    return [_Found(DealKind.IPO, [(issuer, PartyRole.ISSUER)], start, end, 0.75 * sure, past=past)]


def _spin(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    text = sentence.text
    start, end = match.span()
    word = match.group(0).lower()
    from_parent = _FROM_AFTER.match(text, end)
    if from_parent:
        # "Opera began life as a spin-off from Telenor": the subject is the spun-off company.
        parent = _company(sentence.object_after(from_parent.end(), window=50))
        child, sure = sentence.subject_before(start)
        if child is None:
            # "Opera began life as a research project - a spin-off from Telenor": an apposition past a dash.
            before = [named for named in sentence.mentions if named.end <= start]
            child, sure = (before[-1].company, 0.8) if before else (None, 0.0)
        parties = _parties((parent, PartyRole.PARENT), (child, PartyRole.SPUN_OFF))
        if not parties or parent is None:
            return []
        return [_Found(DealKind.SPIN_OFF, parties, start, end, 0.8 * max(sure, 0.7), past=True)]
    is_verb = " " in word or "\n" in word or bool(_VERB_FORM_SPIN.search(text, max(0, start - 20), start))
    is_verb = is_verb or word.startswith(("demerge", "carv"))
    of = _OF.match(text, end)
    child_named = sentence.object_after(end, window=70) if is_verb else None
    if of:
        child_named = sentence.object_after(of.end(), window=50)
    parent, sure = sentence.subject_before(start)
    child = _company(child_named)
    if child is parent:
        child = None
    if parent is None and child is None:
        return []
    if child is None and not (is_verb or of):
        return []  # "the spin-off is a bold move": a reference back, not a statement of the deal
    parties = _parties((parent, PartyRole.PARENT), (child, PartyRole.SPUN_OFF))
    return [_Found(DealKind.SPIN_OFF, parties, start, end, 0.85 * max(sure, 0.7), past=word in {"spun off"})]


def _sell(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    text = sentence.text
    start, end = match.span()
    word = match.group(0).lower()
    if _SELL_OFF.match(text, end) and word in {"sell", "sells", "selling"}:
        return []  # a market sell-off
    buyer_named = sentence.named_after_word(end, "to", window=110)
    by = _BY_AFTER.match(text, end)
    if word in {"sold", "divested", "offloaded", "unloaded"} and (
        by or _PASSIVE_BEFORE.search(text, max(0, start - 30), start) or _is_passive_participle(sentence, start)
    ):
        return _sold_passive(sentence, match, buyer_named, by)
    target_named = sentence.object_after(end, window=90)
    if _trades_goods(text, end, target_named.start if target_named else len(text)):
        return []
    if target_named is not None and buyer_named is not None and target_named.start >= buyer_named.start:
        target_named = None  # the first company after "sold ... to" is the buyer
    gap_end = target_named.start if target_named else min(len(text), end + 60)
    gap = text[end:gap_end]
    if _STAKE_WORDS.search(gap):
        return []  # a stake sale: the stake rule reads it
    if target_named is not None and _names_a_product(sentence, target_named):
        return []
    relative = sentence.relative_object_before(start)
    if target_named is None and relative is not None:
        target_named = relative
    seller, sure = sentence.subject_before(start)
    target = _company(target_named)
    buyer = _company(buyer_named)
    if target is None and (not names_a_business(text, end) or _SHARES.search(gap)):
        return []  # "sells cars to", "sold shares": trade, not a deal
    if seller is target or seller is buyer:
        seller = None
    if target is None and seller is None and buyer is None:
        return []
    parties = _parties((buyer, PartyRole.ACQUIRER), (target, PartyRole.TARGET), (seller, PartyRole.SELLER))
    kind = DealKind.ACQUISITION if buyer is not None else DealKind.DIVESTMENT
    return [_Found(kind, parties, start, end, 0.8 * max(sure, 0.6), past=_past(word))]


def _sold_passive(
    sentence: DealSentence, match: re.Match[str], buyer_named: Named | None, by: re.Match[str] | None
) -> list[_Found]:
    """ "Y was sold to Z", "Y, sold by X last year": the company before the verb is what was sold."""
    start, end = match.span()
    clause_start = sentence.clause_start(start)
    before = [named for named in sentence.mentions if clause_start <= named.start and named.end <= start]
    if not before:
        return []  # "cars sold by X": what was sold is not a company
    target = before[-1].company
    seller = _company(sentence.object_after(by.end(), window=40)) if by else None
    buyer = _company(buyer_named)
    if target is buyer or target is seller:
        return []
    parties = _parties((buyer, PartyRole.ACQUIRER), (target, PartyRole.TARGET), (seller, PartyRole.SELLER))
    kind = DealKind.ACQUISITION if buyer is not None else DealKind.DIVESTMENT
    return [_Found(kind, parties, start, end, 0.75, past=True)]


def _is_passive_participle(sentence: DealSentence, start: int) -> bool:
    """ "Y, sold to Z last year": a participle right after the company, no subject pronoun between."""
    before = sentence.text[max(0, start - 25) : start]
    return bool(_PARTICIPLE_LEAD.search(before)) and any(0 <= start - named.end <= 3 for named in sentence.mentions)


def _offer_received(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    """ "X received a takeover offer from Y", "X rejected Y's bid": the subject is the target, the other the bidder."""
    text = sentence.text
    start, end = match.span()
    target, sure = sentence.subject_before(start)
    bidder_named = sentence.named_after_word(end, "from|by", window=110)
    possessive = [named for named in sentence.mentions if start < named.start < end]
    bidder = _company(bidder_named) or (possessive[-1].company if possessive else None)
    if target is None or target is bidder:
        return []
    if bidder is None and not match.group("takeover"):
        return []
    takeover = match.group("takeover") or _PER_SHARE.search(text, end, min(len(text), end + 110))
    if not takeover:
        return []
    parties = _parties((bidder, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
    return [_Found(DealKind.ACQUISITION, parties, start, end, 0.75 * sure)]


def _takeover_by(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    """ "a hostile takeover offer by Y (for X)": Y bids; the target follows "for" or is the clause's subject."""
    start, end = match.span()
    bidder_named = sentence.object_after(end, window=40)
    if bidder_named is None:
        return []
    if match.group("plain") and not (_PER_SHARE.search(sentence.text) or _TAKEOVER_WORD.search(sentence.text)):
        return []  # "an offer from X" is a takeover only with per-share terms or takeover words about
    target_named = sentence.named_after_word(bidder_named.end, "for", window=40)
    target, sure = (target_named.company, 1.0) if target_named else sentence.subject_before(start)
    if target is None or target is bidder_named.company:
        return []
    parties = _parties((bidder_named.company, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
    return [_Found(DealKind.ACQUISITION, parties, start, end, 0.75 * sure)]


def _made_bid(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    """ "Y made a 50 dlrs a share unsolicited bid (for X)": a bid is a takeover when its terms are per share."""
    text = sentence.text
    start, end = match.span()
    bidder, sure = sentence.subject_before(start)
    if bidder is None:
        return []
    target_named = sentence.named_after_word(end, "for", window=60)
    target = _company(target_named)
    if target is None and not (match.group("takeover") or _PER_SHARE.search(text, start, end)):
        return []
    if target is bidder:
        return []
    parties = _parties((bidder, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
    return [_Found(DealKind.ACQUISITION, parties, start, end, 0.7 * sure)]


def _seek_buyer(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    """ "X retained a bank to seek a buyer for Y", "X put its Y unit up for sale": a divestment in the making."""
    start, end = match.span()
    seller, sure = sentence.subject_before(start)
    target = _company(sentence.object_after(end, window=60)) if not match.group(0).lower().endswith("sale") else None
    if target is None and match.group(0).lower().endswith("sale"):
        target = _company(sentence.object_after(sentence.clause_start(start), window=max(0, start - 1)))
    if seller is target:
        seller = None
    if seller is None and target is None:
        return []
    parties = _parties((target, PartyRole.TARGET), (seller, PartyRole.SELLER))
    return [_Found(DealKind.DIVESTMENT, parties, start, end, 0.6 * max(sure, 0.7))]


def _go_private(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    """ "Owners offered to take the company private", "a leveraged buyout of X": the company is bought out."""
    start, end = match.span()
    target_named = sentence.named_after_word(end, "of|for", window=40)
    target, sure = (target_named.company, 1.0) if target_named else sentence.subject_before(start)
    if target is None:
        return []
    return [_Found(DealKind.ACQUISITION, [(target, PartyRole.TARGET)], start, end, 0.6 * sure)]


def _pay_for(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
    """ "X agreed to pay 3.5 mln dlrs for the Y sawmill / for Z": a purchase stated by its price."""
    text = sentence.text
    start, end = match.span()
    acquirer, sure = sentence.subject_before(start)
    if acquirer is None:
        return []
    target_named = sentence.object_after(end, window=50)
    target = _company(target_named)
    if target is None and not names_a_business(text, end):
        return []
    if target is not None and (target is acquirer or _names_a_product(sentence, target_named)):
        return []
    parties = _parties((acquirer, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
    return [_Found(DealKind.ACQUISITION, parties, start, end, 0.6 * sure)]


def _partner(sentence: DealSentence, match: re.Match[str]) -> list[_Found]:
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
    parties = _parties(*((company, PartyRole.PARTNER) for company in named))
    if len(parties) < 2:
        return []
    return [_Found(DealKind.PARTNERSHIP, parties, start, end, 0.7)]


_Rule = Callable[[DealSentence, re.Match[str]], list[_Found]]

# Each rule with the plain words one of which must occur (lower-cased) before its expression is even tried:
# substring tests cost little, and most sentences with some deal word have none of most rules' words.
_RULES: tuple[tuple[tuple[str, ...], re.Pattern[str], _Rule], ...] = (
    (("spin", "spun", "demerg", "carve"), _SPIN, _spin),
    (("merg", "amalgamat", "combination"), _MERGE, _merge),
    (("takeover", "take-over", "tender", "buyout", "buy-out", "acquisition", "offer", "bid", "proposal"),
     _TAKEOVER_BY, _takeover_by),
    (("bid", "offer", "proposal"), _MADE_BID, _made_bid),
    (("private", "buyout", "buy-out"), _GO_PRIVATE, _go_private),
    (("pay", "paid", "spen"), _PAY_FOR, _pay_for),
    (("buyer", "purchaser", "acquirer", "for sale"), _SEEK_BUYER, _seek_buyer),
    (("offer", "bid", "proposal", "approach"), _OFFER_RECEIVED, _offer_received),
    (("takeover", "take-over", "acquisition", "purchase", "buyout", "buy-out", "bid", "offer", "tender", "proposal",
      "approach"), _ACQUIRE_NOUN, _acquire_noun),
    (("buy", "bought", "acqui", "purchas", "over", "snap", "swallow", "absorb", "control of"),
     _ACQUIRE_VERB, _acquire_verb),
    (("stake", "holding", "interest", "invest", "share in", "share of"), _STAKE, _stake),
    (("%", "pct", "cent", "shares of", "shares in"), _PCT_OF, _stake),
    (("sell", "sold", "divest", "dispos", "offload", "unload", "hive", "sale"), _SELL, _sell),
    (("funding", "financing", "venture", "round", "capital from", "investment from", "seed", "series",
      "rights issue", "placement"), _FUNDING, _funding),
    (("initial public", "ipo", "flotation", "float", "stock market", "public", "list"), _IPO, _ipo),
    (("joint", "alliance", "partner", "tie-up", "team", "forces"), _PARTNER, _partner),
)  # fmt: skip


def _literal_alternation(words: tuple[str, ...] | set[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


# All the rules' words as one plain alternation, searched in the lower-cased sentence: no word boundaries, no case
# folding, so the regular expression engine scans for literals, which it does fast.
_TRIGGER_WORDS = _literal_alternation({word for words, _, _ in _RULES for word in words})
# The same words for the rule-by-rule test: each looked up once per sentence (rules share many of them).
_ALL_RULE_WORDS = tuple(sorted({word for words, _, _ in _RULES for word in words}))
_RULE_WORD_SETS = tuple(frozenset(words) for words, _, _ in _RULES)


# --- money, status and the candidate -----------------------------------------------------------------------------


def _valuation(sentence: DealSentence, money: list[Money]) -> Money | None:
    for each in money:
        if _VALUATION_CUE.search(sentence.text, max(0, each.start - 40), each.start) and not each.per_share:
            return each
    return None


def _amount(sentence: DealSentence, money: list[Money], found: _Found, valuation: Money | None) -> Money | None:
    """The deal's value: a sum after the verb, introduced as a price ("for", "worth"), not a company's sales."""
    candidates = [each for each in money if each is not valuation and not each.per_share]
    for each in candidates:
        lead = sentence.text[max(0, each.start - 35) : each.start]
        if _NOT_AMOUNT_CUE.search(lead):
            continue
        if each.start >= found.trigger_start - 40 and _AMOUNT_CUE.search(lead):
            return each
    return None


def _candidate(
    sentence: DealSentence, found: _Found, money: list[Money], published_on: date | None
) -> tuple[DealCandidate, bool]:
    text = sentence.text
    clause = sentence.clause_start(found.trigger_start)
    wording = text[max(clause - 60, 0, found.trigger_start - 160) : min(len(text), found.trigger_end + 60)]
    status, explicit = status_from_wording(wording, past_default=found.past)
    valuation = _valuation(sentence, money)
    amount = _amount(sentence, money, found, valuation)
    deal = DealCandidate(
        kind=found.kind,
        status=status,
        parties=tuple(PartyCandidate(name=company.name, key=company.key, role=role) for company, role in found.parties),
        evidence=Span(start=sentence.offset, end=sentence.offset + len(text), text=text),
        confidence=round(min(found.confidence, 1.0), 3),
        amount=amount.amount if amount else None,
        currency=amount.currency if amount else None,
        valuation=valuation.amount if valuation else None,
        valuation_currency=valuation.currency if valuation else None,
        round=found.round,
        announced_on=announced_on(text, published_on),
    )
    return deal, explicit


# --- the document ------------------------------------------------------------------------------------------------


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
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    present = {word for word in _ALL_RULE_WORDS if word in lowered}
    for (_, pattern, rule), words in zip(_RULES, _RULE_WORD_SETS, strict=True):
        if present.isdisjoint(words):
            continue
        for match in pattern.finditer(text):
            # Two rules never read the same words: "buy a stake in" is a stake, not also a purchase.
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            if _NEGATED.search(text, max(0, match.start() - 50), match.start()):
                continue
            # "if" also ends a clause, so look just before the clause the verb is in.
            if _CONDITIONAL.search(text, max(0, reader.clause_start(match.start()) - 8), match.start()):
                continue
            results = [each for each in rule(reader, match) if each.parties]
            if results:
                taken.append(match.span())
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
        out.append(_candidate(reader, each, money, published_on))
    return out


_CORE_ROLES = frozenset({PartyRole.TARGET, PartyRole.INVESTEE, PartyRole.SPUN_OFF, PartyRole.ISSUER})


def _core(deal: DealCandidate) -> frozenset[str]:
    """The companies a deal is about: its target, investee, spun-off unit or issuer; else all its parties."""
    core = frozenset(party.name for party in deal.parties if party.role in _CORE_ROLES)
    return core or frozenset(party.name for party in deal.parties)


# A divestment is the seller's side of a purchase: merged with the purchase of the same company, it takes the
# purchase's kind, and its target becomes the purchase's target or investee.
_ABSORBS_DIVESTMENT = frozenset({DealKind.ACQUISITION, DealKind.INVESTMENT})


def _role_names(deal: DealCandidate, role: PartyRole) -> set[str]:
    return {party.name for party in deal.parties if party.role == role}


def _same_deal(first: DealCandidate, second: DealCandidate) -> bool:
    kinds = {first.kind, second.kind}
    if len(kinds) > 1 and not (DealKind.DIVESTMENT in kinds and kinds - {DealKind.DIVESTMENT} <= _ABSORBS_DIVESTMENT):
        return False
    # Two buyers of the same company are two deals (a unit sold on, a rival bid).
    for role in (PartyRole.ACQUIRER, PartyRole.INVESTOR):
        first_side, second_side = _role_names(first, role), _role_names(second, role)
        if first_side and second_side and not first_side & second_side:
            return False
    first_core, second_core = _core(first), _core(second)
    if first_core & second_core:
        return True
    # One report names only the buyer ("X bought a software firm"): the same deal when the buyer agrees.
    first_all = {party.name for party in first.parties}
    second_all = {party.name for party in second.parties}
    lacks_core = not any(p.role in _CORE_ROLES for p in first.parties) or not any(
        p.role in _CORE_ROLES for p in second.parties
    )
    return len(kinds) == 1 and lacks_core and bool(first_all & second_all)


def _rank(item: tuple[DealCandidate, bool]) -> tuple[int, int, int]:
    deal, explicit = item
    complete = len(deal.parties) >= 2 or deal.kind in {DealKind.IPO, DealKind.DIVESTMENT, DealKind.FUNDING_ROUND}
    return (int(complete), int(explicit), -deal.evidence.start)


def _as_kind(deal: DealCandidate, kind: DealKind) -> DealCandidate:
    if deal.kind == kind:
        return deal
    target_role = PartyRole.INVESTEE if kind == DealKind.INVESTMENT else PartyRole.TARGET
    parties = tuple(
        replace(party, role=target_role) if party.role == PartyRole.TARGET else party for party in deal.parties
    )
    return replace(deal, kind=kind, parties=parties)


def _merge_reports(reports: list[tuple[DealCandidate, bool]]) -> DealCandidate:
    """One deal from its reports: the clearest first statement as evidence, every party, the first stated sums."""
    kinds = {deal.kind for deal, _ in reports}
    if len(kinds) > 1:
        # The first report's kind wins: iterating a set gives a different order in each process.
        kind = next(deal.kind for deal, _ in reports if deal.kind != DealKind.DIVESTMENT)
        reports = [(_as_kind(deal, kind), stated) for deal, stated in reports]
    best, explicit = max(reports, key=_rank)
    parties = list(best.parties)
    names = {party.name for party in parties}
    for deal, _ in sorted(reports, key=lambda item: item[0].evidence.start):
        for party in deal.parties:
            if party.name not in names:
                names.add(party.name)
                parties.append(party)
    ordered = sorted(reports, key=lambda item: item[0].evidence.start)
    amount = next(((d.amount, d.currency) for d, _ in [(best, explicit), *ordered] if d.amount is not None), None)
    valuation = next(
        ((d.valuation, d.valuation_currency) for d, _ in [(best, explicit), *ordered] if d.valuation is not None),
        None,
    )
    status = best.status
    if not explicit:
        status = next((d.status for d, stated in ordered if stated), best.status)
    announced = best.announced_on or next((d.announced_on for d, _ in ordered if d.announced_on), None)
    confidence = min(1.0, max(d.confidence for d, _ in reports) + 0.05 * (len(reports) - 1))
    return replace(
        best,
        parties=tuple(parties),
        status=status,
        amount=amount[0] if amount else None,
        currency=amount[1] if amount else None,
        valuation=valuation[0] if valuation else None,
        valuation_currency=valuation[1] if valuation else None,
        round=best.round or next((d.round for d, _ in ordered if d.round), None),
        announced_on=announced,
        confidence=round(confidence, 3),
    )


def find_deals(
    *, text: str, sentences: list[Sentence], companies: list[CompanyCandidate], published_on: date | None
) -> list[DealCandidate]:
    """The deals a document reports, one per deal, each with the sentence that best states it."""
    reports: list[tuple[DealCandidate, bool]] = []
    for sentence, mentions, previous in _sentences_with_mentions(text, sentences, companies):
        if not mentions:
            continue
        # One cheap test per sentence: nothing else runs unless some rule's word is there.
        if not _TRIGGER_WORDS.search(sentence.text.lower()):
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
            if any(_same_deal(report[0], other[0]) for other in groups[number]):
                groups[number].append(report)
                break
        else:
            number = len(groups)
            groups.append([report])
        for name in names:
            numbers = groups_naming.setdefault(name, [])
            if not numbers or numbers[-1] != number:
                numbers.append(number)
    deals = [_merge_reports(group) for group in groups]
    return sorted(deals, key=lambda deal: deal.evidence.start)
