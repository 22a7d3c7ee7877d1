"""Money as news writes it, read into an exact amount and an ISO 4217 currency code.

News writes the same sum many ways: "$1.13bn", "US$300 million", "£600m", "14.5 mln dlrs" (the 1980s wire style),
"2bn euros", "Rs 500 crore", "Sfr 20 mln", "300 mln Canadian dlrs". One regular expression finds them all; the
amount is computed with Decimal so "1.13bn" is exactly 1130000000, never 1129999999.9999998.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True, slots=True)
class Money:
    """A sum of money found in text: [start, end) covers its surface form."""

    amount: Decimal
    currency: str
    start: int
    end: int
    text: str
    # "20 dlrs a share" prices one share, not the deal; callers skip these when looking for a deal's value.
    per_share: bool = False


# Symbols and codes written before the number. Longest first, so "HK$" wins over "$".
_PREFIX_CURRENCY: dict[str, str] = {
    "us$": "USD",
    "u.s.$": "USD",
    "hk$": "HKD",
    "nz$": "NZD",
    "nt$": "TWD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "cdn$": "CAD",
    "s$": "SGD",
    "r$": "BRL",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "sfr": "CHF",
    "sfr.": "CHF",
    "swfr": "CHF",
    "chf": "CHF",
    "dm": "DEM",
    "ffr": "FRF",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "hkd": "HKD",
    "cad": "CAD",
    "aud": "AUD",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "krw": "KRW",
    "sgd": "SGD",
}

# Currency words written after the number, matched case-insensitively. A nationality before "dollars" or "francs"
# decides which dollar or franc; bare "dlrs" is the US dollar, as on the wires.
_SUFFIX_CURRENCY: tuple[tuple[str, str], ...] = (
    (r"(?:u\.?s\.?|american)\s+(?:dollars?|dlrs?)", "USD"),
    (r"canadian\s+(?:dollars?|dlrs?)", "CAD"),
    (r"australian\s+(?:dollars?|dlrs?)", "AUD"),
    (r"(?:hong\s+kong|hk)\s+(?:dollars?|dlrs?)", "HKD"),
    (r"new\s+zealand\s+(?:dollars?|dlrs?)", "NZD"),
    (r"singapore\s+(?:dollars?|dlrs?)", "SGD"),
    (r"(?:taiwan|new\s+taiwan)\s+(?:dollars?|dlrs?)", "TWD"),
    (r"(?:dollars?|dlrs?)", "USD"),
    (r"euros?", "EUR"),
    (r"(?:pounds?\s+)?sterling|stg|(?:british\s+)?pounds?", "GBP"),
    (r"yen", "JPY"),
    (r"yuan|renminbi", "CNY"),
    (r"(?:indian\s+)?rupees?", "INR"),
    (r"swiss\s+francs?", "CHF"),
    (r"belgian\s+francs?", "BEF"),
    (r"(?:french\s+)?francs?", "FRF"),
    (r"(?:deutsche\s+|d-)?marks?", "DEM"),
    (r"(?:dutch\s+)?guilders?", "NLG"),
    (r"lire", "ITL"),
    (r"pesetas?", "ESP"),
    (r"(?:swedish\s+)(?:crowns?|kronor|krona)", "SEK"),
    (r"(?:norwegian\s+)(?:crowns?|kroner|krone)", "NOK"),
    (r"(?:danish\s+)(?:crowns?|kroner|krone)", "DKK"),
    (r"(?:korean\s+)?won", "KRW"),
    (r"(?:south\s+african\s+)?rand", "ZAR"),
    (r"roubles?|rubles?", "RUB"),
    (r"(?:mexican\s+)?pesos?", "MXN"),
    (r"riyals?", "SAR"),
    (r"dirhams?", "AED"),
    (r"shekels?", "ILS"),
    (r"ringgit", "MYR"),
    (r"baht", "THB"),
    (r"rupiah", "IDR"),
    (r"reais|reals?", "BRL"),
    (r"zlotys?", "PLN"),
    (r"usd|eur|gbp|jpy|cny|chf|cad|aud|hkd|inr|sek|nok|dkk|sgd|krw", ""),
)
_SUFFIX_PATTERNS = tuple((re.compile(rf"(?:{pattern})\Z", re.IGNORECASE), code) for pattern, code in _SUFFIX_CURRENCY)

_SCALE: dict[str, Decimal] = {
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mil": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "crore": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7,
    "cr": Decimal(10) ** 7,
    "lakh": Decimal(10) ** 5,
    "lakhs": Decimal(10) ** 5,
}

_PREFIX_ALT = "|".join(re.escape(p) for p in sorted(_PREFIX_CURRENCY, key=len, reverse=True))
_SUFFIX_ALT = "|".join(pattern for pattern, _ in _SUFFIX_CURRENCY)
_DIGITS = r"\d{1,3}(?:,\d{3}){1,5}(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?"
# Wire copy spells small numbers out ("eight mln dlrs"); they only count as money with a scale word after them.
_NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1}
_WORDS = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_NUMBER = rf"{_DIGITS}|\b(?:{_WORDS})(?=\s+(?:trillion|billion|million|bln|mln)\b)"
# Short scales ("m", "bn", "k") must touch the number or stand alone as a word, so "$5 m" reads but "5 May" does not.
_SCALE_RE = r"(?:trillion|billion|million|thousand|crores?|lakhs?|trn|tn|bln|bn|mln|mn|mil|cr|m|b|k)"

_MONEY_RE = re.compile(
    rf"""
    (?:
        (?P<prefix>(?<![\w$])(?:{_PREFIX_ALT}))\s?
        (?P<num1>{_NUMBER})
        (?:\s?-?\s?(?P<scale1>{_SCALE_RE})\b)?
        (?:\s+(?P<suffix1>{_SUFFIX_ALT})\b)?
    |
        (?<![\w.,$£€¥])(?P<num2>{_NUMBER})
        (?:\s?-?\s?(?P<scale2>{_SCALE_RE})\b)?
        \s?(?P<suffix2>{_SUFFIX_ALT})\b
    )
    (?P<per_share>\s+(?:a|per)\s+(?:share|shr))?
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Alphabetic prefixes ("Rs", "DM", "USD") need a space or the number straight after and a word boundary before,
# and are only currency when written in their usual case; "rs 5" in lower case is more likely noise.
_WORD_PREFIX = re.compile(r"[a-z.]+\Z", re.IGNORECASE)


