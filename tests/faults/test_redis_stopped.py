"""Redis stops in the middle of a run: the CLI says so in one line, what is stored stays, `--resume` finishes the run.

A private Redis without persistence is stopped while a real worker is storing the run's documents: every message
still queued is gone with it, as after a crash. The CLI, following the run, must notice and stop with one line that
names the problem and the command to finish the run; that command, run too soon, says the same again. The worker
finishes the task it held with Redis (the cache too) away: no document or article may be marked failed for that.
Once Redis is back, `--resume` must store every document still pending and link every article still unlinked.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from articles.models import Article, IngestItem, IngestRun, ItemStatus, LinkStatus, RunStatus
from tests.articles.test_worker_faults import STORY_COMPANIES, starter_companies, write_stories
from tests.faults.checks import assert_run_stored_once_and_linked
from tests.faults.conftest import ALIAS, FaultServices

pytestmark = [pytest.mark.faults, pytest.mark.timeout(180)]

DOCUMENTS = 150
STOP_AFTER_DONE = 30
# The worker finishes the task it held while Redis is down (its linking included); it is done when nothing changes.
SETTLED_SECONDS = 3.0


def assert_one_line_naming_the_queue_and_the_resume_command(error: str, *, port: int, run: IngestRun) -> None:
    lines = [line for line in error.splitlines() if line.strip()]
    assert "Traceback" not in error
    assert len(lines) == 1, error
    assert f"Cannot reach the task queue (redis://127.0.0.1:{port}/0)" in lines[0], lines[0]
    assert lines[0].endswith(f"finish the run with: python manage.py ingest --resume {run.pk}"), lines[0]


def test_the_cli_reports_a_lost_queue_in_one_line_and_resume_finishes_the_run(
    fault_services: FaultServices, tmp_path: Path
) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    write_stories(folder, DOCUMENTS, [str(company["name"]) for company in starter_companies(STORY_COMPANIES)])
    items = IngestItem.objects.using(ALIAS)
    articles = Article.objects.using(ALIAS)
    fault_services.start_worker()
    ingest = fault_services.start_ingest(str(folder))
    fault_services.wait_until(
        lambda: items.exclude(status=ItemStatus.PENDING).count() >= STOP_AFTER_DONE,
        seconds=90,
        what=f"{STOP_AFTER_DONE} documents stored",
    )

    fault_services.redis.stop()
    stored_at_stop = set(articles.values_list("id", "content_hash"))
    returncode, _, error = fault_services.finish(ingest, seconds=30)
    run = IngestRun.objects.using(ALIAS).get()
    assert returncode == 1
    assert_one_line_naming_the_queue_and_the_resume_command(error, port=fault_services.redis.port, run=run)
    assert run.status == RunStatus.INTERRUPTED
    assert len(stored_at_stop) < DOCUMENTS, "the run finished before Redis stopped: nothing was tested"

    too_soon = fault_services.start_ingest("--resume", str(run.pk))
    returncode, _, error = fault_services.finish(too_soon, seconds=60)
    assert returncode == 1
    assert_one_line_naming_the_queue_and_the_resume_command(error, port=fault_services.redis.port, run=run)
    wait_until_settled(fault_services)

    fault_services.redis.start()  # empty: every message queued before the stop is gone
    resume = fault_services.start_ingest("--resume", str(run.pk))
    returncode, output, error = fault_services.finish(resume, seconds=120)

    assert returncode == 0, error
    assert f"Run {run.pk}: {DOCUMENTS} documents: {DOCUMENTS} created, 0 duplicates, 0 failed." in output
    assert stored_at_stop <= set(articles.values_list("id", "content_hash")), "an article stored before the stop"
    assert_run_stored_once_and_linked(using=ALIAS, run=run, documents=DOCUMENTS)
    run.refresh_from_db(using=ALIAS)
    assert run.status == RunStatus.FINISHED


def wait_until_settled(fault_services: FaultServices) -> None:
    """Waits until the task the worker held when Redis stopped is over: no document or article changes any more."""
    items = IngestItem.objects.using(ALIAS).exclude(status=ItemStatus.PENDING)
    articles = Article.objects.using(ALIAS).exclude(link_status=LinkStatus.PENDING)
    last: tuple[int, int] | None = None
    steady_since = time.monotonic()

    def settled() -> bool:
        nonlocal last, steady_since
        now = (items.count(), articles.count())
        if now != last:
            last, steady_since = now, time.monotonic()
        return time.monotonic() - steady_since >= SETTLED_SECONDS

    fault_services.wait_until(settled, seconds=90, what="the worker to finish the task it held")
