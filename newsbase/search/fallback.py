"""Search for databases without full-text search (SQLite on a laptop): substring matching, with a close-match
pass over company names so small typos still find the company."""

from __future__ import annotations

import difflib
from functools import reduce
from operator import and_, or_
from typing import Any

from django.db.models import Case, F, IntegerField, Q, Value, When

from articles.models import Article
from companies.models import Company, CompanyAlias, Deal
from companies.names import name_key
from newsbase.search.backend import (
    ArticleHit,
    CompanyHit,
    deals_in_order,
    excerpt_around,
    mark_terms,
    marked_to_html,
    query_terms,
)

CLOSE_MATCH_CUTOFF = 0.75


def _all_words(fields: tuple[str, ...], terms: list[str]) -> Q:
    """Every term appears in one of the fields."""
    return reduce(and_, (reduce(or_, (Q(**{f"{f}__icontains": term}) for f in fields)) for term in terms), Q())


class FallbackSearchBackend:
    def count(self, kind: str, query: str) -> int:
        if kind == "companies":
            return len(self._company_ids(query))
        return self._queryset(kind, query).count()

    def hits(self, kind: str, query: str, *, offset: int, limit: int) -> list[Any]:
        if kind == "companies":
            ids = self._company_ids(query)[offset : offset + limit]
            companies = Company.objects.in_bulk(ids)
            return [CompanyHit(company=companies[pk]) for pk in ids if pk in companies]
        if kind == "deals":
            ids = list(self._queryset(kind, query).values_list("pk", flat=True)[offset : offset + limit])
            return deals_in_order(ids)
        return self._articles(query, offset, limit)

    def _company_ids(self, query: str) -> list[int]:
        key = name_key(query)
        if not key:
            return []
        public = Company.objects.public()
        alias_hits = CompanyAlias.objects.filter(name_key__contains=key).values("company_id")
        found = list(
            public.filter(Q(name_key__contains=key) | Q(pk__in=alias_hits))
            .annotate(
                exact=Case(
                    When(name_key=key, then=Value(2)),
                    When(name_key__startswith=key, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("-exact", "-mention_count", "name")
            .values_list("pk", flat=True)[:200]
        )
        if found:
            return found
        # Nothing contains the words: try names that are close to them ("kuaishu" -> "kuaishou").
        names: dict[str, list[int]] = {}
        for pk, company_key in public.values_list("pk", "name_key"):
            names.setdefault(company_key, []).append(pk)
        for company_id, alias_key in CompanyAlias.objects.filter(company__in=public).values_list(
            "company_id", "name_key"
        ):
            names.setdefault(alias_key, []).append(company_id)
        close = difflib.get_close_matches(key, list(names), n=20, cutoff=CLOSE_MATCH_CUTOFF)
        return list(dict.fromkeys(pk for match in close for pk in names[match]))

    def _queryset(self, kind: str, query: str) -> Any:
        terms = query_terms(query)
        if not terms:
            return (Deal if kind == "deals" else Article).objects.none()
        if kind == "deals":
            key = name_key(query)
            named = Company.objects.public().filter(Q(name_key=key) | Q(aliases__name_key=key)).values("pk")
            return (
                Deal.objects.filter(_all_words(("title",), terms) | Q(parties__company__in=named))
                .distinct()
                .order_by(F("announced_on").desc(nulls_last=True), "-pk")
            )
        return Article.objects.filter(_all_words(("title", "body"), terms))

    def _articles(self, query: str, offset: int, limit: int) -> list[ArticleHit]:
        terms = query_terms(query)
        articles = (
            self._queryset("articles", query)
            .select_related("source")
            .annotate(in_title=Case(When(_all_words(("title",), terms), then=Value(1)), default=Value(0)))
            .order_by("-in_title", F("published_at").desc(nulls_last=True), "-pk")[offset : offset + limit]
        )
        return [
            ArticleHit(
                article=article,
                title=marked_to_html(mark_terms(article.title, terms)),
                snippet=marked_to_html(mark_terms(excerpt_around(article.body, terms), terms)),
            )
            for article in articles
        ]
