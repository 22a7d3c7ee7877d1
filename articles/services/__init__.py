"""Writes for the news: ingestion, linking, feeds. The CLI, the API, the admin and the tasks all come through here."""

from articles.services.feeds import (
    FeedError,
    FeedPollResult,
    feed_add,
    feed_poll,
    feed_remove,
    feed_url_validate,
    feeds_due,
)
from articles.services.ingest import (
    StoreOutcome,
    article_store,
    ingest_item_process,
    ingest_run_counts,
    ingest_run_create,
    ingest_run_enqueue,
    ingest_run_finish_if_done,
    ingest_run_interrupt,
    ingest_run_pending_ids,
    ingest_run_record,
    ingest_run_resume,
    ingest_submit_documents,
    ingest_submit_files,
)
from articles.services.link import LinkSummary, article_link

__all__ = [
    "FeedError",
    "FeedPollResult",
    "LinkSummary",
    "StoreOutcome",
    "article_link",
    "article_store",
    "feed_add",
    "feed_poll",
    "feed_remove",
    "feed_url_validate",
    "feeds_due",
    "ingest_item_process",
    "ingest_run_counts",
    "ingest_run_create",
    "ingest_run_enqueue",
    "ingest_run_finish_if_done",
    "ingest_run_interrupt",
    "ingest_run_pending_ids",
    "ingest_run_record",
    "ingest_run_resume",
    "ingest_submit_documents",
    "ingest_submit_files",
]
