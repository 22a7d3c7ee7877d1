"""Every failure answers in one shape: status, code, detail, and the fields at fault."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import Keys, World

pytestmark = pytest.mark.django_db


def test_an_unknown_slug_is_a_not_found_in_the_error_shape(api: APIClient, db: None) -> None:
    response = api.get("/api/deals/no-such-deal/")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "code": "not_found", "detail": "No Deal matches the given query.",
                               "fields": {}}  # fmt: skip


def test_a_path_no_endpoint_answers_is_a_not_found_in_the_error_shape(api: APIClient, db: None) -> None:
    response = api.get("/api/nothing/here/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_invalid_fields_are_listed_each_with_its_messages(writer: APIClient, world: World) -> None:
    response = writer.patch(
        "/api/deals/kuaishou-kling-spin-off/",
        {"status": "imagined", "parties": [{"company": "kuaishou", "role": "owner"}]},
        format="json",
    )

    body = response.json()
    assert response.status_code == 400
    assert (body["code"], body["detail"]) == ("invalid", "Some fields are not valid.")
    assert set(body["fields"]) == {"status", "parties.0.role"}


def test_a_rule_a_service_enforces_comes_back_as_a_field_error(writer: APIClient, world: World) -> None:
    response = writer.patch("/api/companies/kling-ai/", {"parent": "kling-ai"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["parent"]


def test_an_unknown_ordering_is_refused_with_the_choices(api: APIClient, db: None) -> None:
    response = api.get("/api/articles/?ordering=body")

    assert response.status_code == 400
    assert response.json()["fields"]["ordering"] == ["Order by one of created, published, with - for descending."]


def test_a_forged_cursor_is_refused(api: APIClient, db: None) -> None:
    response = api.get("/api/articles/?cursor=WyItcHVibGlzaGVkIiwibm90IGEgZGF0ZSIsMV0")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["cursor"]


def test_malformed_json_is_a_parse_error(writer: APIClient, db: None) -> None:
    response = writer.post("/api/articles/", b"{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_clients_over_their_rate_are_throttled_each_in_their_own_bucket(api: APIClient, keys: Keys, settings) -> None:
    rates = {"anon": "2/minute", "key": "3/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    anonymous = [api.get("/api/sources/").status_code for _ in range(3)]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {keys.read}")
    with_key = [api.get("/api/sources/").status_code for _ in range(4)]

    assert anonymous == [200, 200, 429]
    assert with_key == [200, 200, 200, 429]
    throttled = api.get("/api/sources/")
    assert throttled.json()["code"] == "throttled"
    assert int(throttled["Retry-After"]) > 0
