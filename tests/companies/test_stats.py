"""The coverage the pages read instead of counting mentions: counts and mentions per day, kept from the mentions."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from articles.models import ReviewState
from articles.review import mention_review
from companies.models import Company, CompanyMentionDay
from companies.stats import companies_most_mentioned, company_mention_counts_refresh, company_mentions_by_month
from tests.factories import ArticleFactory, CompanyFactory, MentionFactory

pytestmark = pytest.mark.django_db

NOON = datetime.time(12, tzinfo=datetime.UTC)


def _article_on(day: datetime.date, **kwargs: object) -> object:
    return ArticleFactory(published_at=datetime.datetime.combine(day, NOON), **kwargs)


def _mention(article: object, company: Company, start: int, **kwargs: object) -> object:
    return MentionFactory(article=article, company=company, start=start, end=start + 3, **kwargs)


def test_a_refresh_counts_visible_mentions_and_articles_per_day() -> None:
    acme = CompanyFactory(name="Acme")
    monday, tuesday = datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)
    first, second, third = _article_on(monday), _article_on(monday), _article_on(tuesday)
    _mention(first, acme, 0)
    _mention(first, acme, 10)
    _mention(second, acme, 0)
    _mention(third, acme, 0)
    _mention(third, acme, 10, review_state=ReviewState.REJECTED)
    undated = ArticleFactory(published_at=None)
    _mention(undated, acme, 0)

    assert company_mention_counts_refresh(company_ids=[acme.pk]) == 1

    acme.refresh_from_db()
    assert (acme.mention_count, acme.article_count) == (5, 4)
    days = CompanyMentionDay.objects.filter(company=acme).order_by(F("day").asc(nulls_last=True))
    assert [(d.day, d.mentions, d.articles) for d in days] == [(monday, 3, 2), (tuesday, 1, 1), (None, 1, 1)]
    assert company_mentions_by_month(acme) == {datetime.date(2026, 3, 1): 4}


def test_a_refresh_is_idempotent_and_leaves_other_companies_alone() -> None:
    acme, other = CompanyFactory(), CompanyFactory()
    article = _article_on(datetime.date(2026, 3, 2))
    _mention(article, acme, 0)
    _mention(article, other, 10)
    company_mention_counts_refresh()
    _mention(article, other, 20)

    company_mention_counts_refresh(company_ids=[acme.pk])
    company_mention_counts_refresh(company_ids=[acme.pk])

    assert CompanyMentionDay.objects.get(company=acme).mentions == 1
    assert CompanyMentionDay.objects.get(company=other).mentions == 1  # not refreshed: still the old count
    company_mention_counts_refresh(company_ids=[other.pk])
    assert CompanyMentionDay.objects.get(company=other).mentions == 2
    assert Company.objects.get(pk=other.pk).mention_count == 2


def test_an_editors_rejection_takes_the_mention_out_of_the_counts_and_days() -> None:
    acme = CompanyFactory()
    mention = _mention(_article_on(datetime.date(2026, 3, 2)), acme, 0)
    company_mention_counts_refresh()

    mention_review(mention=mention, state=ReviewState.REJECTED)

    acme.refresh_from_db()
    assert (acme.mention_count, acme.article_count) == (0, 0)
    assert not CompanyMentionDay.objects.filter(company=acme).exists()


def test_the_most_mentioned_companies_compare_the_last_days_with_the_days_before() -> None:
    today = timezone.localdate()
    rising, steady = CompanyFactory(name="Rising"), CompanyFactory(name="Steady")
    hidden = CompanyFactory(name="Hidden", status="auto", is_public=False)
    recent, older, oldest = (
        _article_on(today - datetime.timedelta(days=2)),
        _article_on(today - datetime.timedelta(days=40)),
        _article_on(today - datetime.timedelta(days=90)),
    )
    for start in (0, 10, 20):
        _mention(recent, rising, start)
    _mention(recent, steady, 30)
    _mention(older, steady, 0)
    _mention(older, steady, 10)
    _mention(oldest, rising, 0)
    _mention(recent, hidden, 40)
    _mention(recent, hidden, 50)
    _mention(recent, hidden, 60)
    _mention(recent, hidden, 70)
    company_mention_counts_refresh()

    rows = companies_most_mentioned(days=30, limit=5, today=today)

    assert [(row["company__name"], row["current"], row["previous"]) for row in rows] == [
        ("Rising", 3, 0),
        ("Steady", 1, 2),
    ]


def test_a_refresh_narrowed_to_an_article_recounts_only_the_day_it_was_published() -> None:
    acme = CompanyFactory()
    monday, tuesday = datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)
    _mention(_article_on(monday), acme, 0)
    company_mention_counts_refresh()
    linked = _article_on(tuesday)
    _mention(linked, acme, 0)
    _mention(linked, acme, 10)
    _mention(_article_on(monday), acme, 0)  # written behind the stats' back: a narrowed refresh leaves Monday alone

    company_mention_counts_refresh(company_ids=[acme.pk], article_ids=[linked.pk])

    narrowed = list(CompanyMentionDay.objects.filter(company=acme).order_by("day").values_list("day", "mentions"))
    assert narrowed == [(monday, 1), (tuesday, 2)]
    acme.refresh_from_db()
    assert (acme.mention_count, acme.article_count) == (3, 2)
    company_mention_counts_refresh(company_ids=[acme.pk])
    acme.refresh_from_db()
    assert (acme.mention_count, acme.article_count) == (4, 3)


def test_a_refresh_of_no_company_does_nothing() -> None:
    assert company_mention_counts_refresh(company_ids=set()) == 0


def test_an_editor_moving_an_article_to_another_day_moves_its_mentions_on_the_chart() -> None:
    from articles.services.editing import article_save_from_admin

    acme = CompanyFactory(name="Acme")
    monday, friday = datetime.date(2026, 3, 2), datetime.date(2026, 3, 6)
    article = _article_on(monday, body="Acme and Acme again.")
    _mention(article, acme, 0)
    company_mention_counts_refresh(company_ids=[acme.pk], article_ids=[article.pk])
    assert list(CompanyMentionDay.objects.filter(company=acme).values_list("day", "mentions")) == [(monday, 1)]

    article.published_at = datetime.datetime.combine(friday, NOON)
    article_save_from_admin(article=article, user=None)

    assert list(CompanyMentionDay.objects.filter(company=acme).values_list("day", "mentions")) == [(friday, 1)]


def _coverage() -> tuple[list[tuple], list[tuple]]:
    companies = list(Company.objects.order_by("pk").values_list("pk", "mention_count", "article_count"))
    rows = sorted(
        CompanyMentionDay.objects.values_list("company_id", "day", "undated_article_id", "mentions", "articles"),
        key=repr,
    )
    return companies, rows


def assert_coverage_equals_a_recount() -> None:
    kept = _coverage()
    company_mention_counts_refresh()
    assert kept == _coverage()


def test_an_undated_article_has_a_row_of_its_own_per_company() -> None:
    acme = CompanyFactory()
    first, second = ArticleFactory(published_at=None), ArticleFactory(published_at=None)
    _mention(first, acme, 0)
    _mention(first, acme, 10)
    _mention(second, acme, 0)

    company_mention_counts_refresh(company_ids=[acme.pk])

    rows = CompanyMentionDay.objects.filter(company=acme).values_list("day", "undated_article_id", "mentions")
    assert sorted(rows, key=repr) == sorted([(None, first.pk, 2), (None, second.pk, 1)], key=repr)
    acme.refresh_from_db()
    assert (acme.mention_count, acme.article_count) == (3, 2)
    assert company_mentions_by_month(acme) == {}


def test_a_refresh_narrowed_to_an_undated_article_recounts_that_article_alone() -> None:
    acme = CompanyFactory()
    stored = [ArticleFactory(published_at=None) for _ in range(3)]
    for article in stored:
        _mention(article, acme, 0)
    company_mention_counts_refresh()
    rows_before = dict(CompanyMentionDay.objects.values_list("undated_article_id", "pk"))
    linked = ArticleFactory(published_at=None)
    _mention(linked, acme, 0)
    _mention(linked, acme, 10)
    _mention(stored[0], acme, 10)  # written behind the stats' back: a narrowed refresh does not read it

    company_mention_counts_refresh(company_ids=[acme.pk], article_ids=[linked.pk])

    rows = dict(CompanyMentionDay.objects.values_list("undated_article_id", "mentions"))
    assert rows == {stored[0].pk: 1, stored[1].pk: 1, stored[2].pk: 1, linked.pk: 2}
    # The other undated articles' rows were neither read into the counts again nor rewritten.
    assert {k: v for k, v in CompanyMentionDay.objects.values_list("undated_article_id", "pk") if k != linked.pk} == (
        rows_before
    )
    acme.refresh_from_db()
    assert (acme.mention_count, acme.article_count) == (5, 4)


@pytest.mark.parametrize("stored_undated", [1, 40])
def test_linking_an_undated_article_costs_the_same_however_many_undated_articles_its_company_has(
    stored_undated: int, django_assert_num_queries
) -> None:
    acme = CompanyFactory()
    for _ in range(stored_undated):
        _mention(ArticleFactory(published_at=None), acme, 0)
    company_mention_counts_refresh()
    linked = ArticleFactory(published_at=None)
    _mention(linked, acme, 0)

    # Lock, days, the rows replaced, delete, insert ... select, the rows written, the counts: never a full recount.
    with django_assert_num_queries(7):
        company_mention_counts_refresh(company_ids=[acme.pk], article_ids=[linked.pk])

    deleted_and_written = CompanyMentionDay.objects.filter(undated_article_id=linked.pk)
    assert list(deleted_and_written.values_list("mentions", flat=True)) == [1]
    assert_coverage_equals_a_recount()


def test_counts_stay_equal_to_a_recount_through_links_relinks_reviews_and_date_edits(
    knowledge_base: dict, django_capture_on_commit_callbacks
) -> None:
    from articles.services import article_link
    from articles.services.editing import article_save_from_admin

    story = (
        "Kuaishou plans to spin off its Kling AI video unit, the Chinese company said. Kuaishou will keep a majority."
    )
    monday = datetime.date(2026, 3, 2)
    undated = [ArticleFactory(published_at=None, body=f"{story} Note {n}.") for n in range(3)]
    dated = [_article_on(monday, body=f"{story} Dated {n}.") for n in range(2)]
    for article in [*undated, *dated]:
        article_link(article_id=article.pk)
        assert_coverage_equals_a_recount()
    assert Company.objects.get(name="Kuaishou").article_count == 5

    article_link(article_id=undated[1].pk)
    assert_coverage_equals_a_recount()

    mention = undated[0].mentions.filter(text="Kuaishou").first()
    mention_review(mention=mention, state=ReviewState.REJECTED)
    assert_coverage_equals_a_recount()
    mention_review(mention=mention, state=ReviewState.AUTO)
    assert_coverage_equals_a_recount()
    rejected = dated[0].mentions.filter(text="Kling AI").get()
    mention_review(mention=rejected, state=ReviewState.REJECTED)
    assert_coverage_equals_a_recount()

    with django_capture_on_commit_callbacks(execute=True):
        undated[2].published_at = datetime.datetime.combine(monday, NOON)
        article_save_from_admin(article=undated[2], user=None)
    assert_coverage_equals_a_recount()
    with django_capture_on_commit_callbacks(execute=True):
        dated[1].published_at = None
        article_save_from_admin(article=dated[1], user=None)
    assert_coverage_equals_a_recount()
    kuaishou = Company.objects.get(name="Kuaishou")
    assert (kuaishou.article_count, CompanyMentionDay.objects.filter(company=kuaishou, day=monday).get().articles) == (
        5,
        2,
    )
