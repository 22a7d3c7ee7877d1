"""History: who changed what and when on companies, deals and articles, and a revert that restores it."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from simple_history.models import HistoricalRecords

from articles.models import Article
from articles.readers import RawDocument
from articles.services import article_link, article_store
from companies.models import AliasKind, Company, CompanyAlias, CompanyStatus, Deal, DealParty, PartyRole
from newsbase.history import LINKING, delete_with_history
from tests.admin.test_articles import add_article, article_form, change_url
from tests.admin.test_companies_and_deals import company_form
from tests.factories import CompanyAliasFactory, CompanyFactory, DealFactory, DealPartyFactory

pytestmark = pytest.mark.django_db


def test_the_history_shows_an_editors_change_and_a_revert_restores_it(editor_client: Client, committing) -> None:
    company = CompanyFactory(name="Kuaishou", country="CN", website="https://kuaishou.example")
    original = company.history.latest()
    with committing():
        editor_client.post(
            reverse("admin:companies_company_change", args=[company.pk]),
            company_form(company, name="Kuaishou Technology", website="https://wrong.example"),
        )
    company.refresh_from_db()
    assert company.website == "https://wrong.example"
    changed = company.history.latest()
    assert changed.history_user.username == "eddie"
    assert {"name", "website"} <= set(changed.diff_against(original).changed_fields)

    page = editor_client.get(reverse("admin:companies_company_history", args=[company.pk])).content.decode()
    assert "eddie" in page
    assert "Kuaishou Technology" in page

    revert_url = reverse("admin:companies_company_simple_history", args=[company.pk, original.history_id])
    form = editor_client.get(revert_url)
    assert form.status_code == 200
    assert form.context["adminform"].form.initial["website"] == "https://kuaishou.example"
    with committing():
        response = editor_client.post(
            revert_url, company_form(company, name="Kuaishou", website="https://kuaishou.example")
        )
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.website) == ("Kuaishou", "https://kuaishou.example")
    assert company.history.count() == 3
    assert company.history.latest().history_user.username == "eddie"


def test_ingestion_and_linking_write_no_article_versions(knowledge_base: dict) -> None:
    document = RawDocument(origin="a.txt", title="Vodafone", body="Vodafone said profits rose.", url=None,
                           published_at=None, source=None, author=None, tags=(), format="text")  # fmt: skip
    article = article_store(document=document).article
    article_link(article_id=article.pk)
    assert Article.objects.get(pk=article.pk).history.count() == 0


def test_every_editors_change_in_the_admin_names_the_editor(
    editor_client: Client, editor: object, knowledge_base: dict, committing, without_history_middleware: None
) -> None:
    companies, deals = reverse("admin:companies_company_changelist"), reverse("admin:companies_deal_changelist")
    found = CompanyFactory(name="Zentrova", status=CompanyStatus.AUTO)
    twin = CompanyFactory(name="Zentrova Systems")
    deal = DealFactory()
    editor_client.post(companies, {"action": "verify", "_selected_action": [found.pk]})
    editor_client.post(deals, {"action": "verify", "_selected_action": [deal.pk]})
    editor_client.post(
        companies, {"action": "merge_into", "_selected_action": [twin.pk], "post": "yes", "survivor": found.pk}
    )
    article = add_article(editor_client, committing)
    with committing():
        editor_client.post(change_url(article), article_form(title="Microsoft buys Activision Blizzard"))

    verified, merged = found.history.all()[1], found.history.latest()
    assert (verified.history_user, verified.status) == (editor, CompanyStatus.VERIFIED)
    assert merged.history_user == editor
    assert "Zentrova Systems" in merged.history_change_reason
    assert Company.history.filter(id=twin.pk, history_type="-").get().history_user == editor
    assert Deal.history.filter(id=deal.pk).latest().history_user == editor
    assert [version.history_user for version in Article.history.filter(id=article.pk)] == [editor, editor]


def test_linking_records_its_versions_as_the_machines_even_inside_an_editors_request(
    editor_client: Client, editor: object, knowledge_base: dict
) -> None:
    document = RawDocument(origin="a.txt", title="Deal", body="Microsoft agreed to buy Activision Blizzard for $68.7 "
                           "billion, the companies said. Zentrova Quantum, a startup, said nothing.", url=None,
                           published_at=None, source=None, author=None, tags=(), format="text")  # fmt: skip
    article = article_store(document=document).article
    # Where tasks run in-process, linking runs inside the request that queued it, with its user in reach.
    request = RequestFactory().post("/admin/")
    request.user = editor
    HistoricalRecords.context.request = request
    try:
        article_link(article_id=article.pk)
    finally:
        del HistoricalRecords.context.request

    deal = Deal.objects.get(evidence__article=article)
    version = deal.history.get()
    assert (version.history_user, version.history_change_reason) == (None, LINKING)
    page = editor_client.get(reverse("admin:companies_deal_history", args=[deal.pk])).content.decode()
    assert f"<td>\n          {LINKING}\n        </td>" in page


def test_aliases_added_and_removed_in_the_admin_are_versioned_and_listed_on_the_companys_history(
    editor_client: Client, editor: object, without_history_middleware: None
) -> None:
    company = CompanyFactory(name="Alphabet")
    old = CompanyAliasFactory(company=company, name="Google Inc")
    aliases = {"aliases-TOTAL_FORMS": 2, "aliases-INITIAL_FORMS": 1}
    aliases |= {"aliases-0-id": old.pk, "aliases-0-company": company.pk, "aliases-0-name": old.name}
    aliases |= {"aliases-0-kind": old.kind, "aliases-0-DELETE": "on"}
    aliases |= {"aliases-1-company": company.pk, "aliases-1-name": "GOOGL", "aliases-1-kind": AliasKind.TICKER}

    response = editor_client.post(
        reverse("admin:companies_company_change", args=[company.pk]), company_form(company) | aliases
    )

    assert response.status_code == 302
    removed = CompanyAlias.history.filter(id=old.pk).latest()
    added = CompanyAlias.history.get(company_id=company.pk, name="GOOGL")
    assert (removed.history_type, removed.history_user) == ("-", editor)
    assert (added.history_type, added.history_user) == ("+", editor)
    page = editor_client.get(reverse("admin:companies_company_history", args=[company.pk])).content.decode()
    assert "Google Inc (Other name)" in page
    assert "GOOGL (Ticker)" in page


def test_a_deals_history_lists_who_changed_its_parties(editor_client: Client, editor: object) -> None:
    deal = DealFactory()
    kept = DealPartyFactory(deal=deal, company__name="Microsoft", role=PartyRole.ACQUIRER)
    gone = DealPartyFactory(deal=deal, company__name="Activision Blizzard", role=PartyRole.TARGET)
    delete_with_history([gone], user=editor)

    page = editor_client.get(reverse("admin:companies_deal_history", args=[deal.pk])).content.decode()

    assert f"{kept.company.name} (Acquirer)" in page
    assert "Activision Blizzard (Target)" in page
    assert "Deleted" in page
    assert "eddie" in page


def test_merging_companies_versions_the_aliases_and_parties_it_moves_as_the_editor(
    editor_client: Client, editor: object, without_history_middleware: None
) -> None:
    survivor, twin = CompanyFactory(name="Zentrova"), CompanyFactory(name="Zentrova Systems")
    alias = CompanyAliasFactory(company=twin, name="ZSYS")
    party = DealPartyFactory(company=twin, role=PartyRole.TARGET)

    editor_client.post(
        reverse("admin:companies_company_changelist"),
        {"action": "merge_into", "_selected_action": [twin.pk], "post": "yes", "survivor": survivor.pk},
    )

    moved_alias, moved_party = (
        CompanyAlias.history.filter(id=alias.pk).latest(),
        DealParty.history.filter(id=party.pk).latest(),
    )
    assert (moved_alias.company_id, moved_alias.history_user) == (survivor.pk, editor)
    assert (moved_party.company_id, moved_party.history_user) == (survivor.pk, editor)
    former = CompanyAlias.history.get(company_id=survivor.pk, name="Zentrova Systems")
    assert (former.history_type, former.history_user) == ("+", editor)
