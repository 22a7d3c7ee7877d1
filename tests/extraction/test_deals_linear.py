"""The deal rules' work grows with a sentence's length, not with its square: a document naming thousands of companies
in one sentence (a list, or an attack) must not cost what a thousand articles cost.

The work is counted, not timed: the lines of the deal grammar that run (a comprehension or a loop counts once per
turn), so the test says the same on a busy machine and on a quiet one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import articles.extraction.deals
from tests.extraction.deals_fixtures import deals_in

DEAL_RULES = str(Path(articles.extraction.deals.__file__).parent)


def lines_run_by_the_deal_rules(read: Callable[[], Any]) -> int:
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        nonlocal count
        if not frame.f_code.co_filename.startswith(DEAL_RULES):
            return None
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        read()
    finally:
        sys.settrace(previous)
    return count


def growth(make_text: Callable[[int], str], *names: str, n: int = 200) -> float:
    """How many times more work a sentence four times longer costs: 4 when linear, 16 when quadratic."""
    small = lines_run_by_the_deal_rules(lambda: deals_in(make_text(n), *names))
    large = lines_run_by_the_deal_rules(lambda: deals_in(make_text(4 * n), *names))
    return large / small


def test_a_sentence_listing_many_companies_between_two_deals_costs_work_in_proportion_to_its_length() -> None:
    def text(n: int) -> str:
        return "Acme agreed to buy Beta. " + "Nvidia, " * n + "and Gamma agreed to buy Delta. Omega sold Beta."

    assert deals_in(text(3), "Acme", "Beta", "Nvidia", "Gamma", "Delta", "Omega")  # the deals are still read
    assert growth(text, "Acme", "Beta", "Nvidia", "Gamma", "Delta", "Omega") < 5


def test_a_sentence_with_many_deal_verbs_and_names_costs_work_in_proportion_to_its_length() -> None:
    def text(n: int) -> str:
        return "Acme, which Beta sold, " + "Nvidia bought Intel, " * n + "and Gamma sold Delta."

    assert growth(text, "Acme", "Beta", "Nvidia", "Intel", "Gamma", "Delta") < 5
