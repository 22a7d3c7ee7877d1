"""The gazetteer every worker keeps: compact enough for 50,000 companies, and every hit still says what it matched."""

from __future__ import annotations

import random
import tracemalloc

from articles.extraction.gazetteer import Gazetteer, NamePattern
from articles.extraction.types import GazetteerEntry, GazetteerName

SYLLABLES = ["bra", "xio", "vel", "tor", "qua", "min", "zen", "lor", "pha", "dex", "kru", "sal", "tyn", "mor"]
SECTORS = ["Systems", "Networks", "Labs", "Holdings", "Robotics", "Capital", "Foods", "Energy"]


def generated_entries(count: int) -> list[GazetteerEntry]:
    """Made-up companies shaped like a real list: a name, often a legal form, sometimes a ticker."""
    rng = random.Random(7)
    entries, seen = [], set()
    while len(entries) < count:
        base = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        name = f"{base} {rng.choice(SECTORS)}"
        if name in seen:
            continue
        seen.add(name)
        names = [GazetteerName(name), GazetteerName(f"{name} Inc.")]
        if rng.random() < 0.2:
            names.append(GazetteerName(base[:4].upper(), is_ticker=True))
        entries.append(GazetteerEntry(key=f"c{len(entries)}", name=name, names=tuple(names)))
    return entries


def test_a_hit_says_which_name_of_which_company_it_matched() -> None:
    entries = [
        GazetteerEntry(key="hp", name="Hewlett-Packard", names=(GazetteerName("Hewlett-Packard"),)),
        GazetteerEntry(
            key="apple",
            name="Apple",
            names=(GazetteerName("Apple", needs_context=True), GazetteerName("AAPL", is_ticker=True)),
        ),
    ]
    gazetteer = Gazetteer(entries)
    text = "Hewlett Packard and Apple (AAPL) said so."
    hits = {text[hit.start : hit.end]: hit.pattern for hit in gazetteer.scan(text)}
    assert hits == {
        "Hewlett Packard": NamePattern(0, "Hewlett Packard", False, False, False, True, 15, True),
        "Apple": NamePattern(1, "Apple", True, False, False, False, 5, True),
        "AAPL": NamePattern(1, "AAPL", False, True, True, False, 4, False),
    }
    assert len(gazetteer.patterns) == 5  # "Hewlett-Packard" and its two derived forms, "Apple", "AAPL"
    assert gazetteer.patterns[2] == hits["AAPL"]  # every name first, then the derived forms


def test_a_name_costs_less_than_half_a_kilobyte() -> None:
    entries = generated_entries(5_000)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        gazetteer = Gazetteer(entries)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    names = sum(len(entry.names) for entry in entries)
    # The automaton's nodes are most of it; a Python object per name (as before) cost about 600 bytes a name.
    assert held / names < 450, f"{held / names:.0f} bytes per name"
    text = f"Shares of {entries[4321].name} rose."
    assert [gazetteer.entry(hit.pattern.entry_index).key for hit in gazetteer.scan(text)] == ["c4321"]
