"""Site search: one contract, run against every backend (the PostgreSQL one needs PostgreSQL)."""

from __future__ import annotations

import pytest
from django.test import Client

from newsbase.search import search
from newsbase.search.backend import SearchBackend
from newsbase.search.fallback import FallbackSearchBackend
from newsbase.search.postgres import PostgresSearchBackend
from tests.factories import ArticleFactory, CompanyAliasFactory, CompanyFactory, DealFactory, DealPartyFactory
from tests.website import build_scenario

pytestmark = pytest.mark.django_db


class SearchContract:
    """What every backend must do; a subclass names the backend."""

    backend: type[SearchBackend]

    def search(self, query: str, **kwargs: object) -> object:
        return search(query, backend=self.backend(), **kwargs)

    def test_a_typo_in_a_company_name_still_finds_the_company(self) -> None:
        build_scenario()
        results = self.search("Kuaishu")
        assert results.companies[0].company.slug == "kuaishou"

    def test_an_alias_finds_its_company(self) -> None:
        company = CompanyFactory(name="Meta Platforms", slug="meta")
        CompanyAliasFactory(company=company, name="Facebook")
        assert [hit.company.slug for hit in self.search("facebook").companies] == ["meta"]

    def test_the_exact_name_ranks_first(self) -> None:
        CompanyFactory(name="Open Text", slug="open-text")
        CompanyFactory(name="OpenAI", slug="openai")
        CompanyFactory(name="OpenAI Startup Fund", slug="openai-fund")
        assert self.search("OpenAI").companies[0].company.slug == "openai"

    def test_hidden_companies_are_not_found(self) -> None:
        CompanyFactory(name="Secretive Labs", slug="secretive", status="auto", is_public=False)
        assert self.search("Secretive Labs").companies == []

    def test_an_article_is_found_by_a_word_of_its_body_with_the_word_marked(self) -> None:
        build_scenario()
        results = self.search("regulators")
        assert [hit.article.slug for hit in results.articles] == ["microsoft-closes-activision-blizzard-deal"]
        assert "<mark>Regulators</mark>" in results.articles[0].snippet

    def test_an_article_whose_title_matches_ranks_above_one_whose_body_does(self) -> None:
        ArticleFactory(slug="body", title="Weekly roundup", body="Chips, chips and more: Nvidia chips sold out.")
        ArticleFactory(slug="title", title="Nvidia sells out", body="The company sold everything it made.")
        assert self.search("nvidia").articles[0].article.slug == "title"

    def test_snippets_escape_the_text_around_the_marks(self) -> None:
        ArticleFactory(slug="xss", title="Widgets", body="<b>Widgets</b> & <script>x()</script> widgets")
        snippet = str(self.search("widgets").articles[0].snippet)
        # PostgreSQL's ts_headline drops tag-like text; the fallback escapes it. Neither lets markup through.
        assert "<script>" not in snippet
        assert "<b>" not in snippet
        assert "&amp;" in snippet
        assert "<mark>" in snippet

    def test_a_deal_is_found_by_its_headline_or_a_party_name(self) -> None:
        scenario = build_scenario()
        DealFactory(title="Nvidia agreed to acquire Run:ai", slug="nvidia-runai")
        assert [deal.slug for deal in self.search("Run:ai acquire").deals] == ["nvidia-runai"]
        assert scenario.acquisition.slug in [deal.slug for deal in self.search("Activision Blizzard").deals]

    def test_counts_are_given_by_type_and_one_type_can_be_paged(self) -> None:
        company = CompanyFactory(name="Zebra Robotics", slug="zebra")
        for i in range(13):
            ArticleFactory(title=f"Zebra news {i}", body=f"Zebra Robotics shipped robot {i}.")
        deal = DealFactory(title="Zebra Robotics raised funding", slug="zebra-round")
        DealPartyFactory(deal=deal, company=company, role="investee")
        results = self.search("zebra")
        assert results.counts == {"companies": 1, "deals": 1, "articles": 13}
        second = self.search("zebra", kind="articles", page=2)
        assert len(second.articles) == 3
        assert second.page.number == 2

    def test_an_empty_query_finds_nothing_and_runs_no_search(self) -> None:
        results = self.search("   ")
        assert results.total == 0


class TestFallbackSearch(SearchContract):
    backend = FallbackSearchBackend


@pytest.mark.postgres
class TestPostgresSearch(SearchContract):
    backend = PostgresSearchBackend

    def test_stemming_finds_other_forms_of_a_word(self) -> None:
        ArticleFactory(slug="acq", title="A deal", body="Oracle acquired a cloud start-up.")
        assert [hit.article.slug for hit in self.search("acquires").articles] == ["acq"]


def test_the_search_page_shows_facets_and_results(client: Client) -> None:
    build_scenario()
    html = client.get("/search/?q=kling").content.decode()
    assert "Results for “kling”" in html
    assert 'aria-current="page">Everything' in html
    assert 'href="?q=kling&amp;type=articles"' in html
    assert "Kling AI" in html


def test_the_search_page_without_a_query_invites_one(client: Client) -> None:
    html = client.get("/search/").content.decode()
    assert "Company names forgive typos" in html
