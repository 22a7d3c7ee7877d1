"""JSON shapes of articles, mentions, sources and ingestion runs; and the input of a submitted article."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, IngestItem, IngestRun, Mention, ReviewState, Source
from articles.services import ingest_run_counts
from companies.api.serializers import CompanyRefSerializer, absolute
from companies.models import Deal


class SourceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["name", "slug"]


class DealRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deal
        fields = ["slug", "title", "kind", "status"]


class ArticleMentionSerializer(serializers.ModelSerializer):
    company = CompanyRefSerializer()

    class Meta:
        model = Mention
        fields = ["id", "company", "text", "start", "end", "confidence", "method", "review_state"]


def _deals_of(article: Article) -> list[Deal]:
    deals: dict[int, Deal] = {}
    for evidence in article.deal_evidence.all():
        deals.setdefault(evidence.deal_id, evidence.deal)
    return list(deals.values())


class ArticleSerializer(serializers.ModelSerializer):
    source = SourceRefSerializer(allow_null=True)
    companies = serializers.SerializerMethodField(help_text="The companies the article mentions, in order of mention.")
    deals = serializers.SerializerMethodField(help_text="The deals the article reports.")
    api_url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "slug", "title", "url", "source", "author", "published_at", "language", "tags", "link_status",
            "companies", "deals", "api_url", "page",
        ]  # fmt: skip

    @extend_schema_field(CompanyRefSerializer(many=True))
    def get_companies(self, article: Article) -> list[dict[str, Any]]:
        companies: dict[int, dict[str, Any]] = {}
        for mention in article.mentions.all():
            companies.setdefault(mention.company_id, {"name": mention.company.name, "slug": mention.company.slug})
        return list(companies.values())

    @extend_schema_field(DealRefSerializer(many=True))
    def get_deals(self, article: Article) -> list[dict[str, Any]]:
        return DealRefSerializer(_deals_of(article), many=True).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, article: Article) -> str:
        return absolute(self, reverse("api-article-detail", kwargs={"slug": article.slug}))

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, article: Article) -> str:
        return absolute(self, article.get_absolute_url())


class ArticleDetailSerializer(ArticleSerializer):
    mentions = ArticleMentionSerializer(many=True, help_text="Offsets index `body`: body[start:end] == text.")

    class Meta(ArticleSerializer.Meta):
        fields = [
            *ArticleSerializer.Meta.fields[:-2], "body", "mentions", "created_at", "updated_at", "api_url", "page",
        ]  # fmt: skip


class ArticleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["slug", "title"]


class MentionSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer()
    company = CompanyRefSerializer()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Mention
        fields = [
            "id", "article", "company", "text", "start", "end", "sentence_start", "sentence_end", "confidence",
            "method", "review_state", "created_at", "api_url",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, mention: Mention) -> str:
        return absolute(self, reverse("api-mention-detail", kwargs={"pk": mention.pk}))


class MentionReviewSerializer(serializers.Serializer):
    review_state = serializers.ChoiceField(
        choices=ReviewState.choices, help_text="rejected hides the mention; re-linking keeps the decision."
    )


class SourceSerializer(serializers.ModelSerializer):
    article_count = serializers.IntegerField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = ["slug", "name", "website", "article_count", "created_at", "api_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, source: Source) -> str:
        return absolute(self, reverse("api-source-detail", kwargs={"slug": source.slug}))


class IngestItemSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(allow_null=True, help_text="The article stored, or the one it duplicates.")

    class Meta:
        model = IngestItem
        fields = ["position", "origin", "status", "reason", "article"]


class IngestCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    pending = serializers.IntegerField()
    created = serializers.IntegerField()
    duplicate = serializers.IntegerField()
    failed = serializers.IntegerField()


class IngestRunSerializer(serializers.ModelSerializer):
    counts = serializers.SerializerMethodField()
    items = IngestItemSerializer(many=True, help_text="Every document of the run, in the order given.")
    api_url = serializers.SerializerMethodField(help_text="Poll this until `status` is finished.")

    class Meta:
        model = IngestRun
        fields = [
            "id", "via", "status", "source_name", "inputs", "error", "created_at", "finished_at", "counts", "items",
            "api_url",
        ]  # fmt: skip

    @extend_schema_field(IngestCountsSerializer)
    def get_counts(self, run: IngestRun) -> dict[str, int]:
        return ingest_run_counts(run=run)

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, run: IngestRun) -> str:
        return absolute(self, reverse("api-ingest-run-detail", kwargs={"pk": run.pk}))


class ArticleSubmitSerializer(serializers.Serializer):
    """A news document sent as JSON. Only the body is required; a missing title is derived from the text."""

    title = serializers.CharField(max_length=500, required=False, allow_blank=True)
    body = serializers.CharField(max_length=5_000_000, help_text="Plain text; paragraphs separated by a blank line.")
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text="The publisher.")
    author = serializers.CharField(max_length=255, required=False, allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField(max_length=100), max_length=50, required=False)


class IngestUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True),
        min_length=1,
        max_length=100,
        help_text="Text, Markdown, HTML, JSON, JSON Lines, RSS/Atom or zip archives of them; several at once.",
    )
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text="The publisher.")


class IngestAcceptedSerializer(serializers.Serializer):
    run = IngestRunSerializer()
    poll = serializers.URLField(help_text="GET this (with your key) to follow the run.")
