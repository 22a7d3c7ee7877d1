"""A small gazetteer written for the company tests (no corpus text)."""

from __future__ import annotations

from articles.extraction.gazetteer import Gazetteer
from articles.extraction.types import CompanyKind, GazetteerEntry, GazetteerName


def entry(
    key: str,
    name: str,
    *aliases: str,
    ordinary: tuple[str, ...] = (),
    tickers: tuple[str, ...] = (),
    kind: CompanyKind = CompanyKind.COMPANY,
    parent_key: str | None = None,
) -> GazetteerEntry:
    names = [GazetteerName(name, needs_context=name in ordinary)]
    names += [GazetteerName(alias, needs_context=alias in ordinary) for alias in aliases]
    names += [GazetteerName(ticker, is_ticker=True) for ticker in tickers]
    return GazetteerEntry(key=key, name=name, names=tuple(names), kind=kind, parent_key=parent_key)


def small_gazetteer(*, blocked_names: tuple[str, ...] = ()) -> Gazetteer:
    return Gazetteer(
        [
            entry("kuaishou", "Kuaishou", "Kuaishou Technology"),
            entry("apple", "Apple", "Apple Inc.", ordinary=("Apple",), tickers=("AAPL",)),
            entry("shell", "Shell", "Royal Dutch Shell", ordinary=("Shell",)),
            entry("hewlett-packard", "Hewlett-Packard", "HP"),
            entry("procter-gamble", "Procter & Gamble"),
            entry("meta", "Meta Platforms", "Meta", "Facebook", ordinary=("Meta",)),
            entry("ibm", "IBM", "International Business Machines"),
            entry("time-warner", "Time Warner"),
            entry("aol", "AOL", kind=CompanyKind.UNIT, parent_key="time-warner"),
        ],
        blocked_names=blocked_names,
    )
