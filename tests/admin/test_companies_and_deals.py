"""Companies and deals in the admin: edits are an editor's word (verified), duplicates are merged without a trace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import DealEvidence, Mention
from companies.models import (
    AliasKind,
    Company,
    CompanyAlias,
    CompanyRedirect,
    CompanyStatus,
    Deal,
    DealParty,
    DealRedirect,
)
from companies.name_changes import names_versions
from tests.admin.conftest import messages_of
from tests.factories import (
    ArticleFactory,
    CompanyAliasFactory,
    CompanyFactory,
    DealEvidenceFactory,
    DealFactory,
    DealPartyFactory,
    MentionFactory,
)

pytestmark = pytest.mark.django_db

COMPANIES = reverse("admin:companies_company_changelist")
DEALS = reverse("admin:companies_deal_changelist")


def company_form(company: Company, **changes: object) -> dict[str, object]:
    data = {
        "name": company.name,
        "kind": company.kind,
        "parent": company.parent_id or "",
        "country": company.country,
        "website": company.website,
        "description": company.description,
        "is_public": "on",
    }
    for prefix in ("aliases", "units"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return {**data, **changes}


def test_an_edit_in_the_admin_verifies_the_company_and_keeps_the_old_name_as_an_alias(
    editor_client: Client, committing
) -> None:
    company = CompanyFactory(name="Zentrova Systems", status=CompanyStatus.AUTO, confidence=0.7)
    before = names_versions()
    new_alias = {"aliases-TOTAL_FORMS": 1, "aliases-0-name": "ZNTV", "aliases-0-kind": "ticker"}
    with committing():
        response = editor_client.post(
            reverse("admin:companies_company_change", args=[company.pk]),
            company_form(company, name="Zentrova", **new_alias),
        )
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.name_key, company.status) == ("Zentrova", "zentrova", CompanyStatus.VERIFIED)
    assert set(company.aliases.values_list("name", "kind")) == {("Zentrova Systems", "former"), ("ZNTV", "ticker")}
    assert names_versions()[1] > before[1]


def test_the_verify_action_verifies_companies(editor_client: Client) -> None:
    found = CompanyFactory(status=CompanyStatus.AUTO, is_public=False)
    response = editor_client.post(COMPANIES, {"action": "verify", "_selected_action": [found.pk]}, follow=True)
    assert "1 companies verified." in messages_of(response)
    found.refresh_from_db()
    assert (found.status, found.is_public) == (CompanyStatus.VERIFIED, True)


def test_merging_duplicates_moves_mentions_aliases_parties_and_units_without_conflicts(editor_client: Client) -> None:
    microsoft = CompanyFactory(name="Microsoft", slug="microsoft", website="")
    CompanyAliasFactory(company=microsoft, name="MSFT", kind=AliasKind.TICKER)
    twin = CompanyFactory(name="Microsoft Corporation", slug="microsoft-corporation", website="https://ms.example")
    CompanyAliasFactory(company=twin, name="MSFT", kind=AliasKind.TICKER)  # the same alias on both
    CompanyAliasFactory(company=twin, name="Microsoft Corp")
    unit = CompanyFactory(name="LinkedIn", kind="unit", parent=twin)
    shared = DealFactory()
    DealPartyFactory(deal=shared, company=microsoft, role="acquirer")
    DealPartyFactory(deal=shared, company=twin, role="acquirer")  # the same deal and role on both
    other = DealPartyFactory(company=twin, role="investor").deal
    mention = MentionFactory(company=twin)
    CompanyRedirect.objects.create(old_slug="msft-old", company=twin)

    response = editor_client.post(
        COMPANIES,
        {"action": "merge_into", "_selected_action": [twin.pk], "post": "yes", "survivor": microsoft.pk},
        follow=True,
    )
    assert "1 companies merged into Microsoft." in messages_of(response)
    assert not Company.objects.filter(pk=twin.pk).exists()
    for model in (Mention, DealParty, CompanyAlias, CompanyRedirect):
        assert not model.objects.filter(company_id=twin.pk).exists()
    assert Mention.objects.get(pk=mention.pk).company == microsoft
    assert sorted(microsoft.aliases.values_list("name", flat=True)) == [
        "MSFT",
        "Microsoft Corp",
        "Microsoft Corporation",
    ]
    assert list(shared.parties.values_list("company__slug", "role")) == [("microsoft", "acquirer")]
    assert list(other.parties.values_list("company__slug", flat=True)) == ["microsoft"]
    unit.refresh_from_db()
    microsoft.refresh_from_db()
    assert unit.parent == microsoft
    assert microsoft.website == "https://ms.example"
    assert dict(CompanyRedirect.objects.values_list("old_slug", "company__slug")) == {
        "microsoft-corporation": "microsoft",
        "msft-old": "microsoft",
    }
    assert Client().get("/companies/msft-old/")["Location"] == "/companies/microsoft/"


def test_a_company_is_not_merged_into_itself(editor_client: Client) -> None:
    company = CompanyFactory()
    editor_client.post(
        COMPANIES, {"action": "merge_into", "_selected_action": [company.pk], "post": "yes", "survivor": company.pk}
    )
    assert Company.objects.filter(pk=company.pk).exists()


def deal_form(deal: Deal, **changes: object) -> dict[str, object]:
    data = {
        "kind": deal.kind,
        "status": deal.status,
        "title": deal.title,
        "announced_on": deal.announced_on.isoformat() if deal.announced_on else "",
        "amount": deal.amount or "",
        "currency": deal.currency,
        "valuation": "",
        "valuation_currency": "",
        "round": deal.round,
    }
    for prefix in ("parties", "evidence"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return {**data, **changes}


def test_a_deal_edited_in_the_admin_is_verified_and_shows_its_parties_and_evidence(editor_client: Client) -> None:
    deal = DealFactory(title="Microsoft buys Activision")
    DealPartyFactory(deal=deal, company__name="Microsoft")
    evidence = DealEvidenceFactory(deal=deal)
    page = editor_client.get(reverse("admin:companies_deal_change", args=[deal.pk])).content.decode()
    assert "Microsoft" in page
    assert evidence.sentence in page
    response = editor_client.post(
        reverse("admin:companies_deal_change", args=[deal.pk]),
        deal_form(deal, status="completed", amount="68700000000", currency="usd"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    deal.refresh_from_db()
    assert (deal.status, deal.amount, deal.currency, deal.verified) == (
        "completed",
        Decimal("68700000000.00"),
        "USD",
        True,
    )


def test_the_verify_action_verifies_deals(editor_client: Client) -> None:
    deal = DealFactory()
    response = editor_client.post(DEALS, {"action": "verify", "_selected_action": [deal.pk]}, follow=True)
    assert "1 deals verified." in messages_of(response)
    assert Deal.objects.get(pk=deal.pk).verified


def test_merging_two_records_of_one_deal_unites_them_and_the_old_url_redirects(editor_client: Client) -> None:
    microsoft, activision, seller = CompanyFactory(), CompanyFactory(), CompanyFactory()
    kept = DealFactory(slug="kept", amount=None, currency="", announced_on=date(2022, 3, 1), round="")
    twin = DealFactory(slug="twin", amount=Decimal(68_700_000_000), currency="USD", announced_on=date(2022, 1, 18))
    DealPartyFactory(deal=kept, company=microsoft, role="acquirer")
    DealPartyFactory(deal=twin, company=microsoft, role="acquirer")
    DealPartyFactory(deal=twin, company=activision, role="target")
    DealPartyFactory(deal=twin, company=seller, role="seller")
    article = ArticleFactory()
    DealEvidenceFactory(deal=kept, article=article)
    DealEvidenceFactory(deal=twin, article=article)  # the same sentence reported for both
    moved = DealEvidenceFactory(deal=twin)

    response = editor_client.post(
        DEALS, {"action": "merge_into", "_selected_action": [twin.pk], "post": "yes", "survivor": kept.pk}, follow=True
    )
    assert "1 deals merged into" in messages_of(response)[0]
    assert not Deal.objects.filter(pk=twin.pk).exists()
    assert not DealParty.objects.filter(deal_id=twin.pk).exists()
    assert not DealEvidence.objects.filter(deal_id=twin.pk).exists()
    kept.refresh_from_db()
    assert set(kept.parties.values_list("company_id", "role")) == {
        (microsoft.pk, "acquirer"),
        (activision.pk, "target"),
        (seller.pk, "seller"),
    }
    assert set(kept.evidence.values_list("pk", flat=True)) >= {moved.pk}
    assert kept.evidence.count() == 2
    assert (kept.amount, kept.currency, kept.announced_on, kept.verified) == (
        Decimal("68700000000.00"),
        "USD",
        date(2022, 1, 18),
        True,
    )
    assert DealRedirect.objects.get(old_slug="twin").deal == kept
    response = Client().get("/deals/twin/")
    assert (response.status_code, response["Location"]) == (301, "/deals/kept/")
    response = Client().get("/api/deals/twin/")
    assert (response.status_code, response["Location"]) == (301, "/api/deals/kept/")


def test_merging_a_company_into_a_unit_of_its_own_unit_leaves_no_loop(editor_client: Client) -> None:
    owner = CompanyFactory(name="Alphabet Inc")
    google = CompanyFactory(name="Google", parent=owner, kind="unit")
    deepmind = CompanyFactory(name="DeepMind", parent=google, kind="unit")
    editor_client.post(
        COMPANIES, {"action": "merge_into", "_selected_action": [owner.pk], "post": "yes", "survivor": deepmind.pk}
    )
    google.refresh_from_db()
    deepmind.refresh_from_db()
    assert google.parent == deepmind
    assert deepmind.parent is None
    assert not Company.objects.filter(pk=owner.pk).exists()


def test_an_alias_added_on_its_own_page_links_from_the_next_article_on(
    editor_client: Client, knowledge_base: dict, committing
) -> None:
    from articles.services import article_link
    from tests.factories import ArticleFactory

    kuaishou = knowledge_base["kuaishou"]
    article = ArticleFactory(body="Shares in Kwai Tech rose on Monday after strong results.")
    article_link(article_id=article.pk)
    assert not article.mentions.filter(company=kuaishou).exists()
    with committing():
        response = editor_client.post(
            reverse("admin:companies_companyalias_add"),
            {"company": kuaishou.pk, "name": "Kwai Tech", "kind": "alias"},
        )
    assert response.status_code == 302
    article_link(article_id=article.pk)
    assert article.mentions.filter(company=kuaishou, text="Kwai Tech").exists()


def test_an_alias_the_company_already_has_is_refused_on_the_form(editor_client: Client, knowledge_base: dict) -> None:
    microsoft = knowledge_base["microsoft"]
    response = editor_client.post(
        reverse("admin:companies_companyalias_add"),
        {"company": microsoft.pk, "name": "microsoft corp", "kind": "alias"},
    )
    assert response.status_code == 200
    assert "already goes by that name" in response.content.decode()
    assert microsoft.aliases.filter(name_key="microsoft corp").count() == 1
