"""The same task delivered twice, at once and again later, to a real worker: the same rows as delivered once.

Redis redelivers a message whenever a worker took it and did not acknowledge it in time (a worker killed, a network
cut, a task slower than the visibility timeout), so every task may run twice, even at the same moment as its first
delivery. The test lets the CLI queue a run with no worker running, doubles every queued message exactly as Redis
would redeliver it (the same bytes, the same task id), and starts a worker with two processes: the two copies of a
message are the two messages it holds, so they run side by side. Then it delivers every message a third time.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings

from articles.models import IngestItem, IngestRun
from tests.articles.test_worker_faults import STORY_COMPANIES, starter_companies, write_stories
from tests.faults.checks import assert_run_stored_once_and_linked, stored_rows
from tests.faults.conftest import ALIAS, FaultServices

pytestmark = [pytest.mark.faults, pytest.mark.timeout(180)]

DOCUMENTS = 250
# The queues a worker started without -Q consumes; with kombu's Redis transport each is a list of that name, and
# a message a worker holds sits in the "unacked" hash until it is acknowledged.
QUEUES = [queue.name for queue in settings.CELERY_TASK_QUEUES]
UNACKED = "unacked"
QUIET_SECONDS = 1.5


def queued(broker: redis.Redis) -> int:
    return sum(broker.llen(queue) for queue in QUEUES)


def wait_until_quiet(fault_services: FaultServices, broker: redis.Redis, *, busy: bool, what: str) -> None:
    """Waits until the queues hold messages and stopped growing (busy) or are empty with none held (not busy)."""
    last: tuple[int, int] | None = None
    quiet_since = time.monotonic()

    def quiet() -> bool:
        nonlocal last, quiet_since
        now = (queued(broker), broker.hlen(UNACKED))
        if now != last:
            last, quiet_since = now, time.monotonic()
        settled = now[0] > 0 if busy else now == (0, 0)
        return settled and time.monotonic() - quiet_since >= QUIET_SECONDS

    fault_services.wait_until(quiet, seconds=90, what=what)


def double_every_queued_message(broker: redis.Redis) -> list[tuple[str, bytes]]:
    """Puts a second copy of every queued message right behind the first; returns the messages (queue, bytes)."""
    messages = [(queue, message) for queue in QUEUES for message in broker.lrange(queue, 0, -1)]
    with broker.pipeline(transaction=True) as pipeline:
        for queue in QUEUES:
            pipeline.delete(queue)
        for queue, message in messages:
            pipeline.rpush(queue, message, message)
        pipeline.execute()
    return messages


def successes(log: str, task_id: str) -> int:
    # Celery logs "Task <name>[<id>] succeeded in <seconds>s" for every delivery that ran to the end.
    return log.count(f"[{task_id}] succeeded in")


def test_every_task_delivered_twice_and_again_later_gives_the_rows_of_one_delivery(
    fault_services: FaultServices, tmp_path: Path
) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    write_stories(folder, DOCUMENTS, [str(company["name"]) for company in starter_companies(STORY_COMPANIES)])
    broker = fault_services.redis.client()
    ingest = fault_services.start_ingest(str(folder))
    wait_until_quiet(fault_services, broker, busy=True, what="the CLI to queue the run")
    assert IngestItem.objects.using(ALIAS).count() == DOCUMENTS
    messages = double_every_queued_message(broker)
    task_ids = [json.loads(message)["headers"]["id"] for _, message in messages]

    fault_services.start_worker(concurrency=2)
    returncode, output, error = fault_services.finish(ingest, seconds=120)
    wait_until_quiet(fault_services, broker, busy=False, what="every delivery to be done")

    run = IngestRun.objects.using(ALIAS).get()
    assert returncode == 0, error
    assert f"Run {run.pk}: {DOCUMENTS} documents: {DOCUMENTS} created, 0 duplicates, 0 failed." in output
    assert_run_stored_once_and_linked(using=ALIAS, run=run, documents=DOCUMENTS)
    once = stored_rows(using=ALIAS)

    with broker.pipeline(transaction=True) as pipeline:
        for queue, message in messages:
            pipeline.rpush(queue, message)
        pipeline.execute()
    wait_until_quiet(fault_services, broker, busy=False, what="the third deliveries to be done")

    assert stored_rows(using=ALIAS) == once
    worker_log = "".join(log.read_text(errors="replace") for log in tmp_path.glob("worker-*.log"))
    assert {task_id: successes(worker_log, task_id) for task_id in task_ids} == dict.fromkeys(task_ids, 3)
