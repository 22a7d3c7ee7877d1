"""Engine speed: throughput, flatness in gazetteer size, linearity in text length, gazetteer build time.

    .venv/bin/python benchmarks/engine/run.py

Names are synthetic and reproducible (seeded). The text is the shared news corpus when ../shared/corpus is here
(read at run time, never copied), else generated sentences. Single process: the figures are per core.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from articles.extraction.gazetteer import Gazetteer  # noqa: E402
from articles.extraction.lexicon import lexicon  # noqa: E402
from articles.extraction.pipeline import extract  # noqa: E402
from articles.extraction.types import GazetteerEntry, GazetteerName  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEED = 20240601
TEXT_BYTES = 4_000_000
TARGETS = {"throughput MB/s": 2.0, "50k/1k time ratio": 1.3, "build 50k s": 2.0}

_SYLLABLES = (
    "ka", "ri", "to", "zen", "vo", "lux", "mar", "tel", "qui", "no", "sa", "fi", "dor", "ex", "an", "bel",
    "cor", "dia", "gen", "ix", "ko", "lam", "mo", "nex", "or", "pra", "sol", "tri", "ul", "ven", "wex", "zo",
)  # fmt: skip
_HEADS = ("Systems", "Holdings", "Group", "Technologies", "Capital", "Media", "Motors", "Bank", "Software", "Labs")
_SUFFIXES = ("Inc", "Corp", "Ltd", "plc", "AG", "SA", "GmbH", "NV", "")


def synthetic_entries(count: int, seed: int = SEED) -> list[GazetteerEntry]:
    """Company names shaped like real ones: a coined word, often a head word, sometimes a legal form, an alias
    without the legal form and, for one in five, a ticker."""
    rng = random.Random(seed)
    entries: list[GazetteerEntry] = []
    seen: set[str] = set()
    while len(entries) < count:
        coined = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        words = [coined]
        if rng.random() < 0.3:
            words.append("".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize())
        if rng.random() < 0.6:
            words.append(rng.choice(_HEADS))
        base = " ".join(words)
        if base in seen:
            continue
        seen.add(base)
        suffix = rng.choice(_SUFFIXES)
        names = [GazetteerName(f"{base} {suffix}".strip()), GazetteerName(base)]
        if rng.random() < 0.2:
            names.append(GazetteerName(coined[:4].upper(), is_ticker=True))
        key = base.casefold().replace(" ", "-")
        entries.append(GazetteerEntry(key=key, name=base, names=tuple(names)))
    return entries


def corpus_documents() -> list[str]:
    if not CORPUS.is_dir():
        return []
    paths = sorted((CORPUS / "bbc").glob("*/*.txt"))
    documents = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    return [doc.split("\n\n", 1)[-1] for doc in documents]


def generated_documents(entries: list[GazetteerEntry], count: int = 2000) -> list[str]:
    rng = random.Random(SEED)
    templates = (
        "{a} said on Tuesday it had agreed to buy {b} for $1.2bn, its biggest deal in five years.",
        "Shares in {a} rose 4% after the US media firm reported higher quarterly profits.",
        "Analysts at {b} expect {a}'s chief executive to announce job cuts in March.",
        "Personally, I think the market is ready for a new kind of video service.",
        "The Chinese tech giant {a} plans to spin off its {b} video unit, valued at $20 billion.",
        "From my perspective, regulators in London and Brussels will look closely at the deal.",
    )
    documents = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(8, 20)):
            a, b = rng.choice(entries).name, rng.choice(entries).name
            sentences.append(rng.choice(templates).format(a=a, b=b))
        documents.append("\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)))
    return documents


def time_documents(documents: list[str], gazetteer: Gazetteer) -> tuple[float, float]:
    """Wall-clock and CPU seconds. CPU time is what the engine costs when other processes share the machine."""
    started, started_cpu = time.perf_counter(), time.process_time()
    for document in documents:
        extract(document, gazetteer)
    return time.perf_counter() - started, time.process_time() - started_cpu


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = next(line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{model}, {os.cpu_count()} CPUs, load average {load}"


def take_bytes(documents: list[str], limit: int) -> list[str]:
    taken, size = [], 0
    while size < limit:
        for document in documents:
            taken.append(document)
            size += len(document.encode())
            if size >= limit:
                break
    return taken


def main() -> int:
    lexicon()  # loaded once per process, as a worker does; not part of any document's time
    entries_50k = synthetic_entries(50_000)
    builds = []
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        gazetteer_50k = Gazetteer(entries_50k)
        builds.append((time.perf_counter() - started, time.process_time() - started_cpu))
    build, build_cpu = min(wall for wall, _ in builds), min(cpu for _, cpu in builds)
    gazetteer_1k = Gazetteer(entries_50k[:1000])

    documents = corpus_documents()
    source = f"BBC corpus ({len(documents)} stories, cycled)" if documents else "generated news sentences"
    if not documents:
        documents = generated_documents(entries_50k)
    sample = take_bytes(documents, TEXT_BYTES)
    size = sum(len(document.encode()) for document in sample)
    time_documents(sample[:50], gazetteer_50k)  # warm up

    runs_50k = [time_documents(sample, gazetteer_50k) for _ in range(3)]
    runs_1k = [time_documents(sample, gazetteer_1k) for _ in range(3)]
    seconds_50k, seconds_1k = min(wall for wall, _ in runs_50k), min(wall for wall, _ in runs_1k)
    cpu_50k = min(cpu for _, cpu in runs_50k)
    throughput = size / seconds_50k / 1_000_000
    ratio = seconds_50k / seconds_1k

    # Linearity: one document made of 1x, 2x, 4x and 8x the same text, each the best of three runs like the
    # throughput (a single run may take a full garbage collection of the whole heap, 50,000 names included).
    unit = "\n\n".join(take_bytes(documents, 100_000))
    linear = []
    for factor in (1, 2, 4, 8):
        text = "\n\n".join([unit] * factor)
        runs = [time_documents([text], gazetteer_50k) for _ in range(3)]
        linear.append((len(text.encode()), min(wall for wall, _ in runs), min(cpu for _, cpu in runs)))
    per_mb = [elapsed / (length / 1_000_000) for length, elapsed, _ in linear]
    per_mb_cpu = [cpu / (length / 1_000_000) for length, _, cpu in linear]
    spread, spread_cpu = max(per_mb) / min(per_mb), max(per_mb_cpu) / min(per_mb_cpu)

    print(f"text: {source}; {size / 1e6:.1f} MB in {len(sample)} documents; 1 process (per core)")
    print(f"machine: {machine()}")
    print(f"{'measure':<34} {'value':>12}  target")
    print(f"{'gazetteer build, 50,000 names':<34} {build:>10.2f} s  < {TARGETS['build 50k s']} s")
    print(f"{'  the same, by CPU time':<34} {build_cpu:>10.2f} s")
    print(f"{'throughput, 50,000 names':<34} {throughput:>7.2f} MB/s  >= {TARGETS['throughput MB/s']} MB/s")
    print(f"{'  the same, by CPU time':<34} {size / cpu_50k / 1e6:>7.2f} MB/s")
    print(f"{'throughput, 1,000 names':<34} {size / seconds_1k / 1e6:>7.2f} MB/s")
    print(f"{'time 50k / time 1k':<34} {ratio:>12.2f}  <= {TARGETS['50k/1k time ratio']}")
    print(f"{'per-document time, median':<34} {statistics.median([seconds_50k / len(sample)]) * 1000:>9.2f} ms")
    for length, elapsed, cpu in linear:
        print(
            f"{f'one text of {length / 1e6:.2f} MB':<34} {elapsed:>10.3f} s  ({elapsed / length * 1e6:.3f} s/MB; "
            f"CPU {cpu / length * 1e6:.3f} s/MB)"
        )
    print(f"{'s/MB spread across 1x-8x':<34} {spread:>12.2f}  (1.00 = perfectly linear)")
    print(f"{'  the same, by CPU time':<34} {spread_cpu:>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
