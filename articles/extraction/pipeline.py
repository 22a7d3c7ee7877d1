"""The engine's entry point: text and a gazetteer in, companies, mentions and deals out."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from articles.extraction.deals import find_deals
from articles.extraction.discovery import UNIT_RELATION, Discovered, Discoverer, company_name
from articles.extraction.gazetteer import Gazetteer
from articles.extraction.known_mentions import KnownMention, link_known
from articles.extraction.lexicon import Lexicon, lexicon
from articles.extraction.normalize import comparable_name, fold_text
from articles.extraction.proper_nouns import ProperNoun, find_proper_nouns
from articles.extraction.sentences import split_paragraphs, split_sentences
from articles.extraction.short_forms import LowercaseWords, short_forms
from articles.extraction.types import (
    CompanyCandidate,
    CompanyKind,
    Extraction,
    ExtractionError,
    MentionCandidate,
    MentionMethod,
    Sentence,
)
from articles.extraction.units import UnitRelation, find_unit_relations
from articles.extraction.vocabulary import EVERYDAY_ACRONYMS, NOT_TICKERS

# A short form ("Kling" for "Kling AI") is a little less certain than the name it stands for.
SHORT_FORM_CONFIDENCE = 0.85
# Wire copy writes a company's ticker right after its name, with an exchange code ("CSX Corp CSX said", "Fujitsu
# Ltd ITSU.T", "Reuters Holdings Plc RTRS.L", "Toyota Motor Corp's TOYO.T"), perhaps across a wrapped line: link it
# to the company. "A" and "I" are words ("... said Kuaishou\nA spokesman").
_TRAILING_TICKER = re.compile(
    r"(?P<forms>(?:[ \t]+(?:Inc|Corp|Co|Cos|Ltd|Plc|plc|PLC|Corporation|Company|Group|Holdings|International|AG|SA|NV|"
    r"SpA)\.?){0,2})(?:['\u2019]s)?(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"(?P<ticker>(?!(?:A|I)\s)(?P<symbol>[A-Z]{1,5})(?P<exchange>\.[A-Z]{1,3})?)(?=[\s.,;)]|$)(?![ \t]+[A-Z])"
)
# A name ending in its legal form ("Citicorp", "PaineWebber Group") is written as wire copy writes names before
# tickers.
_CORPORATE_ENDING = re.compile(
    r"(?:corp|\b(?:inc|co|cos|ltd|plc|corporation|company|group|holdings|international|ag|sa|nv|spa))$", re.IGNORECASE
)


def extract(
    text: str, gazetteer: Gazetteer, *, published_on: date | None = None, max_mentions: int | None = None
) -> Extraction:
    """Read one document. Raises ExtractionError, and nothing else, when it cannot.

    With `max_mentions`, only the first that many mentions (by offset) are kept, before deals are looked for, and
    `Extraction.mentions_dropped` says how many were left out: a document that repeats a name a hundred thousand
    times then costs what its first mentions cost in the deal rules, whose work grows faster than the mentions of a
    sentence. Real articles name a few dozen (at most 54 in the BBC and Reuters corpora)."""
    if not isinstance(text, str):
        raise ExtractionError(f"expected the document's text as a string, got {type(text).__name__}")
    if max_mentions is not None and max_mentions < 1:
        raise ValueError(f"max_mentions must be at least 1, got {max_mentions}")
    try:
        return _extract(text, gazetteer, published_on, max_mentions)
    except ExtractionError:
        raise
    except Exception as error:  # A bug must not take a batch down; the caller records it with the document.
        raise ExtractionError(f"the engine failed on this text: {error!r}") from error


def _extract(text: str, gazetteer: Gazetteer, published_on: date | None, max_mentions: int | None) -> Extraction:
    words = lexicon()
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    sentence_starts = _sentence_starts(text, sentences)
    folded = " " + fold_text(text)
    known = link_known(text, folded, gazetteer, sentence_starts, words)
    nouns = find_proper_nouns(text, sentence_starts)
    known = _outside_longer_names(known, nouns)
    discoverer = Discoverer(
        text=text,
        nouns=nouns,
        known_spans=[(mention.start, mention.end, mention.entry_index) for mention in known],
        gazetteer=gazetteer,
        lexicon=words,
    )
    discovered = discoverer.run()
    companies = _Assembler(text, gazetteer, known, discovered, discoverer, sentences, words).assemble()
    dropped = 0
    if max_mentions is not None:
        companies, dropped = _first_mentions(companies, max_mentions)
    deals = find_deals(text=text, sentences=sentences, companies=companies, published_on=published_on)
    return Extraction(
        sentences=sentences, paragraphs=paragraphs, companies=companies, deals=deals, mentions_dropped=dropped
    )


def _first_mentions(companies: list[CompanyCandidate], limit: int) -> tuple[list[CompanyCandidate], int]:
    """The companies with only the first `limit` mentions of the text among them (a company left with none is left
    out), and how many mentions were dropped. The mentions of each company are already in order of offset."""
    total = sum(len(company.mentions) for company in companies)
    if total <= limit:
        return companies, 0
    starts = sorted(mention.start for company in companies for mention in company.mentions)
    # Mentions never overlap (the assembler takes each character once), so offsets are distinct.
    last_kept = starts[limit - 1]
    kept = []
    for company in companies:
        company.mentions = [mention for mention in company.mentions if mention.start <= last_kept]
        if company.mentions:
            kept.append(company)
    return kept, total - limit


def _outside_longer_names(known: list[KnownMention], nouns: list[ProperNoun]) -> list[KnownMention]:
    """An ordinary-word name inside a longer name is part of that name: "News" in "Automotive News Europe"."""
    # "The Hearst Corp" opening a sentence: "The" is not part of the name, so "Hearst" is not inside a longer one.
    starts = [noun.start + 4 if noun.words[0] == "The" else noun.start for noun in nouns]
    kept = []
    for mention in known:
        index = bisect_right(starts, mention.start) - 1
        inside = index >= 0 and starts[index] < mention.start and mention.end <= nouns[index].end
        if not (inside and mention.ordinary):
            kept.append(mention)
    return kept


def _sentence_starts(text: str, sentences: list[Sentence]) -> set[int]:
    starts: set[int] = set()
    for sentence in sentences:
        start = sentence.start
        starts.add(start)
        # "'Our decision...' said X": the first word after an opening quote or bracket also opens the sentence.
        while start < sentence.end and text[start] in "\"'\u201c\u2018(-\u2013\u2014 ":
            start += 1
            starts.add(start)
    return starts


class _Assembler:
    """Turns known mentions, discovered names and unit relations into one CompanyCandidate per company."""

    def __init__(
        self,
        text: str,
        gazetteer: Gazetteer,
        known: list[KnownMention],
        discovered: dict[str, Discovered],
        discoverer: Discoverer,
        sentences: list[Sentence],
        words: Lexicon,
    ) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.known = known
        self.discovered = discovered
        self.discoverer = discoverer
        self.sentences = sentences
        self.lexicon = words
        self.companies: list[CompanyCandidate] = []
        self.by_entry: dict[int, CompanyCandidate] = {}
        self.by_comparable: dict[str, CompanyCandidate] = {}
        # Each character a mention covers, with that mention and its company: a unit taking over its parent's
        # mention finds it here rather than by walking every mention (a name repeated 100,000 times made that
        # quadratic).
        self.taken: dict[int, tuple[CompanyCandidate, MentionCandidate]] = {}
        # Mentions taken over by a unit, removed from their companies' lists at the end of discovery (list.remove
        # per mention was the same quadratic walk).
        self.stolen: set[int] = set()
        # Indexes for unit relations, built when the text has any.
        self.known_at: dict[int, KnownMention] = {}
        self.subjects: list[tuple[int, int, CompanyCandidate | Discovered]] = []
        self.subject_starts: list[int] = []

    def assemble(self) -> list[CompanyCandidate]:
        self._add_known()
        self._add_unit_relations()
        self._add_discovered()
        self._add_short_forms()
        for company in self.companies:
            company.mentions.sort(key=lambda mention: mention.start)
        self.companies = [company for company in self.companies if company.mentions]
        self.companies.sort(key=lambda company: company.mentions[0].start)
        return self.companies

    def _add_known(self) -> None:
        for mention in self.known:
            company = self.by_entry.get(mention.entry_index)
            if company is None:
                entry = self.gazetteer.entry(mention.entry_index)
                parent_index = self.gazetteer.by_key.get(entry.parent_key) if entry.parent_key else None
                company = CompanyCandidate(
                    name=entry.name,
                    key=entry.key,
                    confidence=mention.confidence,
                    kind=entry.kind,
                    parent_key=entry.parent_key,
                    parent_name=self.gazetteer.entry(parent_index).name if parent_index is not None else None,
                    country=entry.country,
                    evidence=["in the knowledge base"],
                )
                self.by_entry[mention.entry_index] = company
                self.companies.append(company)
                for name in entry.names:
                    if not name.is_ticker:
                        self.by_comparable.setdefault(comparable_name(name.text), company)
            company.confidence = max(company.confidence, mention.confidence)
            self._mention(company, mention.start, mention.end, mention.confidence, MentionMethod.GAZETTEER)
            ticker = _TRAILING_TICKER.match(self.text, mention.end)
            if ticker is not None and self._is_ticker_of(ticker, mention):
                start, end = ticker.span("ticker")
                self._mention(company, start, end, mention.confidence, MentionMethod.GAZETTEER)

    def _is_ticker_of(self, ticker: re.Match[str], mention: KnownMention) -> bool:
        """Whether the capitals after a known name are its ticker rather than an ordinary acronym or a product
        ("Sony DVD players", "Nintendo DS", "Xerox PARC", "told Reuters MITI"). An exchange code says so, and so does
        the company's own ticker; a bare symbol needs the name written in full with its legal form, as wire copy
        writes it before a ticker ("PaineWebber Group Inc PWJ", "International Paper Co IP", "Citicorp CCI"), or,
        when it is no everyday acronym, must abbreviate the name, as exchanges' symbols do ("Texaco TX", "Corning
        Glass Works GLW") and acronyms that merely follow a name rarely do."""
        written = ticker.group("ticker").casefold()
        if written in self.lexicon.places or written in NOT_TICKERS:
            return False
        if ticker.group("exchange"):
            return True
        symbol = ticker.group("symbol").casefold()
        entry = self.gazetteer.entry(mention.entry_index)
        if any(name.is_ticker and name.text.casefold() == symbol for name in entry.names):
            return True
        # "Inc." with its full stop may end a sentence whose next one opens with an acronym.
        forms = ticker.group("forms")
        surface = self.text[mention.start : mention.end]
        if (forms and not forms.endswith(".")) or (not forms and _CORPORATE_ENDING.search(surface)):
            return True
        if symbol in EVERYDAY_ACRONYMS:
            return False
        names = [surface, *(name.text for name in entry.names if not name.is_ticker)]
        return any(_abbreviates(symbol, name.casefold()) for name in names)

    def _add_unit_relations(self) -> None:
        relations = find_unit_relations(self.text)
        if not relations:
            return
        self.known_at = {mention.start: mention for mention in self.known}
        self.subjects = sorted(
            [(m.start, m.end, company) for company in self.companies for m in company.mentions]
            + [(start, end, found) for found in self.discovered.values() for start, end in found.spans],
            key=lambda subject: subject[0],
        )
        self.subject_starts = [subject[0] for subject in self.subjects]
        for relation in relations:
            unit = self._company_at(relation.unit_start, relation.unit_end, create=True, evidence=relation)
            if unit is None:
                continue
            owner = (
                self._company_at(relation.owner_start, relation.owner_end, create=False, evidence=relation)
                if relation.owner_start is not None and relation.owner_end is not None
                else self._subject_before(relation.unit_start)
            )
            if owner is None or owner is unit:
                continue
            if isinstance(unit, Discovered):
                unit.is_unit = True
                unit.parent_name = owner.name
                unit.parent_entry = None
                if isinstance(owner, CompanyCandidate) and owner.key is not None:
                    unit.parent_entry = self.gazetteer.by_key.get(owner.key)
            elif unit.parent_name is None:
                # The knowledge base's own parent wins; the text only fills a gap.
                unit.kind = CompanyKind.UNIT
                unit.parent_name = owner.name
                unit.parent_key = owner.key if isinstance(owner, CompanyCandidate) else None

    def _company_at(
        self, start: int, end: int, *, create: bool, evidence: UnitRelation
    ) -> CompanyCandidate | Discovered | None:
        mention = self.known_at.get(start)
        if mention is not None and mention.end <= end:
            return self.by_entry.get(mention.entry_index)
        surface = " ".join(self.text[start:end].split())
        comparable = comparable_name(surface)
        if comparable in self.by_comparable:
            return self.by_comparable[comparable]
        candidate = self.discovered.get(comparable)
        if candidate is None and create and self._may_be_company(surface):
            candidate = Discovered(name=company_name(surface), comparable=comparable)
            candidate.spans = [(start, end)] + [
                (phrase.start, phrase.end) for phrase in self.discoverer.phrases.get(comparable, [])
            ]
            self.discovered[comparable] = candidate
        if candidate is not None and create:
            candidate.add(f"named as a unit: {' '.join(evidence.evidence.split())}", UNIT_RELATION)
        return candidate

    def _may_be_company(self, surface: str) -> bool:
        key = surface.casefold()
        return key not in self.lexicon.places and key not in self.lexicon.first_names

    def _subject_before(self, position: int) -> CompanyCandidate | Discovered | None:
        """The company an "its" refers to: the nearest company named before it, in this sentence or earlier."""
        index = bisect_right(self.subject_starts, position) - 1
        while index >= 0:
            _, end, subject = self.subjects[index]
            if end <= position:
                return subject
            index -= 1
        return None

    def _add_discovered(self) -> None:
        for candidate in self.discovered.values():
            parent_key = None
            parent_name = candidate.parent_name
            if candidate.parent_entry is not None:
                parent = self.gazetteer.entry(candidate.parent_entry)
                parent_key, parent_name = parent.key, parent.name
            company = CompanyCandidate(
                name=candidate.name,
                key=None,
                confidence=candidate.confidence,
                kind=CompanyKind.UNIT if candidate.is_unit else CompanyKind.COMPANY,
                parent_name=parent_name,
                parent_key=parent_key,
                evidence=[f"{reason} ({weight:.2f})" for reason, weight in candidate.evidence.items()],
            )
            # A unit named by its parent's name and more ("JP Morgan Securities") takes over the parent's
            # mention inside that longer name.
            steal = candidate.parent_entry is not None
            for start, end in sorted(set(candidate.spans)):
                self._mention(company, start, end, company.confidence, MentionMethod.DISCOVERED, steal=steal)
            if company.mentions:
                self.companies.append(company)
                self.by_comparable.setdefault(candidate.comparable, company)
        if self.stolen:
            for company in self.companies:
                company.mentions = [mention for mention in company.mentions if id(mention) not in self.stolen]
            self.stolen.clear()

    def _add_short_forms(self) -> None:
        """Later short forms link to the company named earlier: "Kling AI" ... "Kling"."""
        owners: dict[str, CompanyCandidate | None] = {}
        ordinary = LowercaseWords(self.text)
        for company in self.companies:
            names = {company.name} | {mention.text for mention in company.mentions}
            for name in names:
                for short in short_forms(name, self.lexicon, ordinary):
                    if short in self.by_comparable and self.by_comparable[short] is not company:
                        continue
                    owner = owners.get(short, company)
                    owners[short] = company if owner is company else None
        for short, company in owners.items():
            if company is None or not company.mentions:
                continue
            first = min(mention.start for mention in company.mentions)
            # A short form that discovery took for a company of its own is this company.
            duplicate = self.by_comparable.get(short)
            if duplicate is not None and duplicate is not company and duplicate.key is None:
                for mention in duplicate.mentions:
                    self._release(mention)
                duplicate.mentions.clear()
            method = MentionMethod.GAZETTEER if company.key is not None else MentionMethod.DISCOVERED
            for phrase in self.discoverer.phrases.get(short, []):
                if phrase.start > first:
                    self._mention(company, phrase.start, phrase.end, SHORT_FORM_CONFIDENCE, method)

    def _mention(
        self,
        company: CompanyCandidate,
        start: int,
        end: int,
        confidence: float,
        method: MentionMethod,
        *,
        steal: bool = False,
    ) -> None:
        if any(position in self.taken for position in range(start, end)):
            if not steal:
                return
            # Every other company's mention overlapping this span (the company's own earlier ones stay).
            overlapping = {position: self.taken.get(position) for position in range(start, end)}
            for owner_and_mention in overlapping.values():
                if owner_and_mention is not None and owner_and_mention[0] is not company:
                    self.stolen.add(id(owner_and_mention[1]))
                    self._release(owner_and_mention[1])
            if any(position in self.taken for position in range(start, end)):
                return
        mention = MentionCandidate(start, end, self.text[start:end], confidence, method)
        for position in range(start, end):
            self.taken[position] = (company, mention)
        company.mentions.append(mention)

    def _release(self, mention: MentionCandidate) -> None:
        for position in range(mention.start, mention.end):
            self.taken.pop(position, None)


def _abbreviates(symbol: str, name: str) -> bool:
    """Whether the symbol's letters appear in the name in order ("glw" in "corning glass works")."""
    letters = iter(name)
    return all(letter in letters for letter in symbol)
