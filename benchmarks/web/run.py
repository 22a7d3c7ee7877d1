"""Website speed on a large knowledge base, in one command:

    .venv/bin/python benchmarks/web/run.py [--database-url postgres://...] [--requests 200] [--seconds 10]

1. Server-side latency of every page type, rendered in-process through the full middleware stack: first with the
   page cache off (every request runs its queries and renders), then with it on (what a reader usually gets).
2. Search latency over a mix of names, typos and words, uncached.
3. Throughput under wrk on loopback with gunicorn: the company page against a bare Django view returning a constant
   string, same server, same run; then an editor's change, checked on the very next request.

Uses its own database (default postgres://postgres@127.0.0.1:5432/newsbase_bench), filled once with
`manage.py generate_benchmark_data --seed 7` (100,000 articles, 10,000 companies, 1,000,000 mentions, 20,000 deals).
Prints a table and rewrites the "Website" section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.large_knowledge_base import (  # noqa: E402 - needs the project on the path
    configure,
    database_create_if_missing,
    knowledge_base_fill,
    percentile,
)

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
# A Redis database of its own: another benchmark's workers saving articles would keep invalidating the pages.
REDIS_URL = os.environ.get("BENCH_WEB_REDIS_URL", "redis://127.0.0.1:6379/11")
PAGE_TARGET_MS, SEARCH_TARGET_MS, RATIO_TARGET = 50.0, 100.0, 0.5
ROUNDS = 4


def typo(name: str, rnd: random.Random) -> str:
    if len(name) < 5:
        return name
    at = rnd.randrange(1, len(name) - 1)
    return name[:at] + name[at + 1 :]


def sample_urls(rnd: random.Random, count: int) -> dict[str, list[str]]:
    from articles.models import Article, Source
    from companies.models import Company, Deal

    companies = list(Company.objects.public().values_list("slug", "country", flat=False))
    slugs = [slug for slug, _ in companies]
    busiest = list(Company.objects.public().order_by("-mention_count").values_list("slug", flat=True)[:100])
    deal_ids = list(Deal.objects.values_list("slug", flat=True))
    article_slugs = list(Article.objects.values_list("slug", flat=True))
    sources = list(Source.objects.values_list("slug", flat=True))
    countries = sorted({country for _, country in companies if country})
    kinds = ["acquisition", "merger", "investment", "funding_round", "ipo", "spin_off", "divestment", "partnership"]
    statuses = ["rumored", "proposed", "agreed", "completed", "cancelled", "rejected"]

    def company_list() -> str:
        params = [f"page={rnd.randint(1, 20)}"]
        if rnd.random() < 0.5:
            params.append(f"country={rnd.choice(countries)}")
        if rnd.random() < 0.5:
            params.append("sort=mentions")
        if rnd.random() < 0.3:
            params.append(f"kind={rnd.choice(['company', 'unit', 'investor'])}")
        return "/companies/?" + "&".join(params)

    def deal_list() -> str:
        params = [f"page={rnd.randint(1, 20)}"]
        if rnd.random() < 0.5:
            params.append(f"kind={rnd.choice(kinds)}")
        if rnd.random() < 0.3:
            params.append(f"status={rnd.choice(statuses)}")
        if rnd.random() < 0.3:
            params.append(f"year={rnd.choice([2024, 2025, 2026])}")
        if rnd.random() < 0.3:
            params.append("min_amount=100000000&sort=amount")
        if rnd.random() < 0.2:
            params = [f"company={rnd.choice(busiest)}"]
        return "/deals/?" + "&".join(params)

    def article_list() -> str:
        roll = rnd.random()
        if roll < 0.3:
            return f"/articles/?source={rnd.choice(sources)}&page={rnd.randint(1, 5)}"
        if roll < 0.6:
            return f"/articles/?company={rnd.choice(slugs)}"
        return f"/articles/?page={rnd.randint(1, 50)}"

    return {
        "home": ["/"] * max(20, count // 10),
        "company": [f"/companies/{rnd.choice(slugs)}/" for _ in range(count)],
        "company, 100 most covered": [f"/companies/{rnd.choice(busiest)}/" for _ in range(count // 2)],
        "company, articles page 5": [f"/companies/{rnd.choice(busiest)}/?page=5" for _ in range(count // 4)],
        "deal": [f"/deals/{rnd.choice(deal_ids)}/" for _ in range(count)],
        "article": [f"/articles/{rnd.choice(article_slugs)}/" for _ in range(count)],
        "company list": [company_list() for _ in range(count)],
        "deal list": [deal_list() for _ in range(count)],
        "article list": [article_list() for _ in range(count)],
    }


def search_urls(rnd: random.Random, count: int) -> list[str]:
    from companies.models import Company

    names = list(Company.objects.public().values_list("name", flat=True)[:2000])
    words = [
        *("regulators", "chips", "data centre", "quarterly revenue", "job cuts", "acquire", "funding", "rivals"),
        *("smartphone market", "engineering centre Singapore", '"generative AI"', "cloud -chips"),
    ]
    queries = []
    for _ in range(count):
        roll = rnd.random()
        name = rnd.choice(names)
        queries.append(name if roll < 0.35 else typo(name, rnd) if roll < 0.65 else rnd.choice(words))
    return [f"/search/?q={quote(query)}" for query in queries]


def time_pages(urls: dict[str, list[str]], *, cached: bool) -> dict[str, tuple[float, float, float, float]]:
    """(p50, p95, max) wall-clock ms per page type, and the p95 of this process's CPU ms: on a shared machine the
    CPU time moves far less with the other processes' load than the wall clock does (the database's time is not
    in it)."""
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    timings: dict[str, tuple[float, float, float, float]] = {}
    with override_settings(WEBSITE_PAGE_CACHE_SECONDS=600 if cached else 0):
        for name, paths in urls.items():
            cache.clear()
            for path in paths[:5]:
                client.get(path)  # warm connections and the template cache
            samples, cpu = [], []
            for path in paths:
                if cached:
                    client.get(path)
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(path)
                samples.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path} answered {response.status_code}")
            timings[name] = (statistics.median(samples), percentile(samples, 0.95), max(samples), percentile(cpu, 0.95))
            p50, p95, worst, cpu95 = timings[name]
            print(f"  {name:28} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {worst:6.0f} ms  CPU p95 {cpu95:5.1f} ms",
                  flush=True)  # fmt: skip
    return timings


def load_test(seconds: int) -> dict[str, float | str | bool]:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    from django.db import transaction

    from companies.models import Company

    company = Company.objects.public().order_by("-mention_count").first()
    port = 8790
    # Threads let a worker serve another request while one waits on Redis or PostgreSQL; both views get the same.
    workers, threads = (os.cpu_count() or 1) + 1, 4
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsbase.wsgi", "--chdir", str(ROOT), "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
         "--access-logfile", "-", "--error-logfile", "-", "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy(),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/bench/bare/", timeout=1).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        page = f"{base}{company.get_absolute_url()}"
        rates: dict[str, list[float]] = {"bare": [], "company": []}
        latency: dict[str, str] = {}
        with tempfile.TemporaryDirectory():
            for url in (f"{base}/bench/bare/", page):
                subprocess.run(["wrk", "-t2", "-c16", "-d2s", url], capture_output=True, check=True)  # warm up
            for _ in range(ROUNDS):  # alternate, so both see the same background load
                for name, url in (("bare", f"{base}/bench/bare/"), ("company", page)):
                    output = subprocess.run(
                        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", url],
                        capture_output=True, text=True, check=True,
                    ).stdout  # fmt: skip
                    rates[name].append(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)))
                    if "Non-2xx" in output:
                        raise SystemExit(f"{url} answered errors under load:\n{output}")
                    # The "99%" row of wrk's latency distribution (a "+/- Stdev" figure such as 72.99% is not it).
                    latency[name] = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)
        # An editor's change must show on the very next request, from any worker.
        time.sleep(2)  # let the server finish what wrk left queued
        original = company.description
        marker = f"Edited at {time.time_ns()}"
        with transaction.atomic():
            company.description = marker
            company.save()
        started = time.perf_counter()
        fresh = urllib.request.urlopen(page, timeout=60).read().decode()  # noqa: S310
        after_edit_ms = (time.perf_counter() - started) * 1000
        with transaction.atomic():
            company.description = original
            company.save()
        return {
            # Each round's company figure against the bare figure measured just before it.
            "ratio": statistics.median(c / b for c, b in zip(rates["company"], rates["bare"], strict=True)),
            "bare": statistics.mean(rates["bare"]),
            "company": statistics.mean(rates["company"]),
            "bare_p99": latency["bare"],
            "company_p99": latency["company"],
            "edit_visible": marker in fresh,
            "after_edit_ms": after_edit_ms,
            "workers": f"{workers} gthread workers x {threads} threads",
            "slug": company.slug,
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def machine() -> str:
    cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
    model = next((line.split(":", 1)[1].strip() for line in lscpu if line.startswith("Model name")), "unknown CPU")
    load = os.getloadavg()[0]
    return f"{cpus} CPUs ({model}), Python {sys.version.split()[0]}, load average {load:.1f} at the start"


def report(cold: dict, warm: dict, search: tuple, load: dict | None, args: argparse.Namespace, where: str) -> str:
    from articles.models import Article, Mention
    from companies.models import Company, Deal

    sizes = (
        f"{Article.objects.count():,} articles, {Company.objects.count():,} companies, "
        f"{Mention.objects.count():,} mentions, {Deal.objects.count():,} deals"
    )
    lines = [
        "## Website (`.venv/bin/python benchmarks/web/run.py`)",
        "",
        f"Machine: {where}, {os.getloadavg()[0]:.1f} at the end. "
        f"Data: `generate_benchmark_data --seed {args.seed}` on PostgreSQL ({sizes}); "
        f"{args.requests} requests per page type, in-process through the whole middleware stack.",
        "",
        "| page | p50, no cache | p95, no cache | max, no cache | CPU p95, no cache | p95, page cache "
        "| target (p95) | met: no cache / cache |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, (p50, p95, worst, cpu95) in cold.items():
        met = f"{'yes' if p95 <= PAGE_TARGET_MS else 'no'} / {'yes' if warm[name][1] <= PAGE_TARGET_MS else 'no'}"
        lines.append(
            f"| {name} | {p50:.1f} ms | {p95:.1f} ms | {worst:.0f} ms | {cpu95:.1f} ms | {warm[name][1]:.1f} ms | "
            f"<= {PAGE_TARGET_MS:.0f} ms | {met} |"
        )
    s50, s95, smax, scpu95 = search
    lines.append(
        f"| search (names, typos, words; never cached) | {s50:.1f} ms | {s95:.1f} ms | {smax:.0f} ms | "
        f"{scpu95:.1f} ms | | <= {SEARCH_TARGET_MS:.0f} ms | {'yes' if s95 <= SEARCH_TARGET_MS else 'no'} |"
    )
    if load:
        ratio = load["ratio"]
        lines += [
            "",
            f"Load (wrk -t2 -c32, {args.seconds} s x {ROUNDS} rounds each, alternating; gunicorn, {load['workers']}, "
            "loopback, Redis cache; requests/s are means over the rounds):",
            "",
            "| view | requests/s | p99 latency |",
            "| --- | --- | --- |",
            f"| bare Django view, constant string | {load['bare']:,.0f} | {load['bare_p99']} |",
            f"| company page (/companies/{load['slug']}/, the most covered company) | {load['company']:,.0f} | "
            f"{load['company_p99']} |",
            "",
            f"Company page / bare view, median of the paired rounds: **{ratio:.2f}** "
            f"(target >= {RATIO_TARGET}: {'met' if ratio >= RATIO_TARGET else 'not met'}). "
            f"An editor's change showed on the next request: **{'yes' if load['edit_visible'] else 'NO'}** "
            f"(that request, rendered afresh over HTTP: {load['after_edit_ms']:.0f} ms).",
        ]
    return "\n".join(lines) + "\n"


def write_results(section: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(r"^## Website .*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    RESULTS.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/newsbase_bench")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn + wrk part")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    configure(args.database_url, settings_module="benchmarks.web.settings", redis_url=REDIS_URL)
    where = machine()
    database_create_if_missing(args.database_url)
    import django

    django.setup()
    print(f"Data: {knowledge_base_fill(args.seed)}")
    rnd = random.Random(args.seed)
    urls = sample_urls(rnd, args.requests)
    print("Timing pages without the page cache…")
    cold = time_pages(urls, cached=False)
    print("Timing pages with the page cache…")
    warm = time_pages(urls, cached=True)
    print("Timing search…")
    search = time_pages({"search": search_urls(rnd, args.requests)}, cached=False)["search"]
    load = None
    if not args.no_load:
        print("Load test…")
        load = load_test(args.seconds)
    section = report(cold, warm, search, load, args, where)
    print()
    print(section)
    if not args.no_write:
        write_results(section)


if __name__ == "__main__":
    main()
