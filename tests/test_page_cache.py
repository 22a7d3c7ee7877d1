"""Readers get cached pages; an editor's change shows on the very next request."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_a_second_reader_is_served_from_the_cache_without_a_query(
    client: Client, django_assert_num_queries: object
) -> None:
    CompanyFactory(slug="acme", name="Acme")
    client.get("/companies/acme/")
    with django_assert_num_queries(0):
        assert client.get("/companies/acme/").status_code == 200


def test_an_editors_change_shows_on_the_next_request(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    company = CompanyFactory(slug="acme", name="Acme", description="Makes anvils.")
    assert "Makes anvils." in client.get("/companies/acme/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        company.description = "Makes rockets."
        company.save()
    assert "Makes rockets." in client.get("/companies/acme/").content.decode()


def test_a_new_mention_shows_on_every_page_at_once(client: Client, django_capture_on_commit_callbacks: object) -> None:
    from companies.stats import company_mention_counts_refresh
    from tests.factories import MentionFactory

    company = CompanyFactory(slug="acme", name="Acme")
    assert "No article names Acme yet." in client.get("/companies/acme/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        MentionFactory(company=company)
        # As linking does after writing mentions: the counts and days the company page reads.
        company_mention_counts_refresh(company_ids=[company.pk])
    assert "No article names Acme yet." not in client.get("/companies/acme/").content.decode()


def test_a_signed_in_editor_always_gets_a_fresh_page(client: Client, django_assert_num_queries: object) -> None:
    CompanyFactory(slug="acme", name="Acme")
    client.get("/companies/acme/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    response = client.get("/companies/acme/")
    assert response.status_code == 200
    assert len(response.content) > 0
