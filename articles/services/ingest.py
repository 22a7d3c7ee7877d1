"""Ingestion: documents in, articles stored once, each document's fate recorded.

A run records every document it is given as an IngestItem first (pending, with the document as read, or failed with
the reason it could not be read), then stores the pending ones one at a time: each in its own transaction that also
marks its item, so a worker killed mid-way leaves every item either done or still pending, never half-stored. Linking
is queued once the article's transaction commits.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import (
    Article,
    ArticleFingerprint,
    IngestItem,
    IngestRun,
    IngestVia,
    ItemStatus,
    LinkStatus,
    RunStatus,
    Source,
)
from articles.near_duplicates import THRESHOLD, band_hashes, jaccard, shingles
from articles.readers import RawDocument, ReadFailure, read_entries
from newsbase.slugs import unique_slug

logger = logging.getLogger(__name__)

RECORD_BATCH = 200
NEAR_DUPLICATE_CANDIDATES = 20


@dataclass(frozen=True, slots=True)
class StoreOutcome:
    status: ItemStatus
    article: Article
    reason: str = ""


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def document_to_payload(document: RawDocument) -> dict[str, object]:
    return {
        "origin": document.origin,
        "title": document.title,
        "body": document.body,
        "url": document.url,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "source": document.source,
        "author": document.author,
        "tags": list(document.tags),
        "format": document.format,
    }


def document_from_payload(payload: dict[str, object]) -> RawDocument:
    published = payload.get("published_at")
    return RawDocument(
        origin=str(payload["origin"]),
        title=str(payload.get("title") or ""),
        body=str(payload["body"]),
        url=(str(payload["url"]) if payload.get("url") else None),
        published_at=datetime.fromisoformat(str(published)) if published else None,
        source=(str(payload["source"]) if payload.get("source") else None),
        author=(str(payload["author"]) if payload.get("author") else None),
        tags=tuple(str(tag) for tag in payload.get("tags") or ()),  # type: ignore[union-attr]
        format=str(payload.get("format") or "text"),
    )


# --- Runs -----------------------------------------------------------------------------------------------------


def ingest_run_create(
    *,
    via: IngestVia | str,
    inputs: list[str],
    source_name: str = "",
    requested_by: AbstractBaseUser | None = None,
) -> IngestRun:
    return IngestRun.objects.create(via=via, inputs=inputs, source_name=source_name, requested_by=requested_by)


def ingest_run_record(*, run: IngestRun, documents: Iterable[RawDocument | ReadFailure]) -> int:
    """Records documents as the run's items, in batches; returns how many were recorded."""
    position = run.items.count()
    recorded = 0
    iterator: Iterator[RawDocument | ReadFailure] = iter(documents)
    while batch := list(islice(iterator, RECORD_BATCH)):
        items = []
        for document in batch:
            if isinstance(document, ReadFailure):
                item = IngestItem(
                    run=run, position=position, origin=document.origin[:1000], status=ItemStatus.FAILED,
                    reason=document.reason,
                )  # fmt: skip
            else:
                item = IngestItem(
                    run=run, position=position, origin=document.origin[:1000], document=document_to_payload(document)
                )
            items.append(item)
            position += 1
        IngestItem.objects.bulk_create(items)
        recorded += len(items)
    return recorded


def ingest_run_pending_ids(*, run: IngestRun) -> list[int]:
    return list(run.items.filter(status=ItemStatus.PENDING).order_by("position").values_list("id", flat=True))


def ingest_run_enqueue(*, run: IngestRun) -> int:
    """Queues every pending item of the run once the current transaction commits; returns how many."""
    from articles.tasks import ingest_item

    item_ids = ingest_run_pending_ids(run=run)

    def send() -> None:
        for item_id in item_ids:
            ingest_item.delay(item_id)

    transaction.on_commit(send)
    return len(item_ids)


def ingest_run_finish_if_done(*, run: IngestRun) -> bool:
    if run.items.filter(status=ItemStatus.PENDING).exists():
        return False
    IngestRun.objects.filter(pk=run.pk, finished_at__isnull=True).update(
        status=RunStatus.FINISHED, finished_at=timezone.now()
    )
    return True


