"""Settings come from the environment: nothing set gives a laptop setup, production values pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RUNTIME_VARIABLES = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
}


def run_python(code: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in RUNTIME_VARIABLES}
    env.update(environment, DJANGO_SETTINGS_MODULE="newsbase.settings")
    return subprocess.run(  # noqa: S603
        [sys.executable, *code.split("\0")], cwd=PROJECT, env=env, capture_output=True, text=True, check=False
    )


def test_no_environment_gives_sqlite_and_tasks_run_at_once() -> None:
    result = run_python(
        "-c\0import django; django.setup(); from django.conf import settings as s;"
        " print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'])"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_services_come_from_the_environment() -> None:
    result = run_python(
        "-c\0import django; django.setup(); from django.conf import settings as s;"
        " print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_TASK_ACKS_LATE,"
        " s.CELERY_WORKER_PREFETCH_MULTIPLIER, s.CELERY_TASK_SERIALIZER)",
        DATABASE_URL="postgres://user@127.0.0.1:5432/newsbase",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "True", "1", "json"]


def test_production_values_pass_the_deploy_check() -> None:
    result = run_python(
        "manage.py\0check\0--deploy\0--fail-level\0WARNING",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="newsbase.example.org",
        CSRF_TRUSTED_ORIGINS="https://newsbase.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_python("manage.py\0check", DEBUG="false", ALLOWED_HOSTS="newsbase.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
