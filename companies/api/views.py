"""API endpoints of companies and deals: parse, call one selector or service, render."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from companies.api.filters import CompanyFilter, DealFilter
from companies.api.selectors import companies_for_api, deals_for_api
from companies.api.serializers import (
    CompanyDetailSerializer,
    CompanyLookupQuerySerializer,
    CompanyLookupSerializer,
    CompanySerializer,
    CompanyUpdateSerializer,
    DealDetailSerializer,
    DealSerializer,
    DealUpdateSerializer,
)
from companies.lookup import company_lookup
from companies.models import Company, Deal
from companies.redirects import FollowsMergesMixin, company_redirect_slug, deal_redirect_slug
from companies.services import company_update, deal_update
from newsbase.api.conditional import ConditionalGetMixin, conditional_retrieve_schema

READ_METHODS = ["get", "head", "options"]


@extend_schema_view(
    list=extend_schema(summary="List companies", description="Public companies, with their aliases and counts."),
    retrieve=conditional_retrieve_schema(
        CompanyDetailSerializer, summary="A company", description="With its aliases, parent, units and counts."
    ),
    partial_update=extend_schema(
        summary="Correct a company",
        description="Name, aliases, parent. Needs a read-write key; the company becomes verified.",
        request=CompanyUpdateSerializer,
        responses={200: CompanyDetailSerializer},
        examples=[OpenApiExample("Rename", value={"name": "Kuaishou Technology", "parent": None})],
    ),
)
class CompanyViewSet(
    FollowsMergesMixin, ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    lookup_field = "slug"
    merged_into = staticmethod(company_redirect_slug)
    filterset_class = CompanyFilter
    ordering_fields = {"name": "name_key", "created": "created_at", "updated": "updated_at"}
    default_ordering = "name"
    http_method_names = [*READ_METHODS, "patch"]

    def get_queryset(self) -> QuerySet[Company]:
        if self.action == "partial_update":
            # Editors may correct any company, including one readers do not see yet.
            return Company.objects.all()
        return companies_for_api(detail=self.action == "retrieve")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return CompanyDetailSerializer if self.action == "retrieve" else CompanySerializer

    def partial_update(self, request: Request, slug: str) -> Response:
        company = self.get_object()
        changes = CompanyUpdateSerializer(data=request.data)
        changes.is_valid(raise_exception=True)
        company_update(company=company, user=request.user, **changes.validated_data)
        updated = companies_for_api(detail=True).get(pk=company.pk)
        return Response(CompanyDetailSerializer(updated, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="List deals", description="With their parties; filter by company, role, kind..."),
    retrieve=conditional_retrieve_schema(
        DealDetailSerializer, summary="A deal", description="With its parties and the sentences that report it."
    ),
    partial_update=extend_schema(
        summary="Correct a deal",
        description="Status, amount, currency, headline, parties. Needs a read-write key; the deal becomes verified.",
        request=DealUpdateSerializer,
        responses={200: DealDetailSerializer},
        examples=[
            OpenApiExample(
                "Completed, with its parties",
                value={
                    "status": "completed",
                    "amount": "20000000000.00",
                    "currency": "USD",
                    "parties": [{"company": "kuaishou", "role": "parent"}, {"company": "kling-ai", "role": "spun_off"}],
                },
            )
        ],
    ),
)
class DealViewSet(
    FollowsMergesMixin, ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    lookup_field = "slug"
    merged_into = staticmethod(deal_redirect_slug)
    filterset_class = DealFilter
    ordering_fields = {"announced": "announced_on", "amount": "amount", "created": "created_at"}
    default_ordering = "-announced"
    http_method_names = [*READ_METHODS, "patch"]

    def get_queryset(self) -> QuerySet[Deal]:
        return deals_for_api(detail=self.action == "retrieve")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return DealDetailSerializer if self.action == "retrieve" else DealSerializer

    def partial_update(self, request: Request, slug: str) -> Response:
        deal = self.get_object()
        changes = DealUpdateSerializer(data=request.data)
        changes.is_valid(raise_exception=True)
        deal_update(deal=deal, user=request.user, **changes.to_service_arguments())
        updated = deals_for_api(detail=True).get(pk=deal.pk)
        return Response(DealDetailSerializer(updated, context=self.get_serializer_context()).data)


class CompanyLookupView(APIView):
    @extend_schema(
        summary="Look a company up by name or alias",
        description="Best first: exact names, then names that start with the query, then close spellings. "
        "The site's autocomplete uses it.",
        parameters=[CompanyLookupQuerySerializer],
        responses={200: inline_serializer("CompanyLookupResults", {"results": CompanyLookupSerializer(many=True)})},
    )
    def get(self, request: Request) -> Response:
        query = CompanyLookupQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        companies = company_lookup(query.validated_data["q"], limit=query.validated_data["limit"])
        context = {"request": request}
        return Response({"results": CompanyLookupSerializer(companies, many=True, context=context).data})
