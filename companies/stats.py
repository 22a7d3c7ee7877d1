"""Denormalised coverage the pages read instead of counting a million mentions per request, recomputed from the
mentions themselves: each company's mention and article counts, and its mentions per day of publication.

Companies never import articles: the mentions are reached through the reverse relation `Company.mentions`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
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

    With `article_ids` (the articles whose mentions just changed, e.g. the one linking wrote), only the days those
    articles are published on are recounted: a few hundred mentions, instead of every mention of the companies (the
    most covered ones have tens of thousands). An article whose publication date changed needs a full refresh.

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
        # the second one's delete then sees, and replaces, the days the first one wrote.
        list(Company.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        days = days.filter(company_id__in=ids)
        mentions = mentions.filter(company_id__in=ids)
    if article_ids is not None:
        # No day at all (the articles are gone) gives no condition: the companies are recounted in full.
        published = _publication_days(article_ids)
        days = days.filter(_on_days(published, "day"))
        mentions = mentions.filter(_on_days(published, "article__published_at"))
    days.delete()
    _mention_days_insert(mentions)
    per_company = CompanyMentionDay.objects.filter(company_id=OuterRef("pk")).order_by().values("company_id")
    companies = Company.objects.all() if ids is None else Company.objects.filter(pk__in=ids)
    return companies.update(
        mention_count=_total(per_company.annotate(total=Sum("mentions"))),
        article_count=_total(per_company.annotate(total=Sum("articles"))),
    )


def _publication_days(article_ids: Iterable[int]) -> set[datetime.date | None]:
    article_model = Company.mentions.rel.related_model.article.field.related_model
    articles = article_model.objects.filter(pk__in=list(article_ids)).annotate(day=TruncDate("published_at"))
    return set(articles.values_list("day", flat=True))


def _on_days(published: set[datetime.date | None], field: str) -> Q:
    """Rows on these days: `field` is a date, or a publication time (then each day is a range, so that the
    publication-time index serves it); None stands for the articles without a publication date."""
    condition = Q()
    for day in published:
        if day is None:
            condition |= Q(**{f"{field}__isnull": True})
        elif field == "day":
            condition |= Q(day=day)
        else:
            start = datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())
            end = start + datetime.timedelta(days=1)
            condition |= Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return condition


def _total(per_company: QuerySet[Any]) -> Coalesce:
    return Coalesce(Subquery(per_company.values("total"), output_field=IntegerField()), 0)


def _mention_days_insert(mentions: QuerySet[Any]) -> None:
    """INSERT ... SELECT of the days' counts: the rows never travel through Python (a full refresh writes a few
    hundred thousand). An article is published on one day, so its company's articles add up across days."""
    # Selected in the order of the columns below.
    rows = (
        mentions.annotate(day=TruncDate("article__published_at"))
        .values("company_id", "day")
        .annotate(mentions=Count("*"), articles=Count("article_id", distinct=True))
    )
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in ("company_id", "day", "mentions", "articles"))
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
