from datetime import UTC, datetime

import pytest

from articles.readers import RawDocument, ReaderError, ReadFailure, read_bytes, read_entries

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Example Tech Wire</title>
<link>https://wire.example.com/</link>
<item>
  <title>Acme buys Widget</title>
  <link>https://wire.example.com/acme-widget</link>
  <pubDate>Tue, 30 Apr 2024 10:00:00 +0200</pubDate>
  <dc:creator>Jane Doe</dc:creator>
  <category>Deals</category>
  <description>&lt;p&gt;Acme &lt;b&gt;agreed&lt;/b&gt; to buy Widget.&lt;/p&gt;
    &lt;p&gt;Terms were not given.&lt;/p&gt;</description>
</item>
<item>
  <title>A headline with nothing under it</title>
  <link>https://wire.example.com/empty</link>
</item>
<item>
  <title>Gadget raises funds</title>
  <description>Gadget raised $10 million from investors.</description>
</item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom News</title>
  <id>urn:example:feed</id>
  <updated>2024-05-02T00:00:00Z</updated>
  <entry>
    <title>Widget spins off its chip unit</title>
    <link href="https://atom.example.com/widget-chips"/>
    <id>urn:example:1</id>
    <updated>2024-05-02T08:00:00Z</updated>
    <author><name>John Roe</name></author>
    <content type="html">&lt;p&gt;Widget will spin off its chip unit.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_rss_gives_one_document_per_entry_with_its_metadata():
    first = read_entries(RSS, name="wire.rss", origin="wire.rss")[0]

    assert first == RawDocument(
        origin="wire.rss#1",
        title="Acme buys Widget",
        body="Acme agreed to buy Widget.\n\nTerms were not given.",
        url="https://wire.example.com/acme-widget",
        published_at=datetime(2024, 4, 30, 8, 0, tzinfo=UTC),
        source="Example Tech Wire",
        author="Jane Doe",
        tags=("Deals",),
        format="rss",
    )


def test_a_feed_entry_without_text_fails_alone_while_the_others_are_read():
    results = read_entries(RSS, name="wire.xml", origin="wire.xml")

    assert [type(result) for result in results] == [RawDocument, ReadFailure, RawDocument]
    assert results[1] == ReadFailure("wire.xml#2", "feed entry has no text (no content or summary)")
    assert results[2].body == "Gadget raised $10 million from investors."


def test_atom_entries_are_read_with_content_link_author_and_updated_date():
    [document] = read_bytes(ATOM, name="news.atom", origin="news.atom")

    assert document.format == "atom"
    assert document.title == "Widget spins off its chip unit"
    assert document.body == "Widget will spin off its chip unit."
    assert document.url == "https://atom.example.com/widget-chips"
    assert document.author == "John Roe"
    assert document.source == "Example Atom News"
    assert document.published_at == datetime(2024, 5, 2, 8, 0, tzinfo=UTC)


def test_a_feed_is_recognised_by_its_content_when_the_name_says_nothing():
    [document] = read_bytes(ATOM, name="", origin="-")

    assert document.format == "atom"


def test_a_malformed_feed_is_refused():
    with pytest.raises(ReaderError, match="malformed feed"):
        read_bytes(b"<rss version='2.0'><channel><<<", name="bad.rss", origin="bad.rss")


def test_xml_that_is_not_a_feed_is_refused():
    with pytest.raises(ReaderError, match="not an RSS or Atom feed"):
        read_bytes(b"<?xml version='1.0'?><catalog><book>x</book></catalog>", name="books.xml", origin="books.xml")


def test_a_feed_without_entries_is_refused():
    with pytest.raises(ReaderError, match="feed has no entries"):
        read_bytes(b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>", name="q.rss", origin="q.rss")


def test_a_feed_entry_without_a_date_is_dated_by_its_dateline():
    feed = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Tech Wire</title>
<item><title>Acme buys Widget</title>
  <description>&lt;p&gt;SANTA CLARA, 1 May 2024 - Acme agreed to buy Widget.&lt;/p&gt;</description></item>
<item><title>Gadget raises funds</title><pubDate>Thu, 02 May 2024 09:00:00 GMT</pubDate>
  <description>SANTA CLARA, 1 May 2024 - Gadget raised $10 million.</description></item>
</channel></rss>"""

    [undated, dated] = read_entries(feed, name="wire.rss", origin="wire.rss")

    assert undated.published_at == datetime(2024, 5, 1, tzinfo=UTC)
    assert dated.published_at == datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
