"""Discover organisations the knowledge base does not have yet, from the capitalised phrases of the text.

A phrase becomes a candidate only on evidence, each piece with a weight: a legal form ("Woodco Inc"), a business
head word ("Sybari Software"), a descriptor next to it ("US media firm X", "X, the Chinese tech giant"), a
company's belongings ("X's chief executive", "shares in X"), a deal role ("agreed to buy X"), a list it shares
with known companies, or repetition. Weights combine as independent votes (noisy-or) into the confidence.
Places, people, months, public bodies and capitalised sentence openers are filtered out first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, NamedTuple

from articles.extraction.gazetteer import Gazetteer
from articles.extraction.lexicon import Lexicon
from articles.extraction.normalize import comparable_name, strip_legal_suffix
from articles.extraction.proper_nouns import ProperNoun
from articles.extraction.short_forms import LowercaseWords
from articles.extraction.vocabulary import (
    DESCRIPTOR_NOUNS,
    EVERYDAY_ACRONYMS,
    FUNCTION_WORDS,
    GROUP_SUFFIXES,
    INDUSTRY_HEADS,
    INSTITUTION_HEADS,
    LEGAL_SUFFIXES,
    MONTHS_AND_DAYS,
    NATIONALITIES,
    OWNED_BY_COMPANIES,
    PERSON_TITLES,
    PUBLIC_BODY_ACRONYMS,
    PUBLIC_BODY_WORDS,
    STRONG_DESCRIPTORS,
    TIME_ZONES_AND_UNITS,
)

# Evidence weights. A legal form alone makes a public company page; a descriptor or a deal role nearly does;
# repetition alone never does (see serialize.PUBLIC_CONFIDENCE).
LEGAL_FORM = 0.92
GROUP_WORD = 0.72
BUSINESS_HEAD = 0.62
STRONG_DESCRIPTOR = 0.8
DESCRIPTOR = 0.68
APPOSITION = 0.78
BELONGINGS = 0.7
SHARES_IN = 0.8
DEAL_ROLE = 0.66
ROLE_AT_COMPANY = 0.62
COUNTRY_POSSESSIVE = 0.5
LISTED_WITH_KNOWN = 0.6
UNIT_RELATION = 0.8
TICKER_AFTER = 0.85
GROUP_AFTER = 0.62
REPEATED = 0.3
# A phrase starting with a known company's name and carrying business evidence of its own ("Sony Pictures
# Entertainment") is a unit of that company.
UNIT_OF_KNOWN = 0.3

# Extra words that leave a known company's name meaning the same company ("Sony Corp", "Kuaishou Technology").
_SAME_COMPANY_WORDS = (
    LEGAL_SUFFIXES | GROUP_SUFFIXES | {"international", "technology", "technologies", "co.", "and", "&"}
)

# Lower-case words before a name that show it is a company ("shares in X", "agreed to buy X").
_DEAL_ROLE_BEFORE = frozenset(
    {
        "buy", "acquire", "purchase", "bought", "acquired", "purchased", "acquiring", "buying", "of", "for",
        "with", "from", "into", "in", "merge", "sell", "sold", "selling", "invest", "invested",
    }
)  # fmt: skip
_DEAL_PHRASES_BEFORE = frozenset(
    {
        ("to", "buy"), ("to", "acquire"), ("to", "purchase"), ("takeover", "of"), ("acquisition", "of"),
        ("purchase", "of"), ("bid", "for"), ("offer", "for"), ("merger", "with"), ("merge", "with"),
        ("stake", "in"), ("shares", "in"), ("shares", "of"), ("stock", "of"), ("invest", "in"),
        ("invested", "in"), ("investment", "in"), ("sale", "of"), ("control", "of"), ("owner", "of"),
        ("unit", "of"), ("subsidiary", "of"), ("division", "of"), ("part", "of"), ("owned", "by"),
        ("bought", "by"), ("acquired", "by"), ("sold", "to"), ("deal", "with"), ("talks", "with"),
        ("venture", "with"), ("partnership", "with"), ("alliance", "with"), ("bid", "from"),
        ("offer", "from"), ("shareholders", "in"), ("shareholders", "of"), ("holders", "of"),
    }
)  # fmt: skip
# "a string of acquisitions such as that of X", "takeovers like X": examples of the deals a company made.
_DEALS_SUCH_AS_BEFORE = re.compile(
    r"\b(?:acquisitions|purchases|takeovers)\s+(?:such\s+as|like|including)(?:\s+(?:that|those)\s+of)?\s+$",
    re.IGNORECASE,
)
_SUCH_AS_LOOK_BACK = 48
# The phrases that name what is bought, sold or merged, whose object may be a pair: "the acquisition of X and Y".
# Not "talks with" or "owned by", whose pairs are as often people; nor a comma, which in wire copy more often
# goes on to a place ("Woodco Inc of Tampa, Fla") than to a second company.
_BOUGHT_PHRASES_BEFORE = frozenset(
    {
        ("to", "buy"), ("to", "acquire"), ("to", "purchase"), ("takeover", "of"), ("acquisition", "of"),
        ("purchase", "of"), ("stake", "in"), ("sale", "of"), ("merger", "with"), ("merge", "with"),
    }
)  # fmt: skip
_AND_JOINER = re.compile(r"\s+(?:and|&)\s+")
_AND_JOINER_LENGTH = 8
_ROLE_PHRASES_BEFORE = frozenset(
    {
        ("executive", "of"), ("executive", "at"), ("boss", "of"), ("boss", "at"), ("chairman", "of"),
        ("head", "of"), ("president", "of"), ("founder", "of"), ("analyst", "at"), ("analysts", "at"),
        ("economist", "at"), ("strategist", "at"), ("spokesman", "for"), ("spokeswoman", "for"),
        ("spokesperson", "for"), ("director", "of"), ("director", "at"), ("officer", "of"),
        ("analysts", "from"), ("analyst", "with"), ("research", "by"), ("figures", "from"), ("arm", "of"),
        ("according", "to"), ("employees", "of"), ("staff", "at"), ("customers", "of"), ("ceo", "of"),
    }
)  # fmt: skip
_DEAL_VERBS_AFTER = frozenset(
    {
        "acquired", "bought", "agreed", "purchased", "merged", "announced", "reported", "posted", "shares",
        "stock", "inc", "plans", "unveiled", "launched", "employs", "makes", "manufactures", "sells",
        "owns", "operates", "shareholders",
    }
)  # fmt: skip
_ARTICLES = frozenset({"the", "a", "an", "its", "their"})
# People a company employs, named right after it ("Jupiter analyst Olivier Beauvillain", "a Sony spokesman").
_STAFF_AFTER = frozenset(
    {
        "analyst", "analysts", "spokesman", "spokeswoman", "spokesperson", "executive", "executives", "boss",
        "chairman", "shareholders", "subscribers", "customers", "staff", "workers", "employees", "economist",
    }
)  # fmt: skip
# Lower-case group nouns after a name ("the Pallas group", "the Phoenix consortium").
_GROUP_NOUNS_AFTER = frozenset({"group", "consortium", "conglomerate", "empire", "subsidiary"})
# A stock ticker written after a company's name in wire copy ("Chemical Fabrics Corp CMFB", "Mitsui and Co
# MITS.T").
_TICKER = re.compile(r"[A-Z]{1,5}(?:\.[A-Z]{1,2})?")
_NAME_ENDINGS = LEGAL_SUFFIXES | GROUP_SUFFIXES | INDUSTRY_HEADS
_NOT_NAMES_ALONE = FUNCTION_WORDS | {"first", "second", "united", "national", "general"}
# Legal forms that are also the name's own word for a bank's holding company ("Boston Bancorp").
_BANK_FORMS = frozenset({"bancorp", "bancshares", "bancorporation"})
# Words of FUNCTION_WORDS that open names more often than they describe one.
_NAME_OPENERS = frozenset({"New"})
# Words of NATIONALITIES that also stand alone for a company named earlier ("Northern" for "Northern Air Freight",
# "Continental" for "Continental Airlines"); the peoples' names ("German", "Russian") never do.
_REGIONS_IN_NAMES = frozenset(
    {"western", "eastern", "northern", "southern", "continental", "international", "global", "latin"}
)


def company_name(surface: str) -> str:
    """A discovered company's name: its words without the legal form, nor the joiner before it ("Goldman Sachs and
    Co" -> "Goldman Sachs"), nor leaving one word that cannot name it alone ("First Bancorp", "Texas Bancshares",
    "Western Co"). The knowledge base's names keep theirs, where "Allen & Co" must not become a surname."""
    name = strip_legal_suffix(surface)
    if name == surface:
        return name
    words = name.split()
    if len(words) == 1:
        written = surface.split()
        bare = words[0].casefold()
        if written[1].casefold().rstrip(".,") in _BANK_FORMS or bare in _NOT_NAMES_ALONE or bare in NATIONALITIES:
            return " ".join(word.rstrip(".,") for word in written[:2])
    if len(words) > 1 and words[-1] in ("and", "&"):
        words.pop()
    return " ".join(words)


