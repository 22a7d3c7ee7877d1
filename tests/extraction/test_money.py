"""Money as news writes it: every form parses to an exact Decimal and an ISO 4217 code."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.extraction.money import find_money, parse_money


def amount_of(text: str) -> tuple[Decimal, str]:
    money = parse_money(text)
    assert money is not None, text
    return money.amount, money.currency


def test_parses_dollars_in_billions_written_out():
    assert amount_of("a deal worth $20 billion") == (Decimal(20_000_000_000), "USD")


def test_parses_abbreviated_billions_exactly():
    assert amount_of("profits of $1.13bn") == (Decimal(1_130_000_000), "USD")


def test_parses_pounds_in_millions():
    assert amount_of("paid £600m for it") == (Decimal(600_000_000), "GBP")


def test_parses_euros_with_the_symbol():
    assert amount_of("a €2.5bn offer") == (Decimal(2_500_000_000), "EUR")


def test_parses_wire_style_dollars():
    assert amount_of("for 14.5 mln dlrs in cash") == (Decimal(14_500_000), "USD")


def test_parses_euros_written_after_the_number():
    assert amount_of("a 2bn euros bid") == (Decimal(2_000_000_000), "EUR")


def test_parses_rupees_in_crore():
    assert amount_of("raised Rs 500 crore") == (Decimal(5_000_000_000), "INR")


def test_parses_rupees_in_lakh_after_the_number():
    assert amount_of("a 50 lakh rupees grant") == (Decimal(5_000_000), "INR")


def test_parses_yen_in_billions():
    assert amount_of("1.2 billion yen") == (Decimal(1_200_000_000), "JPY")


def test_parses_us_dollars_with_the_country_prefix():
    assert amount_of("US$300 million") == (Decimal(300_000_000), "USD")


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("HK$4bn", "HKD"),
        ("A$2 billion", "AUD"),
        ("C$150 mln", "CAD"),
        ("S$3m", "SGD"),
        ("NZ$10m", "NZD"),
        ("¥500bn", "JPY"),
        ("Sfr 20 mln", "CHF"),
        ("20 mln Swiss francs", "CHF"),
        ("50 mln stg", "GBP"),
        ("10 mln pounds sterling", "GBP"),
        ("300 mln Canadian dlrs", "CAD"),
        ("5 billion yuan", "CNY"),
        ("40 mln guilders", "NLG"),
    ],
)
def test_reads_the_currency_from_its_symbol_or_name(text, currency):
    assert amount_of(text)[1] == currency


def test_parses_thousands_separators():
    assert amount_of("sold for $300,000") == (Decimal(300_000), "USD")


def test_parses_a_spelled_out_number_before_a_scale():
    assert amount_of("invested eight mln dlrs in it") == (Decimal(8_000_000), "USD")


def test_a_named_dollar_after_a_bare_sign_wins():
    assert amount_of("$300 mln Canadian dlrs") == (Decimal(300_000_000), "CAD")


def test_marks_a_price_per_share():
    money = parse_money("an offer of 20 dlrs a share")
    assert money is not None
    assert money.per_share


def test_finds_every_sum_with_offsets_that_slice_its_text():
    text = "Revenue was 86.7bn Swiss francs ($74.6bn; £39.1bn) last year."
    found = find_money(text)
    assert [(m.amount, m.currency) for m in found] == [
        (Decimal(86_700_000_000), "CHF"),
        (Decimal(74_600_000_000), "USD"),
        (Decimal(39_100_000_000), "GBP"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


@pytest.mark.parametrize("text", ["in 2004 sales rose", "on 5 May", "it won 5 awards", "rs 5", "a million reasons"])
def test_numbers_that_are_not_money_are_ignored(text):
    assert find_money(text) == []


@given(st.text())
def test_money_parsing_never_raises_and_offsets_are_valid(text):
    for money in find_money(text):
        assert 0 <= money.start < money.end <= len(text)
        assert text[money.start : money.end] == money.text
        assert money.amount >= 0
