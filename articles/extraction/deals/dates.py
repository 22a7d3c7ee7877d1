"""The day a deal was announced, when the sentence says it.

Dated news speaks relative to its own date ("said on Monday", "yesterday"); those need the article's publication
date. Explicit dates ("on 3 March 2024", "March 3, 2024") need nothing. A month or year alone is not a day, so it
gives no date rather than a made-up first of the month.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "in 2016", "announced in September 2020", "in early 2019": the year of a deal that the sentence dates no closer.
_IN_YEAR = re.compile(rf"\bin\s+(?:(?:early|late|mid-?)\s*)?(?:(?:{_MONTH})\.?\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_RELATIVE = re.compile(rf"\b(?:on\s+({'|'.join(_WEEKDAYS)})|(yesterday)|(today))\b", re.IGNORECASE)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(month: int, day: int, year: str | None, published_on: date | None) -> date | None:
    if year:
        return _safe_date(int(year), month, day)
    if published_on is None:
        return None
    found = _safe_date(published_on.year, month, day)
    # "on March 3" in a story from January is last year's March.
    if found is not None and found > published_on:
        found = _safe_date(published_on.year - 1, month, day)
    return found


def announced_on(sentence: str, published_on: date | None) -> date | None:
    """The date the sentence gives for the deal's announcement, or None."""
    if match := _ISO.search(sentence):
        return _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _MONTH_DAY_YEAR.search(sentence):
        return _with_year(_MONTHS[match.group(1).lower()], int(match.group(2)), match.group(3), published_on)
    if match := _DAY_MONTH_YEAR.search(sentence):
        return _with_year(_MONTHS[match.group(2).lower()], int(match.group(1)), match.group(3), published_on)
    if published_on is None:
        return None
    if match := _RELATIVE.search(sentence):
        if match.group(1):
            # The most recent such weekday on or before publication: news reports the past.
            back = (published_on.weekday() - _WEEKDAYS.index(match.group(1).lower())) % 7
            return published_on - timedelta(days=back)
        if match.group(2):
            return published_on - timedelta(days=1)
        return published_on
    return None


def stated_year(wording: str) -> int | None:
    """The year the wording around a deal puts it in ("bought it in 2016"), or None."""
    match = _IN_YEAR.search(wording)
    return int(match.group(1)) if match else None
