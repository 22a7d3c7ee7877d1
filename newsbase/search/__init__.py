"""Site search: one interface, a backend picked by the database vendor (the way Wagtail search does it).

PostgreSQL: full-text search over articles (title weighted above body) and deal headlines, trigram matching for
company names and aliases, so "Kuaishu" still finds Kuaishou. Any other database: a simpler search with the same
results shape, still tolerant of small typos in company names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection

from newsbase.search.backend import SearchBackend

RESULT_KINDS = ("companies", "deals", "articles")
PAGE_SIZE = 10
# On the "everything" tab each kind shows a few results, with a link to the rest.
PREVIEW_SIZE = {"companies": 6, "deals": 5, "articles": 10}
MAX_QUERY_CHARS = 200


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from newsbase.search.postgres import PostgresSearchBackend

        return PostgresSearchBackend()
    from newsbase.search.fallback import FallbackSearchBackend

    return FallbackSearchBackend()


class _LazyHits:
    """What Paginator needs (count, slicing), running the backend's query only for the page asked for."""

    def __init__(self, backend: SearchBackend, kind: str, query: str, total: int) -> None:
        self.backend, self.kind, self.query, self.total = backend, kind, query, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Any]:
        start, stop = window.start or 0, window.stop or self.total
        return self.backend.hits(self.kind, self.query, offset=start, limit=stop - start)


@dataclass(slots=True)
class SearchResults:
    query: str
    kind: str  # "all" or one of RESULT_KINDS
    counts: dict[str, int] = field(default_factory=dict)
    companies: list[Any] = field(default_factory=list)
    deals: list[Any] = field(default_factory=list)
    articles: list[Any] = field(default_factory=list)
    page: Page | None = None

    # Counts at or above this are shown as "1,000+": the backend stopped counting there.
    count_cap: int | None = None

    @property
    def total(self) -> int:
        cap = self.count_cap
        return sum(min(count, cap) if cap else count for count in self.counts.values())

    @property
    def total_is_capped(self) -> bool:
        return bool(self.count_cap) and any(count > self.count_cap for count in self.counts.values())


def search(
    query: str, *, kind: str = "all", page: int | str = 1, backend: SearchBackend | None = None
) -> SearchResults:
    """Search companies, deals and articles; `kind` narrows to one of them, paginated."""
    query = " ".join(query.split())[:MAX_QUERY_CHARS]
    kind = kind if kind in RESULT_KINDS else "all"
    results = SearchResults(query=query, kind=kind)
    if not query:
        return results
    backend = backend or get_backend()
    results.counts = {name: backend.count(name, query) for name in RESULT_KINDS}
    results.count_cap = getattr(backend, "count_cap", None)
    if kind == "all":
        for name in RESULT_KINDS:
            if results.counts[name]:
                setattr(results, name, backend.hits(name, query, offset=0, limit=PREVIEW_SIZE[name]))
        return results
    # Some backends rank only their best matches: the pages stop where those do.
    reachable = min(results.counts[kind], getattr(backend, "max_results", results.counts[kind]))
    results.page = Paginator(_LazyHits(backend, kind, query, reachable), PAGE_SIZE).get_page(page)
    setattr(results, kind, list(results.page.object_list))
    return results


def suggest_companies(query: str, *, limit: int = 8) -> list[Any]:
    """Companies for the search box's autocomplete, best first."""
    query = " ".join(query.split())[:MAX_QUERY_CHARS]
    if not query:
        return []
    return get_backend().hits("companies", query, offset=0, limit=limit)