def _currency_of_suffix(word: str) -> str:
    normalised = " ".join(word.split())
    for pattern, code in _SUFFIX_PATTERNS:
        if pattern.match(normalised):
            return code or normalised.upper()
    return ""


def _exact(number: str, scale: str | None) -> Decimal | None:
    word = number.lower()
    try:
        amount = Decimal(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        amount *= _SCALE[scale.lower()]
    # Whole sums print as whole numbers (1130000000, not 1130000000.00).
    if amount == amount.to_integral_value():
        return Decimal(int(amount))
    return amount


def _from_match(match: re.Match[str]) -> Money | None:
    prefix = match.group("prefix")
    if prefix is not None:
        if _WORD_PREFIX.match(prefix) and not (prefix[0].isupper()):
            return None
        number, scale, suffix = match.group("num1"), match.group("scale1"), match.group("suffix1")
        currency = _PREFIX_CURRENCY[prefix.lower()]
        if suffix:
            # "$300 mln Canadian dlrs": the named dollar is more specific than the bare sign.
            named = _currency_of_suffix(suffix)
            if named and (currency == "USD" and prefix == "$"):
                currency = named
    else:
        number, scale, suffix = match.group("num2"), match.group("scale2"), match.group("suffix2")
        currency = _currency_of_suffix(suffix)
        # A lone "m" or "b" before a currency word is a scale only when it touches the number ("5m euros").
    if not currency:
        return None
    if scale and len(scale) == 1 and scale.lower() in {"m", "b", "k"}:
        between = match.string[match.start() : match.end()]
        if re.search(rf"\d\s+{re.escape(scale)}\b", between) and prefix is None:
            return None
    amount = _exact(number, scale)
    if amount is None:
        return None
    return Money(
        amount=amount,
        currency=currency,
        start=match.start(),
        end=match.end("per_share") if match.group("per_share") else _end_without_per_share(match),
        text=match.group(0).rstrip() if not match.group("per_share") else match.group(0),
        per_share=match.group("per_share") is not None,
    )


def _end_without_per_share(match: re.Match[str]) -> int:
    return match.start() + len(match.group(0).rstrip())


def find_money(text: str) -> list[Money]:
    """Every sum of money in `text`, in order. Never raises."""
    found: list[Money] = []
    for match in _MONEY_RE.finditer(text):
        money = _from_match(match)
        if money is not None:
            found.append(money)
    return found


def parse_money(text: str) -> Money | None:
    """The first sum of money in `text`, or None."""
    for match in _MONEY_RE.finditer(text):
        money = _from_match(match)
        if money is not None:
            return money
    return None
