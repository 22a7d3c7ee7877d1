import time
from datetime import UTC, date, datetime

import pytest

from articles.readers import parse_date

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