def ingest_run_interrupt(*, run: IngestRun, error: str) -> None:
    IngestRun.objects.filter(pk=run.pk).update(status=RunStatus.INTERRUPTED, error=error)


def ingest_run_resume(*, run: IngestRun) -> None:
    IngestRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, error="", finished_at=None)


def ingest_submit_documents(
    *,
    documents: Iterable[RawDocument | ReadFailure],
    via: IngestVia | str,
    source_name: str = "",
    requested_by: AbstractBaseUser | None = None,
    inputs: list[str] | None = None,
) -> IngestRun:
    """Records the documents as a new run and queues them; in-process when no broker is configured."""
    documents = list(documents)
    with transaction.atomic():
        run = ingest_run_create(
            via=via,
            inputs=inputs if inputs is not None else [document.origin for document in documents][:100],
            source_name=source_name,
            requested_by=requested_by,
        )
        ingest_run_record(run=run, documents=documents)
        if not ingest_run_enqueue(run=run):
            ingest_run_finish_if_done(run=run)
    run.refresh_from_db()
    return run


def ingest_submit_files(
    *,
    files: list[tuple[str, bytes]],
    via: IngestVia | str,
    source_name: str = "",
    requested_by: AbstractBaseUser | None = None,
    max_bytes: int | None = None,
) -> IngestRun:
    """Reads uploaded files of any supported format; a file that cannot be read becomes a failed item."""
    from django.conf import settings

    limit = max_bytes if max_bytes is not None else settings.NEWSBASE_MAX_DOCUMENT_BYTES
    documents: list[RawDocument | ReadFailure] = []
    for name, data in files:
        # Lenient: one bad feed entry or archive member fails alone, the rest of the file is read.
        documents.extend(read_entries(data, name=name, origin=name, max_bytes=limit))
    return ingest_submit_documents(
        documents=documents, via=via, source_name=source_name, requested_by=requested_by, inputs=[n for n, _ in files]
    )


@dataclass(frozen=True, slots=True)
class RetryOutcome:
    queued: int
    # Items that failed while being read keep no document (there was none to keep): only a new upload helps.
    unreadable: int


def ingest_run_retry_failed(*, run: IngestRun) -> RetryOutcome:
    """Puts the run's failed items that still hold their document back to pending and queues them, with any item
    left pending by a worker that died; the run is running again until they are done."""
    with transaction.atomic():
        failed = run.items.filter(status=ItemStatus.FAILED)
        unreadable = failed.filter(document__isnull=True).count()
        failed.filter(document__isnull=False).update(status=ItemStatus.PENDING, reason="", updated_at=timezone.now())
        queued = 0
        if run.items.filter(status=ItemStatus.PENDING).exists():
            ingest_run_resume(run=run)
            queued = ingest_run_enqueue(run=run)
    return RetryOutcome(queued=queued, unreadable=unreadable)


def ingest_run_counts(*, run: IngestRun) -> dict[str, int]:
    counts = run.items.aggregate(
        total=Count("id"),
        pending=Count("id", filter=Q(status=ItemStatus.PENDING)),
        created=Count("id", filter=Q(status=ItemStatus.CREATED)),
        duplicate=Count("id", filter=Q(status=ItemStatus.DUPLICATE)),
        failed=Count("id", filter=Q(status=ItemStatus.FAILED)),
    )
    return {key: value or 0 for key, value in counts.items()}


# --- One document ---------------------------------------------------------------------------------------------