@dataclass(slots=True)
class Discovered:
    """One organisation the text names that the knowledge base does not have."""

    name: str
    comparable: str
    evidence: dict[str, float] = field(default_factory=dict)
    spans: list[tuple[int, int]] = field(default_factory=list)
    parent_entry: int | None = None
    parent_name: str | None = None
    is_unit: bool = False
    country: str | None = None

    @property
    def confidence(self) -> float:
        doubt = 1.0
        for weight in self.evidence.values():
            doubt *= 1.0 - weight
        return round(1.0 - doubt, 3)

    def add(self, reason: str, weight: float) -> None:
        self.evidence[reason] = max(weight, self.evidence.get(reason, 0.0))


class Phrase(NamedTuple):
    """A proper noun trimmed to the name it may be, with its span (a named tuple, like ProperNoun, for speed)."""

    noun: ProperNoun
    start: int
    end: int
    words: tuple[str, ...]
    # The words, single-spaced.
    text: str
    # The ticker written after the name, split off it ("CSX Corp CSX").
    ticker: tuple[int, int] | None = None


class Discoverer:
    def __init__(
        self,
        *,
        text: str,
        nouns: list[ProperNoun],
        known_spans: list[tuple[int, int, int]],
        gazetteer: Gazetteer,
        lexicon: Lexicon,
    ) -> None:
        self.text = text
        self.nouns = nouns
        self.known_spans = known_spans
        self._known_starts = [span[0] for span in known_spans]
        self.known_by_end = {end: entry for _, end, entry in known_spans}
        self.known_by_start = {start: entry for start, _, entry in known_spans}
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.lowercase_words = LowercaseWords(text)
        self.found: dict[str, Discovered] = {}
        # Everything a name-like phrase could be, by comparable name, for repetition and for mentions.
        self.phrases: dict[str, list[Phrase]] = {}
        self.people: set[str] = set()
        # Known companies named as the first words of a longer phrase, by comparable name of the phrase.
        self.known_prefix: dict[str, int] = {}
        # Where the last name a buying phrase introduced ends ("the acquisition of X"), for a second name after "and".
        self.deal_object_end = -1
        self.deal_object_last_word = ""

    def run(self) -> dict[str, Discovered]:
        for noun in self.nouns:
            phrase = self._trim(noun)
            if phrase is None:
                continue
            self._collect(phrase)
        self._add_repetition()
        for comparable in list(self.found):
            if comparable in self.people or self._is_person_surname(comparable):
                del self.found[comparable]
        for comparable, candidate in self.found.items():
            phrases = self.phrases.get(comparable, [])
            candidate.spans = [(p.start, p.end) for p in phrases]
            candidate.spans += [p.ticker for p in phrases if p.ticker is not None]
            parent = self.known_prefix.get(comparable)
            if parent is not None and not candidate.is_unit:
                candidate.is_unit = True
                candidate.parent_entry = parent
        return self.found

    # -- trimming and filtering ---------------------------------------------------------------------------------

    def _trim(self, noun: ProperNoun) -> Phrase | None:
        words = noun.words
        first = words[0].casefold()
        if len(words) == 1:
            # Most phrases are one word, with no title, nationality or ticker to split off.
            # A nationality on its own ("Russian stocks") describes something; it never names a company.
            if first in FUNCTION_WORDS or (first in NATIONALITIES and first not in _REGIONS_IN_NAMES):
                return None
            return Phrase(noun, noun.start, noun.end, words, noun.text)
        if first in PERSON_TITLES:
            # "Mr Parsons", "Chancellor Gordon Brown": a person, whose surname we remember.
            self.people.add(comparable_name(words[-1]))
            return None
        drop = 0
        while drop < len(words) and (
            # "New" before another capitalised word starts a name ("New World Pictures", "New England Electric").
            (words[drop].casefold() in FUNCTION_WORDS and words[drop] not in _NAME_OPENERS)
            or (
                words[drop].casefold() in NATIONALITIES
                and drop + 1 < len(words)
                and len(words[drop]) > 2
                and not self._names_with_nationality(words[drop + 1 :])
            )
        ):
            drop += 1
        if drop == len(words):
            return None
        if "of" in words[drop + 1 : -1]:
            # "Walid Haddad of Woodco Bank", "Dr. Marsh of Woodco Inc": a person of the company, who is not part of
            # its name.
            of_index = words.index("of", drop + 1)
            if self._is_person(words[drop:of_index], noun.start):
                self.people.add(comparable_name(words[of_index - 1]))
                drop = of_index + 1
        start = noun.start
        for word in words[:drop]:
            start = self.text.index(word, start) + len(word)
            while self.text[start].isspace():
                start += 1
        words = words[drop:]
        end = noun.end
        ticker = None
        if (
            len(words) >= 2
            and _TICKER.fullmatch(words[-1])
            # "Woodco Bank AG": a legal form, not a ticker.
            and words[-1].casefold() not in LEGAL_SUFFIXES
            # "Country Music TV": an everyday acronym, unless a legal form makes it wire copy ("Asarco Inc AR").
            and (words[-1].casefold() not in EVERYDAY_ACRONYMS or words[-2].casefold().rstrip(".") in LEGAL_SUFFIXES)
            and words[-2].casefold().rstrip(".") in _NAME_ENDINGS
            and (not noun.after or not noun.after[0][:1].isupper())
        ):
            ticker = (end - len(words[-1]), end)
            end = ticker[0]
            while self.text[end - 1].isspace():
                end -= 1
            words = words[:-1]
        text = noun.text if len(words) == len(noun.words) else " ".join(words)
        return Phrase(noun, start, end, words, text, ticker)

    def _is_person(self, words: tuple[str, ...], start: int) -> bool:
        """A person's name: after a title ("Dr. Marsh"), or two or three words with a first name in the first two
        ("Walid Haddad", "Technician Leslie Keefe") and no business word at the end."""
        if len(words) > 3 or words[-1].casefold().rstrip(".") in _NAME_ENDINGS:
            return False
        if words[0].casefold() in self.lexicon.places or " ".join(words[:2]).casefold() in self.lexicon.places:
            # "Hong Kong Land of ...": a place's name, not a person's.
            return False
        before = self.text[max(0, start - 12) : start].split()
        if before and before[-1].casefold().rstrip(".") in PERSON_TITLES:
            return True
        first_names = self.lexicon.first_names
        return len(words) > 1 and any(word[1:].islower() and word.casefold() in first_names for word in words[:2])

    def _names_with_nationality(self, rest: tuple[str, ...]) -> bool:
        """A nationality is part of the name when the rest is only ordinary or business words ("American Motors",
        "British Airways", "American Home Products"); before a coined name ("Chinese Kuaishou") it describes it."""
        dictionary = self.lexicon.dictionary_words
        for word in rest:
            key = word.casefold().rstrip(".")
            # The dictionary has no plurals ("Products").
            if key not in _NAME_ENDINGS and key not in dictionary and key.removesuffix("s") not in dictionary:
                return False
        return True

    def _is_person_surname(self, comparable: str) -> bool:
        return " " not in comparable and comparable in self.people

    # -- evidence -----------------------------------------------------------------------------------------------

    def _collect(self, phrase: Phrase) -> None:
        words = phrase.words
        kind = _name_kind(phrase.text, self.lexicon)
        if kind == "person":
            self.people.add(comparable_name(words[-1]))
            self.people.add(comparable_name(phrase.text))
            return
        if kind == "not a company":
            return
        comparable = comparable_name(phrase.text)
        if not comparable or not any(char.isalpha() for char in comparable) or len(comparable) < 2:
            return
        if comparable in self.gazetteer.blocked_names:
            return
        overlap = self._known_overlap(phrase)
        if overlap is not None:
            self._collect_around_known(phrase, overlap, comparable)
            return
        if self.gazetteer.find(comparable) is not None:
            return
        self.phrases.setdefault(comparable, []).append(phrase)
        evidence = self._evidence(phrase)
        if evidence and len(words) == 1 and words[0][1:].islower() and words[0].casefold() in self.lowercase_words:
            # An ordinary word the article also writes in lower case ("Tube workers ... the tube lines", "head of
            # Distribution"): capitals alone do not make it a name, only strong cues do.
            evidence = [item for item in evidence if item[1] >= STRONG_DESCRIPTOR]
        if phrase.noun.sentence_start and len(words) == 1 and not evidence:
            return
        if phrase.noun.sentence_start and len(words) == 1 and _is_gerund(words[0], self.lexicon):
            # "Offering shares to the public is an option": a verb opening the sentence.
            return
        if evidence:
            candidate = self.found.get(comparable)
            if candidate is None:
                candidate = self.found[comparable] = Discovered(name=company_name(phrase.text), comparable=comparable)
            for reason, weight in evidence:
                candidate.add(reason, weight)

    def _known_overlap(self, phrase: Phrase) -> tuple[int, int, int] | None:
        index = bisect_left(self._known_starts, phrase.start)
        if index > 0 and self.known_spans[index - 1][1] > phrase.start:
            return self.known_spans[index - 1]
        if index < len(self.known_spans) and self.known_spans[index][0] < phrase.end:
            return self.known_spans[index]
        return None

    def _collect_around_known(self, phrase: Phrase, known: tuple[int, int, int], comparable: str) -> None:
        """A phrase that holds a known name: the same company ("Sony Corp") or one of its units."""
        start, end, entry = known
        if start != phrase.start or end >= phrase.end:
            return
        extra = self.text[end : phrase.end].split()
        if all(word.casefold().rstrip(".") in _SAME_COMPANY_WORDS for word in extra):
            return
        last = phrase.words[-1].casefold()
        regional = " ".join(extra).casefold() in self.lexicon.places
        if last in LEGAL_SUFFIXES or last in GROUP_SUFFIXES or last in INDUSTRY_HEADS or regional:
            self.phrases.setdefault(comparable, []).append(phrase)
            candidate = self.found.setdefault(
                comparable, Discovered(name=company_name(phrase.text), comparable=comparable)
            )
            candidate.add("business name beginning with a known company's", BUSINESS_HEAD + UNIT_OF_KNOWN)
            self.known_prefix[comparable] = entry

    def _evidence(self, phrase: Phrase) -> list[tuple[str, float]]:
        noun = phrase.noun
        words = phrase.words
        evidence: list[tuple[str, float]] = []
        # "Sterling Group of Houston", "Woodco Telephone Co of Lafayette": the name ends before its place.
        head = _before_place(words, self.lexicon)
        last = head[-1].casefold().rstrip(".")
        if phrase.ticker is not None:
            evidence.append(("followed by its ticker", TICKER_AFTER))
        if len(head) > 1 and (last in LEGAL_SUFFIXES or head[-1] in ("N.V", "S.A", "A.G", "S.p.A")):
            evidence.append(("legal form", LEGAL_FORM))
        elif "of" in words[2:] and words[words.index("of") - 1].casefold().rstrip(".") in LEGAL_SUFFIXES:
            evidence.append(("legal form before its place ('Corp of America')", LEGAL_FORM))
        elif len(head) > 1 and last in GROUP_SUFFIXES:
            evidence.append(("group name", GROUP_WORD))
        elif len(head) > 1 and last in INDUSTRY_HEADS and head[0].casefold() not in INDUSTRY_HEADS:
            evidence.append(("business head word", BUSINESS_HEAD))
        before = noun.words_before(self.text) if phrase.start == noun.start else []
        # Whether a deal phrase introduces this name, itself or as the next in a list.
        in_deal = False
        if before:
            previous = before[-1].casefold()
            pair = (before[-2].casefold(), previous) if len(before) > 1 else None
            if previous in STRONG_DESCRIPTORS:
                evidence.append((f"described as a {previous}", STRONG_DESCRIPTOR))
            elif previous in DESCRIPTOR_NOUNS or previous.endswith("-maker"):
                evidence.append((f"described as {previous}", DESCRIPTOR))
            if pair in _DEAL_PHRASES_BEFORE:
                evidence.append(
                    (f"after '{' '.join(pair)}'", SHARES_IN if pair[0] in ("shares", "stake") else DEAL_ROLE)
                )
                in_deal = pair in _BOUGHT_PHRASES_BEFORE
            elif pair in _ROLE_PHRASES_BEFORE:
                evidence.append((f"after '{' '.join(pair)}'", ROLE_AT_COMPANY))
            elif previous in ("as", "of", "like", "including") and _DEALS_SUCH_AS_BEFORE.search(
                self.text, max(0, phrase.start - _SUCH_AS_LOOK_BACK), phrase.start
            ):
                evidence.append(("named as an example of deals", DEAL_ROLE))
                in_deal = True
        if (
            not in_deal
            and 0 <= self.deal_object_end < phrase.start <= self.deal_object_end + _AND_JOINER_LENGTH
            and _AND_JOINER.fullmatch(self.text, self.deal_object_end, phrase.start)
            # "West Kootenay Power and Light", "Home Savings and Loan": the rest of the first name, not a second.
            and not (
                self.deal_object_last_word in INDUSTRY_HEADS and words[0].casefold() in self.lexicon.dictionary_words
            )
        ):
            # "the acquisition of X and Y": Y is in the deal too.
            evidence.append(("listed with a company in a deal", DEAL_ROLE))
        self.deal_object_end = phrase.end if in_deal else -1
        self.deal_object_last_word = words[-1].casefold()
        after = noun.after if phrase.end == noun.end else ()
        if after:
            following = after[0].casefold().rstrip(".,")
            if after[0] in _GROUP_NOUNS_AFTER and not noun.possessive and not noun.comma:
                evidence.append((f"the {phrase.text} {after[0]}", GROUP_AFTER))
            if after[0] in _STAFF_AFTER and not noun.possessive and not noun.comma:
                evidence.append((f"{phrase.text} {after[0]}", ROLE_AT_COMPANY))
            if noun.possessive and following in OWNED_BY_COMPANIES:
                evidence.append((f"its {following}", BELONGINGS))
            elif not noun.possessive and not noun.comma and following in _DEAL_VERBS_AFTER:
                weight = SHARES_IN if following in ("shares", "stock", "inc") else DEAL_ROLE - 0.1
                evidence.append((f"followed by '{following}'", weight))
            if noun.comma and after[0].casefold() in _ARTICLES:
                for word in after[1:4]:
                    bare = word.casefold().rstrip(".,;")
                    if bare in DESCRIPTOR_NOUNS or bare.endswith("-maker"):
                        if not word.endswith(("'s", "\u2019s")):
                            evidence.append((f"apposition '{bare}'", APPOSITION))
                        break
        if self._listed_with_known(phrase):
            evidence.append(("listed with known companies", LISTED_WITH_KNOWN))
        if not evidence and self._after_country_possessive(phrase):
            evidence.append(("a country's company", COUNTRY_POSSESSIVE))
        if len(words) == 1 and len(words[0]) <= 3 and words[0].isupper():
            # A short acronym ("TV", "PVR", "SEC") is too often something else: only strong cues count.
            evidence = [item for item in evidence if item[1] >= LISTED_WITH_KNOWN]
        return evidence

    def _listed_with_known(self, phrase: Phrase) -> bool:
        if not self.known_spans:
            return False
        if phrase.noun.sentence_start and phrase.text.casefold() in self.lexicon.dictionary_words:
            return False
        text = self.text
        before = text[max(0, phrase.start - 6) : phrase.start]
        for joiner in (", ", " and ", ", and ", " or "):
            if before.endswith(joiner) and (phrase.start - len(joiner)) in self.known_by_end:
                return True
        after = text[phrase.end : phrase.end + 6]
        for joiner in (", ", " and ", " or "):
            if after.startswith(joiner) and (phrase.end + len(joiner)) in self.known_by_start:
                return True
        return False

    def _after_country_possessive(self, phrase: Phrase) -> bool:
        window = self.text[max(0, phrase.start - 24) : phrase.start]
        if not window.endswith(("'s ", "\u2019s ")):
            return False
        owner = window[:-3].split()[-1:] if window[:-3].split() else []
        return bool(owner) and owner[0].casefold() in self.lexicon.countries

    def _add_repetition(self) -> None:
        for comparable, phrases in self.phrases.items():
            if comparable in self.found:
                continue
            inside = [p for p in phrases if not p.noun.sentence_start]
            if len(inside) >= 2 and len(phrases) >= 2:
                words = phrases[0].words
                if len(words) == 1 and words[0].casefold() in self.lexicon.dictionary_words:
                    continue
                candidate = self.found[comparable] = Discovered(
                    name=company_name(phrases[0].text), comparable=comparable
                )
                candidate.add("named repeatedly", REPEATED + 0.05 * min(len(inside) - 2, 3))


