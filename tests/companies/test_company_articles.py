"""A company's article list, read from its mentions' copy of their article's date: newest first, one row per article,
the same rows on every page, and the copy kept equal to the article's date by linking and by editors' date changes."""

from __future__ import annotations

import datetime

import pytest

from articles.models import Mention, ReviewState
from articles.services.editing import article_save_from_admin
from articles.services.link import article_link
from companies import selectors
from companies.models import CompanyStatus
from companies.stats import company_mention_counts_refresh
from tests.factories import ArticleFactory, CompanyFactory, MentionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)


def _rows(slug: str, page: int = 1) -> list[tuple[int, int]]:
    return [(row.article.pk, row.mentions) for row in selectors.company_page(slug=slug, page=page).article_rows]


def test_articles_naming_a_company_come_newest_first_with_their_mention_counts() -> None:
    acme = CompanyFactory(name="Acme", status=CompanyStatus.VERIFIED)
    other = CompanyFactory(name="Other", status=CompanyStatus.VERIFIED)
    old, new, undated, elsewhere, hidden = (
        ArticleFactory(published_at=DAY, body="Acme and Acme."),
        ArticleFactory(published_at=DAY + datetime.timedelta(days=3), body="Acme said."),
        ArticleFactory(published_at=None, body="Acme again."),
        ArticleFactory(published_at=DAY + datetime.timedelta(days=5), body="Other said."),
        ArticleFactory(published_at=DAY + datetime.timedelta(days=9), body="Acme hidden."),
    )
    MentionFactory(article=old, company=acme, start=0, end=4, text="Acme")
    MentionFactory(article=old, company=acme, start=9, end=13, text="Acme")
    MentionFactory(article=new, company=acme, start=0, end=4, text="Acme")
    MentionFactory(article=undated, company=acme, start=0, end=4, text="Acme")
    MentionFactory(article=elsewhere, company=other, start=0, end=5, text="Other")
    # An editor rejected the only mention in the newest article: readers do not see that article listed.
    MentionFactory(article=hidden, company=acme, start=0, end=4, text="Acme", review_state=ReviewState.REJECTED)
    company_mention_counts_refresh()

    assert _rows(acme.slug) == [(new.pk, 1), (old.pk, 2), (undated.pk, 1)]


def test_every_page_lists_each_article_once_however_many_mentions_it_has() -> None:
    acme = CompanyFactory(name="Acme", status=CompanyStatus.VERIFIED)
    articles = []
    for index in range(25):
        # Three articles share each date, so ties are broken by the article, not by chance.
        body = f"Acme. Acme. Acme. Acme. Story {index}."
        article = ArticleFactory(published_at=DAY + datetime.timedelta(days=index // 3), body=body)
        for mention in range(index % 4 + 1):
            MentionFactory(article=article, company=acme, start=mention * 6, end=mention * 6 + 4, text="Acme")
        articles.append(article)
    company_mention_counts_refresh()

    listed = [row for page in (1, 2, 3) for row in _rows(acme.slug, page)]

    expected = sorted(articles, key=lambda a: (a.published_at, a.pk), reverse=True)
    assert [pk for pk, _ in listed] == [article.pk for article in expected]
    assert dict(listed) == {article.pk: articles.index(article) % 4 + 1 for article in articles}


def test_an_editor_moving_an_article_to_another_day_moves_it_in_the_list() -> None:
    acme = CompanyFactory(name="Acme", status=CompanyStatus.VERIFIED)
    first = ArticleFactory(published_at=DAY, body="Acme said.")
    second = ArticleFactory(published_at=DAY + datetime.timedelta(days=1), body="Acme replied.")
    for article in (first, second):
        MentionFactory(article=article, company=acme, start=0, end=4, text="Acme")
    company_mention_counts_refresh()
    assert [pk for pk, _ in _rows(acme.slug)] == [second.pk, first.pk]

    first.published_at = DAY + datetime.timedelta(days=7)
    article_save_from_admin(article=first, user=None)

    assert set(Mention.objects.filter(article=first).values_list("article_published_at", flat=True)) == {
        first.published_at
    }
    assert [pk for pk, _ in _rows(acme.slug)] == [first.pk, second.pk]


def test_linking_repairs_a_mention_whose_copy_of_the_date_is_stale() -> None:
    acme = CompanyFactory(name="Acme Robotics", status=CompanyStatus.VERIFIED)
    article = ArticleFactory(published_at=DAY, body="Acme Robotics opened an office in Lisbon.")
    article_link(article_id=article.pk)
    assert Mention.objects.filter(article=article, company=acme).exists()
    Mention.objects.filter(article=article).update(
        article_published_at=DAY - datetime.timedelta(days=400), review_state=ReviewState.CONFIRMED
    )

    article_link(article_id=article.pk)

    assert list(Mention.objects.filter(article=article).values_list("article_published_at", flat=True)) == [DAY]
