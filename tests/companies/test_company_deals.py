"""A company page's deals: grouped by the part the company played, each with its headline."""

from __future__ import annotations

import pytest

from companies import selectors
from companies.models import DealKind, DealStatus, PartyRole
from tests.factories import CompanyFactory, DealFactory, DealPartyFactory

pytestmark = pytest.mark.django_db


def test_a_deal_an_editor_left_untitled_is_headed_from_its_parties() -> None:
    buyer, bought = CompanyFactory(name="Microsoft"), CompanyFactory(name="Activision Blizzard")
    untitled = DealFactory(kind=DealKind.ACQUISITION, status=DealStatus.COMPLETED, title="")
    titled = DealFactory(kind=DealKind.INVESTMENT, title="Microsoft backs a games studio")
    DealPartyFactory(deal=untitled, company=bought, role=PartyRole.TARGET)
    DealPartyFactory(deal=untitled, company=buyer, role=PartyRole.ACQUIRER)
    DealPartyFactory(deal=titled, company=buyer, role=PartyRole.INVESTOR)

    groups, total = selectors._company_deal_groups(buyer)

    assert total == 2
    assert [(group.label, [deal.headline for deal in group.deals]) for group in groups] == [
        ("Acquired", ["Microsoft acquired Activision Blizzard"]),
        ("Invested in", ["Microsoft backs a games studio"]),
    ]
