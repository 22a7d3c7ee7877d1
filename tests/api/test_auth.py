"""API keys: reads are public, writes need a read-write key, and a key is never shown again after it is made."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import ApiKey, ApiKeyAccess
from accounts.services import api_key_create, api_key_revoke
from tests.api.conftest import Keys, World

pytestmark = pytest.mark.django_db

WRITES = [
    ("patch", "/api/companies/kuaishou/", {"name": "Kuaishou Technology"}),
    ("patch", "/api/deals/kuaishou-kling-spin-off/", {"status": "completed"}),
    ("patch", "/api/mentions/{mention}/", {"review_state": "rejected"}),
    ("post", "/api/articles/", {"body": "Kuaishou is planning to spin off Kling AI."}),
    ("post", "/api/ingest/", {}),
]


def _send(client: APIClient, method: str, url: str, body: dict, world: World):
    url = url.format(mention=world.article.mentions.first().pk)
    if url == "/api/ingest/":
        return client.post(url, {"files": []}, format="multipart")
    return getattr(client, method)(url, body, format="json")


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
def test_a_write_without_a_key_is_unauthorized(api: APIClient, world: World, method: str, url: str, body: dict) -> None:
    response = _send(api, method, url, body, world)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
def test_a_write_with_a_read_only_key_is_forbidden(
    api: APIClient, keys: Keys, world: World, method: str, url: str, body: dict
) -> None:
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {keys.read}")

    response = _send(api, method, url, body, world)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_reads_need_no_key(api: APIClient, world: World) -> None:
    assert api.get("/api/companies/kuaishou/").status_code == 200


def test_an_unknown_or_revoked_key_is_unauthorized_even_for_reads(api: APIClient, keys: Keys) -> None:
    api.credentials(HTTP_AUTHORIZATION="Bearer nb_not-a-key")
    unknown = api.get("/api/companies/")
    api_key_revoke(api_key=ApiKey.objects.get(access=ApiKeyAccess.READ))
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {keys.read}")
    revoked = api.get("/api/companies/")

    assert (unknown.status_code, revoked.status_code) == (401, 401)
    assert revoked.json()["detail"] == "This API key is not valid or has been revoked."


def test_a_key_in_the_query_string_is_ignored(api: APIClient, keys: Keys, world: World) -> None:
    # URLs end up in access logs and browser histories; keys only travel in the Authorization header.
    response = api.patch(f"/api/companies/kuaishou/?key={keys.write}", {"name": "X"}, format="json")

    assert response.status_code == 401


def test_ingestion_runs_need_a_key(api: APIClient, db: None) -> None:
    assert api.get("/api/ingest-runs/1/").status_code == 401


def test_a_key_is_stored_only_as_a_hash(keys: Keys) -> None:
    stored = ApiKey.objects.values_list("prefix", "key_hash")

    assert all(
        keys.write not in prefix + key_hash and keys.read not in prefix + key_hash for prefix, key_hash in stored
    )
    assert all(keys.write.startswith(prefix) or keys.read.startswith(prefix) for prefix, _ in stored)


def test_a_key_never_appears_in_logs_or_responses(
    api: APIClient, keys: Keys, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen = []
    for key in (keys.write, keys.read, keys.write[:-1]):
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        seen += [
            api.get("/api/companies/kuaishou/"),
            api.patch("/api/companies/kuaishou/", {"name": ""}, format="json"),
            api.patch("/api/mentions/999999/", {"review_state": "confirmed"}, format="json"),
            api.post("/api/articles/", {"body": "Kuaishou is planning to spin off Kling AI."}, format="json"),
        ]

    assert {response.status_code for response in seen} >= {200, 202, 400, 401, 403, 404}
    for key in (keys.write, keys.read):
        secret = key.removeprefix("nb_")[8:]
        assert not any(secret in response.content.decode() for response in seen)
        assert secret not in caplog.text


def test_staff_create_a_key_in_the_admin_and_see_it_once(db: None) -> None:
    staff = get_user_model().objects.create_superuser("editor", password="a long passphrase")
    browser = Client()
    browser.force_login(staff)

    created = browser.post(
        "/admin/accounts/apikey/add/", {"name": "Acme importer", "user": staff.pk, "access": ApiKeyAccess.WRITE}
    )
    api_key = ApiKey.objects.get()
    raw_key = created.context["raw_key"]
    later = browser.get(f"/admin/accounts/apikey/{api_key.pk}/change/")

    assert created.status_code == 200
    assert (api_key.name, api_key.created_by, api_key.access) == ("Acme importer", staff, ApiKeyAccess.WRITE)
    assert raw_key in created.content.decode()
    assert "no-store" in created["Cache-Control"]
    assert raw_key not in later.content.decode()
    assert raw_key[len(api_key.prefix) :] not in later.content.decode()
    writer = APIClient()
    writer.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    assert writer.post("/api/articles/", {"body": "Kuaishou is planning to spin off Kling AI."}).status_code == 202


def test_operators_create_a_key_from_the_command_line(db: None, capsys: pytest.CaptureFixture) -> None:
    get_user_model().objects.create_user("importer")

    call_command("api_key_create", "importer", name="Nightly import", access="write")
    raw_key = capsys.readouterr().out.strip()

    api_key = ApiKey.objects.get()
    assert (api_key.name, api_key.can_write) == ("Nightly import", True)
    assert raw_key.startswith(api_key.prefix)


def test_a_key_is_usable_by_its_account_only_while_the_account_is_active(api: APIClient, db: None) -> None:
    user = get_user_model().objects.create_user("leaver")
    _, raw_key = api_key_create(name="Old", user=user, access=ApiKeyAccess.WRITE)
    user.is_active = False
    user.save()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")

    assert api.get("/api/sources/").status_code == 401
