"""A company's article list: the same rows, newest first, whichever of its two queries the company's size picks."""

from __future__ import annotations

import datetime

import pytest

from companies import selectors
from companies.models import CompanyStatus
from companies.stats import company_mention_counts_refresh
from tests.factories import ArticleFactory, CompanyFactory, MentionFactory

pytestmark = pytest.mark.django_db


def _rows(slug: str) -> list[tuple[int, int]]:
    page = selectors.company_page(slug=slug)
    return [(row.article.pk, row.mentions) for row in page.article_rows]


@pytest.mark.parametrize("dense_from", [0, 10**9], ids=["walk articles by date", "group the company's mentions"])
def test_articles_naming_a_company_come_newest_first_with_their_mention_counts(
    dense_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    acme = CompanyFactory(name="Acme", status=CompanyStatus.VERIFIED)
    other = CompanyFactory(name="Other", status=CompanyStatus.VERIFIED)
    day = datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)
    old, new, undated, elsewhere = (
        ArticleFactory(published_at=day, body="Acme and Acme."),
        ArticleFactory(published_at=day + datetime.timedelta(days=3), body="Acme said."),
        ArticleFactory(published_at=None, body="Acme again."),
        ArticleFactory(published_at=day + datetime.timedelta(days=5), body="Other said."),
    )
    MentionFactory(article=old, company=acme, start=0, end=4, text="Acme")
    MentionFactory(article=old, company=acme, start=9, end=13, text="Acme")
    MentionFactory(article=new, company=acme, start=0, end=4, text="Acme")
    MentionFactory(article=undated, company=acme, start=0, end=4, text="Acme")
    MentionFactory(article=elsewhere, company=other, start=0, end=5, text="Other")
    company_mention_counts_refresh()
    monkeypatch.setattr(selectors, "DENSE_COMPANY_ARTICLES", dense_from)

    assert _rows(acme.slug) == [(new.pk, 1), (old.pk, 2), (undated.pk, 1)]
