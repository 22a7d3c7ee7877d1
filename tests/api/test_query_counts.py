"""Every list and detail endpoint reads in a fixed number of queries, the same for 5 related rows or 500."""

from __future__ import annotations

import hashlib

import pytest
from rest_framework.test import APIClient

from accounts.models import ApiKeyAccess
from accounts.services import api_key_create
from articles.models import Article, DealEvidence, IngestItem, IngestRun, Mention
from companies.models import Company, CompanyAlias, DealParty
from tests.api.conftest import World

pytestmark = pytest.mark.django_db


def grow(world: World, n: int) -> None:
    """n more of everything around the spin-off: aliases, units, deals' parties, articles, mentions, evidence."""
    kuaishou, deal, article = world.kuaishou, world.deal, world.article
    CompanyAlias.objects.bulk_create(
        CompanyAlias(company=kuaishou, name=f"KS {i}", name_key=f"ks {i}") for i in range(n)
    )
    units = Company.objects.bulk_create(
        Company(name=f"Unit {i}", name_key=f"unit {i}", slug=f"unit-{i}", kind="unit", parent=kuaishou,
                status="verified")
        for i in range(n)
    )  # fmt: skip
    DealParty.objects.bulk_create(DealParty(deal=deal, company=unit, role="investor") for unit in units)
    articles = Article.objects.bulk_create(
        Article(title=f"Story {i}", slug=f"story-{i}", body=f"Kuaishou story {i}", source=article.source,
                content_hash=hashlib.sha256(f"story {i}".encode()).hexdigest())
        for i in range(n)
    )  # fmt: skip
    Mention.objects.bulk_create(
        [Mention(article=story, company=kuaishou, text="Kuaishou", start=0, end=8) for story in articles]
        + [Mention(article=article, company=unit, text=f"u{i}", start=100 + i, end=101 + i) for i, unit in
           enumerate(units)]
    )  # fmt: skip
    DealEvidence.objects.bulk_create(
        DealEvidence(deal=deal, article=story, sentence=story.body, start=0, end=8) for story in articles
    )


READS = [
    ("/api/companies/", 2),  # companies with parents and counts; aliases
    ("/api/companies/kuaishou/", 3),  # the company; aliases; units
    ("/api/deals/", 2),  # deals; parties with companies
    ("/api/deals/kuaishou-kling-spin-off/", 3),  # the deal; parties; evidence with articles
    ("/api/articles/", 3),  # articles with sources; mentions with companies; evidence with deals
    ("/api/articles/kuaishou-kling/", 3),
    # The company on its own first, so that the database plans with what it knows of that company's rows.
    ("/api/articles/?company=kuaishou", 4),
    ("/api/mentions/", 1),
    ("/api/mentions/?company=kuaishou", 2),
    ("/api/sources/", 1),
    ("/api/sources/wire/", 1),
    ("/api/company-lookup/?q=kuai", 5),  # names; aliases; close spellings of each; the companies
]


@pytest.mark.parametrize("related", [5, 500])
@pytest.mark.parametrize(("url", "queries"), READS)
def test_a_read_costs_a_fixed_number_of_queries(
    api: APIClient, world: World, django_assert_num_queries, related: int, url: str, queries: int
) -> None:
    grow(world, related)

    with django_assert_num_queries(queries):
        response = api.get(url)

    assert response.status_code == 200


def test_a_mention_detail_is_one_query(api: APIClient, world: World, django_assert_num_queries) -> None:
    mention = world.article.mentions.first()

    with django_assert_num_queries(1):
        assert api.get(f"/api/mentions/{mention.pk}/").status_code == 200


@pytest.mark.parametrize("related", [5, 500])
def test_an_ingestion_run_costs_a_fixed_number_of_queries(
    api: APIClient, db: None, django_assert_num_queries, related: int
) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("importer")
    _, raw_key = api_key_create(name="Importer", user=user, access=ApiKeyAccess.READ)
    run = IngestRun.objects.create(via="api", requested_by=user)
    IngestItem.objects.bulk_create(IngestItem(run=run, position=i, origin=f"{i}.txt") for i in range(related))
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    api.get("/api/sources/")  # the key's first use is noted once; later requests only read it

    # The key; the run; its items; its counts.
    with django_assert_num_queries(4):
        response = api.get(f"/api/ingest-runs/{run.pk}/")

    assert len(response.json()["items"]) == related
