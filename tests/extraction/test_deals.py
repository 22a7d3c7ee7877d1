"""Deals read from sentences written for these tests: kinds, roles, amounts, merging, and what is not a deal.

The companies are given by hand (as the company half of the engine would find them), so these tests pin the deal
grammar alone.
"""

from datetime import date
from decimal import Decimal

from articles.extraction.types import DealKind, DealStatus, PartyRole
from tests.extraction.deals_fixtures import deals_in, roles, the_deal

# --- acquisitions ------------------------------------------------------------------------------------------------


def test_agreed_to_buy_for_an_amount_is_an_agreed_acquisition():
    deal = the_deal("Northwind agreed to buy Contoso for $1.2bn in cash.", "Northwind", "Contoso")
    assert deal.kind == DealKind.ACQUISITION
    assert deal.status == DealStatus.AGREED
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER, "Contoso": PartyRole.TARGET}
    assert (deal.amount, deal.currency) == (Decimal(1_200_000_000), "USD")


def test_a_reported_statement_makes_the_speaker_the_buyer():
    deal = the_deal(
        "Fabrikam Inc said it agreed to acquire Tailspin Corp for 14.5 mln dlrs.", "Fabrikam Inc", "Tailspin Corp"
    )
    assert roles(deal) == {"Fabrikam Inc": PartyRole.ACQUIRER, "Tailspin Corp": PartyRole.TARGET}
    assert deal.amount == Decimal(14_500_000)


def test_passive_voice_puts_the_subject_as_target():
    deal = the_deal("Litware was bought by Adatum in 2019.", "Litware", "Adatum")
    assert roles(deal) == {"Litware": PartyRole.TARGET, "Adatum": PartyRole.ACQUIRER}
    assert deal.status == DealStatus.COMPLETED


def test_a_relative_clause_in_passive_voice_is_an_acquisition():
    deal = the_deal("Litware, which was acquired by Adatum last year, makes sensors.", "Litware", "Adatum")
    assert roles(deal) == {"Litware": PartyRole.TARGET, "Adatum": PartyRole.ACQUIRER}


def test_a_possessive_takeover_names_the_buyer_and_the_target():
    deal = the_deal("Investors cheered Northwind's takeover of Contoso.", "Northwind", "Contoso")
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER, "Contoso": PartyRole.TARGET}


def test_the_purchase_of_a_company_by_another_reads_the_buyer_after_by():
    deal = the_deal("The purchase of Contoso by Northwind closed on Monday.", "Contoso", "Northwind")
    assert roles(deal) == {"Contoso": PartyRole.TARGET, "Northwind": PartyRole.ACQUIRER}


def test_a_bid_for_a_company_is_a_proposed_acquisition():
    deal = the_deal("Northwind made a $5bn bid for Contoso.", "Northwind", "Contoso")
    assert deal.kind == DealKind.ACQUISITION
    assert deal.status == DealStatus.PROPOSED
    assert roles(deal)["Contoso"] == PartyRole.TARGET


def test_a_rejected_offer_is_a_rejected_acquisition():
    deal = the_deal("Contoso rejected a takeover offer from Northwind.", "Contoso", "Northwind")
    assert deal.status == DealStatus.REJECTED
    assert roles(deal) == {"Contoso": PartyRole.TARGET, "Northwind": PartyRole.ACQUIRER}


def test_a_list_of_acquisitions_gives_one_deal_per_target():
    deals = deals_in(
        "Northwind grew fast. It grew through acquisitions such as that of Contoso and Litware.",
        "Northwind",
        "Contoso",
        "Litware",
    )
    assert {deal.parties[-1].name for deal in deals} == {"Contoso", "Litware"}
    assert all(roles(deal)["Northwind"] == PartyRole.ACQUIRER for deal in deals)


def test_acquisitions_given_as_examples_of_a_companys_growth_are_completed():
    deals = deals_in("It grew through acquisitions such as that of Contoso and Litware.", "Contoso", "Litware")
    assert [deal.status for deal in deals] == [DealStatus.COMPLETED, DealStatus.COMPLETED]


def test_buying_a_companys_products_is_not_a_deal():
    assert deals_in("Northwind bought Contoso printers for its offices.", "Northwind", "Contoso") == []


def test_buying_goods_from_a_company_is_not_a_deal():
    assert deals_in("Northwind buys chips from Contoso.", "Northwind", "Contoso") == []


def test_an_unnamed_business_bought_still_makes_an_acquisition_with_its_buyer():
    deal = the_deal("Northwind said it acquired a privately held software maker for $40m.", "Northwind")
    assert roles(deal) == {"Northwind": PartyRole.ACQUIRER}
    assert deal.status == DealStatus.COMPLETED


# --- mergers, stakes, rounds, listings, spin-offs, sales, partnerships -------------------------------------------


