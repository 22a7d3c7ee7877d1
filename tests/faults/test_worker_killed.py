"""A worker killed mid-task during a 1,000-document run: after a restart every document is stored once and linked.

The whole run goes through the CLI, as a user would start it: `manage.py ingest` queues the documents and follows
them, a real worker stores and links them, and the worker is SIGKILLed (its parent and children together, as the OOM
killer or a lost machine would) while it holds a message. The CLI keeps following; a new worker started once the
held message's visibility timeout has passed gets it back, and the CLI ends with every document created.
tests/articles/test_worker_faults.py proves the same on the shared services with 200 documents; this is the
issue's full size, on private servers.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from articles.models import IngestItem, IngestRun, ItemStatus, RunStatus
from tests.articles.test_worker_faults import (
    RESTART_DELAY,
    STORY_COMPANIES,
    kill_while_holding_a_message,
    starter_companies,
    write_stories,
)
from tests.faults.checks import assert_run_stored_once_and_linked
from tests.faults.conftest import ALIAS, FaultServices

pytestmark = [pytest.mark.faults, pytest.mark.timeout(240)]

DOCUMENTS = 1000
# Kill once this many documents are done, so the kill lands in the middle of the run, not before or after it.
KILL_AFTER_DONE = 150


def test_a_worker_killed_mid_run_of_a_thousand_documents_loses_nothing_and_doubles_nothing(
    fault_services: FaultServices, tmp_path: Path
) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    write_stories(folder, DOCUMENTS, [str(company["name"]) for company in starter_companies(STORY_COMPANIES)])
    items = IngestItem.objects.using(ALIAS)
    worker = fault_services.start_worker()
    ingest = fault_services.start_ingest(str(folder))
    fault_services.wait_until(
        lambda: items.exclude(status=ItemStatus.PENDING).count() >= KILL_AFTER_DONE,
        seconds=120,
        what=f"{KILL_AFTER_DONE} documents stored",
    )

    kill_while_holding_a_message(worker, fault_services.redis.client(), fault_services.start_worker)
    assert items.exclude(status=ItemStatus.PENDING).count() < DOCUMENTS, "the run finished before the kill"
    time.sleep(RESTART_DELAY)
    fault_services.start_worker()
    returncode, output, error = fault_services.finish(ingest, seconds=180)

    run = IngestRun.objects.using(ALIAS).get()
    assert returncode == 0, error
    assert f"Run {run.pk}: {DOCUMENTS} documents: {DOCUMENTS} created, 0 duplicates, 0 failed." in output
    assert_run_stored_once_and_linked(using=ALIAS, run=run, documents=DOCUMENTS)
    assert run.status == RunStatus.FINISHED
