"""The `time_tag` filter writes exactly what the two `date` filters it replaced wrote, in the site's time zone."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.test import override_settings

from newsbase.templatetags.site import time_tag


def _with_date_filters(value: datetime.date | datetime.datetime, machine: str, human: str) -> str:
    template = Template(f'<time datetime="{{{{ value|date:"{machine}" }}}}">{{{{ value|date:"{human}" }}}}</time>')
    return template.render(Context({"value": value}))


@pytest.mark.parametrize("day", [datetime.date(2024, 5, 7), datetime.date(2023, 12, 31), datetime.date(2026, 1, 1)])
def test_a_day_reads_as_the_date_filters_wrote_it(day: datetime.date) -> None:
    assert time_tag(day) == _with_date_filters(day, "Y-m-d", "j M Y")
    assert time_tag(day, "long") == _with_date_filters(day, "Y-m-d", "j F Y")


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/New_York"])
def test_a_moment_is_shown_in_the_sites_time_zone(zone: str) -> None:
    # 23:30 UTC on 31 December is already 1 January in Tokyo.
    moment = datetime.datetime(2025, 12, 31, 23, 30, 5, tzinfo=datetime.UTC)
    with override_settings(TIME_ZONE=zone):
        assert time_tag(moment) == _with_date_filters(moment, "c", "j M Y")


def test_nothing_is_written_without_a_date() -> None:
    assert time_tag(None) == ""
