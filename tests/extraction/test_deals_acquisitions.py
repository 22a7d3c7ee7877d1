"""Acquisitions and mergers (articles/extraction/deals/acquisitions.py), each rule on a sentence written for it."""

from decimal import Decimal

from articles.extraction.types import DealKind, DealStatus, PartyRole
from tests.extraction.deals_fixtures import deals_in, roles, the_deal


def test_a_sum_written_before_the_deal_word_is_its_amount():
    deal = the_deal("Northwind has completed its $68.7 billion acquisition of Contoso.", "Northwind", "Contoso")
    assert (deal.amount, deal.currency) == (Decimal("68700000000"), "USD")
    assert deal.status == DealStatus.COMPLETED


def test_approval_by_the_targets_holders_does_not_make_them_the_buyer():
    deal = the_deal(
        "Northwind said it completed the acquisition of Contoso Inc, following approval by Contoso shareholders.",
        "Northwind",
        "Contoso",
    )
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER, "Contoso": PartyRole.TARGET}


def test_the_acquisition_by_a_buyer_of_a_target_reads_both():
    deal = the_deal(
        "The minister cleared the proposed acquisition by Northwind of Contoso on Monday.", "Northwind", "Contoso"
    )
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER, "Contoso": PartyRole.TARGET}


def test_paying_for_a_company_in_stock_is_not_buying_a_product():
    deal = the_deal("Northwind signed an agreement to buy Contoso for stock.", "Northwind", "Contoso")
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER, "Contoso": PartyRole.TARGET}


def test_a_products_group_bought_is_a_business():
    deal = the_deal("Northwind will buy Contoso's industrial products group for about $240m.", "Northwind", "Contoso")
    assert deal.kind == DealKind.ACQUISITION


def test_agreeing_to_become_a_subsidiary_is_being_acquired():
    deal = the_deal(
        "Contoso said it agreed in principle to become a wholly owned subsidiary of Northwind.", "Contoso", "Northwind"
    )
    assert deal.kind == DealKind.ACQUISITION
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER, "Contoso": PartyRole.TARGET}
    assert deal.status == DealStatus.AGREED


def test_an_offer_to_buy_the_company_points_back_to_the_company_named():
    deal = the_deal(
        "An investor said he was disappointed by Contoso's response to his offer to buy the company.", "Contoso"
    )
    assert roles(deal) == {"Contoso": PartyRole.TARGET}


def test_a_buyer_whose_name_was_not_recognised_still_makes_a_deal():
    deal = the_deal("Trelloway Co Inc said it signed a letter of intent to buy Contoso.", "Contoso")
    assert roles(deal) == {"Contoso": PartyRole.TARGET}


def test_a_priced_bid_rejected_by_the_board_is_a_rejected_takeover():
    deal = the_deal(
        "Contoso said its board rejected this morning's 540 mln stg bid from Northwind.", "Contoso", "Northwind"
    )
    assert deal.status == DealStatus.REJECTED
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER, "Contoso": PartyRole.TARGET}


def test_an_unsolicited_offer_rejected_is_a_takeover():
    deal = the_deal(
        "Contoso said its board rejected as inadequate the unsolicited offer by Northwind for its common stock.",
        "Contoso",
        "Northwind",
    )
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER, "Contoso": PartyRole.TARGET}


def test_a_board_meeting_to_consider_a_takeover_offer_is_a_deal():
    deal = the_deal("Contoso's board met to consider Northwind's takeover offer.", "Contoso", "Northwind")
    assert deal.kind == DealKind.ACQUISITION
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER, "Contoso": PartyRole.TARGET}


def test_a_proposed_acquisition_by_an_unnamed_group_names_its_target():
    deal = the_deal(
        "Contoso said it will hold a meeting to consider its proposed acquisition by an investor group.", "Contoso"
    )
    assert roles(deal) == {"Contoso": PartyRole.TARGET}


def test_two_speakers_and_their_approved_merger_are_merger_parties():
    text = "Northwind and Contoso said the Federal Reserve Board approved their proposed 1.19 billion dlr merger."
    deal = the_deal(text, "Northwind", "Contoso")
    assert deal.kind == DealKind.MERGER
    assert roles(deal) == {"Northwind": PartyRole.MERGER_PARTY, "Contoso": PartyRole.MERGER_PARTY}


def test_two_boards_approving_an_agreement_to_merge_name_both_parties():
    deal = the_deal(
        "Northwind said its board and the board of Contoso have approved a definitive agreement to merge.",
        "Northwind",
        "Contoso",
    )
    assert deal.kind == DealKind.MERGER
    assert set(roles(deal)) == {"Northwind", "Contoso"}


def test_buying_goods_in_a_range_of_tonnes_is_not_a_deal():
    assert deals_in("Crushers bought some 270,000 to 280,000 tonnes of Contoso beans.", "Contoso") == []
