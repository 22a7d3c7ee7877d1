"""A deal's status from its wording: the strongest signal wins."""

import pytest

from articles.extraction.deals.status import status_from_wording
from articles.extraction.types import DealStatus


@pytest.mark.parametrize(
    ("wording", "status"),
    [
        ("Northwind is reportedly eyeing Contoso", DealStatus.RUMORED),
        ("Northwind is in talks to buy Contoso", DealStatus.RUMORED),
        ("Northwind is mulling a bid", DealStatus.RUMORED),
        ("Northwind plans to buy Contoso", DealStatus.PROPOSED),
        ("Northwind offered to buy Contoso", DealStatus.PROPOSED),
        ("Northwind proposes a merger", DealStatus.PROPOSED),
        ("weeks before Contoso's expected stock market flotation", DealStatus.PROPOSED),
        ("ahead of Contoso's upcoming listing", DealStatus.PROPOSED),
        ("Northwind agreed to buy Contoso", DealStatus.AGREED),
        ("Northwind will buy Contoso", DealStatus.AGREED),
        ("Northwind signed a deal to buy Contoso", DealStatus.AGREED),
        ("Northwind completed its purchase of Contoso", DealStatus.COMPLETED),
        ("Northwind has bought Contoso", DealStatus.COMPLETED),
        ("Contoso rejected the offer", DealStatus.REJECTED),
        ("Contoso rebuffed the approach", DealStatus.REJECTED),
        ("Northwind called off the takeover", DealStatus.CANCELLED),
        ("regulators blocked the merger", DealStatus.CANCELLED),
        ("Northwind abandoned its bid", DealStatus.CANCELLED),
        ("Northwind withdrew its offer", DealStatus.CANCELLED),
    ],
)
def test_the_wording_gives_the_status(wording, status):
    assert status_from_wording(wording, past_default=False) == (status, True)


def test_a_rejected_offer_is_rejected_even_though_it_was_offered():
    assert status_from_wording("Contoso rejected Northwind's offer", past_default=False)[0] == DealStatus.REJECTED


def test_a_past_tense_verb_without_other_cues_reads_as_completed():
    assert status_from_wording("Northwind bought Contoso in 2001", past_default=True) == (DealStatus.COMPLETED, False)


def test_a_bare_present_tense_headline_reads_as_agreed():
    assert status_from_wording("Northwind buys Contoso", past_default=False) == (DealStatus.AGREED, False)
