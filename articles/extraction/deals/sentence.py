"""One sentence seen by the deal grammar: its text and the company mentions in it, with the look-ups the deal
rules share (who is the subject before a verb, which company is its object, which company follows "by" or "to").

This is shallow grammar on purpose: news states deals in a few fixed shapes ("X agreed to buy Y", "Y was bought by
X", "X's takeover of Y"), so the nearest company on the right side of the verb, within a short window and not past
a clause boundary, is almost always the right one, and it costs a few string scans rather than a parser.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from articles.extraction.types import CompanyCandidate


def rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile a pattern in which a literal space matches any run of whitespace (wire copy wraps mid-sentence),
    and an optional space (" ?") any run of whitespace or none."""
    return re.compile(pattern.replace(" ?", r"\s*").replace(" ", r"\s+"), flags)


@dataclass(frozen=True, slots=True)
class Named:
    """A company mention inside the sentence, in offsets local to the sentence."""

    start: int
    end: int
    company: CompanyCandidate


# Words that end the clause a deal verb belongs to: past them, a company is no longer its subject or object.
_CLAUSE_BREAK = rx(
    r"[;:\[\]\"\u201c\u201d]|\s[-\u2013\u2014]+\s|\b(?:said|says|say|told|while|whereas|but|after|before|because|when|although|"
    r"though|if|unless|than|whose)\b"
)
# "X said it ...", "X told the SEC it ...": the speaker is the "it" of the reported clause.
_SPEECH_BEFORE = rx(r"\b(?:said|says|say|told|announced|reported|stated)\b(?: (?:\S+ ){0,5}?(?:that|it))? ?$")
# A company right after one of these is the object of some other phrase, not the subject of the deal verb.
_PREPOSITION_BEFORE = rx(
    r"\b(?:of|from|with|by|for|to|in|at|on|against|than|including|like|over|between|into|about|versus|via) "
    r"(?:the |a |an |its |their )?$"
)
_SPEAKER_AFTER = rx(r"(?:'s)? (?:\w+ )?(?:said|says|told|added|noted|reported)\b")
_WHICH_AFTER = rx(
    r"(?: [A-Z]{2,6}(?:\.[A-Z]{1,2})?)?,? (?:which|who|that) (?:(?:has|had|have|also|already|recently|last year) )*"
)
_RELATIVE_WORD = rx(r"\b(?:which|who|where)\b")
_IN_RELATIVE_CLAUSE = rx(r", (?:which|who) [^,]*$")
_FOR_BEFORE = rx(r"\bfor $")
# "Y, which X bought" / "the Y unit that X sold": Y is the object of the verb that follows.
_RELATIVE_OBJECT = rx(r"^(?:'s)?(?: [\w-]+){0,2},? (?:which|that) $")
# "the Y unit that it sold": the same, with the verb's own subject between the relative word and the verb.
_RELATIVE_OBJECT_OF_VERB = rx(r"^(?:'s)?(?: [\w-]+){0,2},? (?:which|that) (?:it|they|the \w+) (?:\w+ ){0,2}$")
_PRONOUN_SUBJECT = rx(
    r"\b(?:it|its|they|their|the (?:company|firm|group|bank|carrier|retailer|giant|maker|operator|insurer|concern|"
    r"conglomerate|business))\b"
)
# Things a company buys or sells when the text does not name them as a company.
CORPORATE_NOUN = rx(
    r"\b(?:compan(?:y|ies)|firms?|business(?:es)?|units?|divisions?|subsidiar(?:y|ies)|arms?|operations|assets|"
    r"group|banks?|makers?|manufacturers?|producers?|retailers?|chains?|operators?|brands?|studios?|labels?|"
    r"carriers?|airlines?|start-?ups?|rivals?|competitors?|developers?|publishers?|providers?|concerns?|plants?|"
    r"mills?|franchises?|networks?|stations?|newspapers?|insurers?|lenders?|affiliates?|outlets?|stores?|"
    r"hotels?|mines?|refiner(?:y|ies)|privately[- ](?:held|owned)|interests|deposits|branch(?:es)?|offices|"
    r"properties|corporations?|sawmills?|factor(?:y|ies)|facilit(?:y|ies)|restaurants?|casinos?|buildings?|"
    r"product lines?|systems|(?:cable|television|tv|pipeline|gas|water|telephone|radio|distribution) system|"
    r"contractors?|suppliers?|distributors?|dealers?|licensees?|partnerships?|"
    r"cent(?:er|re)s?|hospitals?|complex|publications|papers|"
    r"corp|inc|plc|ltd|co|sdn bhd|spa|sa|ag|nv|gmbh|ab|kk|pty|llc|lp|bv|oy)\b"
)


