"""The querysets the API reads companies and deals through: one query per list or detail, plus one per nested list."""

from __future__ import annotations

from django.db.models import Count, IntegerField, Model, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from companies.models import Company, CompanyAlias, Deal, DealParty
from companies.selectors import public_company_q


def _reverse_model(model: type[Model], relation: str) -> type[Model]:
    """The model on the other side of a reverse relation: how `companies` reaches article rows without importing
    `articles` (the dependency runs the other way)."""
    return model._meta.get_field(relation).related_model


def _count(subquery: QuerySet) -> Coalesce:
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def public_parties() -> QuerySet[DealParty]:
    """Deal parties readers see: those whose company is public."""
    # Tested on the company row the read joins anyway, not with a second scan of the companies.
    return DealParty.objects.filter(public_company_q("company__")).select_related("company")


def companies_for_api(*, detail: bool = False) -> QuerySet[Company]:
    """Public companies with their parent, aliases and counts (and, for a detail, their public units)."""
    public = Company.objects.public()
    deal_count = (
        DealParty.objects.filter(company=OuterRef("pk"))
        .order_by()
        .values("company")
        .annotate(n=Count("deal_id", distinct=True))
    )
    unit_count = public.filter(parent=OuterRef("pk")).order_by().values("parent").annotate(n=Count("pk")).values("n")
    queryset = (
        public.select_related("parent")
        .annotate(
            # article_count is a column, kept by companies.stats: counting a company's articles per request read
            # every one of its mentions (17,000 for the most covered company of the benchmark).
            deal_count=_count(deal_count.values("n")),
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
