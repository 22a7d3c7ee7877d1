"""Reads for the company and deal pages. Each selector runs a fixed number of queries, whatever the data size.

Companies never import articles: a company's mentions and articles are reached through reverse relations.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, Greatest, RowNumber, Substr
from django.shortcuts import get_object_or_404

from companies.headlines import deal_headline
from companies.models import Company, CompanyKind, Deal, DealKind, DealParty, DealStatus, PartyRole
from companies.stats import company_mentions_by_month

PAGE_SIZE = 20
ARTICLES_PER_PAGE = 10
DEALS_PER_ROLE = 4
TIMELINE_MONTHS = 24
# Co-mentions are counted over the articles of a company's latest mentions, so the most-covered companies stay fast.
CO_MENTION_WINDOW = 1000
# Companies looked up per query for "mentioned alongside", most counted first, until enough public ones are found.
CO_MENTION_LOOKUP = 50
SNIPPET_CONTEXT = 160

# A company's deals, grouped by the part it played, in the order a reader looks for them.
ROLE_GROUPS: dict[str, str] = {
    PartyRole.ACQUIRER: "Acquired",
    PartyRole.BIDDER: "Bid for",
    PartyRole.TARGET: "Was acquired",
    PartyRole.SELLER: "Sold",
    PartyRole.MERGER_PARTY: "Merged",
    PartyRole.INVESTOR: "Invested in",
    PartyRole.INVESTEE: "Raised money",
    PartyRole.ISSUER: "Went public",
    PartyRole.PARENT: "Spun off",
    PartyRole.SPUN_OFF: "Was spun off",
    PartyRole.PARTNER: "Partnerships",
}

COMPANY_SORTS = {"name": ("name", "pk"), "mentions": ("-mention_count", "name", "pk")}
DEAL_SORTS = {
    "date": (F("announced_on").desc(nulls_last=True), "-pk"),
    "amount": (F("amount").desc(nulls_last=True), "-pk"),
}


class CountedPaginator(Paginator):
    """A paginator told its number of rows (kept up to date elsewhere) instead of counting them."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self) -> int:
        return self._count


def public_company_q(prefix: str = "") -> Q:
    """Company.objects.public() as a Q, for filtering rows that point at a company."""
    return Q(**{f"{prefix}status": "verified"}) | Q(**{f"{prefix}is_public": True})


def attach_headlines(deals: Iterable[Deal]) -> list[Deal]:
    """Give each deal a `headline` and a `party_list`; its parties must be prefetched with their companies."""
    result = []
    for deal in deals:
        parties = sorted(deal.parties.all(), key=lambda party: (party.role, party.company.name))
        deal.party_list = parties
        deal.headline = deal.title or deal_headline(
            kind=deal.kind, status=deal.status, parties=[(party.company.name, party.role) for party in parties]
        )
        result.append(deal)
    return result


def with_parties(deals: QuerySet[Deal]) -> QuerySet[Deal]:
    """Deals with their parties and the parties' companies, in one extra query."""
    return deals.prefetch_related(Prefetch("parties", queryset=DealParty.objects.select_related("company")))


# --- Companies -------------------------------------------------------------------------------------------------


def company_countries() -> list[str]:
    return list(
        Company.objects.public().exclude(country="").order_by("country").values_list("country", flat=True).distinct()
    )


def company_list(*, q: str = "", country: str = "", kind: str = "", sort: str = "name", page: int | str = 1) -> Page:
    companies = Company.objects.public().only(
        "name", "slug", "kind", "country", "description", "mention_count", "status"
    )
    if q:
        companies = companies.filter(Q(name__icontains=q) | Q(aliases__name__icontains=q)).distinct()
    if country:
        companies = companies.filter(country=country.upper())
    if kind in CompanyKind.values:
        companies = companies.filter(kind=kind)
    companies = companies.order_by(*COMPANY_SORTS.get(sort, COMPANY_SORTS["name"]))
    return Paginator(companies, PAGE_SIZE).get_page(page)


@dataclass(slots=True)
class DealGroup:
    role: str
    label: str
    deals: list[Deal]
    total: int


@dataclass(slots=True)
class MonthCount:
    month: datetime.date
    count: int


@dataclass(slots=True)
class CoMention:
    name: str
    slug: str
    articles: int


@dataclass(slots=True)
class Snippet:
    """A sentence of an article, with the spans (relative to the sentence) that name the company."""

    text: str
    spans: list[tuple[int, int]]
    clipped_start: bool = False
    clipped_end: bool = False


@dataclass(slots=True)
class CompanyArticle:
    article: Any
    snippet: Snippet
    mentions: int


@dataclass(slots=True)
class CompanyPage:
    company: Company
    aliases: list[Any]
    units: list[Company]
    deal_groups: list[DealGroup]
    deal_total: int
    timeline: list[MonthCount]
    co_mentions: list[CoMention]
    articles: Page
    article_rows: list[CompanyArticle] = field(default_factory=list)


