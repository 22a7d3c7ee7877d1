"""'Often mentioned alongside': the public companies named in the same articles as a company, counted once per
article, most first and then by name, over the company's latest mentions."""

from __future__ import annotations

import datetime

import pytest

from articles.models import ReviewState
from companies import selectors
from companies.models import Company, CompanyStatus
from tests.factories import ArticleFactory, CompanyFactory, MentionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC)


def _story(index: int, *companies: Company, rejected: Company | None = None) -> None:
    article = ArticleFactory(published_at=DAY + datetime.timedelta(days=index), body=f"Story {index}: " + "x " * 40)
    for position, company in enumerate(companies):
        # Twice in the article: counted once.
        for repeat in range(2):
            start = 10 + position * 8 + repeat * 4
            MentionFactory(article=article, company=company, start=start, end=start + 2, text="xx")
    if rejected is not None:
        MentionFactory(
            article=article, company=rejected, start=90, end=92, text="xx", review_state=ReviewState.REJECTED
        )


def _alongside(company: Company) -> list[tuple[str, int]]:
    return [(row.name, row.articles) for row in selectors._co_mentions(company, limit=3)]


def test_the_companies_named_most_often_with_it_come_first_counted_once_per_article() -> None:
    acme = CompanyFactory(name="Acme")
    beta, gamma, delta, omega = (CompanyFactory(name=name) for name in ("Beta", "Gamma", "Delta", "Omega"))
    hidden = CompanyFactory(name="Hidden", status=CompanyStatus.AUTO, is_public=False)
    for index in range(3):
        _story(index, acme, beta, hidden)
    _story(3, acme, gamma, rejected=omega)
    _story(4, acme, delta)
    _story(5, beta, gamma)  # without Acme: not counted

    # Beta in three articles; Delta and Gamma in one each, in name order; the unpublished company and the rejected
    # mention are not shown; the limit holds.
    assert _alongside(acme) == [("Beta", 3), ("Delta", 1), ("Gamma", 1)]


def test_only_the_latest_mentions_are_looked_at(monkeypatch: pytest.MonkeyPatch) -> None:
    acme, old, new = CompanyFactory(name="Acme"), CompanyFactory(name="Old"), CompanyFactory(name="New")
    _story(0, acme, old)
    _story(1, acme, old)
    _story(2, acme, new)
    # Acme has two mentions per article: a window of two mentions is its latest article alone.
    monkeypatch.setattr(selectors, "CO_MENTION_WINDOW", 2)

    assert _alongside(acme) == [("New", 1)]


def test_a_company_named_alone_has_no_companions() -> None:
    acme = CompanyFactory(name="Acme")
    _story(0, acme)

    assert _alongside(acme) == []


def test_unpublished_companies_counted_most_do_not_crowd_out_the_public_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    acme = CompanyFactory(name="Acme")
    hidden = [CompanyFactory(name=f"Hidden {n}", status=CompanyStatus.AUTO, is_public=False) for n in range(3)]
    shown = CompanyFactory(name="Shown")
    for index in range(2):
        _story(index, acme, *hidden)
    _story(2, acme, shown)
    # One company looked up per query: the three unpublished ones, counted twice each, come first.
    monkeypatch.setattr(selectors, "CO_MENTION_LOOKUP", 1)

    assert _alongside(acme) == [("Shown", 1)]
