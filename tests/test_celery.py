"""The Celery wiring, proven with a real worker on Redis."""

import pytest
from celery.contrib.testing.worker import start_worker

from newsbase.celery import app
from newsbase.tasks import ping


@pytest.mark.celery_worker
def test_a_task_sent_to_a_real_worker_comes_back() -> None:
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert ping.delay().get(timeout=20) == "pong"
