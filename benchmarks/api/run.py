"""API speed: server-side latency of every list and detail endpoint on a large knowledge base, and the company
detail's throughput under load (gunicorn + wrk) against a bare DRF view that returns a constant, in the same run.

    .venv/bin/python benchmarks/api/run.py [--database-url postgres://...] [--requests 300] [--seconds 10]

The knowledge base is the website benchmark's: `manage.py generate_benchmark_data --seed 7` (100,000 articles,
10,000 companies, 1,000,000 mentions, 20,000 deals), in the same database by default (newsbase_bench), generated
once if it is empty, so both benchmarks measure the same data.
Targets: p95 <= 50 ms for every endpoint; company detail >= 0.5 x the constant view's requests per second.
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
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.large_knowledge_base import (  # noqa: E402 - needs the project on the path
    configure,
    database_create_if_missing,
    knowledge_base_fill,
)

# A Redis database of its own: other benchmarks' writes would keep invalidating the cached details.
REDIS_URL = os.environ.get("BENCH_API_REDIS_URL", "redis://127.0.0.1:6379/12")
P95_TARGET_MS = 50.0
RATIO_TARGET = 0.5


def sizes() -> dict[str, int]:
    from articles.models import Article, DealEvidence, Mention
    from companies.models import Company, CompanyAlias, Deal, DealParty

    models = [Company, CompanyAlias, Deal, DealParty, Article, Mention, DealEvidence]
    return {model._meta.verbose_name_plural: model.objects.count() for model in models}


def endpoints(rng: random.Random) -> dict[str, list[str]]:
    from articles.api.selectors import mentions_for_api
    from articles.models import Article, Source
    from companies.models import Company, Deal

    def sample(queryset, field: str, n: int = 200) -> list:
        values = list(queryset.order_by("?").values_list(field, flat=True)[:n])
        return values or ["missing"]

    companies = sample(Company.objects.public(), "slug")
    # The busiest companies too: a detail must not slow down with the number of articles and deals.
    busiest = list(Company.objects.public().order_by("-mention_count").values_list("slug", flat=True)[:20])
    deals, articles = sample(Deal.objects, "slug"), sample(Article.objects, "slug")
    mentions, sources = sample(mentions_for_api(), "pk"), sample(Source.objects, "slug")
    return {
        "GET /api/companies/": ["/api/companies/", "/api/companies/?country=CN", "/api/companies/?ordering=-created"],
        "GET /api/companies/{slug}/": [f"/api/companies/{s}/" for s in companies + busiest],
        "GET /api/company-lookup/?q=": [f"/api/company-lookup/?q={s[:5]}" for s in sample(Company.objects, "name")],
        "GET /api/deals/": ["/api/deals/", "/api/deals/?kind=acquisition", "/api/deals/?ordering=-amount"]
        + [f"/api/deals/?company={s}" for s in companies[:50] + busiest[:10]],
        "GET /api/deals/{slug}/": [f"/api/deals/{s}/" for s in deals],
        "GET /api/articles/": ["/api/articles/", *(f"/api/articles/?source={s}" for s in sources[:10])]
        + [f"/api/articles/?company={s}" for s in companies[:50] + busiest[:10]],
        "GET /api/articles/{slug}/": [f"/api/articles/{s}/" for s in articles],
        "GET /api/mentions/": ["/api/mentions/"]
        + [f"/api/mentions/?company={s}" for s in companies[:50] + busiest[:10]],
        "GET /api/mentions/{id}/": [f"/api/mentions/{pk}/" for pk in mentions],
        "GET /api/sources/": ["/api/sources/"],
        "GET /api/sources/{slug}/": [f"/api/sources/{s}/" for s in sources],
    }


def latency(urls: dict[str, list[str]], requests: int, rng: random.Random) -> list[tuple[str, float, float, int]]:
    """Every request does its database work: the detail cache is off (API_CACHE_SECONDS=0), so a detail asked for
    twice is rendered twice."""
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    with override_settings(API_CACHE_SECONDS=0):
        for name, choices in urls.items():
            rows.append((name, *_timed(client, choices, requests, rng)))
    return rows


def _timed(client: Any, choices: list[str], requests: int, rng: random.Random) -> tuple[float, float, int]:
    """(p50, p95, failures) of `requests` requests over random choices, after warming the database's caches."""
    for url in choices[:20]:
        client.get(url)
    timings, failures = [], 0
    for _ in range(requests):
        url = rng.choice(choices)
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        failures += response.status_code != 200
    timings.sort()
    return timings[len(timings) // 2], timings[int(len(timings) * 0.95) - 1], failures


def load(companies: list[str], seconds: int, rounds: int) -> tuple[list[float], list[float]]:
    """Requests per second of the constant view and of the company detail, same gunicorn, same wrk settings, in
    alternating rounds so that both see the same background load."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    port = "8765"
    workers = str(os.cpu_count() or 2)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsbase.wsgi", "--chdir", str(ROOT), "--bind", f"127.0.0.1:{port}",
         "--workers", workers, "--access-logfile", "/dev/null", "--log-level", "warning"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        for _ in range(100):
            if (
                subprocess.run(
                    ["curl", "-sf", f"http://127.0.0.1:{port}/bench/constant/"], capture_output=True
                ).returncode
                == 0
            ):
                break
            time.sleep(0.2)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            paths = ", ".join(f'"/api/companies/{slug}/"' for slug in companies)
            script.write(f"paths = {{{paths}}}\ni = 0\nrequest = function()\n  i = i % #paths + 1\n"
                         "  return wrk.format('GET', paths[i])\nend\n")  # fmt: skip

        def rps(*arguments: str, duration: int = seconds) -> float:
            wrk = ["wrk", "-t2", "-c16", f"-d{duration}s", *arguments]
            output = subprocess.run(wrk, capture_output=True, text=True, check=True).stdout
            non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
            if non_2xx:
                raise SystemExit(f"{non_2xx.group(1)} failed responses:\n{output}")
            return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

        constant_url = f"http://127.0.0.1:{port}/bench/constant/"
        detail = ("-s", script.name, f"http://127.0.0.1:{port}/")
        # Warm up: imports and connections, then every detail once, so that the rounds measure the steady state
        # (details served from the cache until the next change) rather than the first reader of each company.
        rps(constant_url, duration=2)
        for slug in companies:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/companies/{slug}/", timeout=30).read()
        rps(*detail, duration=2)
        constants, details = [], []
        for _ in range(rounds):
            constants.append(rps(constant_url))
            details.append(rps(*detail))
        return constants, details
    finally:
        server.terminate()
        server.wait(timeout=20)
        Path(script.name).unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/newsbase_bench")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per endpoint")
    parser.add_argument("--seconds", type=int, default=8, help="length of each load round")
    parser.add_argument("--rounds", type=int, default=3, help="load rounds, alternating the two views")
    parser.add_argument("--seed", type=int, default=7, help="generate_benchmark_data seed, if the database is empty")
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn + wrk part")
    parser.add_argument("--no-latency", action="store_true", help="skip the in-process latency part")
    arguments = parser.parse_args()

    configure(
        arguments.database_url,
        settings_module="benchmarks.api.settings",
        redis_url=REDIS_URL,
        API_THROTTLE_ANONYMOUS="100000000/minute",
        API_THROTTLE_KEY="100000000/minute",
    )
    database_create_if_missing(arguments.database_url)
    import django

    django.setup()
    began = time.perf_counter()
    origin = knowledge_base_fill(arguments.seed)
    print(f"data: {origin} ({time.perf_counter() - began:.0f} s): {sizes()}")
    print(f"machine: {os.cpu_count()} CPUs, load average {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    rng = random.Random(11)
    urls = endpoints(rng)

    if not arguments.no_latency:
        print(f"\nserver-side latency, {arguments.requests} requests per endpoint, one process (ms)")
        print(f"{'endpoint':34} {'p50':>7} {'p95':>7}  target p95 <= {P95_TARGET_MS:.0f}")
        worst = 0.0
        for name, p50, p95, failures in latency(urls, arguments.requests, rng):
            worst = max(worst, p95)
            flag = "ok" if p95 <= P95_TARGET_MS and not failures else "MISSED"
            print(f"{name:34} {p50:7.1f} {p95:7.1f}  {flag}{f' ({failures} non-200)' if failures else ''}")
        print(f"worst p95: {worst:.1f} ms; load average {', '.join(f'{v:.1f}' for v in os.getloadavg())}")

    if not arguments.no_load:
        from django.db import connections

        connections.close_all()
        slugs = [url.split("/")[3] for url in urls["GET /api/companies/{slug}/"]]
        constants, details = load(slugs, arguments.seconds, arguments.rounds)
        ratios = [detail / constant for constant, detail in zip(constants, details, strict=True)]
        ratio = statistics.median(ratios)
        print(f"\nload: gunicorn, {os.cpu_count()} sync workers; wrk -t2 -c16 -d{arguments.seconds}s x "
              f"{arguments.rounds} rounds, alternating, same machine")  # fmt: skip
        print(f"bare DRF view returning a constant: {' '.join(f'{v:6.0f}' for v in constants)} requests/s")
        print(f"company detail ({len(slugs)} companies): {' '.join(f'{v:6.0f}' for v in details)} requests/s")
        print(f"ratio per round: {' '.join(f'{v:.2f}' for v in ratios)}; median {ratio:.2f} "
              f"(target >= {RATIO_TARGET})  {'ok' if ratio >= RATIO_TARGET else 'MISSED'}")  # fmt: skip
        print(f"load average {', '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