# What a deal verb takes as its object when no company is named: "its pipeline unit", "two small insurers",
# "a privately held maker of labels". Up to four words may come first, but no preposition: "selling as well as
# its competitors" and "the purchase of oil from producers" are not about a company changing hands.
_FILLER = r"(?!(?:as|than|like|to|with|at|in|on|for|by|from|into|against|over)\b)[\w&'.,-]+"
_OBJECT_NOUN = rx(
    rf"(?: for (?:\S+ ){{1,4}}?(?:dlrs|dollars|stg|pounds|euros|yen|marks|francs))? "
    rf"(?:(?:its|their|his|her|the|a|an|all|some|most|part of|parts of|several|certain|remaining|entire|"
    rf"majority of|two|three|four|five|six|\d[\d.,]*) )?(?:{_FILLER} ){{0,7}}?{CORPORATE_NOUN.pattern}"
)


def names_a_business(text: str, pos: int) -> bool:
    """True when the words right after a deal verb at `pos` name a business ("its Y unit", "four banks")."""
    return _OBJECT_NOUN.match(text, pos) is not None


@lru_cache(maxsize=64)
def _word_pattern(words: str) -> re.Pattern[str]:
    return rx(rf"\b(?:{words}) ")


class DealSentence:
    """A sentence with a deal trigger and at least one company mention in it."""

    __slots__ = ("_breaks", "_ends", "_relative_objects", "_starts", "mentions", "offset", "previous", "text")

    def __init__(self, *, text: str, offset: int, mentions: list[Named], previous: CompanyCandidate | None) -> None:
        self.text = text
        self.offset = offset
        self.mentions = mentions
        # The company "it" or "the company" most likely means here: the one the story is about so far.
        self.previous = previous
        # Where each clause break ends, computed on the first question (every rule asks where a verb's clause
        # starts) and kept; most sentences with a deal word match no rule and never ask.
        self._breaks: list[int] | None = None
        # The mentions are in text order and never overlap, so their starts and their ends are both sorted: the
        # look-ups below bisect these instead of walking every mention, which made a sentence naming thousands
        # of companies cost (names)² (every name checked against every other name).
        self._starts = [named.start for named in mentions]
        self._ends = [named.end for named in mentions]
        # Which mentions read "Y, which" up to the next mention, found once, on the first question.
        self._relative_objects: list[int] | None = None

    def clause_start(self, pos: int) -> int:
        """Where the clause containing `pos` starts (after the last clause break before it)."""
        if self._breaks is None:
            self._breaks = [match.end() for match in _CLAUSE_BREAK.finditer(self.text)]
        before = bisect_right(self._breaks, pos)
        return self._breaks[before - 1] if before else 0

    def _span(self, start: int, end: int) -> range:
        """The indices of the mentions lying wholly inside [start, end), in text order."""
        return range(bisect_left(self._starts, start), bisect_right(self._ends, end))

    def mentions_between(self, start: int, end: int) -> list[Named]:
        """The mentions lying wholly inside [start, end), in text order."""
        span = self._span(start, end)
        return self.mentions[span.start : span.stop]

    def mentions_ending_between(self, start: int, end: int) -> list[Named]:
        """The mentions whose end is in [start, end], in text order ("X, sold to Z": X ends just before the verb)."""
        return self.mentions[bisect_left(self._ends, start) : bisect_right(self._ends, end)]

    def subject_before(self, pos: int) -> tuple[CompanyCandidate | None, float]:
        """The company doing what the verb at `pos` says, and how sure we are.

        The nearest company to the left in the same clause, skipping objects of prepositions and relative clauses
        when a better candidate is there; failing that, "it"/"the company" resolves to the story's company.
        """
        clause_start = self.clause_start(pos)
        before = self._span(clause_start, pos)
        # Nearest first, and usually the nearest is the answer: no list of everything before the verb is built.
        for index in reversed(before):
            named = self.mentions[index]
            if _WHICH_AFTER.fullmatch(self.text, named.end, pos):
                return named.company, 0.9  # "by AQ Corp, which acquired 91 pct of Aloha"
            if _PREPOSITION_BEFORE.search(self.text, max(0, named.start - 30), named.start):
                continue
            if self.is_relative_object(named, pos):
                continue
            return named.company, 1.0
        last = self.mentions[before[-1]] if before else None
        if last is not None and _FOR_BEFORE.search(self.text, max(0, last.start - 5), last.start):
            return last.company, 0.7  # "an agreement for X to acquire Y"
        pronoun = _PRONOUN_SUBJECT.search(self.text, clause_start, pos)
        speaker = self.speaker_before(clause_start) if clause_start > 0 else None
        if speaker is not None:
            # "X said it agreed to buy Y" (sure); "X said the sale of Y to Z closed" (likely X's own deal).
            return speaker, 0.9 if pronoun is not None else 0.7
        if self.previous is not None and pronoun is not None:
            return self.previous, 0.6
        return None, 0.0

    def speaker_before(self, clause_start: int) -> CompanyCandidate | None:
        """In "X said it agreed to buy Y", "it" is X: the company that speaks just before a verb of saying."""
        speech = _SPEECH_BEFORE.search(self.text, max(0, clause_start - 120), clause_start)
        if speech is None:
            return None
        for index in reversed(range(bisect_right(self._ends, speech.start()))):
            named = self.mentions[index]
            if _CLAUSE_BREAK.search(self.text, named.end, speech.start()):
                return None  # and every company named earlier is past the same break
            if _PREPOSITION_BEFORE.search(self.text, max(0, named.start - 30), named.start):
                continue
            if _IN_RELATIVE_CLAUSE.search(self.text, max(0, named.start - 60), named.start):
                continue  # "X, which has owned Y since 2016, said": X speaks, not Y
            return named.company
        return None

    def company_referred_to(
        self, pos: int, *, excluding: CompanyCandidate | None, beyond_sentence: bool = True
    ) -> CompanyCandidate | None:
        """The company "the company" at `pos` points back to: the last one named before it in the sentence, other
        than `excluding` (the verb's subject), else (when `beyond_sentence`) the company the story is about."""
        for index in reversed(range(bisect_right(self._ends, pos))):
            if self.mentions[index].company is not excluding:
                return self.mentions[index].company
        return self.previous if beyond_sentence and self.previous is not excluding else None

    def is_relative_object(self, named: Named, pos: int) -> bool:
        """True for Y in "Y, which X bought" and "the Y unit that it sold": Y is the verb's object, not its subject."""
        following = self._span(named.end, pos)
        if following:
            return bool(_RELATIVE_OBJECT.match(self.text[named.end : self.mentions[following[0]].start]))
        return bool(_RELATIVE_OBJECT_OF_VERB.match(self.text[named.end : pos]))

    def relative_object_before(self, pos: int) -> Named | None:
        """The Y of "Y, which X sold" when the verb at `pos` closes such a clause."""
        before = self._span(self.clause_start(pos), pos)
        if not before:
            return None
        last = self.mentions[before[-1]]
        if _RELATIVE_OBJECT_OF_VERB.match(self.text[last.end : pos]):
            return last
        # Every other mention before the verb has the next mention before the verb too, so whether it reads
        # "Y, which" depends on the text up to that next mention alone: found once for the sentence, then bisected,
        # rather than tried mention by mention for each verb (a sentence of many names and many verbs).
        if self._relative_objects is None:
            self._relative_objects = [
                index
                for index, (named, following) in enumerate(itertools.pairwise(self.mentions))
                if _RELATIVE_OBJECT.match(self.text[named.end : following.start])
            ]
        nearest = bisect_left(self._relative_objects, before[-1]) - 1
        if nearest >= 0 and self._relative_objects[nearest] >= before.start:
            return self.mentions[self._relative_objects[nearest]]
        return None

    def object_after(self, pos: int, window: int = 110) -> Named | None:
        """The first company after `pos` within `window` characters, not past a clause break."""
        for index in range(bisect_left(self._starts, pos), len(self.mentions)):
            named = self.mentions[index]
            if named.start - pos > window:
                return None
            if _CLAUSE_BREAK.search(self.text, pos, named.start) or _RELATIVE_WORD.search(self.text, pos, named.start):
                return None
            if _SPEAKER_AFTER.match(self.text, named.end):
                return None  # "..., X said": X speaks; it is not the object
            return named
        return None

    def named_after_word(self, pos: int, words: str, window: int = 90) -> Named | None:
        """The company introduced by one of `words` ("by", "to", "from", "led by") after `pos`."""
        pattern = _word_pattern(words)
        for match in pattern.finditer(self.text, pos, min(len(self.text), pos + window)):
            named = self.object_after(match.end(), window=45)
            # A comma between the word and the company ends the phrase: "to local staff, X had" is not "to X".
            if named is not None and "," not in self.text[match.end() : named.start]:
                return named
        return None

    def coordinated(self, first: Named) -> list[Named]:
        """`first` and the companies listed with it: "Inktomi and Overture", "A, B and C"."""
        chain = [first]
        for index in range(bisect_right(self._starts, first.end), len(self.mentions)):
            named = self.mentions[index]
            if named.start <= chain[-1].end:
                continue
            gap = self.text[chain[-1].end : named.start]
            if re.fullmatch(r"(?:'s)?\s*(?:,|,?\s+(?:and|&|or))\s+(?:the\s+)?", gap):
                chain.append(named)
            else:
                break
        return chain

    def coordinated_before(self, pos: int) -> list[Named]:
        """The companies of "A and B" ending just before `pos` ("A and B agreed to merge")."""
        before = self._span(self.clause_start(pos), pos)
        if len(before) < 2:
            return []
        last, previous = self.mentions[before[-1]], self.mentions[before[-2]]
        if re.fullmatch(r"(?:'s)?\s*(?:,|,?\s+(?:and|&))\s+(?:the\s+)?", self.text[previous.end : last.start]):
            return [previous, last]
        return []

    def coordinated_speakers(self, pos: int) -> list[Named]:
        """ "A and B said they agreed to merge": the pair speaking before the clause that holds `pos`."""
        clause_start = self.clause_start(pos)
        if clause_start == 0 or not _SPEECH_BEFORE.search(self.text, max(0, clause_start - 120), clause_start):
            return []
        return self.coordinated_before(clause_start - 1) if clause_start > 0 else []
