"""The engine's vocabulary: plain, immutable dataclasses that cross the boundary to Django.

Nothing here imports Django or the apps; the persistence layer maps these onto models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class ExtractionError(Exception):
    """The only exception the engine raises on bad input (anything else is a bug)."""


class CompanyKind(StrEnum):
    COMPANY = "company"
    UNIT = "unit"
    INVESTOR = "investor"


class DealKind(StrEnum):
    ACQUISITION = "acquisition"
    MERGER = "merger"
    INVESTMENT = "investment"
    FUNDING_ROUND = "funding_round"
    IPO = "ipo"
    SPIN_OFF = "spin_off"
    DIVESTMENT = "divestment"
    PARTNERSHIP = "partnership"


class DealStatus(StrEnum):
    RUMORED = "rumored"
    PROPOSED = "proposed"
    AGREED = "agreed"
    COMPLETED = "completed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class PartyRole(StrEnum):
    ACQUIRER = "acquirer"
    TARGET = "target"
    SELLER = "seller"
    BIDDER = "bidder"
    INVESTOR = "investor"
    INVESTEE = "investee"
    MERGER_PARTY = "merger_party"
    ISSUER = "issuer"
    PARENT = "parent"
    SPUN_OFF = "spun_off"
    PARTNER = "partner"


class MentionMethod(StrEnum):
    GAZETTEER = "gazetteer"
    DISCOVERED = "discovered"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) of the text, with the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class GazetteerName:
    """One name a known company goes by: its name, an alias, a former name or a ticker."""

    text: str
    # Ordinary words ("Apple", "Shell", "3") link only with corporate context.
    needs_context: bool = False
    is_ticker: bool = False


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A company the knowledge base already has. `key` is its stable identifier (the slug)."""

    key: str
    name: str
    names: tuple[GazetteerName, ...]
    kind: CompanyKind = CompanyKind.COMPANY
    parent_key: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class MentionCandidate:
    start: int
    end: int
    text: str
    confidence: float
    method: MentionMethod


@dataclass(slots=True)
class CompanyCandidate:
    """A company the text names: known (`key` set) or newly discovered (`key` None)."""

    name: str
    key: str | None
    confidence: float
    kind: CompanyKind = CompanyKind.COMPANY
    parent_name: str | None = None
    parent_key: str | None = None
    country: str | None = None
    # Why the engine believes this is a company: short human-readable reasons with the sentence that shows it.
    evidence: list[str] = field(default_factory=list)
    mentions: list[MentionCandidate] = field(default_factory=list)

    @property
    def is_known(self) -> bool:
        return self.key is not None


@dataclass(frozen=True, slots=True)
class PartyCandidate:
    name: str
    key: str | None
    role: PartyRole


@dataclass(frozen=True, slots=True)
class DealCandidate:
    kind: DealKind
    status: DealStatus
    parties: tuple[PartyCandidate, ...]
    evidence: Span
    confidence: float
    amount: Decimal | None = None
    currency: str | None = None
    valuation: Decimal | None = None
    valuation_currency: str | None = None
    round: str | None = None
    announced_on: date | None = None
    # The year the text puts the deal in when it gives no day ("SoftBank bought Arm in 2016").
    stated_year: int | None = None


@dataclass(slots=True)
class Extraction:
    sentences: list[Sentence]
    paragraphs: list[Span]
    companies: list[CompanyCandidate]
    deals: list[DealCandidate]
    # Mentions found beyond the caller's `max_mentions` and left out (the last ones in the text); 0 when none were.
    mentions_dropped: int = 0

    @property
    def mentions(self) -> list[tuple[CompanyCandidate, MentionCandidate]]:
        pairs = [(company, mention) for company in self.companies for mention in company.mentions]
        return sorted(pairs, key=lambda pair: (pair[1].start, pair[1].end))
