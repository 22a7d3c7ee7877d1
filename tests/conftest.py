"""Shared test setup: real services when configured, a clear skip when not."""

import os
from collections.abc import Iterator

import pytest
from django.db import connection

pytest_plugins = ["tests.fixtures"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    broker = os.environ.get("CELERY_BROKER_URL", "")
    for item in items:
        if "celery_worker" in item.keywords and not broker.startswith("redis"):
            item.add_marker(pytest.mark.skip(reason="needs a real Celery worker: set CELERY_BROKER_URL=redis://..."))


@pytest.fixture(autouse=True)
def _tasks_in_process(request: pytest.FixtureRequest) -> Iterator[None]:
    """Unit tests run tasks in-process, even when a broker is configured; tests marked celery_worker use the queue."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    from newsbase.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def _skip_without_postgres(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")
