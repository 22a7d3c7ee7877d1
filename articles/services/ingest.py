"""Ingestion: documents in, articles stored once, each document's fate recorded.

A run records every document it is given as an IngestItem first (pending, with the document as read, or failed with
the reason it could not be read), then stores the pending ones in batches: a batch locks its pending items, stores
their documents with a few bulk queries and marks the items in ONE transaction, so a worker killed mid-batch leaves
every item either done or still pending, never half-stored; then the same task links the articles it stored. A batch
delivered again skips the items already done and links what they stored if that was not finished. When a batch
cannot be stored as a whole (a document the bulk path chokes on, or another worker storing the same text at the same
moment), its items are stored one at a time, each in its own transaction, and a document that still fails is recorded
as failed with the reason: one bad document never fails its batch.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import BinaryIO

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Q, Value, When
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
from articles.readers.limits import over_limit
from articles.services.link import TRANSIENT_DATABASE_ERRORS
from articles.services.slugs import unique_slugs
from newsbase.slugs import unique_slug

logger = logging.getLogger(__name__)

RECORD_BATCH = 200
NEAR_DUPLICATE_CANDIDATES = 20
# Items per ingestion task: large enough that per-task and per-transaction costs vanish, small enough that a batch
# takes a couple of seconds and a redelivered one repeats little.
BATCH_SIZE = 100


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
    """Queues every pending item of the run, BATCH_SIZE items a task, once the current transaction commits; returns
    how many items."""
    from articles.tasks import ingest_batch

    item_ids = ingest_run_pending_ids(run=run)
    batches = item_batches(item_ids)

    def send() -> None:
        for batch in batches:
            ingest_batch.delay(batch)

    transaction.on_commit(send)
    return len(item_ids)


def item_batches(item_ids: list[int], size: int | None = None) -> list[list[int]]:
    size = size or BATCH_SIZE
    return [item_ids[start : start + size] for start in range(0, len(item_ids), size)]


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


def upload_read(upload: BinaryIO, *, name: str) -> tuple[str, bytes]:
    """An uploaded file's name and bytes, read one byte past the upload limit at most: an archive may be larger than
    one document (its own limits bound what it expands to), and ingest_submit_files refuses anything larger."""
    from django.conf import settings

    return name, upload.read(settings.NEWSBASE_MAX_UPLOAD_BYTES + 1)


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
        if len(data) > settings.NEWSBASE_MAX_UPLOAD_BYTES:
            documents.append(ReadFailure(name, over_limit("upload", settings.NEWSBASE_MAX_UPLOAD_BYTES)))
            continue
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


# --- Batches --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    # Items this delivery stored, found duplicate or failed (items already done before are not counted again).
    processed: int
    # Articles linked by this task: the ones it stored, and any a previous delivery stored but did not link.
    linked: int


def ingest_batch_process(*, item_ids: list[int]) -> BatchOutcome:
    """Stores a batch of pending items and links the articles stored. Idempotent: items already done are skipped,
    and articles they stored that are still waiting for linking are linked now."""
    from articles.services.link import articles_link

    processed, run_ids = _store_batch(item_ids)
    to_link = list(
        Article.objects.filter(ingest_items__pk__in=item_ids, link_status=LinkStatus.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    linked = len(articles_link(article_ids=to_link)) if to_link else 0
    for run in IngestRun.objects.filter(pk__in=run_ids, finished_at__isnull=True):
        ingest_run_finish_if_done(run=run)
    return BatchOutcome(processed=processed, linked=linked)


def _store_batch(item_ids: list[int]) -> tuple[int, set[int]]:
    """Stores the batch's pending items; returns how many it processed and the runs they belong to."""
    try:
        with transaction.atomic():
            items = list(
                IngestItem.objects.select_for_update(of=("self",))
                .select_related("run")
                .filter(pk__in=item_ids)
                .order_by("pk")
            )
            pending = [item for item in items if item.status == ItemStatus.PENDING]
            _store_items(pending)
            return len(pending), {item.run_id for item in items}
    except TRANSIENT_DATABASE_ERRORS:
        raise
    except Exception:
        # Rolled back as a whole: store one item at a time, so only the document at fault fails.
        logger.exception("batch of ingest items %s..%s could not be stored at once", item_ids[0], item_ids[-1])
    processed = 0
    for item_id in item_ids:
        processed += _store_one_item_recording_failure(item_id)
    return processed, set(IngestItem.objects.filter(pk__in=item_ids).values_list("run_id", flat=True).distinct())