def test_two_companies_that_agree_to_merge_are_merger_parties():
    deal = the_deal("Northwind and Contoso agreed to merge.", "Northwind", "Contoso")
    assert deal.kind == DealKind.MERGER
    assert roles(deal) == {"Northwind": PartyRole.MERGER_PARTY, "Contoso": PartyRole.MERGER_PARTY}


def test_merging_with_a_company_is_a_merger():
    deal = the_deal("Contoso plans to merge with Litware.", "Contoso", "Litware")
    assert deal.kind == DealKind.MERGER
    assert deal.status == DealStatus.PROPOSED


def test_taking_a_stake_is_an_investment():
    deal = the_deal("Northwind takes a 20% stake in Contoso.", "Northwind", "Contoso")
    assert deal.kind == DealKind.INVESTMENT
    assert roles(deal) == {"Northwind": PartyRole.INVESTOR, "Contoso": PartyRole.INVESTEE}


def test_a_controlling_stake_is_an_acquisition():
    deal = the_deal("Northwind bought a 60 pct stake in Contoso.", "Northwind", "Contoso")
    assert deal.kind == DealKind.ACQUISITION


def test_owning_a_share_announced_as_news_is_an_investment():
    deal = the_deal("Northwind said on Friday that it now owns 8% of Contoso.", "Northwind", "Contoso")
    assert deal.kind == DealKind.INVESTMENT
    assert deal.status == DealStatus.COMPLETED


def test_a_disclosed_block_of_shares_is_an_investment():
    deal = the_deal(
        "Fabrikam told the regulator it has acquired 540,000 shares of Contoso, or 6.2 pct of the total.",
        "Fabrikam",
        "Contoso",
    )
    assert deal.kind == DealKind.INVESTMENT
    assert roles(deal) == {"Fabrikam": PartyRole.INVESTOR, "Contoso": PartyRole.INVESTEE}


def test_raising_a_series_b_led_by_an_investor_is_a_funding_round():
    deal = the_deal("Contoso raises $50m in a Series B led by Fabrikam Ventures.", "Contoso", "Fabrikam Ventures")
    assert deal.kind == DealKind.FUNDING_ROUND
    assert deal.round == "Series B"
    assert roles(deal) == {"Contoso": PartyRole.INVESTEE, "Fabrikam Ventures": PartyRole.INVESTOR}
    assert (deal.amount, deal.currency) == (Decimal(50_000_000), "USD")


def test_raising_a_loan_is_not_a_funding_round():
    assert deals_in("Contoso raised $50m in debt financing from its banks.", "Contoso") == []


def test_planning_to_float_is_a_proposed_ipo():
    deal = the_deal("Contoso plans to float on the London market next year.", "Contoso")
    assert deal.kind == DealKind.IPO
    assert deal.status == DealStatus.PROPOSED
    assert roles(deal) == {"Contoso": PartyRole.ISSUER}


def test_an_initial_public_offering_names_its_issuer():
    deal = the_deal("Contoso completed its initial public offering in May.", "Contoso")
    assert deal.kind == DealKind.IPO
    assert deal.status == DealStatus.COMPLETED


def test_spinning_off_a_unit_makes_parent_and_spun_off():
    deal = the_deal(
        "Northwind will spin off its Contoso Cloud unit, valued at $8 billion.", "Northwind", "Contoso Cloud"
    )
    assert deal.kind == DealKind.SPIN_OFF
    assert roles(deal) == {"Northwind": PartyRole.PARENT, "Contoso Cloud": PartyRole.SPUN_OFF}
    assert (deal.valuation, deal.valuation_currency) == (Decimal(8_000_000_000), "USD")
    assert deal.amount is None


def test_a_spin_off_from_a_company_names_the_parent_after_from():
    deal = the_deal("Litware started as a research project - a spin-off from Northwind.", "Litware", "Northwind")
    assert roles(deal) == {"Litware": PartyRole.SPUN_OFF, "Northwind": PartyRole.PARENT}


def test_selling_a_unit_to_a_buyer_is_an_acquisition_with_a_seller():
    deal = the_deal("Northwind sells its Litware unit to Contoso.", "Northwind", "Litware", "Contoso")
    assert deal.kind == DealKind.ACQUISITION
    assert roles(deal) == {
        "Northwind": PartyRole.SELLER,
        "Litware": PartyRole.TARGET,
        "Contoso": PartyRole.ACQUIRER,
    }


def test_selling_a_unit_to_an_unnamed_buyer_is_a_divestment():
    deal = the_deal("Northwind sold its Litware division to a group of investors.", "Northwind", "Litware")
    assert deal.kind == DealKind.DIVESTMENT
    assert roles(deal) == {"Litware": PartyRole.TARGET, "Northwind": PartyRole.SELLER}


def test_considering_a_sale_is_a_rumored_divestment():
    deal = the_deal("Northwind is considering selling its Litware business.", "Northwind", "Litware")
    assert deal.kind == DealKind.DIVESTMENT
    assert deal.status == DealStatus.RUMORED


