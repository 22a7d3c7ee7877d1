"""Writing through the API: documents in, editors' corrections through the same services as the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import ApiKeyAccess
from accounts.services import api_key_create
from articles.models import Article, IngestRun, Mention, ReviewState
from companies.models import AliasKind, Company, CompanyAlias, CompanyStatus, Deal, DealParty
from newsbase.history import LINKING
from tests.api.conftest import World

pytestmark = pytest.mark.django_db

STORY = "Kuaishou is planning to spin off Kling AI, its video unit, the company said on Monday."


def test_renaming_a_company_keeps_the_old_name_as_a_former_alias(writer: APIClient, world: World) -> None:
    response = writer.patch("/api/companies/kling-ai/", {"name": "Kling"}, format="json")

    world.kling.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["name"] == "Kling"
    assert world.kling.status == CompanyStatus.VERIFIED
    assert list(world.kling.aliases.values_list("name", "kind")) == [("Kling AI", AliasKind.FORMER)]


def test_aliases_given_replace_the_companys_other_names(writer: APIClient, world: World) -> None:
    response = writer.patch("/api/companies/kuaishou/", {"aliases": ["快手", "KS"]}, format="json")

    assert sorted(alias["name"] for alias in response.json()["aliases"]) == ["KS", "快手"]


def test_a_company_gets_a_parent_by_slug_and_loses_it_with_null(writer: APIClient, world: World) -> None:
    given = writer.patch("/api/companies/kuaishou/", {"parent": "murky"}, format="json").json()
    removed = writer.patch("/api/companies/kuaishou/", {"parent": None}, format="json").json()
    unknown = writer.patch("/api/companies/kuaishou/", {"parent": "nobody"}, format="json")

    assert given["parent"] == {"name": "Murky Ventures", "slug": "murky"}
    assert removed["parent"] is None
    assert unknown.json()["fields"] == {"parent": ["No company with the slug 'nobody'."]}


def test_correcting_a_deal_replaces_its_parties_and_verifies_it(writer: APIClient, world: World) -> None:
    response = writer.patch(
        "/api/deals/kuaishou-kling-spin-off/",
        {
            "status": "completed",
            "amount": "1500000000",
            "currency": "usd",
            "parties": [{"company": "kuaishou", "role": "parent"}, {"company": "kling-ai", "role": "spun_off"}],
        },
        format="json",
    )

    deal = Deal.objects.get(pk=world.deal.pk)
    assert response.status_code == 200
    assert (deal.status, str(deal.amount), deal.currency, deal.verified) == ("completed", "1500000000.00", "USD", True)
    assert sorted(deal.parties.values_list("company__slug", "role")) == [
        ("kling-ai", "spun_off"),
        ("kuaishou", "parent"),
    ]


def test_corrections_are_recorded_in_the_history_as_the_keys_account(
    writer: APIClient, world: World, without_history_middleware: None
) -> None:
    writer.patch("/api/companies/kling-ai/", {"name": "Kling"}, format="json")
    writer.patch("/api/deals/kuaishou-kling-spin-off/", {"status": "completed"}, format="json")

    account = get_user_model().objects.get(username="integration")
    company_version = Company.history.filter(id=world.kling.pk).latest()
    deal_version = Deal.history.filter(id=world.deal.pk).latest()
    assert (company_version.history_type, company_version.history_user, company_version.name) == ("~", account, "Kling")
    assert (deal_version.history_type, deal_version.history_user, deal_version.status) == ("~", account, "completed")


def test_an_amount_without_a_currency_is_refused(writer: APIClient, world: World) -> None:
    response = writer.patch("/api/deals/kuaishou-kling-spin-off/", {"amount": "10"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["currency"]
    assert Deal.objects.get(pk=world.deal.pk).amount is None


def test_a_rejected_mention_leaves_the_article(writer: APIClient, world: World) -> None:
    mention = Mention.objects.get(article=world.article, text="Kling AI")

    response = writer.patch(f"/api/mentions/{mention.pk}/", {"review_state": "rejected"}, format="json")
    article = writer.get("/api/articles/kuaishou-kling/").json()

    assert response.json()["review_state"] == ReviewState.REJECTED
    assert [m["text"] for m in article["mentions"]] == ["Kuaishou"]


def test_a_rejected_mention_can_be_confirmed_after_all(writer: APIClient, world: World) -> None:
    mention = Mention.objects.get(review_state=ReviewState.REJECTED)

    response = writer.patch(f"/api/mentions/{mention.pk}/", {"review_state": "confirmed"}, format="json")

    assert response.status_code == 200
    mention.refresh_from_db()
    assert mention.review_state == ReviewState.CONFIRMED
    # The decision names the API key's account.
    assert mention.reviewed_by is not None
    assert mention.reviewed_by == response.wsgi_request.user


def test_a_submitted_article_is_accepted_with_a_run_to_poll(writer: APIClient, committing) -> None:
    with committing(execute=True):
        response = writer.post(
            "/api/articles/",
            {"title": "Kling AI to be spun off", "body": STORY, "url": "https://example.com/k", "source": "Example"},
            format="json",
        )

    assert response.status_code == 202
    assert response["Location"] == response.json()["poll"]
    run = writer.get(response["Location"]).json()
    [item] = run["items"]
    assert (run["via"], run["counts"]["total"], item["status"]) == ("api", 1, "created")
    article = Article.objects.get(slug=item["article"]["slug"])
    assert (article.title, article.url, article.source.name) == ("Kling AI to be spun off", "https://example.com/k",
                                                                 "Example")  # fmt: skip


def test_what_linking_finds_in_a_submitted_article_is_recorded_as_the_machines(writer: APIClient, committing) -> None:
    with committing(execute=True):
        writer.post("/api/articles/", {"body": STORY}, format="json")

    versions = [*Company.history.all(), *Deal.history.all()]
    assert Company.objects.exists()
    assert len(versions) >= Company.objects.count()
    assert {(version.history_user, version.history_change_reason) for version in versions} == {(None, LINKING)}


def test_the_same_article_submitted_twice_is_stored_once(writer: APIClient, committing) -> None:
    with committing(execute=True):
        writer.post("/api/articles/", {"body": STORY}, format="json")
    with committing(execute=True):
        again = writer.post("/api/articles/", {"body": STORY}, format="json")
    again = writer.get(again["Location"]).json()

    assert again["items"][0]["status"] == "duplicate"
    assert Article.objects.count() == 1


def test_an_article_without_text_is_refused(writer: APIClient, db: None) -> None:
    response = writer.post("/api/articles/", {"body": "   \n  "}, format="json")

    assert response.status_code == 400
    assert "body" in response.json()["fields"]
    assert not IngestRun.objects.exists()


def test_uploaded_files_each_get_an_outcome_and_an_unreadable_one_its_reason(writer: APIClient, committing) -> None:
    files = [
        SimpleUploadedFile("kling.txt", f"Kling AI spun off\n\n{STORY}".encode()),
        SimpleUploadedFile("notes.md", b"---\ntitle: Notes\n---\nKuaishou reported revenue growth in its quarter."),
        SimpleUploadedFile("broken.json", b"{not json"),
    ]

    with committing(execute=True):
        response = writer.post("/api/ingest/", {"files": files, "source": "Uploads"}, format="multipart")

    assert response.status_code == 202
    run = writer.get(response.json()["poll"]).json()
    outcomes = [(item["origin"], item["status"]) for item in run["items"]]
    assert outcomes == [("kling.txt", "created"), ("notes.md", "created"), ("broken.json", "failed")]
    assert run["items"][2]["reason"]
    assert run["counts"] == {"total": 3, "pending": 0, "created": 2, "duplicate": 0, "failed": 1}
    assert run["status"] == "finished"


def test_an_upload_without_files_is_refused(writer: APIClient, db: None) -> None:
    response = writer.post("/api/ingest/", {"source": "Uploads"}, format="multipart")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["files"]


def test_a_key_sees_only_its_own_accounts_runs(writer: APIClient, api: APIClient, db: None) -> None:
    run_url = writer.post("/api/articles/", {"body": STORY}, format="json")["Location"]
    stranger = get_user_model().objects.create_user("stranger")
    _, their_key = api_key_create(name="Theirs", user=stranger, access=ApiKeyAccess.READ)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {their_key}")

    assert api.get(run_url).status_code == 404


def test_a_deal_cannot_be_left_without_parties(writer: APIClient, world: World) -> None:
    response = writer.patch("/api/deals/kuaishou-kling-spin-off/", {"parties": []}, format="json")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["parties"]
    assert world.deal.parties.count() == 3


def test_new_parties_rebuild_the_machines_headline_and_their_versions_name_the_keys_account(
    writer: APIClient, world: World, without_history_middleware: None
) -> None:
    response = writer.patch(
        "/api/deals/kuaishou-kling-spin-off/",
        {"parties": [{"company": "kuaishou", "role": "parent"}, {"company": "kling-ai", "role": "spun_off"}]},
        format="json",
    )

    account = get_user_model().objects.get(username="integration")
    assert response.json()["title"] == "Kuaishou plans to spin off Kling AI"
    removed = DealParty.history.filter(deal_id=world.deal.pk, company_id=world.hidden.pk).latest()
    assert (removed.history_type, removed.history_user) == ("-", account)


def test_an_editors_headline_must_change_with_a_party_it_names(writer: APIClient, world: World) -> None:
    url = "/api/deals/kuaishou-kling-spin-off/"
    writer.patch(url, {"title": "Kling AI leaves Kuaishou"}, format="json")
    without_kling = {"parties": [{"company": "kuaishou", "role": "parent"}]}

    refused = writer.patch(url, without_kling, format="json")
    accepted = writer.patch(url, {**without_kling, "title": ""}, format="json")

    assert refused.status_code == 400
    assert "names Kling AI" in refused.json()["fields"]["parties"][0]
    assert accepted.status_code == 200
    assert (accepted.json()["title"], [p["company"]["slug"] for p in accepted.json()["parties"]]) == ("", ["kuaishou"])


def test_aliases_replaced_over_the_api_are_versioned_as_the_keys_account(
    writer: APIClient, world: World, without_history_middleware: None
) -> None:
    writer.patch("/api/companies/kling-ai/", {"name": "Kling"}, format="json")
    writer.patch("/api/companies/kling-ai/", {"aliases": ["KLG"]}, format="json")

    account = get_user_model().objects.get(username="integration")
    versions = CompanyAlias.history.filter(company_id=world.kling.pk).order_by("history_date", "history_id")
    assert [(v.name, v.history_type, v.history_user) for v in versions] == [
        ("Kling AI", "+", account),
        ("Kling AI", "-", account),
        ("KLG", "+", account),
    ]
