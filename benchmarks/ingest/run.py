"""Ingestion end to end: BBC business+tech and 5,000 Reuters stories into PostgreSQL, stored and linked by one worker.

    .venv/bin/python benchmarks/ingest/run.py [--reuters 5000] [--sample 300] [--threads N] [--cprofile] [--no-results]

What it does, each time from scratch:
1. drops and creates the database `newsbase_ingest_bench` on the PostgreSQL server of DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432), migrates it, loads the starter companies and pads the knowledge base with
   generated, realistic company names (and aliases, tickers) to a 50,000-company gazetteer;
2. reads ../shared/corpus/bbc/{business,tech} and the first N Reuters-21578 TRAIN stories with a body (written to a
   temporary JSON Lines file at run time: no corpus text is kept in the project) and records them as one run;
3. starts ONE worker process (`celery worker --concurrency 1`, prefork: a parent and one child) on Redis, enqueues
   the run as the CLI does (one task per batch of BATCH_SIZE items: store them, then link what was stored) and
   measures from the first enqueue to the last article linked; the worker's memory is read from /proc: the peak
   resident set (VmHWM) of the child that runs the tasks and of the parent, and at the end the proportional set
   size (PSS) of both, which counts pages they share once; and the child's CPU time;
4. stores and links a sample of other Reuters stories in this process with every stage timed and every query
   counted, to show where a document's time goes (reading, storing with the near-duplicate check, the engine,
   writing what it found), and the broker/worker overhead as what remains of the end-to-end time;
5. prints the figures and replaces the "Ingestion" section of benchmarks/RESULTS.md.

Redis: a private redis-server on a free 127.0.0.1 port, started and stopped by the benchmark, holds the broker, the
results (db 1) and the cache (db 2): a shared Redis is flushed by other people's test suites (their cache.clear()),
which would lose queued tasks mid-run. BENCH_REDIS_URL=redis://host:port uses an existing server instead (its
databases 13 and 12 are flushed before and after). Skips with a message when the corpus is missing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpus" / "bbc"
REUTERS = SHARED / "corpus" / "reuters21578" / "reuters21578.jsonl"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
CELERY = Path(sys.executable).with_name("celery")
DATABASE = "newsbase_ingest_bench"
GAZETTEER_SIZE = 50_000
TARGET_DOCUMENTS_PER_SECOND = 150
TARGET_WORKER_MB = 300
POLL_SECONDS = 0.5
STALL_SECONDS = 120

sys.path.insert(0, str(ROOT))


# --- Environment: set before Django reads its settings ----------------------------------------------------------


def database_url() -> str:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{DATABASE}", "", ""))


@contextmanager
def private_redis() -> Iterator[str]:
    """A Redis server of the benchmark's own (or BENCH_REDIS_URL's), yielding its base URL."""
    if os.environ.get("BENCH_REDIS_URL") or not shutil.which("redis-server"):
        yield os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("could not start a private redis-server for the benchmark")
                time.sleep(0.1)
        client.close()
        yield f"redis://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def configure_environment(redis_base: str) -> dict[str, str]:
    broker_db, cache_db = (13, 12) if os.environ.get("BENCH_REDIS_URL") else (1, 2)
    environment = {
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": f"{redis_base}/{broker_db}",
        "REDIS_URL": f"{redis_base}/{cache_db}",
        "DJANGO_SETTINGS_MODULE": "newsbase.settings",
        "LOG_LEVEL": "WARNING",
        # A production worker: with DEBUG on, Django keeps the SQL of the last 9,000 queries in every process.
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
    }
    os.environ.update(environment)
    return environment


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def flush_redis(*urls: str) -> None:
    import redis

    for url in urls:
        client = redis.Redis.from_url(url)
        client.flushdb()
        client.close()


# --- The knowledge base: the starter list padded to 50,000 companies ------------------------------------------

_ONSETS = ("b", "br", "c", "cl", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pr", "qu",
           "r", "s", "st", "t", "tr", "v", "w", "z", "x", "sh", "th")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "y", "ou")
_CODAS = ("", "", "n", "r", "l", "s", "x", "m", "nt", "rk", "st", "v")
_SECTORS = ("Systems", "Technologies", "Labs", "Holdings", "Group", "Networks", "Software", "Capital", "Partners",
            "Robotics", "Energy", "Biotech", "Media", "Pharmaceuticals", "Logistics", "Semiconductor", "Analytics",
            "Foods", "Motors", "Bank", "Insurance", "Telecom", "Mining", "Airlines", "Retail", "Games", "Devices",
            "Materials", "Ventures", "Payments", "Cloud", "Security", "Health", "Solar", "Shipping")  # fmt: skip
_LEGAL = ("Inc", "Inc.", "Corp", "Corporation", "Ltd", "plc", "AG", "SA", "GmbH", "NV", "SE", "Co")
_PLACES = ("Nordic", "Pacific", "Atlantic", "Alpine", "Delta", "Northern", "Eastern", "Global", "United", "Royal",
           "Coastal", "Central", "Highland", "Metro", "Pioneer", "Summit", "Western", "Prime")  # fmt: skip
_COUNTRIES = ("US", "GB", "DE", "FR", "JP", "CN", "IN", "CA", "AU", "BR", "KR", "NL", "SE", "CH", "IT", "ES", "SG")


def coined_word(rng: random.Random) -> str:
    syllables = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3))]
    return ("".join(syllables) + rng.choice(_CODAS)).capitalize()


def generated_company(rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """A plausible company name ("Braxion Networks", "Nordic Veltra Shipping") and its other names."""
    shape = rng.random()
    if shape < 0.45:
        name = f"{coined_word(rng)} {rng.choice(_SECTORS)}"
    elif shape < 0.65:
        name = f"{rng.choice(_PLACES)} {coined_word(rng)} {rng.choice(_SECTORS)}"
    elif shape < 0.85:
        name = coined_word(rng)
    else:
        name = f"{coined_word(rng)} & {coined_word(rng)}"
    aliases: list[tuple[str, str]] = []
    if rng.random() < 0.5:
        aliases.append((f"{name} {rng.choice(_LEGAL)}", "alias"))
    if rng.random() < 0.1:
        aliases.append((coined_word(rng) + " " + rng.choice(_SECTORS), "former"))
    if rng.random() < 0.15:
        aliases.append(("".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)), "ticker"))
    return name, aliases


def pad_knowledge_base(total: int) -> int:
    """Adds generated companies until the knowledge base has `total`; returns how many names the gazetteer holds."""
    from companies.models import AliasKind, Company, CompanyAlias, CompanyStatus
    from companies.name_changes import names_changed
    from companies.names import name_key
    from newsbase.slugs import slug_base

    rng = random.Random(50_000)
    taken_keys = set(Company.objects.values_list("name_key", flat=True))
    taken_slugs = set(Company.objects.values_list("slug", flat=True))
    companies: list[Company] = []
    other_names: list[list[tuple[str, str]]] = []
    while len(taken_keys) < total:
        name, aliases = generated_company(rng)
        key = name_key(name)
        if key in taken_keys:
            continue
        taken_keys.add(key)
        slug = slug_base(name)
        while slug in taken_slugs:
            slug = f"{slug_base(name)}-{rng.randint(2, 999)}"
        taken_slugs.add(slug)
        companies.append(
            Company(name=name, name_key=key, slug=slug, country=rng.choice(_COUNTRIES), status=CompanyStatus.VERIFIED)
        )
        other_names.append(aliases)
    Company.objects.bulk_create(companies, batch_size=5000)
    kinds = {"alias": AliasKind.ALIAS, "former": AliasKind.FORMER, "ticker": AliasKind.TICKER}
    CompanyAlias.objects.bulk_create(
        (
            CompanyAlias(company=company, name=alias, name_key=name_key(alias), kind=kinds[kind])
            for company, aliases in zip(companies, other_names, strict=True)
            for alias, kind in aliases
        ),
        batch_size=5000,
    )
    names_changed(urgent=True)
    return Company.objects.count() + CompanyAlias.objects.count()


# --- The documents ---------------------------------------------------------------------------------------------


def reuters_stories(count: int, *, skip: int = 0) -> Iterator[dict[str, Any]]:
    """TRAIN-split stories with a body, in file order, shaped as Newsbase's JSON reader expects."""
    seen = 0
    with REUTERS.open(encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            if story.get("lewissplit") != "TRAIN" or not (story.get("body") or "").strip():
                continue
            seen += 1
            if seen <= skip:
                continue
            yield {
                "title": (story.get("title") or "").title(),
                "body": story["body"],
                "published_at": story.get("date"),
                "source": "Reuters",
            }
            if seen >= skip + count:
                return


def write_json_lines(path: Path, stories: Iterator[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for story in stories:
            out.write(json.dumps(story) + "\n")
            count += 1
    return count


# --- The worker ------------------------------------------------------------------------------------------------


def start_worker(environment: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    arguments = [
        *("-A", "newsbase", "worker"),
        # --threads N: the same one process, running N batches at a time on threads (no prefork child).
        *(("--pool", "threads", "--concurrency", str(ARGS.threads)) if ARGS.threads else ("--pool", "prefork")),
        *(() if ARGS.threads else ("--concurrency", "1")),
        *("-Q", "default,ingest,linking,feeds", "--without-heartbeat", "--without-mingle", "--without-gossip"),
        *("--loglevel", "WARNING"),
    ]
    with log.open("wb") as output:
        return subprocess.Popen(
            [str(CELERY), *arguments], cwd=ROOT, env={**os.environ, **environment}, stdout=output,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def wait_until_ready(worker: subprocess.Popen[bytes], log: Path) -> None:
    from newsbase.tasks import ping

    result = ping.delay()
    deadline = time.monotonic() + 60
    while not result.ready():
        if worker.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"the worker did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.1)


def worker_children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


def proc_status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (fields 14 and 15 of /proc/PID/stat, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proportional_set_kb(pid: int) -> int:
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    for line in rollup.read_text().splitlines() if rollup.exists() else []:
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is not None:
        return
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


# --- Where a document's time goes -----------------------------------------------------------------------------


class Stages:
    """Exclusive wall time and queries per stage: a stage's figures leave out the stages called inside it."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.queries: Counter[str] = Counter()
        self.query_seconds: Counter[str] = Counter()
        self.stack: list[str] = []
        self.wrapped: list[tuple[Any, str, Any]] = []
        self.mark = time.perf_counter()

    def _switch(self) -> None:
        now = time.perf_counter()
        if self.stack:
            self.seconds[self.stack[-1]] += now - self.mark
        self.mark = now

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self._switch()
        self.stack.append(name)
        try:
            yield
        finally:
            self._switch()
            self.stack.pop()

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        """Times a module's function or a class's method (a plain function on the class binds like the original)."""
        original = getattr(owner, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return original(*args, **kwargs)

        self.wrapped.append((owner, attribute, original))
        setattr(owner, attribute, timed)

    def unwrap(self) -> None:
        for owner, attribute, original in reversed(self.wrapped):
            setattr(owner, attribute, original)
        self.wrapped.clear()

    def count_query(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            stage = self.stack[-1] if self.stack else "other"
            self.queries[stage] += 1
            self.query_seconds[stage] += time.perf_counter() - started


STAGE_GROUPS = {
    "store: batch task, find articles to link": "storing",
    "store: lock the items, mark them, commit": "storing",
    "store: parse, exact duplicate checks (text, URL)": "storing",
    "store: shingles + MinHash bands": "storing (near-duplicate check)",
    "store: near-duplicate candidates + Jaccard": "storing (near-duplicate check)",
    "store: unique slugs": "storing",
    "store: source lookup": "storing",
    "store: insert articles + fingerprints": "storing",
    "store: run finished? check": "storing",
    "link: load articles, lock, mark linked, mention counts, commit": "link persistence",
    "link: gazetteer version check": "link persistence",
    "engine: extract": "engine extract",
    "link: resolve / create companies": "link persistence",
    "link: write mentions": "link persistence",
    "link: find / create deals, evidence": "link persistence",
}


def profile_sample(folder: Path, count: int, *, with_cprofile: bool) -> dict[str, Any]:
    """Reads, stores and links `count` Reuters stories not in the benchmark set, in this process, stage by stage,
    in batches as the worker does."""
    from django.db import connection

    import articles.services.ingest as ingest_module
    import articles.services.link as link_module
    from articles.gazetteer import gazetteer_build
    from articles.readers import RawDocument, read_paths
    from articles.services import ingest_run_create, ingest_run_record, item_batches

    # With --cprofile, a third more stories are stored and linked under cProfile after the timed ones: cProfile slows
    # Python code far more than waiting on the database, so it must not run while the stages are timed.
    extra = count // 3 if with_cprofile else 0
    sample = folder / "profile-sample.jsonl"
    write_json_lines(sample, reuters_stories(count + extra, skip=ARGS.reuters))
    read_started = time.perf_counter()
    documents = [document for document in read_paths([sample]) if isinstance(document, RawDocument)]
    reading = (time.perf_counter() - read_started) / max(len(documents), 1)
    run = ingest_run_create(via="cli", inputs=[str(sample)])
    ingest_run_record(run=run, documents=documents)
    item_ids = list(run.items.order_by("position").values_list("id", flat=True))
    timed_ids, profiled_ids = item_ids[:count], item_ids[count:]

    # Once per worker process, not per document: the gazetteer build and the engine's first call (its lexicons).
    build_started = time.perf_counter()
    gazetteer = link_module.gazetteer_current()
    build_seconds = time.perf_counter() - build_started
    # What the gazetteer holds, and the peak while it is built, traced (pyahocorasick allocates through Python's
    # allocator, so its nodes are counted); a second build, since tracing slows the first.
    tracemalloc.start()
    traced_copy = gazetteer_build()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    patterns = len(traced_copy.patterns)
    del traced_copy
    link_module.extract("Warm-up Holdings said on Monday it would buy Example Ltd.", gazetteer)
    stages = Stages()
    for owner, attribute, name in (
        (ingest_module, "ingest_batch_process", "store: batch task, find articles to link"),
        (ingest_module, "_store_batch", "store: lock the items, mark them, commit"),
        (ingest_module, "_store_items", "store: parse, exact duplicate checks (text, URL)"),
        (ingest_module, "shingles", "store: shingles + MinHash bands"),
        (ingest_module, "band_hashes", "store: shingles + MinHash bands"),
        (ingest_module._NearDuplicateIndex, "__init__", "store: near-duplicate candidates + Jaccard"),
        (ingest_module._NearDuplicateIndex, "best", "store: near-duplicate candidates + Jaccard"),
        (ingest_module, "unique_slugs", "store: unique slugs"),
        (ingest_module, "_sources_by_name", "store: source lookup"),
        (ingest_module, "_create_articles", "store: insert articles + fingerprints"),
        (ingest_module, "ingest_run_finish_if_done", "store: run finished? check"),
        (link_module, "articles_link", "link: load articles, lock, mark linked, mention counts, commit"),
        (link_module, "gazetteer_current", "link: gazetteer version check"),
        (link_module, "extract", "engine: extract"),
        (link_module._CompanyResolver, "__init__", "link: resolve / create companies"),
        (link_module._CompanyResolver, "resolve", "link: resolve / create companies"),
        (link_module._MentionWrites, "plan", "link: write mentions"),
        (link_module._MentionWrites, "write", "link: write mentions"),
        (link_module._DealBook, "__init__", "link: find / create deals, evidence"),
        (link_module._DealBook, "record", "link: find / create deals, evidence"),
        (link_module._DealBook, "write", "link: find / create deals, evidence"),
    ):
        stages.wrap(owner, attribute, name)

    def store_and_link(ids: list[int]) -> None:
        for batch in item_batches(ids):
            ingest_module.ingest_batch_process(item_ids=batch)

    top = ""
    try:
        with connection.execute_wrapper(stages.count_query):
            started = time.perf_counter()
            store_and_link(timed_ids)
            elapsed = time.perf_counter() - started
        timed = Stages()
        timed.seconds, timed.queries, timed.query_seconds = (
            stages.seconds.copy(),
            stages.queries.copy(),
            stages.query_seconds.copy(),
        )
        if profiled_ids:
            profiler = cProfile.Profile()
            profiler.runcall(store_and_link, profiled_ids)
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(15)
            top = f"cProfile of {len(profiled_ids)} more stories, costliest functions by own time:\n{text.getvalue()}"
    finally:
        stages.unwrap()
    return {
        "documents": len(timed_ids),
        "reading": reading,
        "elapsed": elapsed,
        "stages": timed,
        "cprofile": top,
        "gazetteer": {"seconds": build_seconds, "held_mb": held / 2**20, "peak_mb": peak / 2**20, "keys": patterns},
    }


# --- The run ---------------------------------------------------------------------------------------------------


def machine() -> str:
    model = ""
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next(
            (line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name")), ""
        )
    except OSError:
        model = platform.processor()
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} CPUs ({model or 'unknown model'}), Python {platform.python_version()}, load {load:.1f}"


def main() -> int:
    if not BBC.is_dir() or not REUTERS.is_file():
        print(f"Skipped: the corpus is missing ({BBC} and {REUTERS} are needed).")
        return 0
    with private_redis() as redis_base:
        return benchmark(configure_environment(redis_base))


def benchmark(environment: dict[str, str]) -> int:
    flush_redis(environment["CELERY_BROKER_URL"], environment["REDIS_URL"])
    print(f"Machine: {machine()}")
    started = time.perf_counter()
    recreate_database(environment["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Max

    from articles.models import Article, IngestItem, ItemStatus, LinkStatus
    from articles.readers import read_paths
    from articles.services import ingest_run_counts, ingest_run_create, ingest_run_enqueue, ingest_run_record

    call_command("migrate", verbosity=0)
    call_command("load_companies", stdout=io.StringIO())
    names = pad_knowledge_base(GAZETTEER_SIZE)
    print(f"Database {DATABASE}: migrated, {GAZETTEER_SIZE:,} companies ({names:,} names) in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="newsbase-bench-ingest-") as temporary:
        folder = Path(temporary)
        reuters = folder / "reuters.jsonl"
        written = write_json_lines(reuters, reuters_stories(ARGS.reuters))
        inputs = [BBC / "business", BBC / "tech", reuters]
        reading_started = time.perf_counter()
        run = ingest_run_create(via="cli", inputs=[str(path) for path in inputs], source_name="")
        total = ingest_run_record(run=run, documents=read_paths(inputs))
        reading_seconds = time.perf_counter() - reading_started
        print(
            f"Read and recorded {total:,} documents (BBC business+tech, {written:,} Reuters) in {reading_seconds:.1f} s"
        )

        log = folder / "worker.log"
        worker = start_worker(environment, log)
        try:
            wait_until_ready(worker, log)
            # The process that runs the tasks: the prefork child, or the worker itself with --threads.
            child = worker_children(worker.pid) if not ARGS.threads else [worker.pid]
            began = datetime.now(UTC)
            clock = time.perf_counter()
            ingest_run_enqueue(run=run)
            enqueued = time.perf_counter() - clock
            items = IngestItem.objects.filter(run=run)
            articles = Article.objects.filter(ingest_items__run=run)
            last, last_change, shown = -1, time.monotonic(), 0.0
            peak_rss = 0
            while True:
                pending = items.filter(status=ItemStatus.PENDING).count()
                unlinked = articles.filter(link_status=LinkStatus.PENDING).count()
                for pid in {worker.pid, *child}:
                    peak_rss = max(peak_rss, proc_status_kb(pid, "VmRSS"))
                progress = (total - pending) + (articles.count() - unlinked)
                if progress != last:
                    last, last_change = progress, time.monotonic()
                if not pending and not unlinked:
                    break
                if worker.poll() is not None or time.monotonic() - last_change > STALL_SECONDS:
                    sys.exit(f"the worker stopped making progress:\n{log.read_text()[-3000:]}")
                if time.perf_counter() - shown > 15:
                    shown = time.perf_counter()
                    print(f"  {time.perf_counter() - clock:5.0f} s: {total - pending:,} stored, "
                          f"{articles.count() - unlinked:,} linked")  # fmt: skip
                time.sleep(POLL_SECONDS)
            finished = articles.aggregate(last=Max("linked_at"))["last"] or datetime.now(UTC)
            end_to_end = (finished - began).total_seconds()
            parent_peak = proc_status_kb(worker.pid, "VmHWM")
            child_peaks = [proc_status_kb(pid, "VmHWM") for pid in child]
            pss = sum(proportional_set_kb(pid) for pid in {worker.pid, *child})
            child_cpu = sum(cpu_seconds(pid) for pid in child)
        finally:
            stop_worker(worker)
        counts = ingest_run_counts(run=run)
        created = counts["created"]

        profile = profile_sample(folder, ARGS.sample, with_cprofile=ARGS.cprofile)
    flush_redis(environment["CELERY_BROKER_URL"], environment["REDIS_URL"])

    figures = {
        "documents": total,
        "created": created,
        "duplicates": counts["duplicate"],
        "failed": counts["failed"],
        "end_to_end": end_to_end,
        "documents_per_second": total / end_to_end,
        "articles_per_second": created / end_to_end,
        "enqueue": enqueued,
        "reading": reading_seconds,
        "child_peak_mb": max(child_peaks, default=0) / 1024,
        "child_cpu_ms_per_document": child_cpu / total * 1000,
        "parent_peak_mb": parent_peak / 1024,
        "pss_mb": pss / 1024,
        "names": names,
        "machine": machine(),
    }
    report(figures, profile)
    return 0


def stage_table(profile: dict[str, Any], end_to_end_per_document: float) -> list[str]:
    stages: Stages = profile["stages"]
    documents = profile["documents"]
    rows = [
        "| stage | ms per document | queries per document | of which in the database, ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    rows.append(f"| reading (JSON Lines reader; CLI process) | {profile['reading'] * 1000:.2f} | 0 | 0 |")
    for name in STAGE_GROUPS:
        rows.append(
            f"| {name} | {stages.seconds[name] / documents * 1000:.2f} | {stages.queries[name] / documents:.1f} |"
            f" {stages.query_seconds[name] / documents * 1000:.2f} |"
        )
    in_process = profile["elapsed"] / documents
    queries = sum(stages.queries.values()) / documents
    query_ms = sum(stages.query_seconds.values()) / documents * 1000
    rows.append(f"| **total in process** | **{in_process * 1000:.1f}** | **{queries:.1f}** | **{query_ms:.1f}** |")
    rows.append(
        f"| outside the services: batch tasks, broker, gazetteer rebuilds, waiting for the CPU"
        f" (end to end minus in process) |"
        f" {max(end_to_end_per_document - in_process, 0) * 1000:.1f} | | |"
    )
    return rows


def report(figures: dict[str, Any], profile: dict[str, Any]) -> None:
    from articles.services import BATCH_SIZE

    per_document = figures["end_to_end"] / figures["documents"]
    stages: Stages = profile["stages"]
    groups: Counter[str] = Counter()
    for name, group in STAGE_GROUPS.items():
        groups[group] += stages.seconds[name]
    group_line = ", ".join(
        f"{group} {seconds / profile['documents'] * 1000:.1f} ms" for group, seconds in groups.most_common()
    )
    gazetteer = profile["gazetteer"]
    worker_kind = (
        f"`celery worker --pool threads --concurrency {ARGS.threads}`: the task process is the worker itself"
        if ARGS.threads
        else "`celery worker --concurrency 1`, prefork"
    )
    throughput_met = figures["documents_per_second"] >= TARGET_DOCUMENTS_PER_SECOND
    memory = max(figures["child_peak_mb"], figures["parent_peak_mb"])
    memory_met = memory < TARGET_WORKER_MB
    lines = [
        "## Ingestion (`.venv/bin/python benchmarks/ingest/run.py`)",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {figures['machine']} (load average when the run ended). "
        f"PostgreSQL 15 and Redis on the same machine; one worker process ({worker_kind}); "
        f"knowledge base: the starter list padded to {GAZETTEER_SIZE:,} companies "
        f"({figures['names']:,} names with aliases and tickers). Documents: BBC business+tech and the first "
        f"{ARGS.reuters:,} Reuters-21578 TRAIN stories with a body.",
        "",
        "| measure | value | target | met |",
        "| --- | --- | --- | --- |",
        f"| documents (created / duplicates / failed) | {figures['documents']:,} ({figures['created']:,} / "
        f"{figures['duplicates']:,} / {figures['failed']:,}) | | |",
        f"| end to end, first enqueue to last article linked | {figures['end_to_end']:.1f} s | | |",
        f"| documents per second, end to end | {figures['documents_per_second']:.1f} | >= "
        f"{TARGET_DOCUMENTS_PER_SECOND} | {'yes' if throughput_met else 'no'} |",
        f"| articles stored and linked per second | {figures['articles_per_second']:.1f} | | |",
        f"| worker peak RSS: task process / parent | {figures['child_peak_mb']:.0f} MB / "
        f"{figures['parent_peak_mb']:.0f} MB | < {TARGET_WORKER_MB} MB | {'yes' if memory_met else 'no'} |",
        f"| worker PSS at the end, parent + task process | {figures['pss_mb']:.0f} MB | | |",
        f"| the gazetteer: {gazetteer['keys']:,} keys; memory held / peak while building (tracemalloc); build time |"
        f" {gazetteer['held_mb']:.0f} MB / {gazetteer['peak_mb']:.0f} MB; {gazetteer['seconds']:.1f} s | | |",
        f"| reading and recording the run (CLI process, before enqueue) | {figures['reading']:.1f} s | | |",
        f"| enqueueing them, {BATCH_SIZE} a task (CLI process) | {figures['enqueue']:.2f} s | | |",
        f"| worker task process CPU time per document (user + system; PostgreSQL's own CPU not included) |"
        f" {figures['child_cpu_ms_per_document']:.1f} ms | | |",
        "",
        "Worker memory is read from /proc: the peak resident set (VmHWM) of the prefork child that runs the tasks, "
        "and of the parent, each of which must stay under the target; a resident set counts in full the pages the "
        "child still shares with its parent (Django and the code, loaded before the fork), so the proportional set "
        "size (PSS) of the two at the end, which counts a shared page once, is given as well. The child builds the "
        "gazetteer on its first batch and again when the knowledge base changes (at most once a minute for "
        "discovered companies): its peak includes a build. Tasks: one per batch of "
        f"{BATCH_SIZE} documents, which stores them and links the articles stored.",
        "",
        "The machine is shared with other people's test suites and benchmarks, so the end-to-end rate, which needs "
        "the CPU for the worker and for PostgreSQL at once, moves with the load (above: the load average when the "
        "run ended); the queries per document and the worker's CPU time per document depend little on it.",
        "",
        f"Where a document's time goes: {profile['documents']} further Reuters stories stored and linked in one "
        f"process with the same services, each stage's own time (stages inside it excluded) and queries: "
        f"{group_line}.",
        "",
        *stage_table(profile, per_document),
        "",
    ]
    section = "\n".join(lines)
    print()
    print(section)
    if profile["cprofile"]:
        print(profile["cprofile"])
    if not ARGS.no_results:
        write_results(section)
        print(f"Updated the Ingestion section of {RESULTS.relative_to(ROOT)}")


def write_results(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(r"^## Ingestion\b.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuters", type=int, default=5000, help="How many Reuters stories (default 5,000).")
    parser.add_argument("--sample", type=int, default=300, help="Stories in the stage-by-stage profile.")
    parser.add_argument("--cprofile", action="store_true", help="Also print the 15 costliest functions.")
    parser.add_argument("--threads", type=int, default=0, help="One worker process with N threads (default: prefork).")
    parser.add_argument("--no-results", action="store_true", help="Print only; leave benchmarks/RESULTS.md alone.")
    return parser.parse_args()


if __name__ == "__main__":
    ARGS = arguments()
    sys.exit(main())
