"""Query filters of the company and deal lists (django-filter); each becomes a documented query parameter."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from companies.models import (
    Company,
    CompanyAlias,
    CompanyKind,
    CompanyStatus,
    Deal,
    DealKind,
    DealParty,
    DealStatus,
    PartyRole,
)
from companies.names import name_key
from newsbase.api.filters import UtcIsoDateTimeFilter


class CompanyFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", label="Name or alias contains this (case and accents ignored).")
    kind = filters.MultipleChoiceFilter(choices=CompanyKind.choices)
    status = filters.ChoiceFilter(choices=CompanyStatus.choices)
    country = filters.CharFilter(method="filter_country", label="ISO 3166-1 alpha-2 code, e.g. CN.")
    parent = filters.CharFilter(field_name="parent__slug", label="The owner's slug: its units.")
    created_after = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Company
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Company], name: str, value: str) -> QuerySet[Company]:
        key = name_key(value)
        if not key:
            return queryset
        by_alias = CompanyAlias.objects.filter(name_key__contains=key).values("company_id")
        return queryset.filter(Q(name_key__contains=key) | Q(pk__in=by_alias))

    def filter_country(self, queryset: QuerySet[Company], name: str, value: str) -> QuerySet[Company]:
        return queryset.filter(country=value.strip().upper())


class DealFilter(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=DealKind.choices)
    status = filters.MultipleChoiceFilter(choices=DealStatus.choices)
    company = filters.CharFilter(method="filter_parties", label="A party's slug: the deals of that company.")
    role = filters.MultipleChoiceFilter(
        choices=PartyRole.choices, method="filter_parties", label="A party's role (with `company`: that company's)."
    )
    announced_after = filters.DateFilter(field_name="announced_on", lookup_expr="gte")
    announced_before = filters.DateFilter(field_name="announced_on", lookup_expr="lte")
    amount_min = filters.NumberFilter(field_name="amount", lookup_expr="gte")
    amount_max = filters.NumberFilter(field_name="amount", lookup_expr="lte")
    currency = filters.CharFilter(method="filter_currency", label="ISO 4217 code of the amount, e.g. USD.")
    verified = filters.BooleanFilter()
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title contains this.")

    class Meta:
        model = Deal
        fields: list[str] = []

    def filter_parties(self, queryset: QuerySet[Deal], name: str, value: object) -> QuerySet[Deal]:
        # `company` and `role` must hold for the same party ("deals where Kuaishou is the parent"), so both are
        # applied here together, once, whichever of the two django-filter calls first.
        if getattr(self, "_parties_done", False):
            return queryset
        self._parties_done = True
        parties = DealParty.objects.all()
        slug = self.form.cleaned_data.get("company")
        roles = self.form.cleaned_data.get("role")
        if slug:
            parties = parties.filter(company__slug=slug)
        if roles:
            parties = parties.filter(role__in=roles)
        return queryset.filter(pk__in=parties.values("deal_id"))

    def filter_currency(self, queryset: QuerySet[Deal], name: str, value: str) -> QuerySet[Deal]:
        return queryset.filter(currency=value.strip().upper())
