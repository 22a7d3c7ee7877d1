"""The fuzz files through ingestion as the `ingest` command runs it in-process: read, record, store, link.

Needs Django set up and migrated, with tasks in-process (no broker), so an article is linked as soon as it is stored.
An exception that escapes a service for one document is caught here only to be counted as a crash (with the file
and the traceback's last line), so one crash does not hide the others; a correct run has none.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.fuzz.files import FuzzFile

SLOWEST_SHOWN = 5
PROGRESS_EVERY = 500
_NUMBERS = re.compile(r"\d[\d,.]*")
_QUOTED = re.compile(r"\([^()]*\)|'[^']*'|\"[^\"]*\"")


@dataclass
class FuzzReport:
    files: int = 0
    items: int = 0
    created: int = 0
    duplicates: int = 0
    failed_by_reason: Counter[str] = field(default_factory=Counter)
    linked: int = 0
    link_failed: list[str] = field(default_factory=list)
    mentions: int = 0
    bad_mentions: list[str] = field(default_factory=list)
    files_without_item: list[str] = field(default_factory=list)
    failures_without_reason: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    # (CPU seconds, document) of the documents that took longest to store and link.
    slowest: list[tuple[float, str]] = field(default_factory=list)
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(self.failed_by_reason.values())

    @property
    def problems(self) -> list[str]:
        """Everything that breaks the promise: no crash, every file accounted for, every failure with a reason."""
        return [
            *(f"crash: {crash}" for crash in self.crashes),
            *(f"no item for {name}" for name in self.files_without_item),
            *(f"failure without a reason: {origin}" for origin in self.failures_without_reason),
            *(f"linking failed: {error}" for error in self.link_failed),
            *(f"mention outside its text: {mention}" for mention in self.bad_mentions),
        ]

    def add(self, other: FuzzReport) -> None:
        """Folds in the report of another part of the same run (run.py --jobs)."""
        for name in ("files", "items", "created", "duplicates", "linked", "mentions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed_by_reason.update(other.failed_by_reason)
        for name in ("link_failed", "bad_mentions", "files_without_item", "failures_without_reason", "crashes"):
            getattr(self, name).extend(getattr(other, name))
        self.slowest = sorted([*self.slowest, *other.slowest], reverse=True)[:SLOWEST_SHOWN]
        self.wall_seconds = max(self.wall_seconds, other.wall_seconds)
        self.cpu_seconds += other.cpu_seconds

    def to_json(self) -> str:
        # By hand: dataclasses.asdict would rebuild the Counter from its (reason, count) pairs, counting the pairs.
        fields = {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}
        return json.dumps({**fields, "failed_by_reason": dict(self.failed_by_reason)})

    @classmethod
    def from_json(cls, text: str) -> FuzzReport:
        fields = json.loads(text)
        fields["failed_by_reason"] = Counter(fields["failed_by_reason"])
        fields["slowest"] = [tuple(pair) for pair in fields["slowest"]]
        return cls(**fields)

    def lines(self) -> list[str]:
        rate = self.files / self.wall_seconds if self.wall_seconds else 0.0
        out = [
            f"files              {self.files:,}",
            f"items recorded     {self.items:,}",
            f"created            {self.created:,} (linked {self.linked:,}, {self.mentions:,} mentions)",
            f"duplicates         {self.duplicates:,}",
            f"failed             {self.failed:,}, by reason:",
        ]
        out += [f"  {count:>7,}  {reason}" for reason, count in self.failed_by_reason.most_common()]
        out += [
            f"crashes            {len(self.crashes)}",
            f"problems           {len(self.problems)}",
            f"time               {self.wall_seconds:.1f} s wall, {self.cpu_seconds:.1f} s CPU ({rate:.0f} files/s)",
        ]
        out += [f"  slowest: {seconds:.2f} s CPU, {origin}" for seconds, origin in self.slowest]
        out += [f"  ! {problem}" for problem in self.problems[:50]]
        return out


def reason_kind(reason: str) -> str:
    """A failure reason without its numbers and quoted details, so reasons of one kind are counted together."""
    return " ".join(_QUOTED.sub("(…)", _NUMBERS.sub("N", reason)).split())[:90]


def write_files(files: list[FuzzFile], folder: Path) -> list[str]:
    """Saves each file under a numbered name; returns the names in order."""
    names = []
    for number, made in enumerate(files):
        name = f"{number:05d}-{made.name}"
        (folder / name).write_bytes(made.data)
        names.append(name)
    return names


def ingest_folder(folder: Path, *, names: list[str], progress: bool = False) -> FuzzReport:
    """Ingests every file in `folder` the way `manage.py ingest FOLDER` does without a broker, and checks the result."""
    from django.conf import settings

    from articles.models import Article, IngestItem, IngestVia, ItemStatus, LinkStatus, Mention
    from articles.readers import read_paths
    from articles.services import (
        ingest_item_process,
        ingest_run_create,
        ingest_run_finish_if_done,
        ingest_run_pending_ids,
        ingest_run_record,
    )

    report = FuzzReport(files=len(names))
    wall, cpu = time.perf_counter(), time.process_time()
    run = ingest_run_create(via=IngestVia.CLI, inputs=[str(folder)])
    try:
        ingest_run_record(run=run, documents=read_paths([folder], max_bytes=settings.NEWSBASE_MAX_DOCUMENT_BYTES))
    except Exception as error:
        report.crashes.append(f"reading {folder}: {_last_line(error)}")
    pending = ingest_run_pending_ids(run=run)
    slowest: list[tuple[float, int]] = []
    for done, item_id in enumerate(pending):
        if progress and done % PROGRESS_EVERY == 0:
            print(f"  {done:,} of {len(pending):,} documents stored, {time.perf_counter() - wall:.0f} s", flush=True)
        started = time.process_time()
        try:
            ingest_item_process(item_id=item_id)
        except Exception as error:
            origin = IngestItem.objects.filter(pk=item_id).values_list("origin", flat=True).first()
            report.crashes.append(f"{origin}: {_last_line(error)}")
        slowest.append((time.process_time() - started, item_id))
        slowest = sorted(slowest, reverse=True)[:SLOWEST_SHOWN]
    ingest_run_finish_if_done(run=run)
    report.wall_seconds, report.cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu

    origins = dict(run.items.filter(pk__in=[item_id for _, item_id in slowest]).values_list("pk", "origin"))
    report.slowest = [(seconds, Path(origins[item_id]).name) for seconds, item_id in slowest]
    items = list(run.items.values_list("origin", "status", "reason", "article_id"))
    report.items = len(items)
    covered = set()
    for origin, status, reason, _ in items:
        covered.add(Path(origin.split("!", 1)[0].split("#", 1)[0]).name)
        if status == ItemStatus.CREATED:
            report.created += 1
        elif status == ItemStatus.DUPLICATE:
            report.duplicates += 1
        elif status == ItemStatus.FAILED:
            report.failed_by_reason[reason_kind(reason)] += 1
            if not reason.strip():
                report.failures_without_reason.append(origin)
    report.files_without_item = [name for name in names if name not in covered]

    created_ids = [article_id for _, status, _, article_id in items if status == ItemStatus.CREATED]
    articles = Article.objects.filter(pk__in=created_ids)
    report.linked = articles.filter(link_status=LinkStatus.LINKED).count()
    report.link_failed = [
        f"article {pk}: {error}"
        for pk, error in articles.exclude(link_status=LinkStatus.LINKED).values_list("pk", "link_error")
    ]
    for article_id, body in articles.values_list("pk", "body").iterator(chunk_size=100):
        for pk, start, end, text in Mention.objects.filter(article=article_id).values_list(
            "pk", "start", "end", "text"
        ):
            report.mentions += 1
            # The stored surface text is cut at the column's 255 characters; the offsets are not.
            if not (0 <= start < end <= len(body)) or body[start:end][:255] != text:
                report.bad_mentions.append(f"mention {pk} [{start}:{end}] {text!r}")
    return report


def _last_line(error: BaseException) -> str:
    return traceback.format_exception_only(error)[-1].strip()[:300]
