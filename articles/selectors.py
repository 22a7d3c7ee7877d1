"""Reads that span articles and the knowledge base, for the pages, the feeds and the API."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, DealEvidence, Mention, Source
from companies.models import Company, Deal
from companies.selectors import PAGE_SIZE, CountedPaginator, attach_headlines, public_company_q, with_parties
from companies.stats import companies_most_mentioned

EXCERPT_CHARS = 280


def home_summary(*, limit: int = 8) -> dict[str, Any]:
    return {
        "latest_deals": attach_headlines(with_parties(Deal.objects.latest())[:limit]),
        "latest_articles": list(
            Article.objects.latest().select_related("source").defer("body").annotate(excerpt=_excerpt())[:limit]
        ),
        "trending": trending_companies(limit=limit),
        "totals": {
            "companies": Company.objects.public().count(),
            "deals": Deal.objects.count(),
            "articles": Article.objects.count(),
        },
    }


@dataclass(slots=True)
class Trending:
    name: str
    slug: str
    mentions: int
    previous: int

    @property
    def change(self) -> int:
        return self.mentions - self.previous

    @property
    def change_percent(self) -> int | None:
        return None if not self.previous else round(100 * (self.mentions - self.previous) / self.previous)

    @property
    def change_percent_abs(self) -> int | None:
        return None if self.change_percent is None else abs(self.change_percent)


def trending_companies(*, days: int = 30, limit: int = 8, now: datetime.datetime | None = None) -> list[Trending]:
    """Companies most mentioned over the last `days`, with their mentions over the `days` before for comparison.

    Read from the mentions per company and day that companies.stats keeps, not from the mentions themselves."""
    today = timezone.localdate(now or timezone.now())
    rows = companies_most_mentioned(days=days, limit=limit, today=today)
    return [
        Trending(
            name=row["company__name"], slug=row["company__slug"], mentions=row["current"], previous=row["previous"]
        )
        for row in rows
    ]


def _excerpt() -> Substr:
    return Substr("body", 1, EXCERPT_CHARS)


@dataclass(slots=True)
class ArticleFilters:
    source: str = ""
    company: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def article_sources() -> list[Source]:
    return list(Source.objects.order_by("name").only("name", "slug"))


def article_list(*, filters: ArticleFilters, page: int | str = 1) -> Page:
    articles = Article.objects.latest().select_related("source").defer("body").annotate(excerpt=_excerpt())
    if filters.source:
        articles = articles.filter(source__slug=filters.source)
    company = None
    if filters.company:
        # The company first, on its own: filtering by its literal id lets PostgreSQL plan with what it knows of that
        # company's mentions (17,000 or 3), and its article count (companies.stats) spares counting them.
        company = Company.objects.filter(slug=filters.company).only("pk", "article_count").first()
        named = Mention.objects.visible().filter(article=OuterRef("pk"), company_id=company.pk if company else None)
        articles = articles.filter(Exists(named))
    if filters.date_from:
        articles = articles.filter(published_at__date__gte=filters.date_from)
    if filters.date_to:
        articles = articles.filter(published_at__date__lte=filters.date_to)
    if company is not None and not (filters.source or filters.date_from or filters.date_to):
        return CountedPaginator(articles, PAGE_SIZE, count=company.article_count).get_page(page)
    return Paginator(articles, PAGE_SIZE).get_page(page)


def highlight_body(body: str, mentions: list[Mention]) -> SafeString:
    """The body as paragraphs, each linked mention wrapped in a link to its company; every piece escaped.

    Mentions must be sorted by start; overlapping or out-of-range spans are skipped rather than garbling the text.
    """
    pieces: list[str] = []
    position = 0
    for mention in mentions:
        if mention.start < position or mention.end > len(body):
            continue
        pieces.append(escape(body[position : mention.start]))
        pieces.append(
            format_html(
                '<a class="mention" id="mention-{}" href="{}" data-company="{}">{}</a>',
                mention.pk,
                mention.company.get_absolute_url(),
                mention.company.slug,
                body[mention.start : mention.end],
            )
        )
        position = mention.end
    pieces.append(escape(body[position:]))
    html = "".join(pieces).replace("\r\n", "\n")
    paragraphs = [part.strip() for part in html.split("\n\n") if part.strip()]
    # Every piece above went through escape() or format_html(); newlines are the only markup added here.
    return mark_safe("".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in paragraphs))  # noqa: S308


@dataclass(slots=True)
class NamedCompany:
    company: Company
    mentions: int
    first_mention_id: int


@dataclass(slots=True)
class ArticlePage:
    article: Article
    body_html: SafeString
    companies: list[NamedCompany]
    deals: list[Deal]


def article_page(*, slug: str) -> ArticlePage:
    article = get_object_or_404(Article.objects.select_related("source"), slug=slug)
    mentions = list(
        article.mentions.visible().filter(public_company_q("company__")).select_related("company").order_by("start")
    )
    named: dict[int, NamedCompany] = {}
    for mention in mentions:
        entry = named.setdefault(
            mention.company_id, NamedCompany(company=mention.company, mentions=0, first_mention_id=mention.pk)
        )
        entry.mentions += 1
    deal_ids = DealEvidence.objects.filter(article=article).values("deal_id")
    deals = attach_headlines(with_parties(Deal.objects.filter(pk__in=deal_ids).latest()))
    return ArticlePage(
        article=article,
        body_html=highlight_body(article.body, mentions),
        companies=sorted(named.values(), key=lambda entry: (-entry.mentions, entry.company.name)),
        deals=deals,
    )


def articles_naming(company: Company, *, limit: int = 30) -> list[Article]:
    """The latest articles that name a company, for its feed."""
    visible = Mention.objects.visible().filter(article=OuterRef("pk"), company=company)
    return list(
        Article.objects.latest().select_related("source").annotate(excerpt=_excerpt()).defer("body")
        .filter(Exists(visible))[:limit]
    )  # fmt: skip


def latest_articles(*, limit: int = 30) -> list[Article]:
    return list(Article.objects.latest().select_related("source").defer("body").annotate(excerpt=_excerpt())[:limit])


def evidence_for_deals(deals: list[Deal]) -> dict[int, list[DealEvidence]]:
    by_deal: dict[int, list[DealEvidence]] = {}
    for evidence in DealEvidence.objects.filter(deal__in=deals).select_related("article").defer("article__body"):
        by_deal.setdefault(evidence.deal_id, []).append(evidence)
    return by_deal


__all__ = ["F"]
