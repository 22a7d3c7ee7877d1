"""When two reports are one deal: the rule the engine's merge within a document and the linker's match across
documents share (companies keep their side of a deal; reports lie close enough in time), on reports written for
these tests."""

from datetime import date

import pytest

from articles.extraction.deals.dates import stated_year
from articles.extraction.deals.identity import dates_compatible, roles_compatible
from articles.extraction.types import DealKind, DealStatus, PartyRole
from tests.extraction.deals_fixtures import deals_in, roles

ACQUIRER, TARGET, SELLER, BIDDER = PartyRole.ACQUIRER, PartyRole.TARGET, PartyRole.SELLER, PartyRole.BIDDER
INVESTOR, INVESTEE = PartyRole.INVESTOR, PartyRole.INVESTEE
COMPANIES = ("Northwind", "Contoso", "Fabrikam")

# --- the parties ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param([("X", ACQUIRER), ("Y", TARGET)], [("X", ACQUIRER), ("Y", TARGET)], id="the same purchase twice"),
        pytest.param(
            [("X", ACQUIRER), ("Y", TARGET)], [("X", ACQUIRER), ("Y", TARGET), ("Z", SELLER)], id="then from a seller"
        ),
        pytest.param(
            [("Z", SELLER), ("Y", TARGET), ("X", ACQUIRER)],
            [("X", ACQUIRER), ("Y", TARGET)],
            id="a sale and a purchase",
        ),
        pytest.param([("X", BIDDER), ("Y", TARGET)], [("X", ACQUIRER), ("Y", TARGET)], id="a bidder becomes the buyer"),
        pytest.param([("Z", SELLER)], [("Z", TARGET), ("X", ACQUIRER)], id="a seller named for the business sold"),
        pytest.param([("X", ACQUIRER)], [("X", ACQUIRER), ("Y", TARGET)], id="a buyer alone"),
    ],
)
def test_reports_naming_each_company_on_the_same_side_can_be_one_deal(first, second) -> None:
    assert roles_compatible(first, second)
    assert roles_compatible(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            [("S", ACQUIRER), ("A", TARGET)],
            [("N", ACQUIRER), ("A", TARGET), ("S", SELLER)],
            id="the buyer of one is the seller of the other",
        ),
        pytest.param([("X", ACQUIRER), ("Y", TARGET)], [("Y", ACQUIRER), ("X", TARGET)], id="buyer and target swap"),
        pytest.param([("X", INVESTOR), ("Y", INVESTEE)], [("Y", INVESTOR), ("X", INVESTEE)], id="investor, investee"),
        pytest.param([("X", ACQUIRER), ("Y", TARGET)], [("W", BIDDER), ("Y", TARGET)], id="two bidders for one target"),
        pytest.param([("X", ACQUIRER), ("Y", TARGET)], [("X", ACQUIRER), ("W", TARGET)], id="two targets of one buyer"),
    ],
)
def test_reports_that_put_a_company_on_another_side_or_name_other_buyers_are_two_deals(first, second) -> None:
    assert not roles_compatible(first, second)
    assert not roles_compatible(second, first)


# --- the dates ------------------------------------------------------------------------------------------------

PLANNED = date(2022, 2, 8)


def test_reports_within_a_year_can_be_one_deal_whatever_they_say() -> None:
    assert dates_compatible(PLANNED, DealStatus.COMPLETED, date(2023, 1, 20), DealStatus.PROPOSED)


def test_a_plan_and_its_completion_up_to_two_years_later_can_be_one_deal() -> None:
    completed = date(2023, 9, 14)
    assert dates_compatible(PLANNED, DealStatus.PROPOSED, completed, DealStatus.COMPLETED)
    assert dates_compatible(completed, DealStatus.COMPLETED, PLANNED, DealStatus.PROPOSED)
    assert dates_compatible(PLANNED, DealStatus.PROPOSED, completed, DealStatus.AGREED)


def test_the_same_stage_reported_again_more_than_a_year_later_is_another_deal() -> None:
    assert not dates_compatible(PLANNED, DealStatus.AGREED, date(2023, 9, 14), DealStatus.AGREED)


def test_a_new_plan_long_after_a_deal_was_done_is_another_deal() -> None:
    assert not dates_compatible(PLANNED, DealStatus.COMPLETED, date(2023, 9, 14), DealStatus.PROPOSED)


