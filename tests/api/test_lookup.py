"""Company lookup by name or alias: case, accents and typos forgiven; the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from companies.lookup import company_lookup
from companies.models import CompanyStatus
from tests.factories import CompanyAliasFactory, CompanyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def names(db: None) -> None:
    for name, slug in [
        ("Kuaishou", "kuaishou"),
        ("Kuaishou Pay", "kuaishou-pay"),
        ("Microsoft", "microsoft"),
        ("Deutsche Börse", "deutsche-borse"),
        ("Open Kuaishou Labs", "open-kuaishou-labs"),
        ("Meta Platforms", "meta"),
        ("Alphabet", "alphabet"),
    ]:
        CompanyFactory(name=name, slug=slug)
    CompanyAliasFactory(company=CompanyFactory(name="Kling AI", slug="kling-ai"), name="可灵")
    CompanyAliasFactory(company=CompanyFactory(name="Alphabet Inc", slug="alphabet-inc"), name="Google")
    CompanyFactory(name="Kuaishou Shadow", slug="kuaishou-shadow", status=CompanyStatus.AUTO, is_public=False)


def slugs(query: str, limit: int = 10) -> list[str]:
    return [company.slug for company in company_lookup(query, limit=limit)]


def test_an_exact_name_comes_first_then_names_starting_with_it_then_words_starting_with_it(names: None) -> None:
    assert slugs("kuaishou") == ["kuaishou", "kuaishou-pay", "open-kuaishou-labs"]


def test_case_and_accents_are_ignored(names: None) -> None:
    assert slugs("DEUTSCHE BORSE") == ["deutsche-borse"]
    assert slugs("börse")[0] == "deutsche-borse"


def test_an_alias_finds_its_company(names: None) -> None:
    assert slugs("goog") == ["alphabet-inc"]
    assert slugs("可灵") == ["kling-ai"]


@pytest.mark.parametrize(
    ("typo", "meant"), [("kuaishuo", "kuaishou"), ("microsfot", "microsoft"), ("Gogle", "alphabet-inc")]
)
def test_a_misspelt_name_finds_the_company(names: None, typo: str, meant: str) -> None:
    assert slugs(typo)[0] == meant


def test_companies_readers_do_not_see_are_never_offered(names: None) -> None:
    assert "kuaishou-shadow" not in slugs("kuaishou shadow")


def test_the_limit_is_honoured(names: None) -> None:
    assert slugs("kuaishou", limit=2) == ["kuaishou", "kuaishou-pay"]


def test_a_query_with_no_letters_finds_nothing(names: None) -> None:
    assert slugs("  ?! ") == []


def test_the_endpoint_answers_with_the_best_matches(api: APIClient, names: None) -> None:
    response = api.get("/api/company-lookup/?q=Kuaishou&limit=1")

    assert response.json()["results"] == [
        {"slug": "kuaishou", "name": "Kuaishou", "kind": "company", "country": "US", "parent": None,
         "api_url": "http://testserver/api/companies/kuaishou/"}
    ]  # fmt: skip


def test_the_endpoint_needs_a_query(api: APIClient, db: None) -> None:
    response = api.get("/api/company-lookup/")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["q"]
