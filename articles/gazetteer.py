"""The engine's gazetteer, built from the knowledge base and kept per process until the knowledge base changes.

Building it from 50,000 companies takes a few seconds and about 100 MB (mostly the automaton's nodes and the
companies' names), so a worker builds it once and reuses it. Every write that changes names (a company created,
renamed, merged; an alias added) bumps a version number in the shared cache; a process compares its copy's version
with that number before linking and rebuilds when they differ. Companies the
machine discovers while linking bump the version too (companies/name_changes.py), but a process rebuilds for them
at most once a minute, so a batch that discovers many companies does not spend its time rebuilding.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from dataclasses import dataclass

from articles.extraction.gazetteer import Gazetteer
from articles.extraction.types import CompanyKind as EngineCompanyKind
from articles.extraction.types import GazetteerEntry, GazetteerName
from companies.models import AliasKind, Company, CompanyAlias, RejectedName
from companies.name_changes import names_versions

DISCOVERY_REFRESH_SECONDS = 60.0


@dataclass
class _Cached:
    gazetteer: Gazetteer
    version: int
    urgent_version: int
    built_at: float


_lock = threading.Lock()
_cached: _Cached | None = None


def gazetteer_current() -> Gazetteer:
    """This process's gazetteer, rebuilt first if the knowledge base changed since it was built."""
    global _cached
    version, urgent_version = names_versions()
    with _lock:
        cached = _cached
        stale = cached is None or cached.urgent_version != urgent_version
        if cached is not None and not stale and cached.version != version:
            stale = time.monotonic() - cached.built_at >= DISCOVERY_REFRESH_SECONDS
        if stale:
            # The gazetteer is hundreds of thousands of long-lived objects: frozen, full collections skip them.
            # Unfreeze first so the copy being replaced can be collected, then freeze the new one.
            # Drop every reference to the old copy before building, so two never live side by side.
            gc.unfreeze()
            _cached = cached = None
            gc.collect()
            cached = _Cached(gazetteer_build(), version, urgent_version, time.monotonic())
            gc.collect()
            gc.freeze()
            _cached = cached
        assert cached is not None  # noqa: S101 - narrowed for the type checker
        return cached.gazetteer


def gazetteer_forget() -> None:
    """Drops this process's copy (tests, and commands that load companies and extract in one process)."""
    global _cached
    with _lock:
        _cached = None


def gazetteer_build() -> Gazetteer:
    """Every company with every name it goes by, in four queries, streamed: a worker builds it without holding the
    rows of 50,000 companies beside it (the peak of the build is the peak of the worker)."""
    other_names: dict[int, list[GazetteerName]] = {}
    for company_id, name, kind, needs_context in CompanyAlias.objects.values_list(
        "company_id", "name", "kind", "needs_context"
    ).iterator(chunk_size=5000):
        other_names.setdefault(company_id, []).append(
            GazetteerName(name, needs_context=needs_context, is_ticker=kind == AliasKind.TICKER)
        )
    parent_slugs = dict(Company.objects.filter(units__isnull=False).values_list("id", "slug").distinct())
    entries = []
    for company_id, slug, name, kind, parent_id, country, name_needs_context in Company.objects.values_list(
        "id", "slug", "name", "kind", "parent_id", "country", "name_needs_context"
    ).iterator(chunk_size=5000):
        own = GazetteerName(name, needs_context=name_needs_context)
        entries.append(
            GazetteerEntry(
                key=slug,
                name=name,
                names=(own, *other_names.pop(company_id, ())),
                kind=EngineCompanyKind(kind),
                parent_key=parent_slugs.get(parent_id) if parent_id else None,
                # A few hundred distinct codes for 50,000 companies: one string each, not one per company.
                country=sys.intern(country) if country else None,
            )
        )
    blocked = RejectedName.objects.values_list("name", flat=True)
    return Gazetteer(entries, blocked_names=list(blocked))
