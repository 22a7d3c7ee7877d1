"""Divestments and spin-offs (articles/extraction/deals/divestments.py), on sentences written for them."""

from articles.extraction.types import DealKind, PartyRole
from tests.extraction.deals_fixtures import deals_in, roles, the_deal


def test_selling_a_unit_named_after_the_seller_makes_the_seller_a_seller():
    deal = the_deal("Northwind has agreed to sell Northwind Italia to Contoso for €8 billion.", "Northwind", "Contoso")
    assert deal.kind == DealKind.ACQUISITION
    assert roles(deal) == {"Contoso": PartyRole.ACQUIRER, "Northwind": PartyRole.SELLER}


def test_a_company_that_says_it_has_been_sold_is_the_target():
    deal = the_deal("Contoso, a maker of engines, said it has been sold to a group of investors.", "Contoso")
    assert roles(deal) == {"Contoso": PartyRole.TARGET}


def test_the_sale_of_all_its_shares_is_the_sale_of_the_company():
    deal = the_deal(
        "Contoso said it is holding talks that could lead to the sale of all its outstanding shares.", "Contoso"
    )
    assert deal.kind == DealKind.DIVESTMENT
    assert deal.status.value == "rumored"


def test_a_product_that_sold_well_is_not_a_deal():
    text = (
        "Contoso said the new Contoso 80 had sold extremely well in March, helping Contoso to raise its market share."
    )
    assert deals_in(text, "Contoso") == []


def test_a_sell_recommendation_is_not_a_deal():
    assert deals_in("The analyst previously had a sell recommendation on Contoso.", "Contoso") == []


def test_goods_priced_by_the_pound_are_not_a_deal():
    text = "Retailers told the Fabrikam Times that beef cuts sell for 1.20 to 3.00 dlrs a pound."
    assert deals_in(text, "Fabrikam Times") == []


def test_tonnes_already_sold_are_not_a_deal():
    text = "The Contoso program is well advanced with over 10 mln tonnes already sold, Contoso said."
    assert deals_in(text, "Contoso") == []


def test_cargoes_offered_for_sale_are_not_a_deal():
    assert deals_in("Contoso has been offering two spot cargoes of crude each month for sale.", "Contoso") == []


def test_a_loss_on_the_disposal_of_a_unit_is_an_accounting_note():
    text = "Contoso excludes a loss on disposal of Fabrikam Leasing Corp."
    assert deals_in(text, "Contoso", "Fabrikam Leasing") == []


def test_a_joint_venture_that_will_sell_cars_is_not_a_divestment():
    text = (
        "Northwind and Contoso agreed to form a joint venture, Fabrikam Mobility Inc., that will design and sell "
        "electric cars, turning rivals into partners."
    )
    deals = deals_in(text, "Northwind", "Contoso", "Fabrikam Mobility")
    assert [deal.kind for deal in deals] == [DealKind.PARTNERSHIP]


def test_selling_the_firm_sells_the_other_company_the_sentence_named():
    deal = the_deal(
        "Quillmere has lost money for years, which has led Contoso to consider selling the firm.",
        "Quillmere",
        "Contoso",
    )
    assert deal.kind == DealKind.DIVESTMENT
    assert roles(deal) == {"Contoso": PartyRole.SELLER, "Quillmere": PartyRole.TARGET}
    assert deal.status.value == "rumored"


def test_selling_the_business_does_not_reach_back_to_a_company_of_an_earlier_sentence():
    deal = the_deal("Fabrikam shares rose. Contoso is considering selling the business.", "Fabrikam", "Contoso")
    assert roles(deal) == {"Contoso": PartyRole.SELLER}
