"""History: who changed what and when on companies, deals and articles, and a revert that restores it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from articles.readers import RawDocument
from articles.services import article_link, article_store
from tests.admin.test_companies_and_deals import company_form
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_the_history_shows_an_editors_change_and_a_revert_restores_it(editor_client: Client, committing) -> None:
    company = CompanyFactory(name="Kuaishou", country="CN", website="https://kuaishou.example")
    original = company.history.latest()
    with committing():
        editor_client.post(
            reverse("admin:companies_company_change", args=[company.pk]),
            company_form(company, name="Kuaishou Technology", website="https://wrong.example"),
        )
    company.refresh_from_db()
    assert company.website == "https://wrong.example"
    changed = company.history.latest()
    assert changed.history_user.username == "eddie"
    assert {"name", "website"} <= set(changed.diff_against(original).changed_fields)

    page = editor_client.get(reverse("admin:companies_company_history", args=[company.pk])).content.decode()
    assert "eddie" in page
    assert "Kuaishou Technology" in page

    revert_url = reverse("admin:companies_company_simple_history", args=[company.pk, original.history_id])
    form = editor_client.get(revert_url)
    assert form.status_code == 200
    assert form.context["adminform"].form.initial["website"] == "https://kuaishou.example"
    with committing():
        response = editor_client.post(
            revert_url, company_form(company, name="Kuaishou", website="https://kuaishou.example")
        )
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.website) == ("Kuaishou", "https://kuaishou.example")
    assert company.history.count() == 3
    assert company.history.latest().history_user.username == "eddie"


def test_ingestion_and_linking_write_no_article_versions(knowledge_base: dict) -> None:
    document = RawDocument(origin="a.txt", title="Vodafone", body="Vodafone said profits rose.", url=None,
                           published_at=None, source=None, author=None, tags=(), format="text")  # fmt: skip
    article = article_store(document=document).article
    article_link(article_id=article.pk)
    assert Article.objects.get(pk=article.pk).history.count() == 0
