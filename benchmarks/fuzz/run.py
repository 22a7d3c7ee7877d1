"""Hostile files through ingestion: N generated or mutated documents of every format, stored and linked.

    .venv/bin/python benchmarks/fuzz/run.py [--files 10000] [--seed 0] [--jobs N] [--database-url URL]  (make fuzz)

Valid documents of every format (text, Markdown, HTML, JSON, JSON Lines, RSS, Atom, zip) are generated, most of them
mutated (truncation, byte flips, random bytes, huge lines, deep nesting, bad encodings, NUL bytes, entity and YAML
bombs, zip oddities: traversal, bombs, nesting, symlinks, lying sizes), written to a temporary folder and ingested
the way `manage.py ingest FOLDER` does in-process, with the starter companies loaded so linking finds mentions.

Prints the figures (files, items, created, duplicates, failed by reason, time) and exits non-zero on any problem: an
exception escaping ingestion, a file with no IngestItem, a failure without a reason, a linking failure, or a mention
whose offsets do not slice its text. The database is a fresh SQLite file in a temporary folder unless --database-url
names another one (it is migrated and kept; earlier runs' articles then count as duplicates).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.fuzz.ingestion import FuzzReport  # noqa: E402 - needs the project on the path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="How many files to generate (default 10,000).")
    parser.add_argument("--seed", type=int, default=0, help="The random seed: the same seed, the same files.")
    parser.add_argument("--database-url", default="", help="Default: a fresh SQLite file in a temporary folder.")
    parser.add_argument(
        "--jobs", type=int, default=1, help="Processes, each with its share of the files and a database."
    )
    parser.add_argument("--report-json", default="", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.jobs > 1 and arguments.database_url:
        parser.error("--jobs gives each process a database of its own: it cannot be combined with --database-url")

    started = time.perf_counter()
    report = run_jobs(arguments) if arguments.jobs > 1 else run_one(arguments)
    if arguments.report_json:
        Path(arguments.report_json).write_text(report.to_json())
        return 0
    report.wall_seconds = time.perf_counter() - started
    print("\n".join(report.lines()))
    load = os.getloadavg()
    print(f"load average       {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 1 if report.problems else 0


def run_one(arguments: argparse.Namespace) -> FuzzReport:
    # In memory where the system has it: thousands of small commits would otherwise wait on the disk.
    memory = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - a private folder is made inside it
    with tempfile.TemporaryDirectory(prefix="newsbase-fuzz-", dir=memory) as scratch:
        os.environ["DATABASE_URL"] = arguments.database_url or f"sqlite:///{scratch}/fuzz.sqlite3"
        # In-process tasks: every stored article is linked before the next document, as `ingest` does without Redis.
        os.environ["CELERY_BROKER_URL"] = ""
        os.environ.pop("REDIS_URL", None)
        os.environ.setdefault("LOG_LEVEL", "CRITICAL")
        os.environ["DJANGO_SETTINGS_MODULE"] = "newsbase.settings"

        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_companies", verbosity=0)

        from benchmarks.fuzz.files import fuzz_files
        from benchmarks.fuzz.ingestion import ingest_folder, write_files

        folder = Path(scratch) / "files"
        folder.mkdir()
        names = write_files(list(fuzz_files(arguments.files, seed=arguments.seed)), folder)
        print(f"{len(names):,} files written (seed {arguments.seed}); ingesting into {os.environ['DATABASE_URL']}")
        return ingest_folder(folder, names=names, progress=True)


def run_jobs(arguments: argparse.Namespace) -> FuzzReport:
    """Each process generates its share of the files from its own seed (seed * 1000 + its number)."""
    shares = [
        arguments.files // arguments.jobs + (job < arguments.files % arguments.jobs) for job in range(arguments.jobs)
    ]
    with tempfile.TemporaryDirectory(prefix="newsbase-fuzz-reports-") as scratch:
        reports = [Path(scratch) / f"{job}.json" for job in range(arguments.jobs)]
        children = []
        for job, share in enumerate(shares):
            seed = str(arguments.seed * 1000 + job)
            command = [
                sys.executable,
                __file__,
                "--files",
                str(share),
                "--seed",
                seed,
                "--report-json",
                str(reports[job]),
            ]
            children.append(subprocess.Popen(command))
        if any(child.wait() for child in children):
            sys.exit("a fuzz process failed: see its output above")
        merged = FuzzReport()
        for path in reports:
            merged.add(FuzzReport.from_json(path.read_text()))
    return merged


if __name__ == "__main__":
    sys.exit(main())