# What a name is on its own, whatever the text around it: a person's name, a name that is never a company's (a
# place, a month, a public body), or maybe a company's. Names recur within and across articles, so the answers
# for the latest 16,384 names are kept.
@lru_cache(maxsize=1 << 14)
def _name_kind(name: str, lexicon: Lexicon) -> Literal["person", "not a company", "maybe a company"]:
    words = name.split()
    if _looks_like_person(words, lexicon):
        return "person"
    if _is_place_or_time(name, lexicon) or _is_public_body(words, lexicon):
        return "not a company"
    return "maybe a company"


def _is_gerund(word: str, lexicon: Lexicon) -> bool:
    key = word.casefold()
    return key.endswith("ing") and word[1:].islower() and key in lexicon.dictionary_words


def _is_place_or_time(name: str, lexicon: Lexicon) -> bool:
    key = name.casefold()
    if key in lexicon.places or key in MONTHS_AND_DAYS or key in TIME_ZONES_AND_UNITS:
        return True
    # A range of months or days ("June/July", "Oct/Dec", "Monday-Friday") is a period of time.
    parts = re.split(r"[/-]", key)
    if len(parts) > 1 and all(part.strip(".") in MONTHS_AND_DAYS for part in parts):
        return True
    return key.replace(".", "") in PUBLIC_BODY_ACRONYMS


