"""Reading the knowledge base through the API: the shapes clients rely on, and only what readers may see."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import SPIN_OFF, World
from tests.factories import ArticleFactory, CompanyFactory, DealFactory, DealPartyFactory, MentionFactory

pytestmark = pytest.mark.django_db


def test_a_company_comes_with_its_aliases_parent_units_and_counts(api: APIClient, world: World) -> None:
    kuaishou = api.get("/api/companies/kuaishou/").json()
    kling = api.get("/api/companies/kling-ai/").json()

    assert kuaishou["name"] == "Kuaishou"
    assert [alias["name"] for alias in kuaishou["aliases"]] == ["Kuaishou Technology"]
    assert kuaishou["units"] == [{"name": "Kling AI", "slug": "kling-ai"}]
    assert kuaishou["counts"] == {"deals": 1, "articles": 1, "units": 1}
    assert kuaishou["links"]["deals"].endswith("/api/deals/?company=kuaishou")
    assert kling["parent"] == {"name": "Kuaishou", "slug": "kuaishou"}


def test_a_company_readers_do_not_see_is_not_found(api: APIClient, world: World) -> None:
    response = api.get("/api/companies/murky/")

    assert response.status_code == 404
    assert "murky" not in [company["slug"] for company in api.get("/api/companies/").json()["results"]]


def test_a_deal_comes_with_its_public_parties_amounts_and_evidence(api: APIClient, world: World) -> None:
    deal = api.get("/api/deals/kuaishou-kling-spin-off/").json()

    assert (deal["kind"], deal["status"]) == ("spin_off", "proposed")
    assert (deal["valuation"], deal["valuation_currency"]) == ("20000000000.00", "USD")
    assert (deal["amount"], deal["currency"]) == (None, "")
    assert deal["parties"] == [
        {"company": {"name": "Kuaishou", "slug": "kuaishou"}, "role": "parent"},
        {"company": {"name": "Kling AI", "slug": "kling-ai"}, "role": "spun_off"},
    ]
    [evidence] = deal["evidence"]
    assert evidence["article"]["slug"] == "kuaishou-kling"
    assert evidence["sentence"] == SPIN_OFF


def test_an_article_comes_with_its_visible_mentions_and_its_deals(api: APIClient, world: World) -> None:
    article = api.get("/api/articles/kuaishou-kling/").json()

    mentions = [(m["company"]["slug"], m["text"], m["start"], m["end"]) for m in article["mentions"]]
    assert mentions == [("kuaishou", "Kuaishou", 0, 8), ("kling-ai", "Kling AI", 31, 39)]
    assert all(article["body"][start:end] == text for _, text, start, end in mentions)
    assert article["deals"] == [
        {"slug": "kuaishou-kling-spin-off", "title": "Kuaishou to spin off Kling AI", "kind": "spin_off",
         "status": "proposed"}
    ]  # fmt: skip


def test_the_article_list_names_companies_and_deals_but_leaves_out_the_body(api: APIClient, world: World) -> None:
    [article] = api.get("/api/articles/").json()["results"]

    assert "body" not in article
    assert article["companies"] == [{"name": "Kuaishou", "slug": "kuaishou"}, {"name": "Kling AI", "slug": "kling-ai"}]
    assert [deal["slug"] for deal in article["deals"]] == ["kuaishou-kling-spin-off"]


def test_the_mention_list_hides_rejected_mentions_and_hidden_companies(api: APIClient, world: World) -> None:
    texts = [mention["text"] for mention in api.get("/api/mentions/?ordering=created").json()["results"]]

    assert texts == ["Kuaishou", "Kling AI"]


def test_a_source_counts_its_articles(api: APIClient, world: World) -> None:
    source = api.get("/api/sources/wire/").json()

    assert source["article_count"] == 1


def test_deals_filter_by_a_company_in_a_role(api: APIClient, world: World) -> None:
    other = DealFactory(slug="other")
    DealPartyFactory(deal=other, company=world.kling, role="acquirer")

    def slugs(query: str) -> list[str]:
        return sorted(deal["slug"] for deal in api.get(f"/api/deals/?{query}").json()["results"])

    assert slugs("company=kling-ai") == ["kuaishou-kling-spin-off", "other"]
    assert slugs("company=kling-ai&role=acquirer") == ["other"]
    assert slugs("company=kuaishou&role=acquirer") == []
    assert slugs("kind=spin_off&kind=merger") == ["kuaishou-kling-spin-off"]


def test_deals_filter_by_date_and_amount_ranges(api: APIClient, world: World) -> None:
    DealFactory(slug="big-old", amount=500, currency="USD", announced_on=date(2020, 1, 1))
    DealFactory(slug="small-new", amount=5, currency="USD", announced_on=date(2025, 1, 1))

    def slugs(query: str) -> list[str]:
        return [deal["slug"] for deal in api.get(f"/api/deals/?{query}").json()["results"]]

    assert slugs("amount_min=100") == ["big-old"]
    assert slugs("announced_before=2024-12-31&amount_max=10") == []
    assert slugs("announced_after=2024-01-01&announced_before=2025-06-01") == ["small-new"]


def test_companies_filter_by_text_in_a_name_or_an_alias_ignoring_case_and_accents(api: APIClient, world: World) -> None:
    CompanyFactory(name="Deutsche Börse", slug="deutsche-borse", country="DE")

    def slugs(query: str) -> list[str]:
        return [company["slug"] for company in api.get(f"/api/companies/?{query}").json()["results"]]

    assert slugs("q=TECHNOLOGY") == ["kuaishou"]
    assert slugs("q=borse") == ["deutsche-borse"]
    assert slugs("country=cn&kind=unit") == ["kling-ai"]
    assert slugs("parent=kuaishou") == ["kling-ai"]


def test_articles_filter_by_the_company_they_mention_and_by_source(api: APIClient, world: World) -> None:
    ArticleFactory(slug="unrelated")

    def slugs(query: str) -> list[str]:
        return [article["slug"] for article in api.get(f"/api/articles/?{query}").json()["results"]]

    assert slugs("company=kling-ai") == ["kuaishou-kling"]
    assert slugs("deal=kuaishou-kling-spin-off") == ["kuaishou-kling"]
    assert slugs("source=wire") == ["kuaishou-kling"]


def test_a_rejected_mention_does_not_make_an_article_one_of_the_companys(api: APIClient, world: World) -> None:
    article = ArticleFactory(slug="rejected-only")
    MentionFactory(article=article, company=world.kling, review_state="rejected")

    slugs = [article["slug"] for article in api.get("/api/articles/?company=kling-ai").json()["results"]]

    assert slugs == ["kuaishou-kling"]


def test_a_long_list_is_read_page_by_page_with_cursors_without_gaps_or_repeats(api: APIClient, db: None) -> None:
    # Deals without a date sort last; equal dates are told apart by id: every deal appears exactly once.
    for n in range(23):
        announced = None if n % 5 == 0 else date(2024, 1, 1) + timedelta(days=n % 4)
        DealFactory(slug=f"deal-{n:02}", announced_on=announced)
    seen: list[dict] = []
    url: str | None = "/api/deals/?page_size=4"
    while url:
        page = api.get(url).json()
        seen += page["results"]
        url = page["next"]

    dates = [deal["announced_on"] for deal in seen]
    assert sorted(deal["slug"] for deal in seen) == [f"deal-{n:02}" for n in range(23)]
    assert dates == sorted(filter(None, dates), reverse=True) + [None] * 5


def test_ascending_order_also_puts_unknown_dates_last(api: APIClient, db: None) -> None:
    for n, announced in enumerate([None, date(2024, 3, 1), date(2023, 1, 1), None, date(2025, 1, 1)]):
        DealFactory(slug=f"deal-{n}", announced_on=announced)
    seen: list[dict] = []
    url: str | None = "/api/deals/?ordering=announced&page_size=2"
    while url:
        page = api.get(url).json()
        seen += page["results"]
        url = page["next"]

    assert [deal["announced_on"] for deal in seen] == ["2023-01-01", "2024-03-01", "2025-01-01", None, None]


def test_a_page_size_is_bounded(api: APIClient, db: None) -> None:
    response = api.get("/api/deals/?page_size=1000")

    assert response.status_code == 400
    assert response.json()["fields"] == {"page_size": ["A whole number from 1 to 100."]}


def test_a_detail_answers_not_modified_when_the_client_has_the_current_copy(
    api: APIClient, world: World, committing
) -> None:
    first = api.get("/api/companies/kuaishou/")
    again = api.get("/api/companies/kuaishou/", HTTP_IF_NONE_MATCH=first["ETag"])
    with committing(execute=True):
        CompanyFactory(name="Kuaishou Pay", slug="kuaishou-pay", parent=world.kuaishou)
    after_a_new_unit = api.get("/api/companies/kuaishou/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert after_a_new_unit.status_code == 200
    assert after_a_new_unit["ETag"] != first["ETag"]


def test_the_deal_list_shows_one_row_per_deal_however_many_parties_match(api: APIClient, world: World) -> None:
    DealPartyFactory(deal=world.deal, company=world.kuaishou, role="seller")

    slugs = [deal["slug"] for deal in api.get("/api/deals/?company=kuaishou").json()["results"]]

    assert slugs == ["kuaishou-kling-spin-off"]
