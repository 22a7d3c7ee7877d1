"""API test setup: a client, keys of each kind, and a small knowledge base with everything a reader sees."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from accounts.models import ApiKeyAccess
from accounts.services import api_key_create
from articles.models import Article, ReviewState
from companies.models import Company, CompanyStatus, Deal, DealKind, DealStatus, PartyRole
from companies.stats import company_mention_counts_refresh
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

SPIN_OFF = "Kuaishou plans to spin off its Kling AI video unit, valued at $20 billion, the company said."


@dataclass
class Keys:
    read: str
    write: str


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def keys(db: None) -> Keys:
    user = get_user_model().objects.create_user("integration", password=None)
    _, read = api_key_create(name="Reader", user=user, access=ApiKeyAccess.READ)
    _, write = api_key_create(name="Importer", user=user, access=ApiKeyAccess.WRITE)
    return Keys(read=read, write=write)


@pytest.fixture
def writer(api: APIClient, keys: Keys) -> APIClient:
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {keys.write}")
    return api


@pytest.fixture
def committing(db: None, django_capture_on_commit_callbacks):
    """Runs what a request queued for after its commit (ingestion, linking), as a real commit would."""
    return django_capture_on_commit_callbacks


@dataclass
class World:
    kuaishou: Company
    kling: Company
    hidden: Company
    deal: Deal
    article: Article


@pytest.fixture
def world(db: None) -> World:
    """Kuaishou spins off Kling AI, as one article reports; plus a company readers must not see."""
    kuaishou = CompanyFactory(name="Kuaishou", slug="kuaishou", country="CN")
    CompanyAliasFactory(company=kuaishou, name="Kuaishou Technology")
    kling = CompanyFactory(name="Kling AI", slug="kling-ai", kind="unit", parent=kuaishou, country="CN")
    hidden = CompanyFactory(name="Murky Ventures", slug="murky", status=CompanyStatus.AUTO, is_public=False)
    article = ArticleFactory(
        title="Kuaishou to spin off Kling AI", slug="kuaishou-kling", body=SPIN_OFF, source=SourceFactory(slug="wire")
    )
    MentionFactory(article=article, company=kuaishou, text="Kuaishou", start=0, end=8)
    MentionFactory(article=article, company=kling, text="Kling AI", start=31, end=39)
    at = SPIN_OFF.index("company")
    MentionFactory(article=article, company=hidden, text="company", start=at, end=at + len("company"))
    MentionFactory(article=article, company=kuaishou, text="video", start=40, end=45, review_state=ReviewState.REJECTED)
    deal = DealFactory(
        kind=DealKind.SPIN_OFF,
        status=DealStatus.PROPOSED,
        title="Kuaishou to spin off Kling AI",
        slug="kuaishou-kling-spin-off",
        valuation=Decimal("20000000000"),
        valuation_currency="USD",
    )
    DealPartyFactory(deal=deal, company=kuaishou, role=PartyRole.PARENT)
    DealPartyFactory(deal=deal, company=kling, role=PartyRole.SPUN_OFF)
    DealPartyFactory(deal=deal, company=hidden, role=PartyRole.INVESTOR)
    DealEvidenceFactory(deal=deal, article=article)
    # As linking does after writing mentions: the counts the API reads.
    company_mention_counts_refresh()
    return World(kuaishou=kuaishou, kling=kling, hidden=hidden, deal=deal, article=article)