def _store_one_item_recording_failure(item_id: int) -> int:
    try:
        with transaction.atomic():
            item = IngestItem.objects.select_for_update(of=("self",)).select_related("run").filter(pk=item_id).first()
            if item is None or item.status != ItemStatus.PENDING:
                return 0
            _store_item(item)
            return 1
    except TRANSIENT_DATABASE_ERRORS:
        raise
    except Exception as error:
        logger.exception("ingest item %s could not be stored", item_id)
        reason = f"could not be stored: {type(error).__name__}: {error}"
        IngestItem.objects.filter(pk=item_id, status=ItemStatus.PENDING).update(
            status=ItemStatus.FAILED, reason=reason[:2000], updated_at=timezone.now()
        )
        return 1


def _store_item(item: IngestItem) -> StoreOutcome | None:
    """Stores one locked pending item's document and marks the item, inside the caller's transaction."""
    outcome = None
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
    item.save(update_fields=["status", "article", "reason", "document", "updated_at"])
    return outcome


@dataclass(slots=True)
class _Candidate:
    """A document of the batch on its way to becoming an article, or a duplicate of one."""

    item: IngestItem
    document: RawDocument
    source_name: str
    digest: str
    url: str
    shingles: set[str] = field(default_factory=set)
    bands: list[int] = field(default_factory=list)
    # What it duplicates (a stored article, or a document of this batch stored before it) and why, or None.
    duplicate_of: Article | _Candidate | None = None
    why: str = ""
    article: Article | None = None


def _store_items(items: list[IngestItem]) -> None:
    """Stores locked pending items, in order, with a handful of bulk queries per batch whatever its size."""
    candidates: list[_Candidate] = []
    for item in items:
        if not item.document:
            item.status, item.reason = ItemStatus.FAILED, "the document was not kept; submit it again"
            continue
        document = document_from_payload(item.document)
        source_name = (item.run.source_name or document.source or "").strip()[:200]
        candidates.append(
            _Candidate(item, document, source_name, content_hash(document.body), (document.url or "").strip())
        )
    stored_by_hash = {
        article.content_hash: article
        for article in Article.objects.filter(content_hash__in={c.digest for c in candidates}).only(
            "id", "title", "content_hash"
        )
    }
    urls = {candidate.url for candidate in candidates if candidate.url}
    stored_by_url = {
        article.url: article for article in Article.objects.filter(url__in=urls).only("id", "title", "url")
    } if urls else {}  # fmt: skip
    for candidate in candidates:
        if candidate.digest not in stored_by_hash and candidate.url not in stored_by_url:
            candidate.shingles = shingles(candidate.document.body)
            candidate.bands = band_hashes(candidate.shingles)
    near_stored = _NearDuplicateIndex([candidate for candidate in candidates if candidate.bands])

    new_by_hash: dict[str, _Candidate] = {}
    new_by_url: dict[str, _Candidate] = {}
    new_by_band: dict[tuple[int, int], list[_Candidate]] = {}
    to_create: list[_Candidate] = []
    for candidate in candidates:
        same_text = stored_by_hash.get(candidate.digest) or new_by_hash.get(candidate.digest)
        same_url = (stored_by_url.get(candidate.url) or new_by_url.get(candidate.url)) if candidate.url else None
        if same_text is not None:
            candidate.duplicate_of, candidate.why = same_text, "same text as"
            continue
        if same_url is not None:
            candidate.duplicate_of, candidate.why = same_url, "same URL as"
            continue
        near = near_stored.best(candidate)
        in_batch = {id(other): other for key in enumerate(candidate.bands) for other in new_by_band.get(key, ())}
        for other in in_batch.values():
            similarity = jaccard(candidate.shingles, other.shingles)
            if similarity >= THRESHOLD and (near is None or similarity > near[1]):
                near = (other, similarity)
        if near is not None:
            candidate.duplicate_of, candidate.why = near[0], f"near-duplicate ({near[1]:.0%} the same) of"
            continue
        to_create.append(candidate)
        new_by_hash[candidate.digest] = candidate
        if candidate.url:
            new_by_url[candidate.url] = candidate
        if candidate.shingles:
            for key in enumerate(candidate.bands):
                new_by_band.setdefault(key, []).append(candidate)

    _create_articles(to_create)
    for candidate in candidates:
        target = candidate.duplicate_of
        if target is None:
            candidate.item.status, candidate.item.article, candidate.item.reason = (
                ItemStatus.CREATED,
                candidate.article,
                "",
            )
            continue
        article = target.article if isinstance(target, _Candidate) else target
        assert article is not None  # noqa: S101 - a batch document is a target only once it is to be created
        candidate.item.status, candidate.item.article = ItemStatus.DUPLICATE, article
        candidate.item.reason = f"{candidate.why} article {article.pk} ({article.title})"
    _mark_items(items)