def test_reports_more_than_two_years_apart_are_two_deals() -> None:
    assert not dates_compatible(PLANNED, DealStatus.PROPOSED, date(2024, 6, 1), DealStatus.COMPLETED)


@pytest.mark.parametrize(
    ("wording", "year"),
    [
        ("Fabrikam, which bought the company for $3bn in 2016 and took it private", 2016),
        ("The cash-and-stock agreement was announced in September 2020.", 2020),
        ("Northwind agreed in early 2019 to buy the unit", 2019),
        ("Fabrikam, which has owned Contoso since 2016, said it would list it", None),
        ("Northwind agreed to buy Contoso for $1bn.", None),
    ],
)
def test_the_year_a_sentence_puts_a_deal_in(wording: str, year: int | None) -> None:
    assert stated_year(wording) == year


# --- one document: the engine merges only what the rule allows -----------------------------------------------


def test_the_same_purchase_reported_twice_in_a_story_is_one_deal() -> None:
    deals = deals_in(
        "Northwind agreed to buy Contoso for $1bn. Northwind's purchase of Contoso is expected to close in May.",
        *COMPANIES,
    )
    assert [roles(deal) for deal in deals] == [{"Northwind": ACQUIRER, "Contoso": TARGET}]


def test_a_purchase_and_the_same_purchase_from_a_seller_are_one_deal() -> None:
    [deal] = deals_in("Northwind agreed to buy Contoso. Northwind will buy Contoso from Fabrikam for $2bn.", *COMPANIES)
    assert roles(deal) == {"Northwind": ACQUIRER, "Contoso": TARGET, "Fabrikam": SELLER}


def test_a_sale_and_the_buyers_purchase_are_one_deal() -> None:
    [deal] = deals_in(
        "Fabrikam agreed to sell Contoso to Northwind for $2bn. Northwind said it would buy Contoso with cash.",
        *COMPANIES,
    )
    assert (deal.kind, roles(deal)) == (
        DealKind.ACQUISITION,
        {"Northwind": ACQUIRER, "Contoso": TARGET, "Fabrikam": SELLER},
    )


def test_an_owner_that_bought_a_company_and_later_tried_to_sell_it_has_two_deals() -> None:
    bought, abandoned = deals_in(
        "Fabrikam, which bought Contoso for $3bn in 2016, keeps most of its shares. "
        "Fabrikam's plan to sell Contoso to Northwind for $40bn was abandoned.",
        *COMPANIES,
    )
    assert (bought.status, bought.stated_year, roles(bought)) == (
        DealStatus.COMPLETED,
        2016,
        {"Fabrikam": ACQUIRER, "Contoso": TARGET},
    )
    assert (abandoned.status, roles(abandoned)) == (
        DealStatus.CANCELLED,
        {"Northwind": ACQUIRER, "Contoso": TARGET, "Fabrikam": SELLER},
    )


def test_rival_bids_for_one_company_are_two_deals() -> None:
    deals = deals_in("Northwind made a $5bn bid for Contoso. Fabrikam made a rival $6bn bid for Contoso.", *COMPANIES)
    assert [roles(deal) for deal in deals] == [
        {"Northwind": ACQUIRER, "Contoso": TARGET},
        {"Fabrikam": ACQUIRER, "Contoso": TARGET},
    ]


def test_the_same_purchase_in_years_far_apart_is_two_deals() -> None:
    deals = deals_in("Northwind bought Contoso in 2016. Northwind agreed to buy Contoso again in 2021.", *COMPANIES)
    assert [(deal.status, deal.stated_year) for deal in deals] == [
        (DealStatus.COMPLETED, 2016),
        (DealStatus.AGREED, 2021),
    ]


def test_a_stock_market_debut_is_a_completed_listing_unless_it_is_still_planned() -> None:
    [debut] = deals_in("Contoso made its stock market debut on Nasdaq on Thursday.", *COMPANIES)
    [planned] = deals_in("Contoso plans a stock market debut next year.", *COMPANIES)
    assert (debut.kind, debut.status) == (DealKind.IPO, DealStatus.COMPLETED)
    assert planned.status == DealStatus.PROPOSED
