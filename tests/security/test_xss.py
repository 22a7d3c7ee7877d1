"""Script and HTML in anything a document or an editor can set render as text everywhere: pages, admin, feeds, API.

The payloads would run if a page printed them unescaped; every assertion is on the raw response, so a `|safe`,
`mark_safe` or `format_html` misuse anywhere in the chain fails here.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.models import Article, IngestVia
from articles.services import ingest_submit_files
from companies.models import Company, CompanyStatus, DealKind, PartyRole
from tests.factories import (
    ArticleFactory,
    CompanyAliasFactory,
    CompanyFactory,
    DealEvidenceFactory,
    DealFactory,
    DealPartyFactory,
    MentionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("nb-xss")</script>'
IMG = '<img src=x onerror=alert("nb-xss")>'
# Breaks out of an attribute written with either quote.
ATTRIBUTE = "\"' onmouseover=alert(1) x='"
# What must never appear in an HTML or XML response: each would run as written.
EXECUTABLE = ('<script>alert("nb-xss")', "<img src=x onerror", "' onmouseover=alert(1)", '" onmouseover=alert(1)')
ESCAPED_SCRIPT = re.compile(r"&lt;script&gt;alert\((?:&quot;|&#x27;|&#34;|\")nb-xss")

COMPANY_NAME = f"Evil {SCRIPT} Corp"
ALIAS = f"Evil {IMG}"
BODY = (
    f"Evil {SCRIPT} Corp agreed to buy Nice Labs {IMG}, the companies said on Monday {ATTRIBUTE}.\n\n"
    f"Analysts said the deal {SCRIPT} would close this year."
)


@pytest.fixture
def hostile(db: None) -> dict[str, object]:
    """A knowledge base where every name and text an outsider or an editor can set carries a payload."""
    source = SourceFactory(name=f"Wire {IMG}", slug="wire")
    evil = CompanyFactory(name=COMPANY_NAME, slug="evil-corp", description=f"{SCRIPT} {ATTRIBUTE}")
    CompanyAliasFactory(company=evil, name=ALIAS)
    nice = CompanyFactory(name=f"Nice Labs {IMG}", slug="nice-labs", status=CompanyStatus.AUTO)
    article = ArticleFactory(title=f"Evil buys Nice {SCRIPT}", slug="evil-buys-nice", body=BODY, source=source)
    article.author = f"{ATTRIBUTE} {SCRIPT}"
    article.save()
    MentionFactory(article=article, company=evil, text=COMPANY_NAME, start=0, end=len(COMPANY_NAME))
    nice_start = BODY.index("Nice Labs")
    nice_text = f"Nice Labs {IMG}"
    MentionFactory(article=article, company=nice, text=nice_text, start=nice_start, end=nice_start + len(nice_text))
    deal = DealFactory(kind=DealKind.ACQUISITION, title=f"Evil to buy Nice {SCRIPT}", slug="evil-nice", round=SCRIPT)
    DealPartyFactory(deal=deal, company=evil, role=PartyRole.ACQUIRER)
    DealPartyFactory(deal=deal, company=nice, role=PartyRole.TARGET)
    sentence = BODY.split("\n\n")[0]
    DealEvidenceFactory(deal=deal, article=article, sentence=sentence, start=0, end=len(sentence))
    return {"source": source, "evil": evil, "nice": nice, "article": article, "deal": deal}


def assert_shown_only_as_text(content: str, *, shown: bool = True, xml: bool = False) -> None:
    # In XML text nodes quotes need no escaping (no attribute to break out of); markup still does.
    for executable in EXECUTABLE[:2] if xml else EXECUTABLE:
        assert executable not in content, f"unescaped payload {executable!r} in the response"
    if shown:
        # The payload is on the page (escaped): the check above looked at a page that really carries it.
        assert ESCAPED_SCRIPT.search(content), "the payload is not shown at all: the test would prove nothing"


def test_public_pages_show_hostile_names_and_texts_as_text(client: Client, hostile: dict[str, object]) -> None:
    pages = [
        reverse("home"),
        reverse("companies:list"),
        reverse("companies:detail", args=["evil-corp"]),
        reverse("companies:deal-list"),
        reverse("companies:deal-detail", args=["evil-nice"]),
        reverse("articles:list"),
        reverse("articles:detail", args=["evil-buys-nice"]),
        f"{reverse('search')}?q=Evil",
        f"{reverse('search')}?q=Evil&type=articles",
        f"{reverse('search')}?q={SCRIPT}",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        try:
            # PostgreSQL's ts_headline drops tag-like text from search snippets: there, not shown is also right.
            assert_shown_only_as_text(content, shown=url.startswith(("/companies/", "/deals/", "/articles/")))
        except AssertionError as error:
            raise AssertionError(f"{url}: {error}") from error


def test_the_article_page_highlights_mentions_without_unescaping_them(
    client: Client, hostile: dict[str, object]
) -> None:
    content = client.get(reverse("articles:detail", args=["evil-buys-nice"])).content.decode()

    assert_shown_only_as_text(content)
    # The highlighted mention carries the escaped name inside its own markup.
    assert re.search(r"<(?:a|mark)[^>]*>Evil &lt;script&gt;alert\(", content)


def test_a_query_full_of_markup_is_echoed_as_text(client: Client, hostile: dict[str, object]) -> None:
    response = client.get(reverse("search"), {"q": f"{SCRIPT}{IMG}{ATTRIBUTE}"})

    assert response.status_code == 200
    assert_shown_only_as_text(response.content.decode())


def test_admin_pages_show_hostile_names_and_texts_as_text(editor_client: Client, hostile: dict[str, object]) -> None:
    registered = [model._meta for model in admin.site._registry]
    changelists = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") for opts in registered]
    change_forms = [
        reverse("admin:companies_company_change", args=[hostile["evil"].pk]),
        reverse("admin:companies_deal_change", args=[hostile["deal"].pk]),
        reverse("admin:articles_article_change", args=[hostile["article"].pk]),
        reverse("admin:articles_source_change", args=[hostile["source"].pk]),
    ]
    shown_somewhere = False
    for url in [*changelists, *change_forms]:
        response = editor_client.get(url)
        if response.status_code in (302, 403):
            continue  # a model editors may not see: nothing of it is rendered
        assert response.status_code == 200, url
        content = response.content.decode()
        assert_shown_only_as_text(content, shown=False)
        shown_somewhere = shown_somewhere or bool(ESCAPED_SCRIPT.search(content))
    assert shown_somewhere


def test_the_review_queue_shows_the_sentences_that_name_a_company_as_text(
    editor_client: Client, hostile: dict[str, object]
) -> None:
    response = editor_client.get(reverse("admin:companies_discoveredcompany_changelist"))

    assert response.status_code == 200
    content = response.content.decode()
    assert_shown_only_as_text(content)
    assert "Nice Labs &lt;img src=x onerror=alert(" in content


def _atom_texts(content: bytes) -> list[str]:
    """The title and summary texts of an Atom feed, as a feed reader would have them after parsing the XML."""
    root = ElementTree.fromstring(content)  # noqa: S314 - our own response, parsed to read it as a reader would
    namespace = "{http://www.w3.org/2005/Atom}"
    texts = []
    for entry in root.iter(f"{namespace}entry"):
        for tag in ("title", "summary"):
            element = entry.find(f"{namespace}{tag}")
            if element is not None and element.text:
                kind = element.get("type", "text")
                texts.append(f"{kind}:{element.text}")
    return texts


def test_atom_feeds_carry_hostile_text_that_a_feed_reader_shows_as_text(
    client: Client, hostile: dict[str, object]
) -> None:
    feeds = [
        reverse("feed-articles"),
        reverse("feed-deals"),
        reverse("feed-deal-kind", args=[DealKind.ACQUISITION]),
        reverse("feed-company", args=["evil-corp"]),
    ]
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_shown_only_as_text(response.content.decode(), shown=False, xml=True)
        texts = _atom_texts(response.content)
        assert texts, url
        for text in texts:
            kind, _, value = text.partition(":")
            # type="html" content is parsed as HTML by feed readers, so the markup must be escaped once more inside.
            if kind == "html":
                assert "<script" not in value
                assert "<img" not in value


def test_the_sitemap_lists_hostile_records_as_text(client: Client, hostile: dict[str, object]) -> None:
    index = client.get(reverse("sitemap"))
    sections = re.findall(r"<loc>https?://[^/]+(/sitemap-[^<]+\.xml)</loc>", index.content.decode())
    assert sections
    for section in sections:
        response = client.get(section)
        assert response.status_code == 200, section
        assert_shown_only_as_text(response.content.decode(), shown=False, xml=True)
        ElementTree.fromstring(response.content)  # noqa: S314 - still well-formed XML


def test_the_api_returns_hostile_text_as_json_strings_exactly_as_stored(
    client: Client, hostile: dict[str, object]
) -> None:
    answers = {
        "/api/companies/evil-corp/": {COMPANY_NAME, ALIAS},
        "/api/deals/evil-nice/": {COMPANY_NAME, f"Evil to buy Nice {SCRIPT}"},
        "/api/articles/evil-buys-nice/": {BODY, f"Evil buys Nice {SCRIPT}"},
        "/api/company-lookup/?q=Evil": {COMPANY_NAME},
        "/api/sources/wire/": {f"Wire {IMG}"},
    }
    for url, expected in answers.items():
        response = client.get(url)
        assert response.status_code == 200, url
        # JSON is data, never a page: served as JSON, with sniffing off, so no browser renders it as HTML.
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert expected <= set(strings_in(response.json())), url


def strings_in(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings_in(value)


def test_the_autocomplete_script_never_writes_names_as_html() -> None:
    script = (Path(__file__).resolve().parents[2] / "static" / "js" / "autocomplete.js").read_text()

    assert "textContent = company.name" in script
    assert not re.search(r"innerHTML\s*\+?=(?!\s*\"\")", script), "innerHTML is set to something other than empty"
    assert "insertAdjacentHTML" not in script
    assert "outerHTML" not in script


def test_feed_entries_with_markup_are_stored_as_text_and_shown_escaped(
    client: Client, django_capture_on_commit_callbacks: Callable
) -> None:
    feed = (
        "<rss version='2.0'><channel><title>Wire &lt;script&gt;alert(\"nb-xss\")&lt;/script&gt;</title><item>"
        '<title>Evil &lt;script&gt;alert("nb-xss")&lt;/script&gt; buys Nice</title>'
        "<link>javascript:alert(1)</link>"
        "<description>&lt;p&gt;Evil Corp agreed to buy Nice Labs.&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
        "&lt;img src=x onerror=alert(3)&gt;&lt;p&gt;The deal closes in May.&lt;/p&gt;</description></item>"
        "</channel></rss>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = ingest_submit_files(files=[("wire.rss", feed.encode())], via=IngestVia.API)
    assert run.items.get().status == "created"
    article = Article.objects.get()

    # The entry's HTML became text: its script and image are gone, the escaped markup in its title is text.
    assert "alert(2)" not in article.body
    assert "<img" not in article.body
    assert "The deal closes in May." in article.body
    assert article.title == 'Evil <script>alert("nb-xss")</script> buys Nice'
    assert article.url == ""
    for url in (reverse("articles:detail", args=[article.slug]), reverse("articles:list"), reverse("feed-articles")):
        feed = url == reverse("feed-articles")
        assert_shown_only_as_text(client.get(url).content.decode(), shown=not feed, xml=feed)


def test_a_company_list_cannot_give_a_company_a_script_link(client: Client, db: None, tmp_path: Path) -> None:
    CompanyFactory(name="Known Corp", slug="known-corp", website="")
    listing = tmp_path / "companies.json"
    listing.write_text(
        json.dumps(
            [
                {"name": "Scripted Corp", "website": "javascript:alert('nb-xss')"},
                {"name": "Known Corp", "website": "data:text/html,<script>alert('nb-xss')</script>"},
            ]
        )
    )

    output = io.StringIO()
    call_command("load_companies", str(listing), stdout=output, stderr=output)

    assert "Scripted Corp" in output.getvalue()
    assert not Company.objects.filter(website__startswith=("javascript:")).exists()
    assert not Company.objects.filter(website__startswith=("data:")).exists()
    content = client.get(reverse("companies:detail", args=["known-corp"])).content.decode()
    assert 'href="javascript:' not in content
    assert 'href="data:' not in content
