"""Company lookup by name or alias, for autocomplete and the API: ignores case and accents, forgives typos.

Ranking: an exact name, then names starting with the query, then names with a word starting with it, then (when
those leave room) the closest spellings. On PostgreSQL the close spellings come from pg_trgm word similarity over
GIN trigram indexes (which also serve the prefix searches); on SQLite from difflib over a bounded set of candidates
that share a trigram with the query.
"""

from __future__ import annotations

import difflib

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length

from companies.models import Company, CompanyAlias
from companies.names import name_key

MAX_LIMIT = 50
# SQLite fallback: how many candidate names difflib compares, at most; and the least similarity that counts.
FALLBACK_CANDIDATES = 2000
FALLBACK_CUTOFF = 0.6
# PostgreSQL: the least word similarity that counts (pg_trgm's own default is 0.6).
TRIGRAM_CUTOFF = 0.4

_EXACT, _PREFIX, _WORD_PREFIX = 0, 1, 2


def company_lookup(query: str, *, limit: int = 10) -> list[Company]:
    """Public companies whose name or alias matches `query`, best first, at most `limit` (capped at 50)."""
    key = name_key(query)
    limit = max(1, min(limit, MAX_LIMIT))
    if not key:
        return []
    ranked = _prefix_matches(key, limit)
    if len(ranked) < limit:
        fuzzy = _similar_postgresql(key, limit) if connection.vendor == "postgresql" else _similar_fallback(key, limit)
        for company_id in fuzzy:
            ranked.setdefault(company_id, (3, 0))
    best = sorted(ranked, key=lambda company_id: ranked[company_id])[:limit]
    companies = Company.objects.public().select_related("parent").in_bulk(best)
    return [companies[company_id] for company_id in best if company_id in companies]


def _rank(key: str) -> Case:
    return Case(
        When(name_key=key, then=Value(_EXACT)),
        When(name_key__startswith=key, then=Value(_PREFIX)),
        default=Value(_WORD_PREFIX),
        output_field=IntegerField(),
    )


def _prefix_match(key: str) -> Q:
    return Q(name_key__startswith=key) | Q(name_key__contains=f" {key}")


def _prefix_matches(key: str, limit: int) -> dict[int, tuple[int, int]]:
    """{company id: (rank, name length)} for names and aliases that start with the query or have a word that does."""
    public_ids = Company.objects.public().values("pk")
    names = (
        Company.objects.public()
        .filter(_prefix_match(key))
        .annotate(rank=_rank(key), length=Length("name_key"))
        .order_by("rank", "length", "name_key")
        .values_list("pk", "rank", "length")[:limit]
    )
    aliases = (
        CompanyAlias.objects.filter(_prefix_match(key), company__in=public_ids)
        .annotate(rank=_rank(key), length=Length("name_key"))
        .order_by("rank", "length", "name_key")
        .values_list("company_id", "rank", "length")[:limit]
    )
    ranked: dict[int, tuple[int, int]] = {}
    for company_id, rank, length in [*names, *aliases]:
        ranked[company_id] = min(ranked.get(company_id, (rank, length)), (rank, length))
    return ranked


def _similar_postgresql(key: str, limit: int) -> list[int]:
    def closest(queryset: QuerySet, id_field: str) -> list[tuple[float, int]]:
        return list(
            queryset.filter(name_key__trigram_word_similar=key)
            .annotate(similarity=TrigramWordSimilarity(key, "name_key"))
            .filter(similarity__gte=TRIGRAM_CUTOFF)
            .order_by("-similarity", "name_key")
            .values_list("similarity", id_field)[:limit]
        )

    public = Company.objects.public()
    scored = closest(public, "pk") + closest(CompanyAlias.objects.filter(company__in=public.values("pk")), "company_id")
    return _best_first(scored)


def _similar_fallback(key: str, limit: int) -> list[int]:
    grams = {key[i : i + 3] for i in range(max(1, len(key) - 2))}
    shares_a_gram = Q()
    for gram in sorted(grams)[:8]:
        shares_a_gram |= Q(name_key__contains=gram)
    public = Company.objects.public()
    candidates = [
        *public.filter(shares_a_gram).values_list("name_key", "pk")[:FALLBACK_CANDIDATES],
        *CompanyAlias.objects.filter(shares_a_gram, company__in=public.values("pk")).values_list(
            "name_key", "company_id"
        )[:FALLBACK_CANDIDATES],
    ]
    scored = []
    for candidate, company_id in candidates:
        words = candidate.split()
        # Compare with the whole name and with each run of as many words as the query has: "kuaishuo" vs
        # "kuaishou technology" should score as a close spelling of its first word.
        width = len(key.split())
        spans = [candidate] + [" ".join(words[i : i + width]) for i in range(len(words) - width + 1)]
        similarity = max(difflib.SequenceMatcher(None, key, span).ratio() for span in spans)
        if similarity >= FALLBACK_CUTOFF:
            scored.append((similarity, company_id))
    return _best_first(scored)[:limit]


def _best_first(scored: list[tuple[float, int]]) -> list[int]:
    best: dict[int, float] = {}
    for similarity, company_id in scored:
        best[company_id] = max(similarity, best.get(company_id, 0.0))
    return sorted(best, key=lambda company_id: -best[company_id])
