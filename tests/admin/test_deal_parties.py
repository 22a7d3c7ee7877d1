"""A deal's parties in the admin: a deal keeps at least one, and its headline never names a company that left it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from companies.headlines import deal_headline
from companies.models import Company, Deal, DealKind, DealParty, DealStatus, PartyRole
from companies.services import HEADLINE_REBUILT
from newsbase.history import history_by
from tests.admin.test_companies_and_deals import deal_form
from tests.factories import CompanyFactory, DealFactory, DealPartyFactory

pytestmark = pytest.mark.django_db


def machine_made_deal() -> Deal:
    """Microsoft agreed to acquire Activision Blizzard from Vivendi, as linking would have stored it."""
    parties = [("Microsoft", PartyRole.ACQUIRER), ("Activision Blizzard", PartyRole.TARGET), ("Vivendi", "seller")]
    deal = DealFactory(
        kind=DealKind.ACQUISITION,
        status=DealStatus.AGREED,
        slug="microsoft-activision",
        title=deal_headline(kind="acquisition", status="agreed", parties=parties),
    )
    for name, role in parties:
        DealPartyFactory(deal=deal, company=CompanyFactory(name=name), role=role)
    return deal


def parties_form(deal: Deal, *, removing: Company | None = None, **changes: object) -> dict[str, object]:
    """The deal's page as submitted, with its parties' rows, `removing` ticked for deletion."""
    parties = list(DealParty.objects.filter(deal=deal).order_by("pk"))
    data = deal_form(deal, **changes) | {"parties-TOTAL_FORMS": len(parties), "parties-INITIAL_FORMS": len(parties)}
    for number, party in enumerate(parties):
        row = {"id": party.pk, "deal": deal.pk, "company": party.company_id, "role": party.role}
        if party.company == removing:
            row["DELETE"] = "on"
        data |= {f"parties-{number}-{name}": value for name, value in row.items()}
    return data


def change_url(deal: Deal) -> str:
    return reverse("admin:companies_deal_change", args=[deal.pk])


def inline_errors(response: object) -> list[str]:
    return [error for inline in response.context["inline_admin_formsets"] for error in inline.formset.non_form_errors()]


def test_removing_the_last_party_is_refused_with_the_reason(editor_client: Client) -> None:
    deal = DealFactory(title="Figma acquisition")
    party = DealPartyFactory(deal=deal, company__name="Figma", role=PartyRole.TARGET)

    response = editor_client.post(change_url(deal), parties_form(deal, removing=party.company))

    assert response.status_code == 200
    assert inline_errors(response) == [
        "A deal needs at least one party: “Figma acquisition” would be left with none. "
        "Add the company that takes its place first, or delete the deal."
    ]
    assert DealParty.objects.filter(pk=party.pk).exists()


def test_removing_a_party_rebuilds_the_machines_headline_and_readers_see_it_at_once(
    editor_client: Client, client: Client, editor: object, committing
) -> None:
    deal = machine_made_deal()
    vivendi = Company.objects.get(name="Vivendi")
    assert "from Vivendi" in client.get(deal.get_absolute_url()).content.decode()

    with committing():
        response = editor_client.post(change_url(deal), parties_form(deal, removing=vivendi))

    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.title == "Microsoft agreed to acquire Activision Blizzard"
    page = client.get(deal.get_absolute_url()).content.decode()
    assert "Microsoft agreed to acquire Activision Blizzard" in page
    assert "Vivendi" not in page
    rebuilt = deal.history.latest()
    assert (rebuilt.history_user, rebuilt.history_change_reason) == (editor, HEADLINE_REBUILT)
    removed = DealParty.history.filter(deal_id=deal.pk, company_id=vivendi.pk).latest()
    assert (removed.history_type, removed.history_user) == ("-", editor)


def test_an_editors_headline_naming_a_party_removed_is_refused_until_the_editor_changes_it(
    editor_client: Client, editor: object
) -> None:
    deal = machine_made_deal()
    deal.title = "Microsoft's $69bn Vivendi-backed Activision Blizzard deal"
    history_by(deal, user=editor)
    deal.save()
    vivendi = Company.objects.get(name="Vivendi")

    refused = editor_client.post(change_url(deal), parties_form(deal, removing=vivendi))
    accepted = editor_client.post(
        change_url(deal), parties_form(deal, removing=vivendi, title="Microsoft's $69bn Activision Blizzard deal")
    )

    assert inline_errors(refused) == [
        "The headline “Microsoft's $69bn Vivendi-backed Activision Blizzard deal” names Vivendi, no longer a party "
        "to the deal: change the headline, or leave it empty to have one built from the parties."
    ]
    assert accepted.status_code == 302
    deal.refresh_from_db()
    assert deal.title == "Microsoft's $69bn Activision Blizzard deal"
    assert sorted(deal.parties.values_list("company__name", flat=True)) == ["Activision Blizzard", "Microsoft"]


def test_an_editors_headline_stays_when_the_party_removed_is_not_named_in_it(editor_client: Client) -> None:
    deal = machine_made_deal()
    response = editor_client.post(
        change_url(deal),
        parties_form(deal, removing=Company.objects.get(name="Vivendi"), title="Microsoft buys Activision Blizzard"),
    )

    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.title == "Microsoft buys Activision Blizzard"


def test_replacing_a_party_on_the_deals_page_names_the_new_company_in_the_machines_headline(
    editor_client: Client,
) -> None:
    deal = machine_made_deal()
    activision = Company.objects.get(name="Activision Blizzard")
    king = CompanyFactory(name="King")
    data = parties_form(deal)
    row = next(key for key, value in data.items() if key.endswith("-company") and value == activision.pk)
    data[row] = king.pk

    response = editor_client.post(change_url(deal), data)

    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.title == "Microsoft agreed to acquire King from Vivendi"


def test_the_list_of_parties_is_read_only_and_leads_to_each_deal(editor_client: Client) -> None:
    deal = machine_made_deal()
    party = deal.parties.first()

    listing = editor_client.get(reverse("admin:companies_dealparty_changelist")).content.decode()
    delete = editor_client.post(reverse("admin:companies_dealparty_delete", args=[party.pk]), {"post": "yes"})

    assert change_url(deal) in listing
    assert delete.status_code == 403
    assert DealParty.objects.filter(pk=party.pk).exists()
