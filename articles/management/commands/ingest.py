"""python manage.py ingest PATH... [--source NAME] [--strict] [--resume RUN]

Reads files, folders, zip archives or standard input, stores each new story once, links it, and ends with what
became of every document. Without a broker everything runs in this process; with CELERY_BROKER_URL set the
documents are queued for the workers and this command follows their progress.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import InterfaceError, close_old_connections
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError
from tqdm import tqdm

from articles.models import Article, IngestRun, IngestVia, ItemStatus, LinkStatus
from articles.readers import read_paths
from articles.services import (
    articles_link,
    ingest_batch_process,
    ingest_run_counts,
    ingest_run_create,
    ingest_run_finish_if_done,
    ingest_run_interrupt,
    ingest_run_pending_ids,
    ingest_run_record,
    ingest_run_resume,
    item_batches,
)
from newsbase.celery import app as celery_app

POLL_SECONDS = 0.5
# Following a run with no progress for this long means no worker is consuming the queue.
STALL_WARNING_SECONDS = 30.0
SHOWN_DUPLICATES = 10


class Command(BaseCommand):
    help = "Ingests news documents (text, Markdown, HTML, JSON, JSON Lines, RSS/Atom, folders, zip archives, -)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", help='Files, folders, zip archives, or "-" for standard input.')
        parser.add_argument("--source", default="", help="The source to file every document under.")
        parser.add_argument("--strict", action="store_true", help="Exit with an error when any document failed.")
        parser.add_argument("--resume", type=int, metavar="RUN", help="Finish an interrupted run.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bars (logs, scripts).")

    def handle(self, *args: Any, **options: Any) -> None:
        self.quiet = options["no_progress"] or options["verbosity"] == 0
        if options["resume"]:
            run = IngestRun.objects.filter(pk=options["resume"]).first()
            if run is None:
                raise CommandError(f"There is no ingestion run {options['resume']}.")
            ingest_run_resume(run=run)
        else:
            if not options["paths"]:
                raise CommandError("Give at least one file, folder or archive to ingest (or --resume RUN).")
            run = ingest_run_create(via=IngestVia.CLI, inputs=options["paths"], source_name=options["source"])
            documents = read_paths(options["paths"], max_bytes=settings.NEWSBASE_MAX_DOCUMENT_BYTES)
            with self._bar("Reading", None) as bar:
                ingest_run_record(run=run, documents=_counted(documents, bar))
        if celery_app.conf.task_always_eager:
            self._process_here(run)
        else:
            self._process_with_workers(run)
        self._summarise(run, strict=options["strict"])

    def _process_here(self, run: IngestRun) -> None:
        pending = ingest_run_pending_ids(run=run)
        unlinked = _unlinked_article_ids(run)
        with self._bar("Storing and linking", len(pending)) as bar:
            for batch in item_batches(pending):
                ingest_batch_process(item_ids=batch)
                bar.update(len(batch))
        if unlinked:
            articles_link(article_ids=unlinked)
        ingest_run_finish_if_done(run=run)

    def _process_with_workers(self, run: IngestRun) -> None:
        from articles.tasks import ingest_batch, link_articles

        pending = ingest_run_pending_ids(run=run)
        unlinked = _unlinked_article_ids(run)
        try:
            for batch in item_batches(pending):
                ingest_batch.delay(batch)
            for batch in item_batches(unlinked):
                link_articles.delay(batch)
        except (BrokerError, RedisError, OSError) as error:
            raise _queue_lost(run, error) from error
        self._follow(run)

    def _follow(self, run: IngestRun) -> None:
        counts = ingest_run_counts(run=run)
        with self._bar("Storing", counts["total"]) as bar:
            bar.update(counts["total"] - counts["pending"])
            self._wait(run, lambda: _done_items(run), bar)
        created = Article.objects.filter(ingest_items__run=run, ingest_items__status=ItemStatus.CREATED)
        with self._bar("Linking", created.count()) as bar:
            self._wait(run, lambda: created.exclude(link_status=LinkStatus.PENDING).count(), bar)
        ingest_run_finish_if_done(run=run)

    def _wait(self, run: IngestRun, progress: Any, bar: tqdm) -> None:
        # Counted here, not read from the bar: a bar turned off (--no-progress) counts nothing.
        done = bar.n
        last_change = time.monotonic()
        warned = False
        while done < (bar.total or 0):
            _check_queue(run)
            try:
                now_done = progress()
            except (DatabaseOperationalError, InterfaceError):
                # The database is restarting (the workers retry their tasks): look again on a new connection.
                close_old_connections()
                now_done = done
            if now_done > done:
                bar.update(now_done - done)
                done = now_done
                last_change = time.monotonic()
            elif not warned and time.monotonic() - last_change > STALL_WARNING_SECONDS:
                bar.write("No progress for 30 s: is a worker running? Start one with: celery -A newsbase worker")
                warned = True
            if done < (bar.total or 0):
                time.sleep(POLL_SECONDS)

    def _summarise(self, run: IngestRun, *, strict: bool) -> None:
        counts = ingest_run_counts(run=run)
        self.stdout.write(
            f"Run {run.pk}: {counts['total']} documents: {counts['created']} created,"
            f" {counts['duplicate']} duplicates, {counts['failed']} failed."
        )
        if counts["total"] and not counts["created"] and counts["duplicate"] == counts["total"] - counts["failed"]:
            self.stdout.write("Nothing new: every readable document is already stored.")
        duplicates = run.items.filter(status=ItemStatus.DUPLICATE).order_by("position")
        for item in duplicates[:SHOWN_DUPLICATES]:
            self.stdout.write(f"  duplicate  {item.origin}: {item.reason}")
        if counts["duplicate"] > SHOWN_DUPLICATES:
            self.stdout.write(f"  ... and {counts['duplicate'] - SHOWN_DUPLICATES} more duplicates (run {run.pk}).")
        warned = run.items.filter(status=ItemStatus.CREATED).exclude(article__link_warning="").order_by("position")
        for item in warned.select_related("article"):
            self.stdout.write(f"  warning    {item.origin}: {item.article.link_warning}")
        for item in run.items.filter(status=ItemStatus.FAILED).order_by("position"):
            self.stderr.write(f"  failed     {item.origin}: {item.reason}")
        if strict and counts["failed"]:
            raise CommandError(f"{counts['failed']} documents failed (--strict).")

    def _bar(self, description: str, total: int | None) -> tqdm:
        return tqdm(total=total, desc=description, unit="doc", disable=self.quiet, dynamic_ncols=True)


def _counted(documents: Any, bar: tqdm) -> Any:
    for document in documents:
        bar.update()
        yield document


def _unlinked_article_ids(run: IngestRun) -> list[int]:
    """Articles a run stored whose linking never finished (a worker died after storing them): linked on resume."""
    return list(
        Article.objects.filter(ingest_items__run=run, link_status=LinkStatus.PENDING)
        .order_by("pk")
        .values_list("id", flat=True)
        .distinct()
    )


def _done_items(run: IngestRun) -> int:
    counts = ingest_run_counts(run=run)
    return counts["total"] - counts["pending"]


def _check_queue(run: IngestRun) -> None:
    """Progress is read from the database, so ask the queue too: a Redis that went away took the queued messages
    with it, and the run would never finish."""
    try:
        with celery_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=0)
    except (BrokerError, RedisError, OSError) as error:
        raise _queue_lost(run, error) from error


def _queue_lost(run: IngestRun, error: Exception) -> CommandError:
    ingest_run_interrupt(run=run, error=f"task queue unreachable: {error}")
    return CommandError(
        f"Cannot reach the task queue ({_redacted(settings.CELERY_BROKER_URL)}): {str(error).rstrip('.')}. Run"
        f" {run.pk} is interrupted; nothing stored is lost. When the queue is back, finish the run with:"
        f" python manage.py ingest --resume {run.pk}"
    )


def _redacted(url: str) -> str:
    """The broker URL without its password."""
    if "@" not in url:
        return url
    scheme, _, rest = url.partition("://")
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
