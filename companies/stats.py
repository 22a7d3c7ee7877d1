"""Denormalised coverage the pages read instead of counting a million mentions per request, recomputed from the
mentions themselves: each company's mention and article counts, and its mentions per day of publication.

Companies never import articles: the mentions are reached through the reverse relation `Company.mentions`.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Iterable
from functools import reduce
from typing import Any

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from companies.models import Company, CompanyMentionDay, CompanyStatus


def _visible_mentions() -> QuerySet[Any]:
    return Company.mentions.rel.related_model.objects.visible().order_by()


def company_mention_counts_refresh(
    *, company_ids: Iterable[int] | None = None, article_ids: Iterable[int] | None = None
) -> int:
    """Rewrite the mentions per day of these companies (all of them when None) from their visible mentions, and their
    mention and article counts from those days; idempotent. Returns the number of companies updated.

    With `article_ids` (the articles whose mentions just changed, e.g. the ones linking wrote), only those articles'
    rows are recounted: the days they are published on, and the rows of those of them without a date. The company
    totals then move by the difference between the rows rewritten and the rows they replace, so a link costs what
    its batch and its days hold, never what the companies hold (the most covered ones have tens of thousands of
    mentions). An article whose publication date changed needs a full refresh: its old day is not known here.

    Undated articles are counted one row per article and company, not by the day they were stored: their news is
    not from that day, so they stay off the company's chart and out of "most mentioned in the last 30 days" (a
    corpus of undated seeds ingested today would otherwise all be "recent"), and count in the company's totals.

    The linking service calls it with the companies an article names; editors' reviews, merges and article edits
    call it too, inside the transaction that changed the mentions.
    """
    ids = None if company_ids is None else sorted(set(company_ids))
    if ids == []:
        return 0
    days = CompanyMentionDay.objects.all()
    mentions = _visible_mentions()
    if ids is not None:
        # Two transactions refreshing the same company take turns (locked in one order, so they cannot deadlock):
        # the second one's delete then sees, and replaces, the rows the first one wrote.
        list(Company.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        days = days.filter(company_id__in=ids)
        mentions = mentions.filter(company_id__in=ids)
    # No article left (they are gone) narrows nothing: the companies are recounted in full.
    published = _publication_days(article_ids) if article_ids is not None else {}
    if not published:
        days.delete()
        _mention_days_insert(mentions)
        per_company = CompanyMentionDay.objects.filter(company_id=OuterRef("pk")).order_by().values("company_id")
        companies = Company.objects.all() if ids is None else Company.objects.filter(pk__in=ids)
        return companies.update(
            mention_count=_total(per_company.annotate(total=Sum("mentions"))),
            article_count=_total(per_company.annotate(total=Sum("articles"))),
        )
    days = days.filter(_rows_of(published))
    replaced = _totals_by_company(days)
    days.delete()
    _mention_days_insert(mentions.filter(_mentions_of(published)))
    # The same filter now selects the rows just written.
    written = _totals_by_company(days)
    return _totals_move(ids if ids is not None else sorted(replaced.keys() | written.keys()), replaced, written)


def _publication_days(article_ids: Iterable[int]) -> dict[int, datetime.date | None]:
    """Each existing article's day of publication, None for an undated one."""
    article_model = Company.mentions.rel.related_model.article.field.related_model
    articles = article_model.objects.filter(pk__in=list(article_ids)).annotate(day=TruncDate("published_at"))
    return dict(articles.values_list("pk", "day"))


def _rows_of(published: dict[int, datetime.date | None]) -> Q:
    """The rows these articles count in: their days, and the rows of the undated ones."""
    undated = [article_id for article_id, day in published.items() if day is None]
    conditions = [Q(undated_article_id__in=undated)] if undated else []
    conditions += [Q(day=day) for day in {day for day in published.values() if day is not None}]
    return reduce(operator.or_, conditions)


