"""sitemap.xml: an index of every public company, every deal and every article, in sections of 10,000 URLs."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from articles.models import Article
from companies.models import Company, Deal


class _Paged(Sitemap):
    limit = 10_000


class StaticSitemap(_Paged):
    changefreq = "hourly"

    def items(self) -> list[str]:
        return ["home", "companies:list", "companies:deal-list", "articles:list"]

    def location(self, item: str) -> str:
        return reverse(item)


class CompanySitemap(_Paged):
    changefreq = "daily"

    def items(self) -> QuerySet[Company]:
        return Company.objects.public().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item: Company) -> datetime.datetime:
        return item.updated_at


class DealSitemap(_Paged):
    changefreq = "weekly"

    def items(self) -> QuerySet[Deal]:
        return Deal.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, item: Deal) -> datetime.datetime:
        return item.updated_at


class ArticleSitemap(_Paged):
    changefreq = "monthly"

    def items(self) -> QuerySet[Article]:
        return Article.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.updated_at


SITEMAPS: dict[str, Any] = {
    "pages": StaticSitemap,
    "companies": CompanySitemap,
    "deals": DealSitemap,
    "articles": ArticleSitemap,
}
