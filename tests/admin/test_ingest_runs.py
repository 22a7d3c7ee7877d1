"""Ingestion runs in the admin: every item with its fate, and the failed ones retried where that can help."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ItemStatus, RunStatus
from tests.admin.conftest import messages_of
from tests.factories import IngestItemFactory, IngestRunFactory

pytestmark = pytest.mark.django_db

RUNS = reverse("admin:articles_ingestrun_changelist")
DOCUMENT = {
    "origin": "wire/vodafone.txt",
    "title": "Vodafone results",
    "body": "Vodafone said profits rose in the second quarter.",
    "url": None,
    "published_at": None,
    "source": None,
    "author": None,
    "tags": [],
    "format": "text",
}


@pytest.fixture
def run_with_failures() -> object:
    run = IngestRunFactory(status=RunStatus.FINISHED)
    IngestItemFactory(
        run=run, origin="wire/vodafone.txt", status=ItemStatus.FAILED, reason="database restarted", document=DOCUMENT
    )
    IngestItemFactory(run=run, origin="scan.pdf", status=ItemStatus.FAILED, reason="a PDF document", document=None)
    IngestItemFactory(run=run, status=ItemStatus.CREATED)
    return run


def test_the_runs_list_counts_each_fate_and_a_run_shows_its_failures(editor_client: Client, run_with_failures) -> None:
    listing = editor_client.get(RUNS).content.decode()
    assert '<td class="field-failed">2</td>' in listing
    assert '<td class="field-created">1</td>' in listing
    page = editor_client.get(reverse("admin:articles_ingestrun_change", args=[run_with_failures.pk])).content.decode()
    assert "scan.pdf" in page
    assert "a PDF document" in page


def test_retrying_stores_the_items_that_kept_their_document_and_says_which_cannot_be_retried(
    editor_client: Client, run_with_failures, committing
) -> None:
    with committing():
        response = editor_client.post(
            RUNS, {"action": "retry_failed", "_selected_action": [run_with_failures.pk]}, follow=True
        )
    [message] = messages_of(response)
    assert "1 items queued again." in message
    assert "1 failed while being read and cannot be retried" in message
    retried = run_with_failures.items.get(origin="wire/vodafone.txt")
    assert (retried.status, retried.reason) == (ItemStatus.CREATED, "")
    assert retried.article == Article.objects.get(title="Vodafone results")
    assert run_with_failures.items.get(origin="scan.pdf").status == ItemStatus.FAILED
    run_with_failures.refresh_from_db()
    assert run_with_failures.status == RunStatus.FINISHED
