"""Acquisitions and mergers: "X agreed to buy Y", "Y was bought by X", "X's takeover of Y", "a bid for Y",
"X received a takeover offer from Y", "X agreed to pay $N for Y", "A and B agreed to merge".
"""

from __future__ import annotations

import re

from articles.extraction.deals.objects import ALL_SHARES, SHARES, STAKE_WORDS, names_a_product, trades_goods
from articles.extraction.deals.parties import BY_AFTER, PASSIVE_BEFORE, FoundDeal, company_of, is_past, party_list
from articles.extraction.deals.sentence import CORPORATE_NOUN, DealSentence, Named, names_a_business, rx
from articles.extraction.types import CompanyCandidate, DealKind, PartyRole

ACQUIRE_VERB = rx(
    r"\b(?:buy|buys|buying|bought|acquire|acquires|acquiring|acquired|purchase|purchases|purchasing|purchased|"
    r"take over|takes over|taking over|took over|taken over|snap up|snaps up|snapped up|swallow up|swallowed up|"
    r"absorb|absorbs|absorbed|take control of|takes control of|took control of|gain control of|gained control of)\b"
)
ACQUIRE_NOUN = rx(
    r"\b(?:takeover|take-over|acquisitions?|purchase|buyout|buy-out|leveraged buyout)"
    r"(?: (?:bid|offer|deal|approach|proposal|talks|plan|attempt|battle|agreement))? (?:of|for)\b"
    r"|\b(?:acquisitions? such as (?:that|those) of)\b"
    r"|\b(?:bid|bids|offer|offers|tender offer|tender|approach|takeover bid|takeover offer|proposal)"
    r"(?: (?:worth|valued at|of|at|totall?ing))?(?: [^,;]{1,30}? (?:a|per) share| [^,;]{1,25}? (?:dlrs|dollars|stg|"
    r"pounds|francs|marks|yen|euros|pence|p)\b)? for\b"
)
MERGE = rx(r"\b(?:merg(?:e|es|ed|ing)|mergers?|amalgamat(?:e|es|ed|ing|ion)|combination with)\b")
OFFER_RECEIVED = rx(
    r"\b(?:received|receives|receiving|rejected|rejects|rejecting|rebuffed|accepted|accepts|accepting|turned down|"
    r"spurned|welcomed|review|reviewed|reviewing|consider|considered|considering|studying|got|gets)"
    r"(?: [\w$.,'/-]+){0,6}? "
    r"(?P<takeover>(?:takeover|merger|acquisition|buyout|tender) )?(?:offer|bid|proposal|approach)s?\b"
)
TAKEOVER_BY = rx(
    r"\b(?:(?:takeover|take-over|tender|buyout|buy-out|acquisition|merger) (?:offer|bid|proposal|approach)s?|"
    r"takeover|take-over|buyout|buy-out|acquisition) (?:by|from)\b|"
    r"\b(?:takeover|take-over|acquisition|buyout) (?:target|candidate) (?:of|for)\b|"
    r"\b(?P<plain>(?:sweetened |unsolicited |hostile |revised |higher |new |rival )?(?:offer|bid|proposal) from|"
    r"offered by)\b"
)
MADE_BID = rx(
    r"\b(?:made|makes|making|launched|launches|launching|submitted|raised|sweetened|increased|extended|began|"
    r"begun|commenced|announced|renewed)\b (?:a|an|its|the|their) (?:[\w$.,/-]+ ){0,6}?"
    r"(?P<takeover>(?:takeover|merger|acquisition|buyout|tender) )?(?:bid|offer|proposal)\b"
)
# "acquisitions such as that of Y": deals given as examples of what a company has done, so done.
_EXAMPLES = rx(r"acquisitions? such as")
_SERIES = rx(r"\b(?:series of|acquisitions|purchases|takeovers)\b")
_TAKEOVER_WORD = rx(r"\b(?:takeover|take-over|tender|buyout|merger|acquisition|sweetened|unsolicited|hostile)\b")
_BUSINESS_SUBJECT = rx(
    r"\bthe (?:company|firm|airline|bank|group|carrier|maker|concern|unit|subsidiary|division|business|operator|"
    r"retailer|chain|insurer|publisher|utility|railroad)(?:'s)?\b"
)
GO_PRIVATE = rx(
    r"\b(?:take|takes|taking|took|taken) (?:\S+ ){1,2}private\b|\bgo(?:es|ing)? private\b|"
    r"\b(?:leveraged|management) buy-?outs?\b"
)
_PROPER_NAME = re.compile(r"\b(?:the|its) (?:[A-Z][\w&'-]+\s+){0,3}[A-Z][\w&'-]+\s+from\b")
_IT_BEFORE = rx(r"\b(?:it|they)\b")
PAY_FOR = rx(
    r"\b(?:pay|pays|paid|paying|spend|spent|spending) (?:about |some |nearly |up to |approximately )?"
    r"(?:[$£€¥]?[\d.,]+|a|one|two|three|four|five|six|seven|eight|nine|ten)(?: (?:mln|million|billion|bln|bn|m))?"
    r"(?: (?:dlrs|dollars|stg|pounds|euros|yen|marks|francs))? (?:in cash )?for\b"
)
_PER_SHARE = rx(r"\b(?:per|a) share\b")
_BY_NEXT = rx(r"(?:'s)?(?: [\w.&-]+)? by\b")
# A bid with a price on it is for a company: "a 542.2 mln stg bid from X", "its 23 dlrs cash offer".
_PRICED = rx(r"\b(?:mln|million|billion|bln|bn|dlrs?|dollars?|stg|pounds|pence|cts|cents|francs|marks|yen)\b")
BECOME_UNIT = rx(
    r"\b(?:become|becomes|became|becoming) (?:a |an )?(?:wholly[- ]owned |majority[- ]owned )?"
    r"(?:subsidiary|unit|division) of\b"
)
_THE_COMPANY = rx(r" (?:the|that) (?:[\w-]+ ){0,2}?(?:company|firm|concern|business)\b(?!'s)")
_IT_SUBJECT = rx(r"\b(?:it|they)(?: \S+){0,8} $")
_THEIR = rx(r"\btheir\b")
_NO_OBJECT = rx(r" ?(?:[.,;]|$)")
_PAIR_GAP = rx(r"(?:'s)?(?: \w+){0,8} ")