def ingest_item_process(*, item_id: int) -> IngestItem | None:
    """Stores one pending item's document. Idempotent: an item already done is left as it is."""
    from articles.tasks import link_article

    with transaction.atomic():
        item = (
            IngestItem.objects.select_for_update(of=("self",))
            .select_related("run", "article")
            .filter(pk=item_id)
            .first()
        )
        if item is None:
            return None
        if item.status != ItemStatus.PENDING:
            # Delivered again after a worker died between committing the article and queueing its link: queue it
            # now (linking is idempotent), or the article would wait for a resume.
            if item.status == ItemStatus.CREATED and item.article and item.article.link_status == LinkStatus.PENDING:
                article_id = item.article.pk
                transaction.on_commit(lambda: link_article.delay(article_id))
            return item
        if not item.document:
            item.status, item.reason = ItemStatus.FAILED, "the document was not kept; submit it again"
        else:
            document = document_from_payload(item.document)
            source_name = item.run.source_name or document.source or ""
            try:
                with transaction.atomic():
                    outcome = article_store(document=document, source_name=source_name)
            except IntegrityError:
                # Another worker stored the same text or URL between our check and our insert: now it is a duplicate.
                outcome = article_store(document=document, source_name=source_name)
            item.status, item.article, item.reason = outcome.status, outcome.article, outcome.reason
            item.document = None
            if outcome.status == ItemStatus.CREATED:
                article_id = outcome.article.pk
                transaction.on_commit(lambda: link_article.delay(article_id))
        item.save(update_fields=["status", "article", "reason", "document", "updated_at"])
    ingest_run_finish_if_done(run=item.run)
    return item


def article_store(*, document: RawDocument, source_name: str = "") -> StoreOutcome:
    """Stores a document as an article unless the same story is stored already (same text, URL, or nearly same)."""
    body = document.body
    digest = content_hash(body)
    same_text = Article.objects.filter(content_hash=digest).only("id", "title").first()
    if same_text is not None:
        return StoreOutcome(ItemStatus.DUPLICATE, same_text, f"same text as article {same_text.pk} ({same_text.title})")
    url = (document.url or "").strip()
    if url:
        same_url = Article.objects.filter(url=url).only("id", "title").first()
        if same_url is not None:
            return StoreOutcome(ItemStatus.DUPLICATE, same_url, f"same URL as article {same_url.pk} ({same_url.title})")
    shingle_set = shingles(body)
    bands = band_hashes(shingle_set)
    near = _near_duplicate(shingle_set, bands)
    if near is not None:
        article, similarity = near
        return StoreOutcome(
            ItemStatus.DUPLICATE,
            article,
            f"near-duplicate ({similarity:.0%} the same) of article {article.pk} ({article.title})",
        )
    title = document.title.strip()[:500] or body[:80]
    article = Article(
        title=title,
        slug=unique_slug(Article, title),
        body=body,
        url=url,
        source=source_for_name(source_name) if source_name else None,
        author=(document.author or "")[:255],
        published_at=document.published_at,
        content_hash=digest,
        tags=list(document.tags),
    )
    # No history version for ingested articles: the history is for editors' changes, not a copy of every body.
    article.save_without_historical_record(force_insert=True)
    ArticleFingerprint.objects.bulk_create(
        ArticleFingerprint(article=article, band=band, value=value) for band, value in enumerate(bands)
    )
    return StoreOutcome(ItemStatus.CREATED, article)


def _near_duplicate(shingle_set: set[str], bands: list[int]) -> tuple[Article, float] | None:
    if not shingle_set:
        return None
    condition = Q()
    for band, value in enumerate(bands):
        condition |= Q(band=band, value=value)
    candidate_ids = list(
        ArticleFingerprint.objects.filter(condition)
        .values_list("article_id", flat=True)
        .distinct()[:NEAR_DUPLICATE_CANDIDATES]
    )
    best: tuple[Article, float] | None = None
    for candidate in Article.objects.filter(pk__in=candidate_ids).only("id", "title", "body"):
        similarity = jaccard(shingle_set, shingles(candidate.body))
        if similarity >= THRESHOLD and (best is None or similarity > best[1]):
            best = (candidate, similarity)
    return best


def source_for_name(name: str) -> Source:
    name = name.strip()[:200]
    source = Source.objects.filter(name=name).first()
    if source is not None:
        return source
    try:
        with transaction.atomic():
            return Source.objects.create(name=name, slug=unique_slug(Source, name))
    except IntegrityError:
        return Source.objects.get(name=name)
