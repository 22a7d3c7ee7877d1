"""/healthz: 200 only when every part in use is up, 503 with the failing part named otherwise."""

from __future__ import annotations

import json
import os

import pytest
from celery.contrib.testing.worker import start_worker
from django.test import Client

from newsbase.celery import app as celery_app
from tests.test_settings import run_python

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: a connection there is refused at once.
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


def health(client: Client) -> tuple[int, dict[str, object]]:
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return response.status_code, response.json()


def states(answer: dict[str, object]) -> dict[str, str]:
    return {name: part["status"] for name, part in answer["checks"].items()}


@pytest.fixture
def without_services(settings: object) -> None:
    """The laptop setup: SQLite or whatever database the tests use, a memory cache, tasks in-process."""
    settings.REDIS_URL = ""
    settings.CELERY_BROKER_URL = "memory://localhost/"


def test_without_services_the_parts_not_in_use_are_not_configured_and_do_not_fail(
    client: Client, without_services: None
) -> None:
    status, answer = health(client)
    assert status == 200
    assert answer["status"] == "ok"
    assert states(answer) == {
        "database": "ok",
        "cache": "not configured",
        "broker": "not configured",
        "workers": "not configured",
    }


def test_a_cache_redis_that_refuses_connections_makes_the_deployment_unhealthy(
    client: Client, without_services: None, settings: object
) -> None:
    settings.REDIS_URL = CLOSED_PORT_REDIS
    status, answer = health(client)
    assert status == 503
    assert answer["status"] == "down"
    assert states(answer)["cache"] == "down"
    assert states(answer)["database"] == "ok"
    # The kind of error only: host names and ports stay in the log, not on a public page.
    assert "127.0.0.1" not in json.dumps(answer)


def test_a_broker_that_refuses_connections_leaves_no_worker_reachable(
    client: Client, without_services: None, settings: object
) -> None:
    settings.CELERY_BROKER_URL = CLOSED_PORT_REDIS
    # Tasks go to the (unreachable) queue, as they do in production; the suite's default is to run them in-process.
    celery_app.conf.task_always_eager = False
    try:
        status, answer = health(client)
    finally:
        celery_app.conf.task_always_eager = True
    assert status == 503
    assert states(answer)["broker"] == "down"
    assert states(answer)["workers"] == "down"
    assert "broker is unreachable" in answer["checks"]["workers"]["detail"]


def test_a_database_that_refuses_connections_makes_the_deployment_unhealthy() -> None:
    result = run_python(
        "-c\0import django, json; django.setup(); from django.test import Client;"
        " response = Client(HTTP_HOST='localhost').get('/healthz');"
        " print(response.status_code, json.loads(response.content)['checks']['database']['status'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/newsbase",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["503", "down"]


def test_healthz_is_not_redirected_to_https_so_a_load_balancer_can_probe_it() -> None:
    result = run_python(
        "-c\0import django; django.setup(); from django.test import Client;"
        " client = Client(HTTP_HOST='newsbase.example.org');"
        " print(client.get('/healthz').status_code, client.get('/robots.txt').status_code)",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="newsbase.example.org",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["200", "301"]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis for the cache: set REDIS_URL=redis://...")
def test_a_live_cache_redis_is_reported_up(client: Client, settings: object) -> None:
    settings.REDIS_URL = os.environ["REDIS_URL"]
    _, answer = health(client)
    assert states(answer)["cache"] == "ok"


@pytest.mark.celery_worker
# Committed: the Celery fixup closes the test's database connection when the worker starts; outside a transaction
# Django opens a new one.
@pytest.mark.django_db(transaction=True)
def test_with_a_live_worker_every_part_is_up(client: Client) -> None:
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        status, answer = health(client)
    assert states(answer)["broker"] == "ok"
    assert states(answer)["workers"] == "ok", answer
    assert status == 200, answer


@pytest.mark.celery_worker
def test_with_no_worker_running_the_deployment_is_unhealthy(client: Client) -> None:
    status, answer = health(client)
    assert status == 503
    assert states(answer)["broker"] == "ok"
    assert states(answer)["workers"] == "down"
    assert "no worker answered" in answer["checks"]["workers"]["detail"]
