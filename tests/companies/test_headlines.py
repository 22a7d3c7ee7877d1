"""Deal headlines read like news."""

from __future__ import annotations

import pytest

from companies.headlines import deal_headline


@pytest.mark.parametrize(
    ("kind", "status", "parties", "headline"),
    [
        ("spin_off", "proposed", [("Kuaishou", "parent"), ("Kling AI", "spun_off")],
         "Kuaishou plans to spin off Kling AI"),
        ("acquisition", "agreed", [("Microsoft", "acquirer"), ("Activision Blizzard", "target")],
         "Microsoft agreed to acquire Activision Blizzard"),
        ("acquisition", "completed", [("Microsoft", "acquirer"), ("Activision Blizzard", "target")],
         "Microsoft acquired Activision Blizzard"),
        ("acquisition", "rumored", [("Apple", "bidder"), ("Perplexity", "target")],
         "Apple reportedly plans to acquire Perplexity"),
        ("acquisition", "cancelled", [("Adobe", "acquirer"), ("Figma", "target")],
         "Adobe called off its plan to acquire Figma"),
        ("acquisition", "rejected", [("Qualcomm", "bidder"), ("Intel", "target")],
         "Plan for Qualcomm to acquire Intel was rejected"),
        ("acquisition", "agreed", [("Silver Lake", "acquirer"), ("Altera", "target"), ("Intel", "seller")],
         "Silver Lake agreed to acquire Altera from Intel"),
        ("merger", "completed", [("Dell", "merger_party"), ("EMC", "merger_party")], "Dell and EMC merged"),
        ("investment", "completed", [("Microsoft", "investor"), ("OpenAI", "investee")],
         "Microsoft invested in OpenAI"),
        ("funding_round", "completed", [("Mistral AI", "investee"), ("ASML", "investor"), ("Nvidia", "investor")],
         "Mistral AI raised funding from ASML and Nvidia"),
        ("ipo", "proposed", [("Arm", "issuer")], "Arm plans to go public"),
        ("ipo", "completed", [("Arm", "issuer")], "Arm went public"),
        ("divestment", "agreed", [("Intel", "seller"), ("Altera", "target"), ("Silver Lake", "acquirer")],
         "Intel agreed to sell Altera to Silver Lake"),
        ("partnership", "agreed", [("OpenAI", "partner"), ("Apple", "partner"), ("Broadcom", "partner")],
         "OpenAI, Apple and Broadcom agreed to form a partnership"),
        ("merger", "cancelled", [("A", "merger_party"), ("B", "merger_party")],
         "A and B called off their plan to merge"),
    ],
)  # fmt: skip
def test_a_deal_headline_names_the_parties_with_a_verb_for_its_kind_and_status(
    kind: str, status: str, parties: list[tuple[str, str]], headline: str
) -> None:
    assert deal_headline(kind=kind, status=status, parties=parties) == headline


def test_a_deal_missing_its_main_party_gets_a_plain_headline_rather_than_a_wrong_sentence() -> None:
    assert (
        deal_headline(kind="acquisition", status="completed", parties=[("Figma", "target")]) == "Acquisition of Figma"
    )
    assert deal_headline(kind="ipo", status="proposed", parties=[]) == "IPO"


def test_a_buyer_or_seller_of_a_business_that_is_not_a_company_here_deals_in_a_business() -> None:
    buyer_and_seller = [("Swisscom", "acquirer"), ("Vodafone", "seller")]
    assert (
        deal_headline(kind="acquisition", status="agreed", parties=buyer_and_seller)
        == "Swisscom agreed to acquire a business from Vodafone"
    )
    assert deal_headline(kind="divestment", status="completed", parties=[("Vodafone", "seller")]) == (
        "Vodafone sold a business"
    )
    assert deal_headline(kind="investment", status="proposed", parties=[("Amazon", "investor")]) == (
        "Amazon plans to invest in a business"
    )
    assert deal_headline(kind="unknown", status="agreed", parties=[("A", "x")]) == "Deal: A"


def test_a_company_named_twice_in_a_role_is_named_once() -> None:
    parties = [("Arm", "issuer"), ("Arm", "issuer")]
    assert deal_headline(kind="ipo", status="completed", parties=parties) == "Arm went public"