def _company_deal_groups(company: Company) -> tuple[list[DealGroup], int]:
    # One query for the latest few deals of each part the company played, with each part's total and the number of
    # deals (the database ranks and counts: the most active companies have a thousand parties, a page shows 40); one
    # for the other parties of the deals shown.
    played = DealParty.objects.filter(company=company)
    deal_count = played.order_by().values("company").annotate(n=Count("deal_id", distinct=True)).values("n")
    latest = (
        played.select_related("deal")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("role")],
                order_by=[F("deal__announced_on").desc(nulls_last=True), F("deal_id").desc()],
            ),
            role_total=Window(Count("id"), partition_by=[F("role")]),
            deal_total=Subquery(deal_count),
        )
        .filter(rank__lte=DEALS_PER_ROLE)
        .order_by("role", "rank")
    )
    by_role: dict[str, list[Deal]] = {}
    totals: dict[str, int] = {}
    deal_total = 0
    for party in latest:
        totals[party.role] = party.role_total
        deal_total = party.deal_total
        by_role.setdefault(party.role, []).append(party.deal)
    shown_ids = {deal.pk for deals in by_role.values() for deal in deals}
    # The parties' names, for the headline of a deal an editor left untitled.
    parties: dict[int, list[tuple[str, str]]] = {}
    if shown_ids:
        named = DealParty.objects.filter(deal_id__in=shown_ids).values_list("deal_id", "role", "company__name")
        for deal_id, role, name in named:
            parties.setdefault(deal_id, []).append((role, name))
    groups = []
    for role, label in ROLE_GROUPS.items():
        if role not in by_role:
            continue
        deals = by_role[role]
        for deal in deals:
            deal.headline = deal.title or deal_headline(
                kind=deal.kind,
                status=deal.status,
                parties=[(name, party_role) for party_role, name in sorted(parties.get(deal.pk, []))],
            )
        groups.append(DealGroup(role=role, label=label, deals=deals, total=totals[role]))
    return groups, deal_total