# Not deals: a company buying back its own shares, denying or ruling out a deal.
_BUYBACK = rx(r"^(?:[-\s]?backs?\b| (?:\S+ ){0,4}back\b)|^ (?:its|their) own (?:shares|stock)")


_PARTNER_AFTER = rx(r" (?:\S+ ){0,6}?(?:with|between|of|into)\b")
_PARTICIPLE = rx(r"bought|acquired|purchased|taken over|snapped up|swallowed up|absorbed")
_DETERMINER_BEFORE = rx(r"\b(?:the|a|its|their|this|that) $")
_CONTROL = rx(
    r"\b(?:majority|controlling|remaining|rest|(?:5[1-9]|[6-9]\d|100)(?:\.\d+)? ?(?:%|pct|per ?cent)|"
    r"(?:does|did) not (?:already )?own)\b"
)
_NOUN_BEFORE_PURCHASE = rx(
    r"\b(?:stock|share|asset|right|rights|the|a|an|its|their|this|that|any|government|each)[ -]$"
)


# Between "acquisition of" and its company only a short noun phrase fits; a list or a new verb means the
# company belongs to something else ("purchase of supercomputers and expanding access to X").
_LOOSE_GAP = rx(r"\b(?:to|with|as|than)\b|\b(?:and|or) \w+ing\b")


_SHARES_OF_NAMED = rx(r"(?:'s)? (?:common |ordinary |preferred |class \w )?(?:shares|stock)\b")


# A buyer the text describes without naming: the deal is still news, with the target as its only party.
_GENERIC_BUYER = rx(
    r"\b(?:investor group|group of investors|investors?|consortium|buyer|bidder|partnership|management group|"
    r"(?:a|an|the) (?:\w+ )?group)\b"
)


