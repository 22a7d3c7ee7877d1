import time
from datetime import UTC, date, datetime

import pytest

from articles.readers import parse_date
from articles.readers.dates import dateline_date

MAY_FIRST = datetime(2024, 5, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", MAY_FIRST),
        ("1 May 2024", MAY_FIRST),
        ("May 1, 2024", MAY_FIRST),
        ("Wed, 01 May 2024 10:00:00 GMT", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01T12:00:00+02:00", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01T10:00:00Z", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("2024-05-01 06:00 EDT", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        # Zones and half-day markers the email-date parser would skip, reading the hour as UTC.
        ("Wed, 01 May 2024 19:00:00 JST", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("1 May 2024 6:00 a.m. EDT", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        (1714557600, datetime(2024, 5, 1, 10, tzinfo=UTC)),
        ("1714557600", datetime(2024, 5, 1, 10, tzinfo=UTC)),
        (1714557600000, datetime(2024, 5, 1, 10, tzinfo=UTC)),
        (date(2024, 5, 1), MAY_FIRST),
        (time.struct_time((2024, 5, 1, 10, 0, 0, 2, 122, 0)), datetime(2024, 5, 1, 10, tzinfo=UTC)),
    ],
)
def test_dates_in_common_forms_become_aware_utc_datetimes(value, expected):
    parsed = parse_date(value)

    assert parsed == expected
    assert parsed.tzinfo == UTC


def test_a_naive_datetime_is_taken_as_utc():
    assert parse_date(datetime(2024, 5, 1, 10)) == datetime(2024, 5, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize("value", ["", "soon", "10", "yesterday at noon", "0001-01-01", None, True, [2024], "9" * 40])
def test_an_unreadable_date_is_none_not_a_failure(value):
    assert parse_date(value) is None


def test_a_date_with_missing_parts_is_the_same_whatever_day_it_is_read():
    assert parse_date("May 2024") == MAY_FIRST


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("SANTA CLARA, 8 February 2022 - Acme said", datetime(2022, 2, 8, tzinfo=UTC)),
        ("LONDON, Sept. 8, 2022 - Acme said", datetime(2022, 9, 8, tzinfo=UTC)),
        ("SAN JOSE, Calif., May 1, 2024 (Business Wire) -- Acme said", MAY_FIRST),
        ("NEW YORK, May 1, 2024 (Reuters) - Acme said", MAY_FIRST),
        ("NEW YORK, 30 April 2024 9:30 p.m. EDT - Acme said", datetime(2024, 5, 1, 1, 30, tzinfo=UTC)),
        ("TOKYO, 1 May 2024 10:30 JST - Acme said", datetime(2024, 5, 1, 1, 30, tzinfo=UTC)),
        ("LONDON, 8 February 2022 - 3i Group said", datetime(2022, 2, 8, tzinfo=UTC)),
    ],
)
def test_a_dateline_gives_the_story_its_date(opening, expected):
    assert dateline_date(opening) == expected


def test_a_time_in_a_zone_that_is_not_known_gives_the_day_alone_rather_than_a_wrong_hour():
    assert dateline_date("SEOUL, 1 May 2024 10:30 KST - Acme said") == MAY_FIRST


@pytest.mark.parametrize(
    "opening",
    [
        "1 May 2024 - 30 June 2024: the offer period for Widget shares",
        "May 1, 2024 - May 3, 2024 Acme holds its developer conference.",
        "May 2024 results - Acme's revenue rose.",
        "Sun 12, 2024 - Acme said",
        "31 February 2022 - Acme said",
        "UPDATED, 1 May 2024 - Acme said",
        "EMBARGOED, 1 May 2024 - Acme said",
        "1 May 2024 - Board meeting\n2 May 2024 - Results\n3 May 2024 - Annual meeting",
        "Acme said on 1 May 2024 - a Wednesday - that it had bought Widget.",
        "Acme bought Widget.\n\nLONDON, 1 May 2024 - the deal closed.",
    ],
)
def test_an_opening_that_is_no_dateline_gives_no_date(opening):
    assert dateline_date(opening) is None
