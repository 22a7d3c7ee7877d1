"""Celery tasks: each takes an id, looks the row up, calls one service. All are idempotent, so redelivery is safe."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from articles.services import article_link, ingest_item_process

# Only a database that is restarting or unreachable is worth retrying; anything else is a bug to see in the logs.
TRANSIENT = (OperationalError, InterfaceError)
RETRY = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="articles.ingest_item", **RETRY)
def ingest_item(item_id: int) -> None:
    ingest_item_process(item_id=item_id)


@shared_task(name="articles.link_article", **RETRY)
def link_article(article_id: int) -> None:
    article_link(article_id=article_id)