def acquire_verb(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    text = sentence.text
    start, end = match.span()
    after = text[end : end + 60]
    if _BUYBACK.match(after):
        return []
    if _DETERMINER_BEFORE.search(text, max(0, start - 6), start):
        return []  # "the purchase of": a noun, read by the noun rule
    if match.group(0).lower().startswith("purchase") and _NOUN_BEFORE_PURCHASE.search(text, max(0, start - 12), start):
        return []  # "a stock purchase right"
    by = BY_AFTER.match(text, end)
    participle = _PARTICIPLE.fullmatch(match.group(0)) is not None
    if participle and (by or PASSIVE_BEFORE.search(text, max(0, start - 30), start)):
        # "Y was bought by X", "Y, acquired by X in 2004": the subject is the target.
        clause_start = sentence.clause_start(start)
        before = sentence.mentions_between(clause_start, start)
        # The thing bought must be named in the clause: "shares remain to be purchased" is no company's sale.
        target, sure = (before[-1].company, 0.9) if before else (None, 0.0)
        if target is None and _IT_BEFORE.search(text, clause_start, start):
            target = sentence.speaker_before(clause_start)  # "X said it agreed to be bought by Y"
            sure = 0.8
        acquirer = company_of(sentence.object_after(by.end(), window=40)) if by else None
        if (
            target is None
            and acquirer is not None
            and _BUSINESS_SUBJECT.search(text, sentence.clause_start(start), start)
        ):
            # "the airline's agreement to be acquired by X": the target is described, not named.
            return [FoundDeal(DealKind.ACQUISITION, [(acquirer, PartyRole.ACQUIRER)], start, end, 0.5, past=True)]
        if target is None or target is acquirer:
            return []
        found = party_list((acquirer, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
        return [FoundDeal(DealKind.ACQUISITION, found, start, end, 0.8 * sure, past=True)]
    target = sentence.object_after(end)
    gap = text[end : target.start if target else min(len(text), end + 60)]
    if trades_goods(text, end, target.start if target else len(text)):
        return []
    if STAKE_WORDS.search(gap) or (SHARES.search(gap) and not ALL_SHARES.search(gap)):
        return []  # a stake: the stake rule reads it
    acquirer, sure = sentence.subject_before(start)
    if target is not None and _SHARES_OF_NAMED.match(text, target.end) and not ALL_SHARES.search(gap):
        # "bought 1.3 mln X common shares": a stake in X, not X itself.
        investor = None if acquirer is target.company else acquirer
        parties = party_list((investor, PartyRole.INVESTOR), (target.company, PartyRole.INVESTEE))
        confidence = 0.75 * max(sure, 0.7)
        return [FoundDeal(DealKind.INVESTMENT, parties, start, end, confidence, past=is_past(match.group(0)))]
    relative = sentence.relative_object_before(start)
    seller: CompanyCandidate | None = None
    if relative is not None and target is None:
        target = relative
    elif target is not None and rx(r"\bfrom\b").search(gap):
        # "buy the unit from Z", "buy the Houston Chronicle from Z": Z sells; "buy chips from Z" is trade.
        if not (CORPORATE_NOUN.search(gap) or _PROPER_NAME.search(gap)):
            return []
        seller, target = target.company, None
    if target is None and seller is None:
        target = _referred_to(sentence, end, acquirer)
        if target is None and not names_a_business(text, end):
            return []
    if acquirer is None and not (
        _GENERIC_BUYER.search(text, 0, start) or (target is not None and _IT_SUBJECT.search(text, 0, start))
    ):
        # "the car-buying website X": no buyer, no deal; "an investor group agreed to buy X" is one, and so is
        # "Tony Lama Co said it agreed to buy X" when the buyer's own name was not recognised.
        return []
    if target is not None and names_a_product(sentence, target):
        return []
    if target is not None and seller is None:
        seller = company_of(sentence.named_after_word(target.end, "from", window=40))
    targets = sentence.coordinated(target) if target is not None else [None]
    found = []
    for each in targets:
        company = company_of(each)
        if company is acquirer and company is not None:
            continue
        parties = party_list((acquirer, PartyRole.ACQUIRER), (company, PartyRole.TARGET), (seller, PartyRole.SELLER))
        if parties:
            confidence = 0.9 * (sure or 0.6) * (1.0 if company is not None else 0.7)
            found.append(FoundDeal(DealKind.ACQUISITION, parties, start, end, confidence, past=is_past(match.group(0))))
    return found


def _referred_to(sentence: DealSentence, pos: int, acquirer: CompanyCandidate | None) -> Named | None:
    """ "his offer to buy the company", "bought the Cambridge-based company": the company named earlier in the
    sentence (not the buyer), else the one the story is about."""
    the_company = _THE_COMPANY.match(sentence.text, pos)
    if the_company is None:
        return None
    company = sentence.company_referred_to(pos, excluding=acquirer)
    return None if company is None else Named(the_company.start(), the_company.end(), company)


def become_unit(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    """ "X agreed to become a wholly owned subsidiary of Y": Y acquires X."""
    start, end = match.span()
    target, sure = sentence.subject_before(start)
    acquirer = company_of(sentence.object_after(end, window=40))
    if target is None or acquirer is None or target is acquirer:
        return []
    parties = party_list((acquirer, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
    return [FoundDeal(DealKind.ACQUISITION, parties, start, end, 0.75 * sure)]


def acquire_noun(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    start, end = match.span()
    target = sentence.object_after(end, window=60)
    if target is None:
        return _unnamed_purchase(sentence, match)
    gap = sentence.text[end : target.start]
    if re.search(r"\b(?:sale|buy-?back)\b", gap, re.IGNORECASE) or _LOOSE_GAP.search(gap):
        return []
    partial = STAKE_WORDS.search(gap) or (SHARES.search(gap) and not ALL_SHARES.search(gap))
    kind = DealKind.ACQUISITION
    if partial and not _CONTROL.search(gap):
        kind = DealKind.INVESTMENT  # "a bid for 20 pct of Y": a stake, unless it gives control
    # "the takeover of Y by X"; in "the acquisition of Y, following approval by Y's holders" nobody bids.
    by = sentence.named_after_word(target.end, "by", window=30) if _BY_NEXT.match(sentence.text, target.end) else None
    acquirer, sure = (by.company, 1.0) if by else sentence.subject_before(start)
    past = _EXAMPLES.match(match.group(0)) is not None
    found = []
    for each in sentence.coordinated(target):
        if each.company is acquirer:
            continue
        if kind == DealKind.INVESTMENT:
            parties = party_list((acquirer, PartyRole.INVESTOR), (each.company, PartyRole.INVESTEE))
        else:
            parties = party_list((acquirer, PartyRole.ACQUIRER), (each.company, PartyRole.TARGET))
        found.append(FoundDeal(kind, parties, start, end, 0.85 * max(sure, 0.7), past=past))
    return found


def _unnamed_purchase(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    """ "X completed the acquisition of the Y casino hotel from Z": a business changes hands, unnamed."""
    text = sentence.text
    start, end = match.span()
    if not names_a_business(text, end) or trades_goods(text, end, len(text)):
        return []
    if _SERIES.search(text, max(0, start - 15), end):
        return []  # "a series of acquisitions of small firms": a habit, not a deal
    acquirer, sure = sentence.subject_before(start)
    seller = company_of(sentence.named_after_word(end, "from", window=100))
    if acquirer is None or acquirer is seller:
        return []
    parties = party_list((acquirer, PartyRole.ACQUIRER), (seller, PartyRole.SELLER))
    return [FoundDeal(DealKind.ACQUISITION, parties, start, end, 0.6 * sure)]


def merge(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    text = sentence.text
    start, end = match.span()
    word = match.group(0).lower()
    named: list[CompanyCandidate] = []
    pair = sentence.coordinated_before(start) or sentence.coordinated_speakers(start)
    speakers = sentence.coordinated_speakers(start)
    if pair and _PAIR_GAP.fullmatch(text, pair[-1].end, start):
        named = [each.company for each in pair]  # "A and B agreed to merge", "A and B said they will merge"
    elif speakers and _THEIR.search(text, sentence.clause_start(start), start):
        named = [each.company for each in speakers]  # "A and B said the Fed approved their merger"
    else:
        subject, _ = sentence.subject_before(start)
        if subject is not None:
            named.append(subject)
        following = sentence.named_after_word(end - 1, "with|of|between|from|and|to|into", window=70)
        if following is None and word.startswith("merg") and not word.startswith("merger"):
            following = sentence.object_after(end, window=50)  # "merge its X unit with Y"
        if following is not None:
            named.extend(each.company for each in sentence.coordinated(following))
    if len(named) == 1 and word == "merge" and _NO_OBJECT.match(text, end):
        # "X said its board and the board of Y approved an agreement to merge": the others named in the clause.
        clause_start = sentence.clause_start(start)
        named.extend(each.company for each in sentence.mentions_between(clause_start, start))
    parties = party_list(*((company, PartyRole.MERGER_PARTY) for company in named))
    explicit_partner = _PARTNER_AFTER.match(text, end)
    if len(parties) < 2 and not (parties and explicit_partner):
        return []
    return [FoundDeal(DealKind.MERGER, parties, start, end, 0.85 if len(parties) > 1 else 0.6, past=word == "merged")]


def offer_received(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    """ "X received a takeover offer from Y", "X rejected Y's bid": the subject is the target, the other the bidder."""
    text = sentence.text
    start, end = match.span()
    target, sure = sentence.subject_before(start)
    bidder_named = sentence.named_after_word(end, "from|by", window=110)
    possessive = [named for named in sentence.mentions if start < named.start < end]
    bidder = company_of(bidder_named) or (possessive[-1].company if possessive else None)
    if target is None or target is bidder:
        return []
    if bidder is None and not match.group("takeover"):
        return []
    takeover = (
        match.group("takeover")
        or _TAKEOVER_WORD.search(match.group(0))
        or _PRICED.search(match.group(0))
        or _PER_SHARE.search(text, end, min(len(text), end + 160))
    )
    if not takeover:
        return []
    parties = party_list((bidder, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
    return [FoundDeal(DealKind.ACQUISITION, parties, start, end, 0.75 * sure)]


def takeover_by(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    """ "a hostile takeover offer by Y (for X)": Y bids; the target follows "for" or is the clause's subject."""
    start, end = match.span()
    text = sentence.text
    bidder_named = sentence.object_after(end, window=40)
    if bidder_named is None:
        if match.group("plain") or not _GENERIC_BUYER.match(text, end + 1):
            return []
        # "its proposed acquisition by an investor group": the buyer is not named, the target is.
        target, sure = sentence.subject_before(start)
        if target is None:
            return []
        return [FoundDeal(DealKind.ACQUISITION, [(target, PartyRole.TARGET)], start, end, 0.6 * sure)]
    priced = _PRICED.search(text, max(0, start - 20), start)
    if match.group("plain") and not (_PER_SHARE.search(text) or _TAKEOVER_WORD.search(text) or priced):
        return []  # "an offer from X" is a takeover only with a price, per-share terms or takeover words about
    # "a takeover bid by Y for X", "the proposed acquisition by Y of X".
    target_named = sentence.named_after_word(bidder_named.end, "for|of", window=40)
    target, sure = (target_named.company, 1.0) if target_named else sentence.subject_before(start)
    if target is None or target is bidder_named.company:
        return []
    parties = party_list((bidder_named.company, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
    return [FoundDeal(DealKind.ACQUISITION, parties, start, end, 0.75 * sure)]


def made_bid(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    """ "Y made a 50 dlrs a share unsolicited bid (for X)": a bid is a takeover when its terms are per share."""
    text = sentence.text
    start, end = match.span()
    bidder, sure = sentence.subject_before(start)
    if bidder is None:
        return []
    target_named = sentence.named_after_word(end, "for", window=60)
    target = company_of(target_named)
    if target is None and not (match.group("takeover") or _PER_SHARE.search(text, start, end)):
        return []
    if target is bidder:
        return []
    parties = party_list((bidder, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
    return [FoundDeal(DealKind.ACQUISITION, parties, start, end, 0.7 * sure)]


def go_private(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    """ "Owners offered to take the company private", "a leveraged buyout of X": the company is bought out."""
    start, end = match.span()
    target_named = sentence.named_after_word(end, "of|for", window=40)
    target, sure = (target_named.company, 1.0) if target_named else sentence.subject_before(start)
    if target is None:
        return []
    return [FoundDeal(DealKind.ACQUISITION, [(target, PartyRole.TARGET)], start, end, 0.6 * sure)]


def pay_for(sentence: DealSentence, match: re.Match[str]) -> list[FoundDeal]:
    """ "X agreed to pay 3.5 mln dlrs for the Y sawmill / for Z": a purchase stated by its price."""
    text = sentence.text
    start, end = match.span()
    acquirer, sure = sentence.subject_before(start)
    if acquirer is None:
        return []
    target_named = sentence.object_after(end, window=50)
    target = company_of(target_named)
    if target is None and not names_a_business(text, end):
        return []
    if target is not None and (target is acquirer or names_a_product(sentence, target_named)):
        return []
    parties = party_list((acquirer, PartyRole.ACQUIRER), (target, PartyRole.TARGET))
    return [FoundDeal(DealKind.ACQUISITION, parties, start, end, 0.6 * sure)]
