"""PostgreSQL restarts in the middle of a run: the tasks it interrupted retry, and the run completes.

A fast restart of a private cluster cuts every connection (the worker's, in the middle of a task, and the CLI's) and
refuses new ones for a moment. The tasks retry transient database errors with backoff; the CLI following the run
looks again on a new connection; in the end every document is stored once and linked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.models import IngestItem, IngestRun, ItemStatus, RunStatus
from tests.articles.test_worker_faults import STORY_COMPANIES, starter_companies, write_stories
from tests.faults.checks import assert_run_stored_once_and_linked
from tests.faults.conftest import ALIAS, FaultServices

pytestmark = [pytest.mark.faults, pytest.mark.timeout(180)]

DOCUMENTS = 150
RESTART_AFTER_DONE = 30
# Celery's words for a task it will run again after an error (autoretry_for, with backoff).
RETRY_LOGGED = "retry: Retry in"


def test_a_run_completes_when_postgres_restarts_in_the_middle(fault_services: FaultServices, tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    write_stories(folder, DOCUMENTS, [str(company["name"]) for company in starter_companies(STORY_COMPANIES)])
    items = IngestItem.objects.using(ALIAS)
    fault_services.start_worker()
    ingest = fault_services.start_ingest(str(folder))
    fault_services.wait_until(
        lambda: items.exclude(status=ItemStatus.PENDING).count() >= RESTART_AFTER_DONE,
        seconds=90,
        what=f"{RESTART_AFTER_DONE} documents stored",
    )

    fault_services.restart_postgres()
    assert items.exclude(status=ItemStatus.PENDING).count() < DOCUMENTS, "the run finished before the restart"
    returncode, output, error = fault_services.finish(ingest, seconds=120)

    run = IngestRun.objects.using(ALIAS).get()
    assert returncode == 0, error
    assert "Traceback" not in error
    assert f"Run {run.pk}: {DOCUMENTS} documents: {DOCUMENTS} created, 0 duplicates, 0 failed." in output
    assert_run_stored_once_and_linked(using=ALIAS, run=run, documents=DOCUMENTS)
    assert run.status == RunStatus.FINISHED
    worker_log = "".join(log.read_text(errors="replace") for log in tmp_path.glob("worker-*.log"))
    assert RETRY_LOGGED in worker_log, "the restart cut a task short, and the task was retried"
