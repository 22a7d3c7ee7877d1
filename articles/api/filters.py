"""Query filters of the article, mention and source lists (django-filter)."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from articles.models import Article, DealEvidence, LinkStatus, Mention, MentionMethod, ReviewState, Source
from newsbase.api.filters import UtcIsoDateTimeFilter, company_id_of


class ArticleFilter(filters.FilterSet):
    company = filters.CharFilter(method="filter_company", label="A company's slug: the articles that mention it.")
    deal = filters.CharFilter(method="filter_deal", label="A deal's slug: the articles that report it.")
    source = filters.CharFilter(field_name="source__slug", label="A source's slug.")
    published_after = UtcIsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UtcIsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    language = filters.CharFilter()
    link_status = filters.ChoiceFilter(choices=LinkStatus.choices)
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title contains this.")

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_company(self, queryset: QuerySet[Article], name: str, slug: str) -> QuerySet[Article]:
        mentions = Mention.objects.visible().filter(company_id=company_id_of(slug))
        return queryset.filter(pk__in=mentions.values("article_id"))

    def filter_deal(self, queryset: QuerySet[Article], name: str, slug: str) -> QuerySet[Article]:
        return queryset.filter(pk__in=DealEvidence.objects.filter(deal__slug=slug).values("article_id"))


class MentionFilter(filters.FilterSet):
    article = filters.CharFilter(field_name="article__slug", label="An article's slug.")
    company = filters.CharFilter(method="filter_company", label="A company's slug.")
    review_state = filters.MultipleChoiceFilter(
        choices=[(state, label) for state, label in ReviewState.choices if state != ReviewState.REJECTED]
    )
    method = filters.MultipleChoiceFilter(choices=MentionMethod.choices)
    confidence_min = filters.NumberFilter(field_name="confidence", lookup_expr="gte")

    class Meta:
        model = Mention
        fields: list[str] = []

    def filter_company(self, queryset: QuerySet[Mention], name: str, slug: str) -> QuerySet[Mention]:
        return queryset.filter(company_id=company_id_of(slug))


class SourceFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name contains this.")

    class Meta:
        model = Source
        fields: list[str] = []
