"""Celery tasks: each takes an id, looks the row up, calls one service. All are idempotent, so redelivery is safe."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from articles.models import Feed
from articles.services import (
    TRANSIENT_DATABASE_ERRORS,
    article_link,
    articles_link,
    feed_poll,
    feeds_due,
    ingest_batch_process,
    ingest_item_process,
)

RETRY = {
    # Only a database that is restarting or unreachable is worth retrying; anything else is a bug to see in logs.
    "autoretry_for": TRANSIENT_DATABASE_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 8,
    # Nothing reads these tasks' results (progress lives in the database): don't write them to Redis.
    "ignore_result": True,
}


@shared_task(name="articles.ingest_batch", **RETRY)
def ingest_batch(item_ids: list[int]) -> None:
    """Stores a batch of a run's items and links the articles stored (the way runs are processed)."""
    ingest_batch_process(item_ids=item_ids)


@shared_task(name="articles.link_articles", **RETRY)
def link_articles(article_ids: list[int]) -> None:
    articles_link(article_ids=article_ids)


@shared_task(name="articles.ingest_item", **RETRY)
def ingest_item(item_id: int) -> None:
    ingest_item_process(item_id=item_id)


@shared_task(name="articles.link_article", **RETRY)
def link_article(article_id: int) -> None:
    article_link(article_id=article_id)


# --- Feeds ----------------------------------------------------------------------------------------------------


@shared_task(name="articles.poll_feed", **RETRY)
def poll_feed(feed_id: int) -> None:
    if not Feed.objects.filter(pk=feed_id).exists():
        return
    # Only if due: a second message for the same feed (a slow queue, a beat that fired twice) fetches nothing.
    feed_poll(feed_id=feed_id, only_if_due=True)


@shared_task(name="articles.poll_feeds", **RETRY)
def poll_feeds() -> None:
    for feed_id in feeds_due(timezone.now()):
        poll_feed.delay(feed_id)
