from datetime import UTC, datetime

import pytest

from articles.readers import ReaderError, read_bytes

ARTICLE = """---
title: Acme agrees to buy Widget
date: 2024-05-01 09:30:00+02:00
url: https://news.example.com/acme-widget
source: Example News
author: Jane Doe
tags: [deals, robotics]
---
# Acme agrees to buy Widget

Acme **agreed** to buy [Widget](https://widget.example.com) for $2 billion,
the companies said on *Wednesday*.

## What changes

* Widget keeps its brand
* Its `snake_case_api` stays online

> The deal is expected to close in the third quarter.
"""


def read_markdown(text: str, name: str = "story.md"):
    [document] = read_bytes(text.encode(), name=name, origin=name)
    return document


def test_markdown_front_matter_gives_the_metadata():
    document = read_markdown(ARTICLE)

    assert document.title == "Acme agrees to buy Widget"
    assert document.url == "https://news.example.com/acme-widget"
    assert document.source == "Example News"
    assert document.author == "Jane Doe"
    assert document.tags == ("deals", "robotics")
    assert document.published_at == datetime(2024, 5, 1, 7, 30, tzinfo=UTC)
    assert document.format == "markdown"


def test_markdown_body_is_plain_text_without_markup():
    body = read_markdown(ARTICLE).body

    assert body == (
        "Acme agreed to buy Widget for $2 billion, the companies said on Wednesday.\n\n"
        "What changes\n\n"
        "- Widget keeps its brand\n"
        "- Its snake_case_api stays online\n\n"
        "The deal is expected to close in the third quarter."
    )


def test_markdown_heading_that_repeats_the_title_is_not_repeated_in_the_body():
    assert not read_markdown(ARTICLE).body.startswith("Acme agrees to buy Widget")


def test_markdown_without_front_matter_takes_its_first_heading_as_the_title():
    document = read_markdown("# Widget is sold\n\nAcme bought Widget.\n")

    assert document.title == "Widget is sold"
    assert document.body == "Acme bought Widget."


def test_markdown_tags_may_be_a_comma_separated_string():
    document = read_markdown("---\ntitle: T\ntags: deals, chips , deals\n---\nAcme bought Widget.\n")

    assert document.tags == ("deals", "chips")


def test_markdown_images_keep_their_alt_text_and_entities_are_decoded():
    document = read_markdown("---\ntitle: T\n---\nSee ![the Acme logo](logo.png) &amp; more.\n")

    assert document.body == "See the Acme logo & more."


def test_markdown_with_malformed_front_matter_is_refused():
    with pytest.raises(ReaderError, match="malformed YAML front matter"):
        read_markdown("---\ntitle: [unclosed\n---\nAcme bought Widget.\n")


def test_markdown_with_only_front_matter_has_no_text():
    with pytest.raises(ReaderError, match="no text"):
        read_markdown("---\ntitle: Nothing here\n---\n\n")


def test_a_javascript_url_in_front_matter_is_dropped():
    document = read_markdown("---\ntitle: T\nurl: javascript:alert(1)\n---\nAcme bought Widget.\n")

    assert document.url is None


def test_markdown_without_a_date_in_its_front_matter_is_dated_by_its_dateline():
    document = read_markdown("---\ntitle: Acme buys Widget\n---\nLONDON, 1 May 2024 - Acme **bought** Widget.\n")

    assert document.published_at == datetime(2024, 5, 1, tzinfo=UTC)


def test_the_front_matter_date_wins_over_the_dateline():
    document = read_markdown("---\ndate: 2024-05-02\n---\nLONDON, 1 May 2024 - Acme bought Widget.\n")

    assert document.published_at == datetime(2024, 5, 2, tzinfo=UTC)


def test_a_dated_paragraph_further_down_a_markdown_story_does_not_date_it():
    document = read_markdown("# Acme buys Widget\n\nAcme bought Widget.\n\nLONDON, 1 May 2024 - The deal closed.\n")

    assert document.published_at is None
