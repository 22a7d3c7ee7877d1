"""Feeds parse cleanly in a real feed reader's parser; the sitemap lists every public page."""

from __future__ import annotations

import re

import feedparser
import pytest
from django.test import Client

from articles.models import Article
from companies.models import Company, Deal, DealKind
from tests.factories import CompanyFactory
from tests.website import build_scenario

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "entries"),
    [
        ("/feeds/articles/", 2),
        ("/feeds/deals/", 2),
        ("/feeds/deals/spin_off/", 1),
        ("/feeds/deals/merger/", 0),
        ("/feeds/companies/kuaishou/", 1),
        ("/feeds/companies/microsoft/", 1),
    ],
)
def test_every_feed_is_valid_atom_that_feedparser_reads_without_errors(client: Client, url: str, entries: int) -> None:
    build_scenario()
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == entries
    for entry in feed.entries:
        assert entry.title
        assert entry.link.startswith("http://testserver/")
        assert entry.updated_parsed


def test_a_deal_feed_entry_reads_like_the_deal_page(client: Client) -> None:
    build_scenario()
    feed = feedparser.parse(client.get("/feeds/deals/").content)
    titles = [entry.title for entry in feed.entries]
    assert "Microsoft acquired Activision Blizzard" in titles
    summary = next(entry.summary for entry in feed.entries if entry.title.startswith("Microsoft"))
    assert "$68.7 billion" in summary


def test_there_is_a_feed_for_every_kind_of_deal_and_none_for_an_unknown_kind(client: Client) -> None:
    for kind in DealKind.values:
        assert client.get(f"/feeds/deals/{kind}/").status_code == 200
    assert client.get("/feeds/deals/takeover/").status_code == 404


def test_a_hidden_company_has_no_feed(client: Client) -> None:
    CompanyFactory(slug="hidden", status="auto", is_public=False)
    assert client.get("/feeds/companies/hidden/").status_code == 404


def _locations(client: Client, url: str) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", client.get(url).content.decode())


def test_the_sitemap_lists_every_public_company_every_deal_and_every_article(client: Client) -> None:
    build_scenario()
    CompanyFactory(slug="hidden", status="auto", is_public=False)
    sections = _locations(client, "/sitemap.xml")
    assert sections
    listed = {url for section in sections for url in _locations(client, section.replace("http://testserver", ""))}
    expected = {
        *(f"http://testserver{company.get_absolute_url()}" for company in Company.objects.public()),
        *(f"http://testserver{deal.get_absolute_url()}" for deal in Deal.objects.all()),
        *(f"http://testserver{article.get_absolute_url()}" for article in Article.objects.all()),
    }
    assert expected <= listed
    assert "http://testserver/companies/hidden/" not in listed
