"""The review queue: companies the machine discovered, most mentioned first, verified, merged or rejected."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Mention
from articles.services import article_link
from companies.models import (
    Company,
    CompanyAlias,
    CompanyRedirect,
    CompanyStatus,
    Deal,
    DealParty,
    RejectedName,
)
from tests.admin.conftest import messages_of
from tests.factories import ArticleFactory, CompanyFactory, DealPartyFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:companies_discoveredcompany_changelist")
ZENTROVA = (
    "Microsoft agreed to buy Zentrova Systems Inc for $300 million, the companies said on Monday. "
    "Zentrova Systems Inc makes software for warehouses."
)


@pytest.fixture
def discovered(knowledge_base: dict) -> Company:
    article = ArticleFactory(body=ZENTROVA)
    article_link(article_id=article.pk)
    # The engine names it "Zentrova Systems" or "Zentrova Systems Inc", as its rules for legal suffixes decide.
    return Company.objects.get(name_key__startswith="zentrova", status=CompanyStatus.AUTO)


def test_the_queue_lists_discovered_companies_most_mentioned_first_with_their_sentences(
    editor_client: Client, discovered: Company
) -> None:
    rarely = Company.objects.create(name="Quillfeather Labs", name_key="quillfeather labs", slug="quillfeather")
    Mention.objects.create(article=ArticleFactory(body="Quillfeather Labs hired a chef."), company=rarely, text="Quil",
                           start=0, end=4)  # fmt: skip
    page = editor_client.get(QUEUE).content.decode()
    assert page.index(discovered.name) < page.index("Quillfeather Labs")
    assert '<p class="nb-sentence">… Microsoft agreed to buy <mark>Zentrova Systems' in page
    assert "Microsoft</a>" not in page.split('id="result_list"')[1]  # verified companies are not in the queue


def test_verifying_a_discovered_company_takes_it_out_of_the_queue(editor_client: Client, discovered: Company) -> None:
    response = editor_client.post(QUEUE, {"action": "verify", "_selected_action": [discovered.pk]}, follow=True)
    assert "1 companies verified: they leave the queue." in messages_of(response)
    discovered.refresh_from_db()
    assert (discovered.status, discovered.is_public) == (CompanyStatus.VERIFIED, True)
    assert discovered.name not in editor_client.get(QUEUE).content.decode()


def test_edit_in_the_queue_opens_the_companys_page(editor_client: Client, discovered: Company) -> None:
    company_page = reverse("admin:companies_company_change", args=[discovered.pk])
    assert company_page in editor_client.get(QUEUE).content.decode()
    response = editor_client.get(reverse("admin:companies_discoveredcompany_change", args=[discovered.pk]))
    assert response["Location"] == company_page


def test_rejecting_asks_first_then_removes_the_name_for_good(
    editor_client: Client, discovered: Company, committing
) -> None:
    article = Mention.objects.filter(company=discovered).first().article
    reported = Deal.objects.get(parties__company=discovered)
    only_party = DealPartyFactory(company=discovered, role="issuer", deal__kind="ipo").deal
    confirmed = DealPartyFactory(company=discovered, role="issuer", deal__kind="ipo", deal__verified=True).deal
    confirm = editor_client.post(QUEUE, {"action": "reject", "_selected_action": [discovered.pk]})
    assert confirm.status_code == 200
    assert "discovery will never create them again" in confirm.content.decode()
    assert Company.objects.filter(pk=discovered.pk).exists()

    response = editor_client.post(
        QUEUE, {"action": "reject", "_selected_action": [discovered.pk], "post": "yes"}, follow=True
    )
    assert f"“{discovered.name}” rejected: 2 mentions and 1 deals removed." in messages_of(response)
    assert RejectedName.objects.get(name=discovered.name).rejected_by.username == "eddie"
    assert not Company.objects.filter(pk=discovered.pk).exists()
    assert not Mention.objects.filter(company_id=discovered.pk).exists()
    assert not DealParty.objects.filter(company_id=discovered.pk).exists()
    # A deal left without parties goes unless an editor verified it; one with parties left keeps them.
    assert not Deal.objects.filter(pk=only_party.pk).exists()
    assert Deal.objects.filter(pk=confirmed.pk).exists()
    assert list(reported.parties.values_list("company__slug", flat=True)) == ["microsoft"]

    with committing():
        editor_client.post(
            reverse("admin:articles_article_changelist"), {"action": "link_again", "_selected_action": [article.pk]}
        )
    assert not Company.objects.filter(name_key__startswith="zentrova").exists()
    assert set(article.mentions.values_list("company__slug", flat=True)) == {"microsoft"}


def test_merging_into_an_existing_company_moves_everything_and_the_old_url_redirects(
    editor_client: Client, discovered: Company
) -> None:
    survivor = CompanyFactory(name="Zentrova", slug="zentrova")
    old_slug, old_pk = discovered.slug, discovered.pk
    mentions = set(Mention.objects.filter(company=discovered).values_list("pk", flat=True))
    parties = set(DealParty.objects.filter(company=discovered).values_list("deal_id", "role"))
    page = editor_client.post(QUEUE, {"action": "merge_into", "_selected_action": [old_pk]})
    assert page.status_code == 200
    assert "The company that stays" in page.content.decode()
    assert "admin/js/autocomplete.js" in page.content.decode()

    response = editor_client.post(
        QUEUE,
        {"action": "merge_into", "_selected_action": [old_pk], "post": "yes", "survivor": survivor.pk},
        follow=True,
    )
    assert "1 companies merged into Zentrova." in messages_of(response)
    assert not Company.objects.filter(pk=old_pk).exists()
    assert set(Mention.objects.filter(company=survivor).values_list("pk", flat=True)) == mentions
    assert set(DealParty.objects.filter(company=survivor).values_list("deal_id", "role")) == parties
    assert CompanyAlias.objects.filter(company=survivor, name=discovered.name).exists()
    for model in (Mention, DealParty, CompanyAlias):
        assert not model.objects.filter(company_id=old_pk).exists()
    assert CompanyRedirect.objects.get(old_slug=old_slug).company == survivor
    survivor.refresh_from_db()
    assert survivor.mention_count == len(mentions)

    moved = Client().get(f"/companies/{old_slug}/?page=1")
    assert moved.status_code == 301
    assert moved["Location"] == "/companies/zentrova/?page=1"
    assert Client().get("/companies/never-existed/").status_code == 404
    api = Client().get(f"/api/companies/{old_slug}/")
    assert (api.status_code, api["Location"]) == (301, "/api/companies/zentrova/")


def test_readers_see_a_merge_at_once(editor_client: Client, discovered: Company, committing) -> None:
    survivor = CompanyFactory(name="Zentrova", slug="zentrova")
    article = Mention.objects.filter(company=discovered).first().article
    reader = Client()
    assert f'data-company="{discovered.slug}"' in reader.get(article.get_absolute_url()).content.decode()
    with committing():
        editor_client.post(
            QUEUE, {"action": "merge_into", "_selected_action": [discovered.pk], "post": "yes", "survivor": survivor.pk}
        )
    page = reader.get(article.get_absolute_url()).content.decode()
    assert f'data-company="{discovered.slug}"' not in page
    assert 'data-company="zentrova"' in page


def test_a_merge_needs_a_survivor(editor_client: Client, discovered: Company) -> None:
    page = editor_client.post(QUEUE, {"action": "merge_into", "_selected_action": [discovered.pk], "post": "yes"})
    assert page.status_code == 200
    assert "This field is required" in page.content.decode()
    assert Company.objects.filter(pk=discovered.pk).exists()
