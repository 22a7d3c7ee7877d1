"""Amounts read the way the news writes them."""

from decimal import Decimal

import pytest

from companies.money import format_money


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (Decimal("68700000000"), "USD", "$68.7 billion"),
        (Decimal("1250000000"), "GBP", "£1.25 billion"),
        (Decimal("1200000"), "EUR", "€1.2 million"),
        (Decimal("450000000"), "CHF", "CHF 450 million"),
        (Decimal("3000000000000"), "JPY", "¥3 trillion"),
        (Decimal("250000"), "USD", "$250,000"),
        (Decimal("5000000"), "cny", "CN¥5 million"),
        (Decimal("1000000000"), "USD", "$1 billion"),
    ],
)
def test_an_amount_is_written_with_its_currency_and_scale(amount: Decimal, currency: str, text: str) -> None:
    assert format_money(amount, currency) == text


def test_no_amount_is_an_empty_string() -> None:
    assert format_money(None, "USD") == ""