def _mentions_of(published: dict[int, datetime.date | None]) -> Q:
    """The mentions those rows count: of the undated articles, and of every article published on their days (each
    day a range of publication times, so that the publication-time index serves it)."""
    undated = [article_id for article_id, day in published.items() if day is None]
    conditions = [Q(article_id__in=undated)] if undated else []
    for day in {day for day in published.values() if day is not None}:
        start = datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())
        conditions.append(
            Q(article__published_at__gte=start, article__published_at__lt=start + datetime.timedelta(days=1))
        )
    return reduce(operator.or_, conditions)


def _totals_by_company(days: QuerySet[Any]) -> dict[int, tuple[int, int]]:
    rows = days.order_by().values("company_id").annotate(mentions=Sum("mentions"), articles=Sum("articles"))
    return {row["company_id"]: (row["mentions"], row["articles"]) for row in rows}


def _totals_move(ids: list[int], replaced: dict[int, tuple[int, int]], written: dict[int, tuple[int, int]]) -> int:
    """Adds to each company's counts what its rewritten rows count more (or less) than the rows they replaced."""
    moves = {}
    for company_id in ids:
        before, after = replaced.get(company_id, (0, 0)), written.get(company_id, (0, 0))
        moves[company_id] = (after[0] - before[0], after[1] - before[1])

    def moved(field: str, index: int) -> Any:
        # One WHEN per distinct change, not per company: a batch's few hundred companies mostly move by the same
        # few amounts, and Django builds a CASE of hundreds of WHENs slowly (16 ms a batch, a fifth of linking).
        by_change: dict[int, list[int]] = {}
        for pk, move in moves.items():
            if move[index]:
                by_change.setdefault(move[index], []).append(pk)
        whens = [When(pk__in=pks, then=Value(change)) for change, pks in sorted(by_change.items())]
        return F(field) + Case(*whens, default=Value(0), output_field=IntegerField()) if whens else F(field)

    return Company.objects.filter(pk__in=ids).update(
        mention_count=moved("mention_count", 0), article_count=moved("article_count", 1)
    )


def _total(per_company: QuerySet[Any]) -> Coalesce:
    return Coalesce(Subquery(per_company.values("total"), output_field=IntegerField()), 0)


def _mention_days_insert(mentions: QuerySet[Any]) -> None:
    """INSERT ... SELECT of the days' counts, an undated article's on a row of its own: the rows never travel
    through Python (a full refresh writes a few hundred thousand). An article is published on one day, so its
    company's articles add up across rows."""
    # Selected in the order of the columns below.
    rows = (
        mentions.annotate(
            day=TruncDate("article__published_at"),
            undated_article_id=Case(
                When(article__published_at__isnull=True, then=F("article_id")), output_field=BigIntegerField()
            ),
        )
        .values("company_id", "day", "undated_article_id")
        .annotate(mentions=Count("*"), articles=Count("article_id", distinct=True))
    )
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in ("company_id", "day", "undated_article_id", "mentions", "articles"))
    table = quote(CompanyMentionDay._meta.db_table)
    with connection.cursor() as cursor:
        # Table and column names come from our own model; the values travel as parameters.
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)


def company_mentions_by_month(company: Company) -> dict[datetime.date, int]:
    """The company's visible mentions per month of publication (months without one are left out)."""
    rows = (
        CompanyMentionDay.objects.filter(company=company, day__isnull=False)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(total=Sum("mentions"))
        .order_by("month")
    )
    return {row["month"]: row["total"] for row in rows}


def companies_most_mentioned(*, days: int, limit: int, today: datetime.date) -> list[dict[str, Any]]:
    """Public companies most mentioned over the `days` up to `today` (name, slug, current), with their mentions
    over the `days` before (previous) for comparison; most mentioned first."""
    since = today - datetime.timedelta(days=days)
    before = since - datetime.timedelta(days=days)
    public = Q(company__status=CompanyStatus.VERIFIED) | Q(company__is_public=True)
    return list(
        CompanyMentionDay.objects.filter(public, day__gt=before, day__lte=today)
        .values("company_id")
        .annotate(
            current=Coalesce(Sum("mentions", filter=Q(day__gt=since)), 0),
            previous=Coalesce(Sum("mentions", filter=Q(day__lte=since)), 0),
        )
        .filter(current__gt=0)
        .order_by("-current", "company__name")
        .values("company__name", "company__slug", "current", "previous")[:limit]
    )
