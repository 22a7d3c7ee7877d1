"""Atom feeds: the latest articles, all deals, deals of one kind, and everything that names one company."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape

from articles.models import Article
from articles.selectors import articles_naming, latest_articles
from companies.models import Company, Deal, DealKind
from companies.money import format_money
from companies.selectors import attach_headlines, with_parties

FEED_SIZE = 30


def _as_datetime(day: datetime.date | None, fallback: datetime.datetime) -> datetime.datetime:
    if day is None:
        return fallback
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


class _AtomFeed(Feed):
    feed_type = feedgenerator.Atom1Feed

    def item_link(self, item: Any) -> str:
        return item.get_absolute_url()


class _ArticleItems(_AtomFeed):
    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # Atom sends the description as type="html", which feed readers parse as HTML: the text is escaped first.
        excerpt = getattr(item, "excerpt", "")
        return escape(f"{excerpt}…") if excerpt else ""

    def item_pubdate(self, item: Article) -> datetime.datetime:
        return item.published_at or item.created_at

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        return item.author or (item.source.name if item.source else None)


class _DealItems(_AtomFeed):
    def item_title(self, item: Deal) -> str:
        return item.headline

    def item_description(self, item: Deal) -> str:
        parts = [f"{item.get_kind_display()}, {item.get_status_display().lower()}"]
        if item.amount is not None:
            parts.append(format_money(item.amount, item.currency))
        parts.append("; ".join(f"{party.company.name} ({party.get_role_display()})" for party in item.party_list))
        # Atom sends the description as type="html", which feed readers parse as HTML: the text is escaped first.
        return escape(". ".join(part for part in parts if part) + ".")

    def item_pubdate(self, item: Deal) -> datetime.datetime:
        return _as_datetime(item.announced_on, item.created_at)

    def item_updateddate(self, item: Deal) -> datetime.datetime:
        return item.updated_at


class LatestArticlesFeed(_ArticleItems):
    def title(self) -> str:
        return f"{settings.WEBSITE_NAME}: latest articles"

    def link(self) -> str:
        return reverse("articles:list")

    subtitle = "The latest technology news, with the companies and deals in each story."

    def items(self) -> list[Article]:
        return latest_articles(limit=FEED_SIZE)


class DealsFeed(_DealItems):
    def title(self) -> str:
        return f"{settings.WEBSITE_NAME}: latest deals"

    def link(self) -> str:
        return reverse("companies:deal-list")

    subtitle = "Acquisitions, mergers, investments, funding rounds, IPOs, spin-offs and partnerships."

    def items(self) -> list[Deal]:
        return attach_headlines(with_parties(Deal.objects.latest())[:FEED_SIZE])


class DealKindFeed(_DealItems):
    def get_object(self, request: HttpRequest, kind: str) -> str:
        if kind not in DealKind.values:
            raise Http404("No such kind of deal.")
        return kind

    def title(self, kind: str) -> str:
        return f"{settings.WEBSITE_NAME}: {DealKind(kind).label.lower()} deals"

    def link(self, kind: str) -> str:
        return f"{reverse('companies:deal-list')}?kind={kind}"

    def subtitle(self, kind: str) -> str:
        return f"The latest {DealKind(kind).label.lower()} deals in technology."

    def items(self, kind: str) -> list[Deal]:
        return attach_headlines(with_parties(Deal.objects.filter(kind=kind).latest())[:FEED_SIZE])


class CompanyFeed(_ArticleItems):
    def get_object(self, request: HttpRequest, slug: str) -> Company:
        return get_object_or_404(Company.objects.public(), slug=slug)

    def title(self, company: Company) -> str:
        return f"{settings.WEBSITE_NAME}: {company.name}"

    def link(self, company: Company) -> str:
        return company.get_absolute_url()

    def subtitle(self, company: Company) -> str:
        return f"The latest articles that name {company.name}."

    def items(self, company: Company) -> list[Article]:
        return articles_naming(company, limit=FEED_SIZE)
