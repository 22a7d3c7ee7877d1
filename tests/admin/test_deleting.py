"""Deleting in the admin, one record or a selection: coverage counts stay what a recount gives, machine-made deals
left without evidence go, verified ones stay, and every deletion's version names the editor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleFingerprint, DealEvidence, ItemStatus, Mention
from articles.services import articles_delete
from companies.models import Company, CompanyMentionDay, Deal
from companies.stats import company_mention_counts_refresh
from newsbase.history import NO_EVIDENCE_LEFT
from tests.factories import (
    ArticleFactory,
    CompanyFactory,
    DealEvidenceFactory,
    DealFactory,
    DealPartyFactory,
    IngestItemFactory,
    MentionFactory,
)

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")
MENTIONS = reverse("admin:articles_mention_changelist")
COMPANIES = reverse("admin:companies_company_changelist")
MONDAY = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
TUESDAY = MONDAY + datetime.timedelta(days=1)


def stored_counts() -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    days = set(CompanyMentionDay.objects.values_list("company_id", "day", "mentions", "articles"))
    companies = set(Company.objects.values_list("pk", "mention_count", "article_count"))
    return days, companies


def assert_counts_are_a_recount() -> None:
    stored = stored_counts()
    company_mention_counts_refresh()
    assert stored_counts() == stored


def counts(company: Company) -> tuple[int, int]:
    company.refresh_from_db()
    return company.mention_count, company.article_count


@dataclass
class News:
    acme: Company
    beta: Company
    monday: Article
    monday_too: Article
    tuesday: Article
    machine_deal: Deal
    verified_deal: Deal
    shared_deal: Deal


@pytest.fixture
def news(db: None) -> News:
    """Acme is named in two Monday articles, Beta on Monday and Tuesday; three deals reported on Monday."""
    acme, beta = CompanyFactory(name="Acme"), CompanyFactory(name="Beta")
    monday, monday_too, tuesday = (ArticleFactory(published_at=when) for when in (MONDAY, MONDAY, TUESDAY))
    MentionFactory(article=monday, company=acme, start=0, end=5)
    MentionFactory(article=monday, company=acme, start=6, end=12)
    MentionFactory(article=monday, company=beta, start=13, end=18)
    MentionFactory(article=monday_too, company=acme)
    MentionFactory(article=tuesday, company=beta)
    machine_deal, verified_deal, shared_deal = DealFactory(), DealFactory(verified=True), DealFactory()
    for deal in (machine_deal, verified_deal, shared_deal):
        DealPartyFactory(deal=deal, company=acme)
        DealEvidenceFactory(deal=deal, article=monday)
    # Reported by Tuesday's article too: it keeps evidence when Monday's goes.
    DealEvidenceFactory(deal=shared_deal, article=tuesday)
    company_mention_counts_refresh()
    return News(acme, beta, monday, monday_too, tuesday, machine_deal, verified_deal, shared_deal)


def test_deleting_an_article_recounts_its_companies_and_removes_the_deals_only_it_reported(
    editor_client: Client, editor: object, news: News
) -> None:
    item = IngestItemFactory(article=news.monday)
    assert counts(news.acme) == (3, 2)

    response = editor_client.post(
        reverse("admin:articles_article_delete", args=[news.monday.pk]), {"post": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert not Article.objects.filter(pk=news.monday.pk).exists()
    assert counts(news.acme) == (1, 1)
    assert counts(news.beta) == (1, 1)
    assert_counts_are_a_recount()
    assert set(Deal.objects.values_list("pk", flat=True)) == {news.verified_deal.pk, news.shared_deal.pk}
    # Nothing else goes: the other articles, their mentions and evidence, the companies, the ingestion record.
    assert Article.objects.count() == 2
    assert Mention.objects.count() == 2
    assert DealEvidence.objects.filter(article=news.tuesday).count() == 1
    assert Company.objects.count() == 2
    item.refresh_from_db()
    assert item.article is None

    deleted_article = Article.history.filter(id=news.monday.pk).latest()
    assert (deleted_article.history_type, deleted_article.history_user) == ("-", editor)
    deleted_deal = Deal.history.filter(id=news.machine_deal.pk).latest()
    assert (deleted_deal.history_type, deleted_deal.history_user) == ("-", editor)
    assert deleted_deal.history_change_reason == NO_EVIDENCE_LEFT


def test_deleting_selected_articles_recounts_their_companies(editor_client: Client, editor: object, news: News) -> None:
    response = editor_client.post(
        ARTICLES,
        {"action": "delete_selected", "_selected_action": [news.monday.pk, news.tuesday.pk], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert list(Article.objects.all()) == [news.monday_too]
    assert counts(news.acme) == (1, 1)
    assert counts(news.beta) == (0, 0)
    assert not CompanyMentionDay.objects.filter(company=news.beta).exists()
    assert_counts_are_a_recount()
    # Its last evidence gone too, the shared deal goes; the verified one stays without any.
    assert list(Deal.objects.values_list("pk", flat=True)) == [news.verified_deal.pk]
    assert set(Article.history.filter(history_type="-").values_list("history_user", flat=True)) == {editor.pk}


def test_deleting_a_sentence_removes_a_machine_made_deal_it_alone_supported(editor_client: Client, news: News) -> None:
    evidence = DealEvidence.objects.filter(article=news.monday)
    by_deal = {e.deal_id: e.pk for e in evidence}
    for deal in (news.machine_deal, news.verified_deal, news.shared_deal):
        editor_client.post(
            reverse("admin:articles_dealevidence_delete", args=[by_deal[deal.pk]]), {"post": "yes"}, follow=True
        )

    assert set(Deal.objects.values_list("pk", flat=True)) == {news.verified_deal.pk, news.shared_deal.pk}


def test_deleting_mentions_recounts_their_companies(news: News) -> None:
    get_user_model().objects.create_superuser("root", password="a long superuser passphrase 9")
    admin = Client()
    admin.login(username="root", password="a long superuser passphrase 9")
    one = Mention.objects.get(article=news.tuesday)
    admin.post(reverse("admin:articles_mention_delete", args=[one.pk]), {"post": "yes"})
    assert counts(news.beta) == (1, 1)
    assert_counts_are_a_recount()

    selected = list(Mention.objects.filter(article=news.monday, company=news.acme).values_list("pk", flat=True))
    admin.post(MENTIONS, {"action": "delete_selected", "_selected_action": selected, "post": "yes"})
    assert counts(news.acme) == (1, 1)
    assert_counts_are_a_recount()


def test_deleting_a_company_keeps_its_units_and_names_the_editor(editor_client: Client, editor: object) -> None:
    owner = CompanyFactory(name="Owner")
    unit = CompanyFactory(name="Owned", kind="unit", parent=owner)
    MentionFactory(company=owner)
    company_mention_counts_refresh()

    editor_client.post(COMPANIES, {"action": "delete_selected", "_selected_action": [owner.pk], "post": "yes"})

    assert not Company.objects.filter(pk=owner.pk).exists()
    assert not CompanyMentionDay.objects.filter(company_id=owner.pk).exists()
    unit.refresh_from_db()
    assert unit.parent is None
    assert unit.history.latest().history_user == editor
    assert Company.history.filter(id=owner.pk).latest().history_user == editor
    assert_counts_are_a_recount()


def test_deleting_a_deal_names_the_editor(editor_client: Client, editor: object) -> None:
    deal = DealFactory()
    editor_client.post(reverse("admin:companies_deal_delete", args=[deal.pk]), {"post": "yes"})
    assert not Deal.objects.filter(pk=deal.pk).exists()
    assert Deal.history.filter(id=deal.pk).latest().history_user == editor


def _articles_with_their_own_deals(count: int) -> list[int]:
    companies = [CompanyFactory() for _ in range(3)]
    ids = []
    for number in range(count):
        article = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=number % 7))
        MentionFactory(article=article, company=companies[number % 3], start=0, end=5)
        MentionFactory(article=article, company=companies[(number + 1) % 3], start=6, end=12)
        ArticleFingerprint.objects.create(article=article, band=0, value=number)
        DealEvidenceFactory(article=article, deal=DealFactory())
        ids.append(article.pk)
    company_mention_counts_refresh()
    return ids


def _queries_to_delete(ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        articles_delete(article_ids=ids, user=None)
    return len(queries)


def test_deleting_fifty_articles_takes_a_fixed_number_of_queries_but_for_their_versions() -> None:
    few, many = _articles_with_their_own_deals(5), _articles_with_their_own_deals(50)

    few_queries, many_queries = _queries_to_delete(few), _queries_to_delete(many)

    assert not Article.objects.exists()
    assert not Deal.objects.exists()
    assert_counts_are_a_recount()
    # Two history versions per article: its own, and the one of the deal only it reported. Nothing else grows.
    assert many_queries - few_queries == 2 * (50 - 5)
    # 26 with the one update noting the deletion on the articles' ingestion items.
    assert few_queries - 2 * 5 <= 26


def _queries_to_delete_selected(client: Client, ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(ARTICLES, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert response.status_code == 302
    return len(queries)


def test_deleting_fifty_selected_articles_in_the_admin_grows_only_by_their_versions(editor_client: Client) -> None:
    few, many = _articles_with_their_own_deals(5), _articles_with_their_own_deals(50)

    few_queries = _queries_to_delete_selected(editor_client, few)
    many_queries = _queries_to_delete_selected(editor_client, many)

    assert not Article.objects.exists()
    assert many_queries - few_queries <= 2 * (50 - 5)
    assert few_queries - 2 * 5 <= 45


def test_deleting_an_article_keeps_its_ingestion_items_with_a_note_naming_the_editor(editor_client: Client) -> None:
    article = ArticleFactory()
    created = IngestItemFactory(status=ItemStatus.CREATED, article=article)
    duplicate = IngestItemFactory(
        status=ItemStatus.DUPLICATE, article=article, reason=f"same text as article {article.pk} ({article.title})"
    )

    editor_client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})

    created.refresh_from_db()
    duplicate.refresh_from_db()
    assert not Article.objects.filter(pk=article.pk).exists()
    assert (created.status, created.article) == (ItemStatus.CREATED, None)
    assert created.reason.startswith(f"article {article.pk} deleted by eddie on {timezone.now():%Y-%m-%d}")
    assert duplicate.status == ItemStatus.DUPLICATE
    assert duplicate.reason.startswith(f"same text as article {article.pk} ({article.title}); article {article.pk} ")
    assert "deleted by eddie" in duplicate.reason