def _before_place(words: tuple[str, ...] | list[str], lexicon: Lexicon) -> tuple[str, ...] | list[str]:
    """The words of a name before "of" and the place it is in ("Laurentian Group" of "Laurentian Group of
    Montreal"); the whole name when no place follows its "of" ("Bank of Tokyo-Mitsubishi" keeps it all)."""
    if len(words) < 3 or "of" not in words[1:-1]:
        return words
    index = len(words) - 1 - words[::-1].index("of")
    place = words[index + 1 :]
    if place[0] == "the":
        place = place[1:]
    if index >= 1 and place and " ".join(place).casefold().rstrip(".,") in lexicon.places:
        return words[:index]
    return words


def _is_public_body(words: list[str], lexicon: Lexicon) -> bool:
    lowered = [word.casefold() for word in words]
    if lowered[-1] in LEGAL_SUFFIXES or _before_place(lowered, lexicon)[-1].rstrip(".") in LEGAL_SUFFIXES:
        return False
    if any(word in INSTITUTION_HEADS for word in lowered):
        return True
    if any(word in PUBLIC_BODY_WORDS for word in lowered) and any(
        word in ("bank", "fund", "reserve", "exchange", "authority") for word in lowered
    ):
        return True
    # "Bank of England", "Bank of Japan": a bank of a country is its central bank.
    if "of" in lowered:
        of_index = lowered.index("of")
        tail = " ".join(lowered[of_index + 1 :])
        if lowered[of_index - 1] in ("bank", "reserve") and tail in lexicon.countries:
            return True
    return False


def _looks_like_person(words: list[str], lexicon: Lexicon) -> bool:
    if not 2 <= len(words) <= 3:
        return False
    last = words[-1].casefold()
    if last in LEGAL_SUFFIXES or last in GROUP_SUFFIXES or last in INDUSTRY_HEADS:
        return False
    return words[0].casefold() in lexicon.first_names and words[0][1:].islower()
