"""End to end through the API: upload the seed story, follow the run, read back Kuaishou and its spin-off."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import ApiKeyAccess
from accounts.services import api_key_create

SEED = Path("/work/shared/seeds/kuaishou-kling-spin-off.txt")
SEED_TEXT = (
    SEED.read_bytes()
    if SEED.exists()
    else b"China's Kuaishou is making waves in the tech industry with its plans to spin off its Kling AI video unit, "
    b"valued at a staggering $20 billion."
)


def _client(access: ApiKeyAccess) -> APIClient:
    user = get_user_model().objects.create_user("newsroom")
    _, raw_key = api_key_create(name="Newsroom importer", user=user, access=access)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    return client


def _poll(client: APIClient, url: str, *, attempts: int = 50) -> dict:
    for _ in range(attempts):
        run = client.get(url).json()
        if run["status"] == "finished":
            return run
    raise AssertionError(f"the run at {url} did not finish: {run}")


@pytest.mark.django_db
def test_an_uploaded_seed_story_becomes_kuaishou_and_its_spin_off_in_the_api(
    knowledge_base: dict, django_capture_on_commit_callbacks
) -> None:
    client = _client(ApiKeyAccess.WRITE)

    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(
            "/api/ingest/",
            {"files": [SimpleUploadedFile("kuaishou-kling-spin-off.txt", SEED_TEXT)], "source": "Seed"},
            format="multipart",
        )
    assert accepted.status_code == 202
    run = _poll(client, accepted.json()["poll"])
    [item] = run["items"]
    assert item["status"] == "created"

    kuaishou = client.get("/api/companies/kuaishou/").json()
    deals = client.get("/api/deals/?company=kuaishou&kind=spin_off").json()["results"]
    article = client.get(f"/api/articles/{item['article']['slug']}/").json()

    assert kuaishou["counts"]["articles"] == 1
    assert kuaishou["counts"]["deals"] == 1
    [deal] = deals
    assert {(party["company"]["slug"], party["role"]) for party in deal["parties"]} == {
        ("kuaishou", "parent"),
        ("kling-ai", "spun_off"),
    }
    detail = client.get(deal["api_url"]).json()
    assert {evidence["article"]["slug"] for evidence in detail["evidence"]} == {item["article"]["slug"]}
    assert all("Kling" in evidence["sentence"] for evidence in detail["evidence"])
    assert {"kuaishou", "kling-ai"} <= {mention["company"]["slug"] for mention in article["mentions"]}
    assert all(article["body"][m["start"] : m["end"]] == m["text"] for m in article["mentions"])
    assert [d["slug"] for d in article["deals"]] == [deal["slug"]]
