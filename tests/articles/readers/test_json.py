import json
from datetime import UTC, datetime

import pytest

from articles.readers import RawDocument, ReaderError, ReadFailure, read_bytes, read_entries


def entries(data: object, name: str = "items.json") -> list[RawDocument | ReadFailure]:
    raw = data.encode() if isinstance(data, str) else json.dumps(data).encode()
    return read_entries(raw, name=name, origin=name)


def test_a_json_object_is_one_article_with_the_usual_field_names():
    [document] = entries(
        {
            "title": "Acme buys Widget",
            "text": "Acme bought Widget on Monday.",
            "link": "https://news.example.com/1",
            "pubDate": "Tue, 30 Apr 2024 10:00:00 GMT",
            "site": "Example News",
            "byline": "Jane Doe",
            "tags": ["deals"],
        }
    )

    assert document == RawDocument(
        origin="items.json",
        title="Acme buys Widget",
        body="Acme bought Widget on Monday.",
        url="https://news.example.com/1",
        published_at=datetime(2024, 4, 30, 10, 0, tzinfo=UTC),
        source="Example News",
        author="Jane Doe",
        tags=("deals",),
        format="json",
    )


def test_a_json_list_gives_one_article_per_object_named_by_position():
    documents = entries([{"title": "One", "body": "First story."}, {"title": "Two", "content": "Second story."}])

    assert [(d.origin, d.title, d.body) for d in documents] == [
        ("items.json#1", "One", "First story."),
        ("items.json#2", "Two", "Second story."),
    ]


def test_a_bad_entry_in_a_json_list_fails_alone_while_the_others_are_read():
    documents = entries([{"title": "One", "body": "First story."}, "not an object", {"title": "No text"}])

    assert isinstance(documents[0], RawDocument)
    assert documents[1] == ReadFailure("items.json#2", "entry is a string, not an article object")
    assert isinstance(documents[2], ReadFailure)
    assert documents[2].origin == "items.json#3"
    assert documents[2].reason.startswith("entry has no text")


def test_a_json_wrapper_object_such_as_newsapi_or_json_feed_is_unwrapped():
    documents = entries(
        {
            "status": "ok",
            "articles": [
                {
                    "source": {"id": None, "name": "Example Wire"},
                    "author": "Jane Doe",
                    "title": "Acme buys Widget",
                    "description": "Acme bought Widget.",
                    "url": "https://wire.example.com/1",
                    "publishedAt": "2024-05-01T10:00:00Z",
                }
            ],
        }
    )

    [document] = documents
    assert document.source == "Example Wire"
    assert document.published_at == datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


def test_json_feed_html_content_becomes_plain_text_and_the_feed_title_the_source():
    [document] = entries(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Example Feed",
            "items": [{"id": "1", "content_html": "<p>Acme <em>bought</em> Widget.</p><script>x()</script>"}],
        }
    )

    assert document.body == "Acme bought Widget."
    assert document.source == "Example Feed"
    assert document.title == "Acme bought Widget"


def test_json_lines_give_one_article_per_line_named_by_line_number():
    text = '{"title": "One", "body": "First story."}\n\n{"title": "Two", "body": "Second story."}\n'

    documents = entries(text, name="items.jsonl")

    assert [(d.origin, d.format) for d in documents] == [("items.jsonl#1", "jsonl"), ("items.jsonl#3", "jsonl")]


def test_a_malformed_json_line_fails_alone_with_its_line_number():
    text = '{"title": "One", "body": "First story."}\n{"title": "Two", "body": \n{"body": "Third story."}\n'

    documents = entries(text, name="items.jsonl")

    assert isinstance(documents[0], RawDocument)
    assert isinstance(documents[1], ReadFailure)
    assert documents[1].origin == "items.jsonl#2"
    assert documents[1].reason.startswith("malformed JSON at line 2:")
    assert isinstance(documents[2], RawDocument)


def test_json_lines_saved_with_a_json_extension_are_still_read_as_lines():
    text = '{"title": "One", "body": "First story."}\n{"title": "Two", "body": "Second story."}\n'

    assert len([d for d in entries(text) if isinstance(d, RawDocument)]) == 2


def test_malformed_json_is_refused_with_its_line():
    with pytest.raises(ReaderError, match=r"malformed JSON at line 3, column \d+"):
        read_bytes(b'{\n "title": "x",\n "body": }\n', name="bad.json", origin="bad.json")


def test_deeply_nested_json_is_refused_rather_than_crashing():
    with pytest.raises(ReaderError, match="malformed JSON"):
        read_bytes(b"[" * 100_000, name="deep.json", origin="deep.json")


def test_an_empty_json_list_is_refused():
    with pytest.raises(ReaderError, match="JSON list is empty"):
        read_bytes(b"[]", name="empty.json", origin="empty.json")


def test_a_json_number_is_not_an_article():
    with pytest.raises(ReaderError, match="JSON holds a number"):
        read_bytes(b"42", name="n.json", origin="n.json")


def test_read_bytes_refuses_a_list_with_a_bad_entry_naming_it():
    data = json.dumps([{"body": "Fine."}, {"title": "No text"}]).encode()

    with pytest.raises(ReaderError, match=r"1 of 2 entries are unreadable, the first items.json#2"):
        read_bytes(data, name="items.json", origin="items.json")


def test_a_json_entry_without_a_date_field_is_dated_by_its_dateline():
    [dated, undated] = entries(
        [
            {"title": "Acme buys Widget", "body": "NEW YORK, May 1, 2024 - Acme bought Widget."},
            {"title": "Widget results", "body": "Widget said on May 1, 2024 - a Wednesday - that sales rose."},
        ]
    )

    assert dated.published_at == datetime(2024, 5, 1, tzinfo=UTC)
    assert undated.published_at is None


def test_a_json_date_field_wins_over_the_dateline():
    [document] = entries({"body": "NEW YORK, May 1, 2024 - Acme bought Widget.", "date": "2024-05-02"})

    assert document.published_at == datetime(2024, 5, 2, tzinfo=UTC)
