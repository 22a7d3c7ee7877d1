"""Extraction quality against issue 3's targets: the seed, BBC dev labels and the Reuters-21578 train split.

    .venv/bin/python benchmarks/quality/run.py [--verbose]

Reads ../shared (corpus, labels, scoring scripts) at run time and skips with a message when it is absent. The
gazetteer is the starter knowledge base (companies/data/starter_companies.json, else the draft parts in /tmp/kb).
Each document is written as one JSON line shaped like `manage.py extract --json` output, keeping the companies a
public page would show (serialize.PUBLIC_CONFIDENCE), and scored by ../shared/eval/score.py exactly as its README
says. Never run on the Reuters TEST split: it is held out.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from articles.extraction.gazetteer import Gazetteer  # noqa: E402
from articles.extraction.pipeline import extract  # noqa: E402
from articles.extraction.serialize import PUBLIC_CONFIDENCE, extraction_to_json  # noqa: E402
from articles.extraction.types import CompanyKind, GazetteerEntry, GazetteerName  # noqa: E402
from articles.readers import RawDocument, read_paths  # noqa: E402
from companies.importing import STARTER_FILE, CompanyRecord, read_company_file  # noqa: E402
from newsbase.slugs import slug_base  # noqa: E402

SHARED = ROOT.parent / "shared"
TARGETS = {
    "bbc companies P": 0.85,
    "bbc companies R": 0.80,
    "reuters marked names R": 0.85,
    "bbc deals P": 0.75,
    "bbc deals R": 0.65,
    "reuters acquisition F1": 0.88,
}


def gazetteer_entries(records: list[CompanyRecord]) -> list[GazetteerEntry]:
    """The starter list as the engine's gazetteer, keyed by the slugs the knowledge base gives its companies."""
    entries: list[GazetteerEntry] = []
    seen: set[str] = set()
    for record in records:
        key = slug_base(record.name)
        if key in seen:
            continue
        seen.add(key)
        ordinary = {name.casefold() for name in record.needs_context}
        names = [record.name, *record.aliases, *record.former_names]
        gazetteer_names = [GazetteerName(name, needs_context=name.casefold() in ordinary) for name in names]
        gazetteer_names += [GazetteerName(ticker, is_ticker=True) for ticker in record.tickers]
        entries.append(
            GazetteerEntry(
                key=key,
                name=record.name,
                names=tuple(gazetteer_names),
                kind=CompanyKind(record.kind or "company"),
                parent_key=slug_base(record.parent) if record.parent else None,
                country=record.country or None,
            )
        )
    return entries


_GAZETTEER: Gazetteer | None = None


def _worker_init(entries: list[GazetteerEntry]) -> None:
    global _GAZETTEER
    _GAZETTEER = Gazetteer(entries)


def _extract_file(path: str) -> list[str]:
    assert _GAZETTEER is not None
    lines = []
    for document in read_paths([path]):
        if not isinstance(document, RawDocument):
            print(f"could not read {document}", file=sys.stderr)
            continue
        extraction = extract(document.body, _GAZETTEER)
        row = {"document": path, "title": document.title}
        row.update(extraction_to_json(extraction, min_confidence=PUBLIC_CONFIDENCE))
        lines.append(json.dumps(row, ensure_ascii=False))
    return lines


def extract_to_jsonl(paths: list[Path], entries: list[GazetteerEntry], out: Path) -> float:
    started = time.perf_counter()
    with ProcessPoolExecutor(initializer=_worker_init, initargs=(entries,)) as pool, out.open("w") as sink:
        for lines in pool.map(_extract_file, [str(path) for path in paths], chunksize=32):
            for line in lines:
                sink.write(line + "\n")
    return time.perf_counter() - started


def score(*args: str, verbose: bool) -> str:
    command = [sys.executable, str(SHARED / "eval" / "score.py"), *args, *(["-v"] if verbose else [])]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def figures(output: str, label: str) -> Iterator[tuple[str, float]]:
    for line in output.splitlines():
        if line.startswith(label):
            for name, value in re.findall(r"\b(P|R|F1)=([0-9.]+)", line):
                yield name, float(value)


