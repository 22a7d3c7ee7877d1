"""Publication dates in whatever form a document gives them, as aware UTC datetimes.

A date that cannot be read is not a reason to lose the article: it becomes None.
"""

from __future__ import annotations

import calendar
import re
import time
import warnings
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser
from dateutil import tz

# Years outside this range are typos or placeholders ("0001-01-01"), not publication dates.
_EARLIEST_YEAR = 1900
_LATEST_YEAR = 2200

# Missing parts are filled from a fixed default, never from today, so the same text always gives the same date.
_DEFAULT = datetime(2000, 1, 1)  # noqa: DTZ001 - only the missing fields are taken from it; the result is made aware

# dateutil knows only UTC/GMT by name; these are the abbreviations English-language news sites actually print.
_TIMEZONE_NAMES = {
    name: tz.tzoffset(name, int(hours * 3600))
    for name, hours in {
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "IST": 5.5,
        "JST": 9,
        "HKT": 8,
        "SGT": 8,
        "AEST": 10,
        "AEDT": 11,
    }.items()
}

_EPOCH = re.compile(r"[+-]?\d{9,13}(\.\d+)?")
# Free-form parsing needs a four-digit year, or "10" or "May" alone would become a date in the year 2000.
_HAS_YEAR = re.compile(r"(?<!\d)(1[89]|2[01])\d\d(?!\d)")


# A wire story's dateline: "SANTA CLARA, 8 February 2022 - ...", "LONDON, March 3, 2024 -", "14 July 2024 - ...".
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\u2019 -]{1,40},\s+)?"
    r"(?P<date>\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})"
    r"\s+[-\u2013\u2014]\s"
)


def dateline_date(body: str) -> datetime | None:
    """The date a story's opening dateline gives, when it has one with a full date; else None."""
    match = _DATELINE.match(body)
    return parse_date(match.group("date")) if match else None


def parse_date(value: object) -> datetime | None:
    """An aware UTC datetime for a date string, epoch number, date, datetime or struct_time; None if unreadable."""
    try:
        parsed = _parse(value)
    except (ValueError, OverflowError, TypeError, OSError):
        return None
    if parsed is None or not _EARLIEST_YEAR <= parsed.year <= _LATEST_YEAR:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _parse(value: object) -> datetime | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, time.struct_time):
        # feedparser's *_parsed values are already in UTC.
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if isinstance(value, str):
        return _parse_string(value.strip())
    return None


def _from_epoch(seconds: float) -> datetime:
    # Thirteen-digit numbers are JavaScript milliseconds; no article is dated in the year 33,000.
    if abs(seconds) >= 1e11:
        seconds /= 1000
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)


def _parse_string(text: str) -> datetime | None:
    if not text or len(text) > 100:
        return None
    if _EPOCH.fullmatch(text):
        return _from_epoch(float(text))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        pass
    if not _HAS_YEAR.search(text):
        return None
    with warnings.catch_warnings():
        # An unknown zone name leaves the time naive (read as UTC) rather than failing; the warning is noise.
        warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
        try:
            parsed: datetime = dateutil_parser.parse(text, default=_DEFAULT, tzinfos=_TIMEZONE_NAMES)
            return parsed
        except (dateutil_parser.ParserError, ValueError, OverflowError):
            return None
