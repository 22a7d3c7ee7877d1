"""Listings (articles/extraction/deals/listings.py), on sentences written for them."""

from articles.extraction.types import DealKind, PartyRole
from tests.extraction.deals_fixtures import deals_in, roles, the_deal


def test_preparing_the_company_for_a_listing_lists_the_company_not_its_owner():
    text = (
        "Northwind, which has owned Contoso since 2016, said it would prepare the company for a stock market listing."
    )
    deal = the_deal(text, "Northwind", "Contoso")
    assert deal.kind == DealKind.IPO
    assert roles(deal) == {"Contoso": PartyRole.ISSUER}


def test_floating_a_new_company_lists_the_new_company():
    text = "Northwind said it plans to float a new company, Contoso Gold, which will hold its gold mines."
    deal = the_deal(text, "Northwind", "Contoso Gold")
    assert roles(deal) == {"Contoso Gold": PartyRole.ISSUER}


def test_flotation_as_an_ore_process_is_not_a_listing():
    text = "Contoso said the gold can be recovered by either direct cyanidation of ore or flotation."
    assert deals_in(text, "Contoso") == []


def test_a_planned_flotation_is_a_listing():
    deal = the_deal("Contoso's planned flotation was delayed until the autumn.", "Contoso")
    assert deal.kind == DealKind.IPO


def test_a_debut_on_an_exchange_lists_the_company_not_the_exchange():
    deal = the_deal("Contoso made its stock market debut on Nasdaq on Thursday.", "Contoso", "Nasdaq")
    assert roles(deal) == {"Contoso": PartyRole.ISSUER}
