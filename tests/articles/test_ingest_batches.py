"""Batches: a run's items are stored and linked BATCH_SIZE at a time, with a fixed number of queries, and a batch
keeps every promise a single document had: duplicates found, one bad document failing alone, redelivery harmless."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import articles.services.link as link_module
from articles.extraction.pipeline import extract
from articles.models import Article, DealEvidence, IngestItem, ItemStatus, LinkStatus, Mention, RunStatus
from articles.readers import RawDocument
from articles.services import (
    articles_link,
    ingest_batch_process,
    ingest_run_create,
    ingest_run_record,
    item_batches,
)
from companies.models import Company, CompanyStatus, Deal, DealStatus

pytestmark = pytest.mark.django_db

SPIN_OFF = (
    "Kuaishou plans to spin off its Kling AI video unit, valued at $20 billion, the Chinese company said on Monday. "
    "The move would let Kling AI raise money from outside investors while Kuaishou keeps control of the business. "
    "Analysts said the valuation reflects strong demand for video generation tools among advertisers and studios."
)
SPIN_OFF_DONE = "Kuaishou has completed the spin-off of its Kling AI video unit, the company said on Friday."
WORDS = [
    "harbour",
    "lantern",
    "meadow",
    "copper",
    "orchard",
    "violet",
    "granite",
    "willow",
    "ember",
    "falcon",
    "thistle",
    "cobalt",
]


def plain_story(number: int) -> str:
    """A story that names no company and reports no deal, different from every other in most of its shingles."""
    words = [WORDS[(number * 7 + position * (number % 5 + 1)) % len(WORDS)] for position in range(40)]
    return f"Report {number}: " + " ".join(words) + f". The figure was {number * 13} units in week {number}."


def document(body: str, *, origin: str, url: str | None = None, day: int = 2) -> RawDocument:
    return RawDocument(
        origin=origin,
        title=f"Story {origin}",
        body=body,
        url=url,
        published_at=datetime(2025, 6, day, 9, 0, tzinfo=UTC),
        source="Example Wire",
    )


def recorded(*documents: RawDocument) -> list[int]:
    run = ingest_run_create(via="cli", inputs=["test"])
    ingest_run_record(run=run, documents=list(documents))
    return list(run.items.order_by("position").values_list("pk", flat=True))


def test_a_run_is_cut_into_batches_in_order() -> None:
    assert item_batches(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert item_batches([], 3) == []


def test_a_batch_stores_and_links_every_document_and_finishes_the_run(knowledge_base: dict) -> None:
    item_ids = recorded(document(SPIN_OFF, origin="a.txt"), document(plain_story(1), origin="b.txt"))
    outcome = ingest_batch_process(item_ids=item_ids)
    assert (outcome.processed, outcome.linked) == (2, 2)
    items = IngestItem.objects.filter(pk__in=item_ids).order_by("position")
    assert [item.status for item in items] == [ItemStatus.CREATED, ItemStatus.CREATED]
    assert all(item.document is None for item in items)
    assert set(Article.objects.values_list("link_status", flat=True)) == {LinkStatus.LINKED}
    assert Article.objects.get(ingest_items__pk=item_ids[0]).source.name == "Example Wire"
    assert Deal.objects.get().kind == "spin_off"
    assert items[0].run.status == RunStatus.FINISHED


def test_the_queries_of_a_batch_do_not_grow_with_its_size(knowledge_base: dict) -> None:
    # The first batch also builds the gazetteer and files the source: once per process and once per source.
    ingest_batch_process(item_ids=recorded(document(plain_story(99), origin="warm-up")))
    small = recorded(*(document(plain_story(number), origin=f"s{number}") for number in range(5)))
    large = recorded(*(document(plain_story(number), origin=f"l{number}") for number in range(100, 140)))
    with CaptureQueriesContext(connection) as small_queries:
        ingest_batch_process(item_ids=small)
    with CaptureQueriesContext(connection) as large_queries:
        ingest_batch_process(item_ids=large)
    assert Article.objects.count() == 46
    # The same statements for 40 documents as for 5 (SQLite splits an insert of more than 999 values in two).
    assert len(small_queries) <= 25, [query["sql"][:90] for query in small_queries]
    allowed = 0 if connection.vendor == "postgresql" else 1
    assert len(small_queries) <= len(large_queries) <= len(small_queries) + allowed


def test_repeats_within_one_batch_are_duplicates_of_the_first(knowledge_base: dict) -> None:
    long_story = " ".join(plain_story(number) for number in range(20, 26))
    edited = long_story.replace("harbour", "harbor", 1)
    item_ids = recorded(
        document(long_story, origin="first.txt", url="https://example.com/first"),
        document(long_story, origin="same-text.txt"),
        document(plain_story(30), origin="same-url.txt", url="https://example.com/first"),
        document(edited, origin="edited.txt"),
        document(plain_story(31), origin="other.txt"),
    )
    ingest_batch_process(item_ids=item_ids)
    items = {item.origin: item for item in IngestItem.objects.filter(pk__in=item_ids)}
    first = items["first.txt"].article
    assert items["first.txt"].status == ItemStatus.CREATED
    for origin, reason in (
        ("same-text.txt", "same text as article"),
        ("same-url.txt", "same URL as article"),
        ("edited.txt", "near-duplicate ("),
    ):
        assert (items[origin].status, items[origin].article) == (ItemStatus.DUPLICATE, first)
        assert items[origin].reason.startswith(reason)
        assert f"article {first.pk} (Story first.txt)" in items[origin].reason
    assert items["other.txt"].status == ItemStatus.CREATED
    assert Article.objects.count() == 2


def test_a_document_that_cannot_be_stored_fails_alone_with_its_reason(knowledge_base: dict) -> None:
    item_ids = recorded(document(SPIN_OFF, origin="good.txt"), document(plain_story(2), origin="broken.json"))
    # A document kept without its body (as a damaged row or a bug elsewhere would leave it) breaks the bulk path.
    IngestItem.objects.filter(pk=item_ids[1]).update(document={"origin": "broken.json", "title": "No body"})
    outcome = ingest_batch_process(item_ids=item_ids)
    good, broken = IngestItem.objects.filter(pk__in=item_ids).order_by("position")
    assert (good.status, broken.status) == (ItemStatus.CREATED, ItemStatus.FAILED)
    assert broken.reason == "could not be stored: KeyError: 'body'"
    assert good.article.link_status == LinkStatus.LINKED
    assert (outcome.processed, outcome.linked) == (2, 1)


def test_a_batch_delivered_again_changes_nothing_and_links_what_was_left(knowledge_base: dict) -> None:
    item_ids = recorded(document(SPIN_OFF, origin="a.txt"), document(plain_story(3), origin="b.txt"))
    ingest_batch_process(item_ids=item_ids)

    def snapshot() -> tuple:
        return (
            list(IngestItem.objects.order_by("pk").values_list("pk", "status", "article_id", "reason")),
            list(Article.objects.order_by("pk").values_list("pk", "link_status")),
            list(Mention.objects.order_by("pk").values_list("pk", "company_id", "start", "end")),
            list(DealEvidence.objects.order_by("pk").values_list("pk", "deal_id", "start")),
        )

    before = snapshot()
    # A worker killed after the store committed and before linking finished: the article waits, unlinked.
    article = Article.objects.get(ingest_items__pk=item_ids[0])
    Article.objects.filter(pk=article.pk).update(link_status=LinkStatus.PENDING)
    outcome = ingest_batch_process(item_ids=item_ids)
    assert (outcome.processed, outcome.linked) == (0, 1)
    assert snapshot() == before


def test_an_article_that_cannot_be_linked_fails_alone(knowledge_base: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    def extract_or_fail(text: str, *args: object, **kwargs: object) -> object:
        if "POISON" in text:
            raise RuntimeError("the engine broke on this text")
        return extract(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(link_module, "extract", extract_or_fail)
    item_ids = recorded(document(SPIN_OFF, origin="good.txt"), document(plain_story(4) + " POISON", origin="bad.txt"))
    ingest_batch_process(item_ids=item_ids)
    good, bad = (Article.objects.get(ingest_items__pk=item_id) for item_id in item_ids)
    assert good.link_status == LinkStatus.LINKED
    assert good.mentions.exists()
    assert (bad.link_status, bad.link_error) == (LinkStatus.FAILED, "RuntimeError: the engine broke on this text")


def test_a_deal_reported_by_two_articles_of_one_batch_is_one_deal(knowledge_base: dict) -> None:
    item_ids = recorded(document(SPIN_OFF, origin="first.txt"), document(SPIN_OFF_DONE, origin="later.txt", day=20))
    ingest_batch_process(item_ids=item_ids)
    deal = Deal.objects.get()
    assert deal.status == DealStatus.COMPLETED
    assert deal.evidence.count() == 2

    def rows() -> tuple:
        return (
            list(Mention.objects.order_by("pk").values_list("pk", "article_id", "company_id", "start", "end")),
            list(DealEvidence.objects.order_by("pk").values_list("pk", "deal_id", "article_id", "start")),
            list(Deal.objects.values_list("pk", "status", "valuation")),
        )

    linked_in_a_batch = rows()
    articles_link(article_ids=list(Article.objects.order_by("pk").values_list("pk", flat=True)))
    assert rows() == linked_in_a_batch


def test_discovered_units_get_their_parent_whether_it_is_known_or_new(knowledge_base: dict) -> None:
    item_ids = recorded(
        document("Kuaishou plans to spin off its Zorvex Labs video unit, the Chinese company said.", origin="a.txt"),
        document(
            "Brightwave Holdings Ltd said its Quantiva Robotics unit would raise money. "
            "Brightwave Holdings Ltd owns Quantiva Robotics.",
            origin="b.txt",
        ),
    )
    ingest_batch_process(item_ids=item_ids)
    zorvex = Company.objects.get(name="Zorvex Labs")
    quantiva = Company.objects.get(name="Quantiva Robotics")
    brightwave = Company.objects.get(name="Brightwave Holdings")
    assert (zorvex.kind, zorvex.parent, zorvex.status) == ("unit", knowledge_base["kuaishou"], CompanyStatus.AUTO)
    assert (quantiva.kind, quantiva.parent, brightwave.parent) == ("unit", brightwave, None)
    # Discovered companies keep a history version, as companies created one at a time do.
    assert quantiva.history.count() == brightwave.history.count() == 1
