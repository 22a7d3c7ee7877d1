"""The querysets the API reads articles, mentions, sources and runs through, each a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article, DealEvidence, IngestItem, IngestRun, Mention, Source
from companies.selectors import public_company_q


def visible_mentions() -> QuerySet[Mention]:
    """Mentions readers see: not rejected, of a public company (tested on the company row the reads join anyway,
    not with a second scan of the companies)."""
    return Mention.objects.visible().filter(public_company_q("company__"))


def articles_for_api(*, detail: bool = False) -> QuerySet[Article]:
    mentions = visible_mentions().select_related("company").order_by("start")
    if not detail:
        # A list names the companies; the offsets only mean something next to the body, which a list leaves out.
        mentions = mentions.only("article", "start", "company__name", "company__slug")
    evidence = DealEvidence.objects.select_related("deal").only(
        "article", "start", "deal__slug", "deal__title", "deal__kind", "deal__status"
    )
    queryset = Article.objects.select_related("source").prefetch_related(
        Prefetch("mentions", queryset=mentions),
        Prefetch("deal_evidence", queryset=evidence.order_by("start")),
    )
    return queryset if detail else queryset.defer("body", "link_error")


def mentions_for_api() -> QuerySet[Mention]:
    return visible_mentions().select_related("company", "article").defer("article__body", "article__link_error")


def sources_for_api() -> QuerySet[Source]:
    # A correlated count per source on the page, not a join and GROUP BY over every article. COUNT(*), not of a
    # column: the count is then read from the source_id index alone, not from 500 wide article rows per source.
    counts = Article.objects.filter(source=OuterRef("pk")).order_by().values("source").annotate(n=Count("*"))
    return Source.objects.annotate(article_count=Coalesce(Subquery(counts.values("n")), 0))


def ingest_runs_for_api(*, user: object) -> QuerySet[IngestRun]:
    """A key sees the runs of its own account; staff accounts see every run."""
    items = IngestItem.objects.select_related("article").only(
        "run", "position", "origin", "status", "reason", "article__slug", "article__title"
    )
    runs = IngestRun.objects.prefetch_related(Prefetch("items", queryset=items.order_by("position")))
    if getattr(user, "is_staff", False):
        return runs
    return runs.filter(Q(requested_by=user))
