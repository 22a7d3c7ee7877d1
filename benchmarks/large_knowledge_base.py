"""What the website and API benchmarks share: the environment they run Django in, and the large generated knowledge
base (`generate_benchmark_data`) in a PostgreSQL database of its own, created, migrated and filled once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]


def configure(database_url: str, *, settings_module: str, redis_url: str, **extra: str) -> None:
    """Production-like settings (DEBUG off, no HTTPS redirect on loopback) and a Redis database of the benchmark's
    own: another benchmark's writes would keep invalidating the cached pages."""
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE=settings_module,
        DEBUG="false",
        SECRET_KEY="benchmark-only-secret-key-benchmark-only-secret-key",  # noqa: S106
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="ERROR",
        REDIS_URL=redis_url,
        **extra,
    )
    sys.path.insert(0, str(ROOT))


def database_create_if_missing(database_url: str) -> None:
    parts = urlsplit(database_url)
    name, host, user = parts.path.lstrip("/"), parts.hostname or "127.0.0.1", parts.username or "postgres"
    exists = subprocess.run(
        ["psql", "-h", host, "-U", user, "-tAc", f"select 1 from pg_database where datname='{name}'"],  # noqa: S608 (our own name)
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if exists != "1":
        subprocess.run(["psql", "-h", host, "-U", user, "-qc", f"create database {name}"], check=True)


def knowledge_base_fill(seed: int) -> str:
    """Migrates, and generates the knowledge base when the database holds no article; says which it did. Call after
    django.setup()."""
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article

    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        return "existing data"
    print("Generating the knowledge base (a few minutes)…")
    call_command("generate_benchmark_data", seed=seed)
    # Statistics and visibility maps, as autovacuum would leave them on a live database after a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return f"generate_benchmark_data --seed {seed}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