def test_a_company_sold_by_its_owner_to_a_relative_clause_buyer():
    deal = the_deal(
        "Analysts recall Litware, which Northwind sold to Contoso in 2001.", "Litware", "Northwind", "Contoso"
    )
    assert roles(deal) == {"Litware": PartyRole.TARGET, "Northwind": PartyRole.SELLER, "Contoso": PartyRole.ACQUIRER}


def test_a_joint_venture_between_two_companies_is_a_partnership():
    deal = the_deal("Northwind formed a joint venture with Contoso to build batteries.", "Northwind", "Contoso")
    assert deal.kind == DealKind.PARTNERSHIP
    assert roles(deal) == {"Northwind": PartyRole.PARTNER, "Contoso": PartyRole.PARTNER}


# --- status, dates and merging ----------------------------------------------------------------------------------


def test_talks_make_a_rumored_deal():
    deal = the_deal("Northwind is in talks to buy Contoso, people familiar said.", "Northwind", "Contoso")
    assert deal.status == DealStatus.RUMORED


def test_a_completed_purchase_is_completed():
    deal = the_deal("Northwind has completed its acquisition of Contoso.", "Northwind", "Contoso")
    assert deal.status == DealStatus.COMPLETED


def test_a_blocked_merger_is_cancelled():
    deal = the_deal("Regulators blocked the merger of Northwind and Contoso.", "Northwind", "Contoso")
    assert deal.kind == DealKind.MERGER
    assert deal.status == DealStatus.CANCELLED


def test_a_weekday_dates_the_announcement_from_the_publication_date():
    deal = the_deal(
        "Northwind said on Monday it agreed to buy Contoso.", "Northwind", "Contoso", published_on=date(2024, 3, 7)
    )
    assert deal.announced_on == date(2024, 3, 4)


def test_a_deal_stated_twice_is_one_deal_with_the_first_clear_sentence_as_evidence():
    text = (
        "Northwind agreed to buy Contoso for $2bn. Shares rose. "
        "The takeover of Contoso by Northwind is expected to close in May."
    )
    deal = the_deal(text, "Northwind", "Contoso")
    assert deal.evidence.start == 0
    assert deal.evidence.text == "Northwind agreed to buy Contoso for $2bn."
    assert text[deal.evidence.start : deal.evidence.end] == deal.evidence.text
    assert deal.amount == Decimal(2_000_000_000)


def test_two_buyers_of_the_same_company_are_two_deals():
    text = "Northwind sold Litware to Contoso in 1999. Contoso later sold Litware to Adatum."
    deals = deals_in(text, "Northwind", "Litware", "Contoso", "Adatum")
    assert len(deals) == 2


def test_a_spin_off_seed_like_text_gives_one_proposed_spin_off_with_its_valuation():
    text = (
        "China's Northwind is drawing attention with plans to spin off its Contoso AI video unit, valued at "
        "a hefty $20 billion. The spin-off is bold. In short, Northwind spinning off its Contoso AI video unit "
        "matters."
    )
    deal = the_deal(text, "Northwind", "Contoso AI")
    assert deal.kind == DealKind.SPIN_OFF
    assert deal.status == DealStatus.PROPOSED
    assert roles(deal) == {"Northwind": PartyRole.PARENT, "Contoso AI": PartyRole.SPUN_OFF}
    assert (deal.valuation, deal.valuation_currency) == (Decimal(20_000_000_000), "USD")
    assert deal.evidence.start == 0


# --- not deals ---------------------------------------------------------------------------------------------------


def test_a_share_buyback_is_not_a_deal():
    assert deals_in("Northwind plans to buy back shares worth $1bn.", "Northwind") == []


def test_quarterly_results_are_not_a_deal():
    assert deals_in("Northwind said quarterly profits rose 76% to $1.13bn.", "Northwind") == []


def test_a_lawsuit_is_not_a_deal():
    assert deals_in("Contoso sued Northwind over a patent.", "Contoso", "Northwind") == []


def test_a_product_launch_is_not_a_deal():
    assert deals_in("Northwind launched a new phone on Tuesday.", "Northwind") == []


def test_a_dividend_is_not_a_deal():
    assert deals_in("Northwind raised its dividend by 11%.", "Northwind") == []


def test_a_bond_issue_is_not_a_deal():
    assert deals_in("Northwind raised $500m by selling bonds.", "Northwind") == []


def test_a_denied_deal_is_not_a_deal():
    assert deals_in("Northwind denied it was planning to buy Contoso.", "Northwind", "Contoso") == []


def test_a_deal_in_a_condition_is_not_a_deal():
    assert deals_in("If Contoso is acquired by Northwind, holders get a right.", "Contoso", "Northwind") == []


def test_a_sentence_without_companies_gives_nothing():
    assert deals_in("Someone agreed to buy something for $5m.") == []
