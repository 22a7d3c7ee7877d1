"""Ingestion: every document stored once, its fate recorded, nothing lost."""

from datetime import UTC, datetime

import pytest

from articles.models import Article, IngestItem, ItemStatus, LinkStatus, RunStatus
from articles.readers import RawDocument, ReadFailure
from articles.services import ingest_item_process, ingest_submit_documents, ingest_submit_files

pytestmark = pytest.mark.django_db

STORY = (
    "Kuaishou plans to spin off its Kling AI video unit, valued at $20 billion, the Chinese company said on Monday. "
    "The move would let Kling AI raise money from outside investors while Kuaishou keeps control of the business. "
    "Analysts said the valuation reflects strong demand for video generation tools among advertisers and studios. "
    "Kuaishou shares rose three per cent in Hong Kong trading after the announcement was made public by the firm."
)


def document(body: str = STORY, *, origin: str = "story.txt", url: str | None = None) -> RawDocument:
    return RawDocument(
        origin=origin,
        title="Kuaishou to spin off Kling AI",
        body=body,
        url=url,
        published_at=datetime(2025, 6, 2, 9, 0, tzinfo=UTC),
        source="Example Wire",
        author="A. Reporter",
    )


def submit(*documents: RawDocument | ReadFailure, capture) -> object:
    with capture(execute=True):
        return ingest_submit_documents(documents=list(documents), via="cli")


def test_ingest_stores_a_new_document_and_links_it(knowledge_base: dict, django_capture_on_commit_callbacks) -> None:
    run = submit(document(), capture=django_capture_on_commit_callbacks)
    article = Article.objects.get()
    assert (article.title, article.source.name, article.author) == (
        "Kuaishou to spin off Kling AI",
        "Example Wire",
        "A. Reporter",
    )
    assert article.link_status == LinkStatus.LINKED
    assert article.mentions.filter(company=knowledge_base["kuaishou"]).exists()
    item = run.items.get()
    assert (item.status, item.article, item.document) == (ItemStatus.CREATED, article, None)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED


def test_ingest_skips_a_document_already_stored(knowledge_base: dict, django_capture_on_commit_callbacks) -> None:
    submit(document(), capture=django_capture_on_commit_callbacks)
    run = submit(document(origin="again.txt"), capture=django_capture_on_commit_callbacks)
    item = run.items.get()
    assert item.status == ItemStatus.DUPLICATE
    assert "same text as article" in item.reason
    assert Article.objects.count() == 1


def test_the_same_url_is_not_stored_twice(knowledge_base: dict, django_capture_on_commit_callbacks) -> None:
    submit(document(url="https://example.com/a"), capture=django_capture_on_commit_callbacks)
    run = submit(
        document(STORY + " A late update.", url="https://example.com/a"), capture=django_capture_on_commit_callbacks
    )
    assert run.items.get().reason.startswith("same URL as article")
    assert Article.objects.count() == 1


def test_a_story_republished_with_small_edits_is_a_near_duplicate(
    knowledge_base: dict, django_capture_on_commit_callbacks
) -> None:
    submit(document(STORY * 3), capture=django_capture_on_commit_callbacks)
    edited = (STORY * 3).replace("Monday", "Tuesday", 1)
    run = submit(document(edited, origin="edited.txt"), capture=django_capture_on_commit_callbacks)
    item = run.items.get()
    assert item.status == ItemStatus.DUPLICATE
    assert item.reason.startswith("near-duplicate (")
    assert item.article == Article.objects.get()


def test_different_stories_on_one_topic_are_both_kept(knowledge_base: dict, django_capture_on_commit_callbacks) -> None:
    other = (
        "Microsoft agreed to buy Activision Blizzard for $68.7 billion in cash, the largest deal in the history of "
        "the games industry. Regulators in Britain and the United States examined the takeover for more than a "
        "year before it was completed. Activision Blizzard makes Call of Duty and World of Warcraft."
    )
    submit(document(), document(other, origin="other.txt"), capture=django_capture_on_commit_callbacks)
    assert Article.objects.count() == 2


def test_a_bad_document_is_recorded_and_the_rest_is_stored(
    knowledge_base: dict, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = ingest_submit_files(
            files=[
                ("good.txt", f"Kuaishou spins off Kling AI\n\n{STORY}".encode()),
                ("bad.txt", b"\xff\xfe\x00\x01binary\x00junk"),
                ("empty.txt", b""),
                ("huge.txt", b"x" * 2048),
            ],
            via="api",
            max_bytes=1024,
        )
    outcomes = {item.origin: (item.status, item.reason) for item in run.items.all()}
    assert outcomes["good.txt"][0] == ItemStatus.CREATED
    for name in ("bad.txt", "empty.txt", "huge.txt"):
        assert outcomes[name][0] == ItemStatus.FAILED
        assert outcomes[name][1], f"{name} failed without a reason"
    assert "over the" in outcomes["huge.txt"][1]
    assert Article.objects.count() == 1


def test_a_read_failure_is_kept_with_its_reason(django_capture_on_commit_callbacks) -> None:
    run = submit(ReadFailure("feed.xml#2", "malformed entry"), capture=django_capture_on_commit_callbacks)
    item = run.items.get()
    assert (item.origin, item.status, item.reason) == ("feed.xml#2", ItemStatus.FAILED, "malformed entry")


def test_processing_an_item_twice_changes_nothing(knowledge_base: dict, django_capture_on_commit_callbacks) -> None:
    run = submit(document(), capture=django_capture_on_commit_callbacks)
    item = run.items.get()
    before = (Article.objects.count(), IngestItem.objects.values_list("status", "article_id", "reason").get())
    with django_capture_on_commit_callbacks(execute=True):
        ingest_item_process(item_id=item.pk)
    after = (Article.objects.count(), IngestItem.objects.values_list("status", "article_id", "reason").get())
    assert before == after
