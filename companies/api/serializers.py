"""JSON shapes of companies and deals. Reads only shape rows; writes validate input and hand it to the services."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from companies.models import Company, CompanyAlias, Deal, DealParty, DealStatus, PartyRole


def absolute(serializer: serializers.Serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class CompanyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["name", "slug"]


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = CompanyAlias
        fields = ["name", "kind"]


class CompanyCountsSerializer(serializers.Serializer):
    deals = serializers.IntegerField(source="deal_count")
    articles = serializers.IntegerField(source="article_count")
    units = serializers.IntegerField(source="unit_count")


class CompanySerializer(serializers.ModelSerializer):
    parent = CompanyRefSerializer(allow_null=True)
    aliases = AliasSerializer(many=True)
    counts = CompanyCountsSerializer(source="*")
    api_url = serializers.SerializerMethodField(help_text="This company in the API.")
    page = serializers.SerializerMethodField(help_text="This company's page on the site.")

    class Meta:
        model = Company
        fields = [
            "slug",
            "name",
            "kind",
            "status",
            "country",
            "website",
            "parent",
            "aliases",
            "counts",
            "api_url",
            "page",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, company: Company) -> str:
        return absolute(self, reverse("api-company-detail", kwargs={"slug": company.slug}))

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, company: Company) -> str:
        return absolute(self, company.get_absolute_url())


class CompanyLinksSerializer(serializers.Serializer):
    articles = serializers.URLField(help_text="The articles that mention this company.")
    deals = serializers.URLField(help_text="The deals this company is a party to.")


class CompanyDetailSerializer(CompanySerializer):
    units = CompanyRefSerializer(many=True)
    links = serializers.SerializerMethodField()

    class Meta(CompanySerializer.Meta):
        fields = [
            *CompanySerializer.Meta.fields[:-2], "description", "units", "created_at", "updated_at", "links", "api_url",
            "page",
        ]  # fmt: skip

    @extend_schema_field(CompanyLinksSerializer)
    def get_links(self, company: Company) -> dict[str, str]:
        return {
            "articles": absolute(self, f"{reverse('api-article-list')}?company={company.slug}"),
            "deals": absolute(self, f"{reverse('api-deal-list')}?company={company.slug}"),
        }


class CompanyLookupSerializer(serializers.ModelSerializer):
    parent = CompanyRefSerializer(allow_null=True)
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Company
        fields = ["slug", "name", "kind", "country", "parent", "api_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, company: Company) -> str:
        return absolute(self, reverse("api-company-detail", kwargs={"slug": company.slug}))


class CompanyLookupQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=200, help_text="A name or alias, or its beginning; case, accents and typos "
                              "are forgiven.")  # fmt: skip
    limit = serializers.IntegerField(min_value=1, max_value=50, default=10)


def _company_by_slug(slug: str) -> Company:
    company = Company.objects.filter(slug=slug).first()
    if company is None:
        raise serializers.ValidationError(f"No company with the slug {slug!r}.", code="does_not_exist")
    return company


class CompanyUpdateSerializer(serializers.Serializer):
    """An editor's correction: any of the fields, each replacing what is stored."""

    name = serializers.CharField(max_length=255, required=False)
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=255),
        max_length=200,
        required=False,
        help_text="Replaces the company's other names. Without it, a rename keeps the old name as a former alias.",
    )
    parent = serializers.SlugField(
        allow_null=True, required=False, help_text="The owner's slug, or null for an independent company."
    )

    def validate_parent(self, slug: str | None) -> Company | None:
        return None if slug is None else _company_by_slug(slug)


class DealEvidenceArticleSerializer(serializers.Serializer):
    title = serializers.CharField()
    slug = serializers.SlugField()
    url = serializers.CharField(help_text="Where the article was published, if known.")
    published_at = serializers.DateTimeField(allow_null=True)


class DealEvidenceSerializer(serializers.Serializer):
    article = DealEvidenceArticleSerializer()
    sentence = serializers.CharField()
    start = serializers.IntegerField(help_text="Offset of the sentence in the article's body.")
    end = serializers.IntegerField()


class DealPartySerializer(serializers.ModelSerializer):
    company = CompanyRefSerializer()

    class Meta:
        model = DealParty
        fields = ["company", "role"]


class DealSerializer(serializers.ModelSerializer):
    parties = DealPartySerializer(many=True)
    api_url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Deal
        fields = [
            "slug", "title", "kind", "status", "announced_on", "amount", "currency", "valuation",
            "valuation_currency", "round", "verified", "parties", "api_url", "page",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, deal: Deal) -> str:
        return absolute(self, reverse("api-deal-detail", kwargs={"slug": deal.slug}))

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, deal: Deal) -> str:
        return absolute(self, deal.get_absolute_url())


class DealDetailSerializer(DealSerializer):
    evidence = DealEvidenceSerializer(many=True)

    class Meta(DealSerializer.Meta):
        fields = [*DealSerializer.Meta.fields[:-2], "evidence", "created_at", "updated_at", "api_url", "page"]


class DealPartyInputSerializer(serializers.Serializer):
    company = serializers.SlugField(help_text="The company's slug.")
    role = serializers.ChoiceField(choices=PartyRole.choices)

    def validate_company(self, slug: str) -> Company:
        return _company_by_slug(slug)


class DealUpdateSerializer(serializers.Serializer):
    """An editor's correction: any of the fields, each replacing what is stored."""

    status = serializers.ChoiceField(choices=DealStatus.choices, required=False)
    amount = serializers.DecimalField(
        max_digits=24, decimal_places=2, min_value=0, allow_null=True, required=False, help_text="null clears it."
    )
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", required=False, help_text="ISO 4217, e.g. USD.")
    title = serializers.CharField(
        max_length=300,
        allow_blank=True,
        required=False,
        help_text="The deal's headline; empty, one is built from its parties.",
    )
    parties = serializers.ListField(
        child=DealPartyInputSerializer(),
        max_length=50,
        required=False,
        help_text="Replaces the deal's parties: at least one, and none that a headline set by an editor names "
        "should leave. A headline made by the machine is rebuilt from them.",
    )

    def to_service_arguments(self) -> dict[str, Any]:
        arguments = dict(self.validated_data)
        if "parties" in arguments:
            arguments["parties"] = [(party["company"], party["role"]) for party in arguments["parties"]]
        return arguments
