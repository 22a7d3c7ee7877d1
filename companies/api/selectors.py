"""The querysets the API reads companies and deals through: one query per list or detail, plus one per nested list."""

from __future__ import annotations

from django.db.models import Count, IntegerField, Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from companies.models import Company, CompanyAlias, Deal, DealParty


def _reverse_model(model: type[Model], relation: str) -> type[Model]:
    """The model on the other side of a reverse relation: how `companies` reaches article rows without importing
    `articles` (the dependency runs the other way)."""
    return model._meta.get_field(relation).related_model


def _count(subquery: QuerySet) -> Coalesce:
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def public_parties() -> QuerySet[DealParty]:
    """Deal parties readers see: those whose company is public."""
    return DealParty.objects.filter(company__in=Company.objects.public().values("pk")).select_related("company")


def companies_for_api(*, detail: bool = False) -> QuerySet[Company]:
    """Public companies with their parent, aliases and counts (and, for a detail, their public units)."""
    public = Company.objects.public()
    deal_count = (
        DealParty.objects.filter(company=OuterRef("pk"))
        .order_by()
        .values("company")
        .annotate(n=Count("deal_id", distinct=True))
    )
    # Articles are reached through the reverse relation: `companies` never imports `articles`. A mention an editor
    # rejected ("rejected" is articles.models.ReviewState.REJECTED) does not count, as it does not show.
    article_count = (
        Company.objects.filter(pk=OuterRef("pk"))
        .annotate(n=Count("mentions__article", distinct=True, filter=~Q(mentions__review_state="rejected")))
        .values("n")
    )
    unit_count = public.filter(parent=OuterRef("pk")).order_by().values("parent").annotate(n=Count("pk")).values("n")
    queryset = (
        public.select_related("parent")
        .annotate(
            deal_count=_count(deal_count.values("n")),
            article_count=_count(article_count),
            unit_count=_count(unit_count),
        )
        .prefetch_related(Prefetch("aliases", queryset=CompanyAlias.objects.order_by("name")))
    )
    if detail:
        queryset = queryset.prefetch_related(
            Prefetch("units", queryset=public.only("pk", "name", "slug", "parent_id").order_by("name"))
        )
    return queryset


def deals_for_api(*, detail: bool = False) -> QuerySet[Deal]:
    """Deals with their public parties (and, for a detail, their evidence with its article)."""
    queryset = Deal.objects.prefetch_related(Prefetch("parties", queryset=public_parties().order_by("role", "pk")))
    if detail:
        evidence = (
            _reverse_model(Deal, "evidence")
            .objects.select_related("article")
            .defer("article__body")
            .order_by("article__published_at", "article_id", "start")
        )
        queryset = queryset.prefetch_related(Prefetch("evidence", queryset=evidence))
    return queryset
