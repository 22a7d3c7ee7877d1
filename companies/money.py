"""Amounts of money as news writes them: "$68.7 billion", "€1.2 million", "CHF 450 million"."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# Symbols readers recognise without a code; every other currency is written with its ISO 4217 code.
_SYMBOLS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CNY": "CN¥",
    "INR": "₹",
    "KRW": "₩",
    "CAD": "CA$",
    "AUD": "A$",
    "HKD": "HK$",
    "BRL": "R$",
}
_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def _trim(number: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    text = f"{number.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_money(amount: Decimal | int | float | None, currency: str) -> str:
    """`format_money(Decimal("68700000000"), "USD")` -> "$68.7 billion"; an empty string for no amount."""
    if amount is None:
        return ""
    value = Decimal(str(amount))
    code = currency.upper()
    words = ""
    for scale, name in _SCALES:
        if value >= scale:
            value, words = value / scale, f" {name}"
            break
    number = _trim(value, 2 if words else 0 if value == value.to_integral_value() else 2)
    symbol = _SYMBOLS.get(code)
    if symbol:
        return f"{symbol}{number}{words}"
    return f"{code} {number}{words}".strip()
