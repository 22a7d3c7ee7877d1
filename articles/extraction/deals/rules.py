"""The deal rules in the order they are tried, each with the plain words that must occur for it to run.

Order matters: two rules never read the same words, so the more specific shapes come first ("a spin-off" before
"sells", "a takeover offer by" before "offer for", "buy a stake in" as a stake before "buy" as a purchase).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from articles.extraction.deals.acquisitions import (
    ACQUIRE_NOUN,
    ACQUIRE_VERB,
    BECOME_UNIT,
    GO_PRIVATE,
    MADE_BID,
    MERGE,
    OFFER_RECEIVED,
    PAY_FOR,
    TAKEOVER_BY,
    acquire_noun,
    acquire_verb,
    become_unit,
    go_private,
    made_bid,
    merge,
    offer_received,
    pay_for,
    takeover_by,
)
from articles.extraction.deals.divestments import SEEK_BUYER, SELL, SPIN, seek_buyer, sell, spin
from articles.extraction.deals.investments import FUNDING, PCT_OF, STAKE, funding, stake
from articles.extraction.deals.listings import IPO, ipo
from articles.extraction.deals.parties import FoundDeal
from articles.extraction.deals.partnerships import PARTNER, partner
from articles.extraction.deals.sentence import DealSentence

_Rule = Callable[[DealSentence, re.Match[str]], list[FoundDeal]]


# Each rule with the plain words one of which must occur (lower-cased) before its expression is even tried:
# substring tests cost little, and most sentences with some deal word have none of most rules' words.
RULES: tuple[tuple[tuple[str, ...], re.Pattern[str], _Rule], ...] = (
    (("spin", "spun", "demerg", "carve"), SPIN, spin),
    (("merg", "amalgamat", "combination"), MERGE, merge),
    (("takeover", "take-over", "tender", "buyout", "buy-out", "acquisition", "offer", "bid", "proposal"),
     TAKEOVER_BY, takeover_by),
    (("bid", "offer", "proposal"), MADE_BID, made_bid),
    (("private", "buyout", "buy-out"), GO_PRIVATE, go_private),
    (("pay", "paid", "spen"), PAY_FOR, pay_for),
    (("subsidiary of", "unit of", "division of"), BECOME_UNIT, become_unit),
    (("buyer", "purchaser", "acquirer", "for sale"), SEEK_BUYER, seek_buyer),
    (("offer", "bid", "proposal", "approach"), OFFER_RECEIVED, offer_received),
    (("takeover", "take-over", "acquisition", "purchase", "buyout", "buy-out", "bid", "offer", "tender", "proposal",
      "approach"), ACQUIRE_NOUN, acquire_noun),
    (("buy", "bought", "acqui", "purchas", "over", "snap", "swallow", "absorb", "control of"),
     ACQUIRE_VERB, acquire_verb),
    (("stake", "holding", "interest", "invest", "share in", "share of"), STAKE, stake),
    (("%", "pct", "cent", "shares of", "shares in"), PCT_OF, stake),
    (("sell", "sold", "divest", "dispos", "offload", "unload", "hive", "sale"), SELL, sell),
    (("funding", "financing", "venture", "round", "capital from", "investment from", "seed", "series",
      "rights issue", "placement"), FUNDING, funding),
    (("initial public", "ipo", "flotation", "float", "stock market", "public", "list"), IPO, ipo),
    (("joint", "alliance", "partner", "tie-up", "team", "forces"), PARTNER, partner),
)  # fmt: skip


def _literal_alternation(words: tuple[str, ...] | set[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


# All the rules' words as one plain alternation, searched in the lower-cased sentence: no word boundaries, no case
# folding, so the regular expression engine scans for literals, which it does fast.
TRIGGER_WORDS = _literal_alternation({word for words, _, _ in RULES for word in words})


# The same words for the rule-by-rule test: each looked up once per sentence (rules share many of them).
ALL_RULE_WORDS = tuple(sorted({word for words, _, _ in RULES for word in words}))


RULE_WORD_SETS = tuple(frozenset(words) for words, _, _ in RULES)