def _timeline(company: Company) -> list[MonthCount]:
    counts = company_mentions_by_month(company)
    if not counts:
        return []
    last = max(counts)
    months = []
    year, month = last.year, last.month
    for _ in range(TIMELINE_MONTHS):
        day = datetime.date(year, month, 1)
        months.append(MonthCount(month=day, count=counts.get(day, 0)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months.reverse()
    # Drop the empty months before the company's first mention, keeping at least a year for scale.
    first = min(counts)
    while len(months) > 12 and months[0].month < first:
        months.pop(0)
    return months


def _co_mentions(company: Company, *, limit: int = 10) -> list[CoMention]:
    mention_model = Company.mentions.rel.related_model
    # The articles of the company's latest mentions (the mention_company_latest index, newest article first); the
    # other companies they name, counted per company id; then the public ones among the most counted, by primary
    # key. Joining the companies before counting hashed the whole company table on every request (EXPLAIN: 2-12 ms
    # of 9-30).
    recent = company.mentions.visible().newest_article_first().values("article_id")[:CO_MENTION_WINDOW]
    counts = dict(
        mention_model.objects.visible()
        .filter(article_id__in=recent)
        .exclude(company=company)
        .order_by()
        .values("company_id")
        .annotate(articles=Count("article_id", distinct=True))
        .values_list("company_id", "articles")
    )
    # Most counted first; public companies are looked up a few dozen at a time (a query with an IN list of hundreds
    # of ids spent more time being built than run), normally once.
    ranked = sorted(counts, key=lambda pk: (-counts[pk], pk))
    found: list[CoMention] = []
    for start in range(0, len(ranked), CO_MENTION_LOOKUP):
        chunk = ranked[start : start + CO_MENTION_LOOKUP]
        public = Company.objects.public().filter(pk__in=chunk).order_by().values_list("pk", "name", "slug")
        found += [CoMention(name=name, slug=slug, articles=counts[pk]) for pk, name, slug in public]
        if len(found) >= limit:
            break
    return sorted(found, key=lambda row: (-row.articles, row.name))[:limit]


def make_snippet(text: str, spans: list[tuple[int, int]], *, limit: int = 2 * SNIPPET_CONTEXT) -> Snippet:
    """Clip a long sentence around its first highlighted span, keeping the spans' offsets right."""
    if len(text) <= limit or not spans:
        return Snippet(text=text.strip("\n"), spans=spans)
    first = spans[0][0]
    cut_start = max(0, first - SNIPPET_CONTEXT)
    cut_end = min(len(text), cut_start + limit)
    shifted = [(s - cut_start, e - cut_start) for s, e in spans if s >= cut_start and e <= cut_end]
    return Snippet(
        text=text[cut_start:cut_end], spans=shifted, clipped_start=cut_start > 0, clipped_end=cut_end < len(text)
    )


def _company_articles(company: Company, page: int | str) -> tuple[Page, list[CompanyArticle]]:
    visible = company.mentions.visible()
    # The company's distinct articles newest first, read from one range of the mention_company_latest index (each
    # mention carries its article's date): any page costs the mentions of the articles before it, with no join and
    # no sort, for a company named in three articles or in thirty thousand.
    per_article = visible.newest_article_first().values("article_id", "article_published_at").distinct()
    # The number of articles is kept on the company (companies.stats): no COUNT over its mentions per request.
    articles_page = CountedPaginator(per_article, ARTICLES_PER_PAGE, count=company.article_count).get_page(page)
    rows = list(articles_page.object_list)
    if not rows:
        return articles_page, []
    window_start = Coalesce("sentence_start", Greatest(F("start") - SNIPPET_CONTEXT, 0))
    window_end = Coalesce("sentence_end", F("end") + SNIPPET_CONTEXT)
    mentions = (
        visible.filter(article_id__in=[row["article_id"] for row in rows])
        .select_related("article__source")
        .defer("article__body")
        .annotate(
            window_start=window_start,
            snippet=Substr("article__body", window_start + 1, window_end - window_start),
        )
        .order_by("article_id", "start")
    )
    by_article: dict[int, list[Any]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    result = []
    for row in rows:
        found = by_article.get(row["article_id"])
        if not found:
            continue
        first = found[0]
        offset = first.window_start
        sentence_end = offset + len(first.snippet)
        spans = [(m.start - offset, m.end - offset) for m in found if m.start >= offset and m.end <= sentence_end]
        result.append(
            CompanyArticle(article=first.article, snippet=make_snippet(first.snippet, spans), mentions=len(found))
        )
    return articles_page, result


def company_page(*, slug: str, page: int | str = 1) -> CompanyPage:
    company = get_object_or_404(Company.objects.public().select_related("parent"), slug=slug)
    deal_groups, deal_total = _company_deal_groups(company)
    articles, article_rows = _company_articles(company, page)
    return CompanyPage(
        company=company,
        aliases=list(company.aliases.all()),
        units=list(company.units.public().order_by("name")),
        deal_groups=deal_groups,
        deal_total=deal_total,
        timeline=_timeline(company),
        co_mentions=_co_mentions(company),
        articles=articles,
        article_rows=article_rows,
    )


# --- Deals -----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class DealFilters:
    kind: str = ""
    status: str = ""
    year: int | None = None
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    company: str = ""
    sort: str = "date"


def deal_years() -> list[int]:
    """Every year from the latest deal's back to the earliest's: the first and last dates come from the date index,
    where listing the distinct years read every deal on every request to the deal list."""
    span = Deal.objects.aggregate(first=Min("announced_on"), last=Max("announced_on"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def deal_list(*, filters: DealFilters, page: int | str = 1) -> Page:
    deals = Deal.objects.all()
    if filters.kind in DealKind.values:
        deals = deals.filter(kind=filters.kind)
    if filters.status in DealStatus.values:
        deals = deals.filter(status=filters.status)
    if filters.year:
        start = datetime.date(filters.year, 1, 1)
        deals = deals.filter(announced_on__gte=start, announced_on__lt=start.replace(year=filters.year + 1))
    if filters.min_amount is not None:
        deals = deals.filter(amount__gte=filters.min_amount)
    if filters.max_amount is not None:
        deals = deals.filter(amount__lte=filters.max_amount)
    if filters.company:
        deals = deals.filter(parties__company__slug=filters.company).distinct()
    deals = with_parties(deals.order_by(*DEAL_SORTS.get(filters.sort, DEAL_SORTS["date"])))
    deal_page_ = Paginator(deals, PAGE_SIZE).get_page(page)
    deal_page_.object_list = attach_headlines(deal_page_.object_list)
    return deal_page_


@dataclass(slots=True)
class DealPage:
    deal: Deal
    evidence: list[Any]
    related: list[Deal]


def deal_page(*, slug: str, related_limit: int = 8) -> DealPage:
    deal = get_object_or_404(with_parties(Deal.objects.all()), slug=slug)
    attach_headlines([deal])
    evidence = list(
        deal.evidence.select_related("article__source")
        .defer("article__body")
        .order_by(F("article__published_at").asc(nulls_last=True), "article_id", "start")
    )
    party_ids = {party.company_id for party in deal.party_list}
    related = attach_headlines(
        with_parties(
            Deal.objects.filter(pk__in=DealParty.objects.filter(company_id__in=party_ids).values("deal_id"))
            .exclude(pk=deal.pk)
            .latest()
        )[:related_limit]
    )
    return DealPage(deal=deal, evidence=evidence, related=related)