def run_seed(entries: list[GazetteerEntry]) -> list[tuple[str, str, str, bool]]:
    seed = SHARED / "seeds" / "kuaishou-kling-spin-off.txt"
    document = next(doc for doc in read_paths([seed]) if isinstance(doc, RawDocument))
    extraction = extract(document.body, Gazetteer(entries))
    public = extraction_to_json(extraction, min_confidence=PUBLIC_CONFIDENCE)
    names = sorted(company["name"] for company in public["companies"])
    kling = next((c for c in public["companies"] if c["name"] == "Kling AI"), None)
    unit_ok = kling is not None and kling["kind"] == "unit" and kling["parent"] == "Kuaishou"
    spin = [deal for deal in public["deals"] if deal["kind"] == "spin_off"]
    deal_ok = len(spin) == 1 and {(p["name"], p["role"]) for p in spin[0]["parties"]} == {
        ("Kuaishou", "parent"),
        ("Kling AI", "spun_off"),
    }
    deal_ok = deal_ok and spin[0]["valuation"] == "20000000000" and spin[0]["status"] == "proposed"
    return [
        ("seed companies", ", ".join(names), "Kling AI, Kuaishou", names == ["Kling AI", "Kuaishou"]),
        ("seed Kling AI unit of Kuaishou", str(unit_ok), "True", unit_ok),
        ("seed spin_off deal", str(deal_ok), "True", deal_ok),
    ]


def main() -> int:
    verbose = "--verbose" in sys.argv or "-v" in sys.argv
    if not (SHARED / "corpus").is_dir() or not (SHARED / "eval" / "score.py").exists():
        print(f"skipped: {SHARED / 'corpus'} (the shared corpus and scoring scripts) is not here")
        return 0
    entries = gazetteer_entries(read_company_file(STARTER_FILE))
    print(f"gazetteer: {len(entries)} companies from {STARTER_FILE}")
    print(f"public threshold: discovered companies with confidence >= {PUBLIC_CONFIDENCE}")
    rows: list[tuple[str, str, str, bool]] = run_seed(entries)
    work = Path(tempfile.mkdtemp(prefix="newsbase-quality-"))

    labels = SHARED / "labels" / "bbc-dev"
    bbc_docs = []
    for label in sorted(labels.glob("*.json")):
        doc = json.loads(label.read_text())["doc"]
        bbc_docs.append(SHARED / "corpus" / "bbc" / doc)
    bbc_out = work / "bbc.jsonl"
    extract_to_jsonl(bbc_docs, entries, bbc_out)
    bbc = score("bbc", str(labels), str(bbc_out), verbose=verbose)
    if verbose:
        print(bbc)
    company = dict(figures(bbc, "companies:"))
    deals = dict(figures(bbc, "deals:"))

    reuters_dir = work / "reuters"
    subprocess.run(
        [sys.executable, str(SHARED / "eval" / "prep_reuters.py"), "TRAIN", str(reuters_dir)],
        check=True,
        capture_output=True,
    )
    reuters_docs = sorted((reuters_dir / "docs").glob("*.txt"))
    reuters_out = work / "reuters.jsonl"
    seconds = extract_to_jsonl(reuters_docs, entries, reuters_out)
    reuters = score("reuters", str(reuters_dir / "gold.jsonl"), str(reuters_out), verbose=verbose)
    if verbose:
        print(reuters)
    acquisitions = dict(figures(reuters, "acquisition stories:"))
    marked = float(re.search(r"marked company names found: \d+/\d+ = ([0-9.]+)", reuters).group(1))

    for name, value in (
        ("bbc companies P", company["P"]),
        ("bbc companies R", company["R"]),
        ("reuters marked names R", marked),
        ("bbc deals P", deals["P"]),
        ("bbc deals R", deals["R"]),
        ("reuters acquisition F1", acquisitions["F1"]),
    ):
        rows.append((name, f"{value:.3f}", f">= {TARGETS[name]:.2f}", value >= TARGETS[name]))
    print(f"\n{len(reuters_docs)} Reuters train documents extracted in {seconds:.1f} s; outputs in {work}\n")
    width = max(len(row[0]) for row in rows)
    print(f"{'measure':<{width}}  {'value':<22}  {'target':<20}  met")
    for name, value, target, met in rows:
        print(f"{name:<{width}}  {value:<22}  {target:<20}  {'yes' if met else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
