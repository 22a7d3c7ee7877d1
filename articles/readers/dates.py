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


# A wire story's dateline: "SANTA CLARA, 8 February 2022 - ...", "LONDON, March 3, 2024 -", "14 July 2024 - ...",
# "SAN JOSE, Calif., May 1, 2024 (Business Wire) --", "TOKYO, 8 February 2022 10:30 JST -". Only named months and
# four-digit years count: "Sun 12, 2022" or "May 2022 results" are not dates of the story.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?"
    r"|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = rf"(?:\d{{1,2}} {_MONTH} \d{{4}}|{_MONTH} \d{{1,2}},? \d{{4}})"
_DATELINE = re.compile(
    r"(?:(?P<place>[A-Z][A-Z.'\u2019 -]{1,40}(?:,\s+[A-Z][a-z]{1,12}\.?)?),\s+)?"
    rf"(?P<date>{_FULL_DATE})"
    r"(?:,?\s+(?P<time>\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)\s+(?P<zone>[A-Z]{2,5}))?"
    # The agency that sent it: "(Reuters)", "(Business Wire)".
    r"(?:\s+\([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3}\))?"
    r"\s+[-\u2013\u2014]{1,2}\s"
)
# A date after the dash makes the opening a range ("1 May 2024 - 30 June 2024: the offer period"), not a dateline.
_RANGE_END = re.compile(rf"\s*(?:{_FULL_DATE}|\d{{4}}\b)")
# Lines opening with a date and a dash are an agenda or a timeline, not one story's dateline.
_DATED_LINE = re.compile(rf"^[ \t]*{_FULL_DATE}\s+[-\u2013\u2014]", re.MULTILINE)
_OPENING = 2000
# A wire slug before the date dates a revision or an embargo, not the story: "UPDATED, 9 May 2024 -".
_SLUG_WORDS = frozenset(
    {"UPDATE", "UPDATED", "CORRECTED", "CORRECTION", "REFILE", "REFILED", "RPT", "REPEAT", "EMBARGO", "EMBARGOED"}
)
_KNOWN_ZONES = frozenset({"UTC", "GMT", *_TIMEZONE_NAMES})


def dateline_date(body: str) -> datetime | None:
    """The date a story's opening dateline gives, when it has one with a full date; else None.

    Only the very start of the text counts: a date further in is what the story is about, not when it was written.
    A time counts only with a time zone it names and that is known; otherwise the day alone is taken."""
    match = _DATELINE.match(body)
    if match is None:
        return None
    place = match.group("place") or ""
    if _SLUG_WORDS.intersection(re.findall(r"[A-Z]+", place)):
        return None
    if _RANGE_END.match(body, match.end()) or len(_DATED_LINE.findall(body, 0, _OPENING)) > 1:
        return None
    day = parse_date(match.group("date"))
    if day is None or match.group("zone") not in _KNOWN_ZONES:
        return day
    return parse_date(f"{match.group('date')} {match.group('time')} {match.group('zone')}") or day


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
        email_date = parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        pass
    else:
        # Without a zone it understood, the email parser has skipped what it did not know ("JST", "p.m."): the
        # hour would be wrong, so the general parser below reads it instead.
        if email_date.tzinfo is not None:
            return email_date
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
