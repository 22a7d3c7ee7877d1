"""Investments and funding rounds (articles/extraction/deals/investments.py), on sentences written for them."""

from decimal import Decimal

from articles.extraction.types import DealKind, PartyRole
from tests.extraction.deals_fixtures import deals_in, roles, the_deal


def test_investing_up_to_a_sum_names_investor_investee_and_amount():
    deal = the_deal(
        "Northwind will invest up to $4 billion in Contoso and take a minority stake in the company.",
        "Northwind",
        "Contoso",
    )
    assert deal.kind == DealKind.INVESTMENT
    assert roles(deal) == {"Northwind": PartyRole.INVESTOR, "Contoso": PartyRole.INVESTEE}
    assert (deal.amount, deal.currency) == (Decimal(4_000_000_000), "USD")


def test_owning_a_majority_stake_stated_as_a_fact_is_not_a_deal():
    assert deals_in("Northwind owns a majority stake in Contoso.", "Northwind", "Contoso") == []


def test_a_holding_in_a_relative_clause_is_not_a_deal():
    text = "Northwind, which has a 40 pct interest in Contoso, said it will open a plant in Ohio."
    assert deals_in(text, "Northwind", "Contoso") == []


def test_a_holding_disclosed_to_the_regulator_is_still_news():
    deal = the_deal(
        "Northwind told the Securities and Exchange Commission it has a 5.5 pct stake in Contoso.",
        "Northwind",
        "Contoso",
    )
    assert deal.kind == DealKind.INVESTMENT


def test_lowering_a_stake_is_a_divestment_of_part_of_the_company():
    deal = the_deal("A group of investors said they lowered their stake in Contoso to 4.1 pct.", "Contoso")
    assert deal.kind == DealKind.DIVESTMENT
    assert roles(deal) == {"Contoso": PartyRole.TARGET}


def test_raising_a_stake_in_the_unit_is_an_investment():
    deal = the_deal("Northwind said it raised its stake in the unit to 75 pct from 50 pct.", "Northwind")
    assert deal.kind == DealKind.INVESTMENT
    assert roles(deal) == {"Northwind": PartyRole.INVESTOR}


def test_a_stake_in_the_company_refers_to_the_company_named_before():
    deal = the_deal(
        "An investor in Contoso told the Securities and Exchange Commission he increased his stake in the company.",
        "Contoso",
    )
    assert roles(deal) == {"Contoso": PartyRole.INVESTEE}


def test_making_an_investment_in_a_company_is_an_investment():
    deal = the_deal("A savings association said it made a 30 pct investment in Contoso.", "Contoso")
    assert roles(deal) == {"Contoso": PartyRole.INVESTEE}


def test_shares_named_inside_a_long_stake_phrase_name_the_investee():
    deal = the_deal(
        "Two brothers said they have accumulated 375,200 shares of Contoso Inc, or 12.9 pct of the total.", "Contoso"
    )
    assert roles(deal) == {"Contoso": PartyRole.INVESTEE}


def test_a_stake_of_a_company_with_its_legal_form_after_the_possessive_is_read():
    deal = the_deal(
        "Northwind agreed to buy at least 81 pct of the stock of Contoso's Inc for about $50m.",
        "Northwind",
        "Contoso",
    )
    assert deal.kind == DealKind.ACQUISITION


def test_selling_a_block_of_shares_to_a_company_is_an_investment_by_the_buyer():
    deal = the_deal(
        "Contoso said its chairman sold 78,375 shares of Contoso common stock to Northwind.", "Contoso", "Northwind"
    )
    assert deal.kind == DealKind.INVESTMENT
    assert roles(deal)["Northwind"] == PartyRole.INVESTOR


def test_an_earlier_round_led_by_a_backer_is_not_its_own_funding_round():
    text = "Fabrikam Ventures, which led the start-up's seed round earlier this year, also took part."
    assert deals_in(text, "Fabrikam Ventures") == []