def _mark_items(items: list[IngestItem]) -> None:
    """Writes what became of each item in one UPDATE. Spelled out rather than bulk_update, which would build a CASE
    branch per item for every column: here only the article (and the reasons, which only duplicates and failures
    have) differ per item."""
    if not items:
        return
    by_status: dict[str, list[int]] = {}
    for item in items:
        by_status.setdefault(item.status, []).append(item.pk)
    IngestItem.objects.filter(pk__in=[item.pk for item in items]).update(
        status=Case(*(When(pk__in=ids, then=Value(status)) for status, ids in by_status.items())),
        article_id=Case(
            *(When(pk=item.pk, then=Value(item.article.pk)) for item in items if item.article is not None),
            default=None,
        ),
        reason=Case(*(When(pk=item.pk, then=Value(item.reason)) for item in items if item.reason), default=Value("")),
        document=None,
        updated_at=timezone.now(),
    )
    for item in items:
        item.document = None


def _create_articles(candidates: list[_Candidate]) -> None:
    """Inserts the new articles and their fingerprints: two queries (plus the slug and source look-ups)."""
    if not candidates:
        return
    sources = _sources_by_name({candidate.source_name for candidate in candidates if candidate.source_name})
    titles = [_article_title(candidate.document) for candidate in candidates]
    slugs = unique_slugs(Article, titles)
    for candidate, title, slug in zip(candidates, titles, slugs, strict=True):
        candidate.article = Article(
            title=title,
            slug=slug,
            body=candidate.document.body,
            url=candidate.url,
            source=sources.get(candidate.source_name),
            author=(candidate.document.author or "")[:255],
            published_at=candidate.document.published_at,
            content_hash=candidate.digest,
            tags=list(candidate.document.tags),
        )
    # Machine-made rows whose every field the code above sets (no full_clean; the database's constraints hold).
    # bulk_create writes no history version: the articles' history is for editors' changes.
    Article.objects.bulk_create([candidate.article for candidate in candidates if candidate.article is not None])
    ArticleFingerprint.objects.bulk_create(
        ArticleFingerprint(article=candidate.article, band=band, value=value)
        for candidate in candidates
        for band, value in enumerate(candidate.bands)
    )


class _NearDuplicateIndex:
    """The stored articles that share a MinHash band with any document of the batch: one query for the band hits,
    one for the candidates' bodies, whatever the batch size."""

    def __init__(self, candidates: list[_Candidate]) -> None:
        self._hits: dict[tuple[int, int], list[int]] = {}
        self._bodies: dict[int, Article] = {}
        self._shingles: dict[int, set[str]] = {}
        values_by_band: dict[int, set[int]] = {}
        for candidate in candidates:
            if candidate.shingles:
                for band, value in enumerate(candidate.bands):
                    values_by_band.setdefault(band, set()).add(value)
        if not values_by_band:
            return
        condition = Q()
        for band, values in values_by_band.items():
            condition |= Q(band=band, value__in=values)
        for article_id, band, value in ArticleFingerprint.objects.filter(condition).values_list(
            "article_id", "band", "value"
        ):
            self._hits.setdefault((band, value), []).append(article_id)
        wanted = {article_id for candidate in candidates for article_id in self._candidate_ids(candidate)}
        if wanted:
            self._bodies = {
                article.pk: article for article in Article.objects.filter(pk__in=wanted).only("id", "title", "body")
            }

    def _candidate_ids(self, candidate: _Candidate) -> list[int]:
        """The stored articles sharing the most bands with the document, at most NEAR_DUPLICATE_CANDIDATES."""
        shared: Counter[int] = Counter()
        for key in enumerate(candidate.bands):
            shared.update(self._hits.get(key, ()))
        return [article_id for article_id, _ in shared.most_common(NEAR_DUPLICATE_CANDIDATES)]

    def best(self, candidate: _Candidate) -> tuple[Article, float] | None:
        if not candidate.shingles:
            return None
        best: tuple[Article, float] | None = None
        for article_id in self._candidate_ids(candidate):
            article = self._bodies.get(article_id)
            if article is None:
                continue
            if article_id not in self._shingles:
                self._shingles[article_id] = shingles(article.body)
            similarity = jaccard(candidate.shingles, self._shingles[article_id])
            if similarity >= THRESHOLD and (best is None or similarity > best[1]):
                best = (article, similarity)
        return best


def _article_title(document: RawDocument) -> str:
    return document.title.strip()[:500] or document.body[:80]


def _sources_by_name(names: set[str]) -> dict[str, Source]:
    sources = {source.name: source for source in Source.objects.filter(name__in=names)}
    for name in names - sources.keys():
        sources[name] = source_for_name(name)
    return sources


# --- One document ---------------------------------------------------------------------------------------------


def ingest_item_process(*, item_id: int) -> IngestItem | None:
    """Stores one pending item's document and queues its linking. Idempotent: an item already done is left as it is.

    Batches (ingest_batch_process) are the fast way; this serves single documents (feeds polled by hand)."""
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
        outcome = _store_item(item)
        if outcome is not None and outcome.status == ItemStatus.CREATED:
            article_id = outcome.article.pk
            transaction.on_commit(lambda: link_article.delay(article_id))
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
