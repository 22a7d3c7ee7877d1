"""Template helpers for the public pages: money, highlighted snippets, the mentions chart, canonical URLs."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from companies.money import format_money
from companies.selectors import MonthCount, Snippet
from newsbase.countries import country_name

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    return format_money(amount, currency or "")


@register.filter
def country(code: str) -> str:
    return country_name(code)


@register.filter
def time_tag(value: date | datetime | None, style: str = "short") -> str:
    """A <time> element for a day or a moment, read "7 May 2024" ("7 September 2024" with style "long"), with the
    ISO value in `datetime`. One filter where a row had two `date` filters: a company page shows about a hundred
    dates, and Django's date formatting was a large share of its rendering time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        machine, day = moment.isoformat(), moment.date()
    else:
        machine, day = value.isoformat(), value
    month = f"{day:%B}" if style == "long" else f"{day:%b}"
    return format_html('<time datetime="{}">{} {} {}</time>', machine, day.day, month, day.year)


@register.simple_tag
def site_name() -> str:
    return settings.WEBSITE_NAME


@register.simple_tag(takes_context=True)
def canonical_url(context: dict[str, Any]) -> str:
    """The page's own address, keeping only the page number from the query string."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


@register.simple_tag
def snippet_html(snippet: Snippet) -> SafeString:
    """A sentence with the company's name marked; every piece of the text is escaped."""
    pieces: list[str] = ["… " if snippet.clipped_start else ""]
    position = 0
    for start, end in snippet.spans:
        if start < position:
            continue
        pieces.append(escape(snippet.text[position:start]))
        pieces.append(format_html("<mark>{}</mark>", snippet.text[start:end]))
        position = end
    pieces.append(escape(snippet.text[position:]))
    pieces.append(" …" if snippet.clipped_end else "")
    # Each piece is escaped text or format_html output.
    return mark_safe("".join(pieces))  # noqa: S308


def _labelled(index: int, month: MonthCount, count: int) -> bool:
    """Label each January, and the first month unless a January follows too closely for both labels to fit."""
    if month.month.month == 1:
        return True
    return index == 0 and (month.month.month <= 10 or count < 4)


@register.inclusion_tag("includes/mentions_chart.html")
def mentions_chart(months: list[MonthCount], name: str) -> dict[str, Any]:
    """Bars of mentions per month: an SVG drawn on the server (no script) that stretches to any width, labels in
    HTML so they stay readable on a phone, and a table for screen readers."""
    peak = max((month.count for month in months), default=0) or 1
    count = max(len(months), 1)
    bars = [
        {
            "x": index + 0.15,
            "height": round(100 * month.count / peak, 2),
            "y": round(100 - 100 * month.count / peak, 2),
            "month": f"{month.month:%B %Y}",
            "count": month.count,
        }
        for index, month in enumerate(months)
    ]
    labels = [
        {"text": month.month.strftime("%b %Y"), "left": round(100 * (index + 0.5) / count, 2)}
        for index, month in enumerate(months)
        if _labelled(index, month, len(months))
    ]
    return {
        "bars": bars,
        "labels": labels,
        "columns": count,
        "peak": peak,
        "name": name,
        "total": sum(month.count for month in months),
        "first": months[0].month if months else None,
        "last": months[-1].month if months else None,
    }


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def capped(count: int, cap: int | None) -> str:
    """A result count, or "1,000+" where the search stopped counting."""
    return f"{cap:,}+" if cap and count > cap else f"{count:,}"
