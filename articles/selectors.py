"""Reads that span models, for the pages and the API."""

from typing import Any

from articles.models import Article
from companies.models import Company, Deal


def home_summary(*, limit: int = 10) -> dict[str, Any]:
    return {
        "latest_deals": list(Deal.objects.latest()[:limit]),
        "latest_articles": list(Article.objects.latest().select_related("source")[:limit]),
        "totals": {
            "companies": Company.objects.public().count(),
            "deals": Deal.objects.count(),
            "articles": Article.objects.count(),
        },
    }
