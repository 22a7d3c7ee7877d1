"""PostgreSQL search: tsvector full text with GIN indexes, pg_trgm for names (see the search migrations).

Every match list is gathered by queries the GIN indexes answer on their own (no OR across joins, which would
scan whole tables), then ranked over the few candidates found; a backend instance remembers them for one request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

from articles.models import Article
from companies.models import Company, CompanyAlias, Deal, DealParty
from companies.names import name_key
from newsbase.search.backend import (
    START_MARK,
    STOP_MARK,
    ArticleHit,
    CompanyHit,
    deals_in_order,
    marked_to_html,
)

_DEAL_MATCH = "to_tsvector('english', companies_deal.title) @@ websearch_to_tsquery('english', %s)"
_DEAL_RANK = "ts_rank(to_tsvector('english', companies_deal.title), websearch_to_tsquery('english', %s))"
_TITLE_HEADLINE = "ts_headline('english', articles_article.title, websearch_to_tsquery('english', %s), %s)"
_BODY_HEADLINE = "ts_headline('english', articles_article.body, websearch_to_tsquery('english', %s), %s)"
_HEADLINE_OPTIONS = f"StartSel={START_MARK}, StopSel={STOP_MARK}, MaxWords=40, MinWords=20, MaxFragments=2"
# Counting every article that holds a common word costs more than it tells: past this, the page says "1,000+".
COUNT_CAP = 1000
# Full-text matches are ranked among the most recent of them, so a word in every other article stays fast.
RANK_WINDOW = 500
CANDIDATES = 500
_ARTICLE_COUNT = """
SELECT count(*) FROM (
    SELECT 1 FROM articles_article WHERE search_vector @@ websearch_to_tsquery('english', %s) LIMIT %s
) AS capped
"""
_RANKED_ARTICLES = """
SELECT id FROM (
    SELECT id, search_vector, published_at FROM articles_article
    WHERE search_vector @@ websearch_to_tsquery('english', %s)
    ORDER BY published_at DESC NULLS LAST, id DESC
    LIMIT %s
) AS recent
ORDER BY ts_rank(search_vector, websearch_to_tsquery('english', %s), 1) DESC, published_at DESC NULLS LAST, id DESC
LIMIT %s OFFSET %s
"""


def _sql(sql: str, params: list[str], output_field: Any) -> RawSQL:
    # The SQL is a constant of this module; the reader's words only ever travel as bound parameters.
    return RawSQL(sql, params, output_field=output_field)  # noqa: S611


def _name_match(key: str) -> Q:
    # Both operators are answered by the gin_trgm_ops index on name_key: close spellings, and a substring.
    return Q(name_key__trigram_similar=key) | Q(name_key__contains=key)


class PostgresSearchBackend:
    count_cap = COUNT_CAP
    max_results = RANK_WINDOW

    def __init__(self) -> None:
        self._matches: dict[tuple[str, str], Any] = {}

    def count(self, kind: str, query: str) -> int:
        if kind == "articles":
            with connection.cursor() as cursor:
                cursor.execute(_ARTICLE_COUNT, [query, COUNT_CAP + 1])
                return cursor.fetchone()[0]
        return len(self._ranked(kind, query))

    def hits(self, kind: str, query: str, *, offset: int, limit: int) -> list[Any]:
        if kind == "companies":
            ranked = self._ranked(kind, query)[offset : offset + limit]
            companies = Company.objects.in_bulk([pk for pk, _ in ranked])
            return [CompanyHit(company=companies[pk], via_alias=alias) for pk, alias in ranked if pk in companies]
        if kind == "deals":
            return deals_in_order(self._ranked(kind, query)[offset : offset + limit])
        return self._articles(query, offset, limit)

    def _ranked(self, kind: str, query: str) -> list[Any]:
        if (kind, query) not in self._matches:
            self._matches[kind, query] = self._rank_companies(query) if kind == "companies" else self._rank_deals(query)
        return self._matches[kind, query]

    # --- companies: trigram similarity on the normalised name and every alias
    def _rank_companies(self, query: str) -> list[tuple[int, str]]:
        """[(company id, the alias matched if it matched better than the name)], best first."""
        key = name_key(query)
        if not key:
            return []
        by_name = Company.objects.public().filter(_name_match(key)).values_list("pk", flat=True)[:CANDIDATES]
        by_alias = CompanyAlias.objects.filter(_name_match(key)).values_list("company_id", flat=True)[:CANDIDATES]
        candidates = {*by_name, *by_alias}
        if not candidates:
            return []
        aliases = CompanyAlias.objects.filter(company_id=OuterRef("pk"))
        best_alias = aliases.annotate(score=TrigramSimilarity("name_key", key)).order_by("-score")
        rows = (
            Company.objects.public()
            .filter(pk__in=candidates)
            .annotate(
                exact=Case(
                    When(name_key=key, then=Value(3)),
                    When(Exists(aliases.filter(name_key=key)), then=Value(2)),
                    When(name_key__startswith=key, then=Value(2)),
                    default=Value(0),
                    output_field=IntegerField(),
                ),
                name_score=Greatest(TrigramSimilarity("name_key", key), TrigramWordSimilarity(key, "name_key")),
                alias_score=Subquery(best_alias.values("score")[:1], output_field=FloatField()),
                alias_name=Subquery(best_alias.values("name")[:1]),
            )
            .order_by("-exact", F("name_score").desc(), "-mention_count", "name")
            .values_list("pk", "name_score", "alias_score", "alias_name")
        )
        return [(pk, alias if (alias_score or 0) > name_score else "") for pk, name_score, alias_score, alias in rows]

    # --- deals: full text on the headline, then any other deal of a company the query names exactly
    def _rank_deals(self, query: str) -> list[int]:
        by_title = list(
            Deal.objects.filter(_sql(_DEAL_MATCH, [query], BooleanField()))
            .annotate(rank=_sql(_DEAL_RANK, [query], FloatField()))
            .order_by("-rank", F("announced_on").desc(nulls_last=True), "-pk")
            .values_list("pk", flat=True)[:CANDIDATES]
        )
        key = name_key(query)
        named = Company.objects.public().filter(Q(name_key=key) | Q(aliases__name_key=key)).values("pk")
        by_party = (
            DealParty.objects.filter(company__in=named)
            .order_by(F("deal__announced_on").desc(nulls_last=True), "-deal_id")
            .values_list("deal_id", flat=True)[:CANDIDATES]
        )
        return list(dict.fromkeys([*by_title, *by_party]))

    # --- articles: weighted tsvector, ts_headline for the page shown
    def _articles(self, query: str, offset: int, limit: int) -> list[ArticleHit]:
        with connection.cursor() as cursor:
            cursor.execute(_RANKED_ARTICLES, [query, RANK_WINDOW, query, limit, offset])
            ids = [row[0] for row in cursor.fetchall()]
        articles = (
            Article.objects.filter(pk__in=ids)
            .select_related("source")
            .defer("body")
            .annotate(
                title_marked=_sql(_TITLE_HEADLINE, [query, f"{_HEADLINE_OPTIONS}, HighlightAll=true"], TextField()),
                body_marked=_sql(_BODY_HEADLINE, [query, _HEADLINE_OPTIONS], TextField()),
            )
        )
        by_id = {article.pk: article for article in articles}
        return [
            ArticleHit(
                article=by_id[pk],
                title=marked_to_html(by_id[pk].title_marked),
                snippet=marked_to_html(by_id[pk].body_marked),
            )
            for pk in ids
            if pk in by_id
        ]
