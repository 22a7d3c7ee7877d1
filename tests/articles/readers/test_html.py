from datetime import UTC, datetime

import pytest

from articles.readers import ReaderError, read_bytes

PAGE = """<!doctype html>
<html><head>
<title>Acme buys Widget | Example News</title>
<link rel="canonical" href="https://news.example.com/2024/acme-widget">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-05-01T10:00:00+02:00">
<script>window.tracker = 1;</script>
</head><body>
<nav><a href="/">Home</a> <a href="/tech">Tech</a> <a href="/about">About us</a></nav>
<article>
<h1>Acme buys Widget</h1>
<p>Acme Corp said on Tuesday it had agreed to buy Widget Inc for $2 billion in cash, its largest deal.</p>
<p>The acquisition is expected to close in the third quarter, subject to approval by regulators.
<script>steal()</script></p>
<p>Widget makes sensors for warehouse robots and employs about 400 people in Ohio and Texas.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
"""


def read_html(text: str, name: str = "page.html"):
    [document] = read_bytes(text.encode(), name=name, origin=name)
    return document


def test_html_page_gives_the_main_text_as_plain_paragraphs():
    document = read_html(PAGE)

    assert document.body.split("\n\n") == [
        "Acme Corp said on Tuesday it had agreed to buy Widget Inc for $2 billion in cash, its largest deal.",
        "The acquisition is expected to close in the third quarter, subject to approval by regulators.",
        "Widget makes sensors for warehouse robots and employs about 400 people in Ohio and Texas.",
    ]
    assert document.format == "html"


def test_html_page_leaves_navigation_footer_and_scripts_behind():
    body = read_html(PAGE).body

    for leftover in ("About us", "Copyright", "tracker", "steal", "<", ">"):
        assert leftover not in body


def test_html_page_gives_title_author_date_canonical_url_and_site_name():
    document = read_html(PAGE)

    assert document.title == "Acme buys Widget"
    assert document.author == "Jane Doe"
    assert document.published_at == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    assert document.url == "https://news.example.com/2024/acme-widget"
    assert document.source == "Example News"


def test_a_short_html_fragment_is_still_read_as_text():
    document = read_html("<p>Acme <b>bought</b> Widget &amp; Gadget.</p><ul><li>one</li><li>two</li></ul>")

    assert document.body == "Acme bought Widget & Gadget.\n\n- one\n- two"


def test_html_without_readable_text_is_refused():
    with pytest.raises(ReaderError, match="no readable text in the HTML page"):
        read_html("<html><head><script>only()</script></head><body><img src=x></body></html>")


def test_html_is_recognised_by_its_content_when_the_name_says_nothing():
    document = read_html(PAGE, name="download")

    assert document.format == "html"


UNDATED_PAGE = """<!doctype html>
<html><head><title>Acme buys Widget</title></head><body>
<article>
<p>LONDON, 1 May 2024 - Acme Corp said it had agreed to buy Widget Inc for $2 billion in cash, its largest deal.</p>
<p>The acquisition is expected to close in the third quarter, subject to approval by regulators in two countries.</p>
<p>Widget makes sensors for warehouse robots and employs about 400 people in Ohio and Texas, the companies said.</p>
</article>
</body></html>
"""


def test_an_html_page_without_a_date_in_its_metadata_is_dated_by_its_dateline():
    assert read_html(UNDATED_PAGE).published_at == datetime(2024, 5, 1, tzinfo=UTC)


def test_an_html_fragment_is_dated_by_its_dateline():
    document = read_html("<p>TOKYO, 1 May 2024 - Acme <b>bought</b> Widget.</p>")

    assert document.published_at == datetime(2024, 5, 1, tzinfo=UTC)


def test_the_page_metadata_date_wins_over_the_dateline():
    page = PAGE.replace("<p>Acme Corp said on Tuesday", "<p>LONDON, 3 March 2023 - Acme Corp said on Tuesday")

    assert read_html(page).published_at == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
