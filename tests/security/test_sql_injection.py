"""SQL injection attempts through every filter, ordering and search parameter: normal answers, and the data intact.

The site's lists and search box are listed here; the API's parameters are read from its own OpenAPI schema, so a
parameter added later is attacked too. Runs on SQLite by default and on PostgreSQL with DATABASE_URL set.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from articles.models import Article, Mention
from companies.models import Company, Deal
from tests.website import build_scenario

pytestmark = pytest.mark.django_db

PAYLOADS = (
    "'",
    '"',
    "' OR '1'='1",
    "' OR 1=1 --",
    "1; DROP TABLE companies_company; --",
    "x' UNION SELECT username, password, 1, 1 FROM auth_user --",
    "name; DELETE FROM articles_article",
    "/**/OR/**/1=1",
    "-name,(SELECT 1)",
    "name) OR (1=1",
    "\x00",
    "Kling\x00' OR 1=1",
    "%' --",
    "_%\\",
    "$$ OR 1=1 $$",
    "1::text",
    "\u02bc OR 1=1 --",
    "\uff07 OR \uff071\uff07=\uff071",
    "名前' OR ''='",
    "9" * 40,
    "-1",
    "1e309",
    "2024-13-45",
    "x" * 5000,
)

SITE_PARAMETERS = {
    "/companies/": ("q", "country", "kind", "sort", "page"),
    "/deals/": ("kind", "status", "year", "min_amount", "max_amount", "company", "sort", "page"),
    "/articles/": ("source", "company", "from", "to", "page"),
    "/search/": ("q", "type", "page"),
}


@pytest.fixture
def knowledge_base(db: None) -> dict[str, int]:
    build_scenario()
    get_user_model().objects.create_user("someone", password="a long password 1")
    return counts()


@pytest.fixture(autouse=True)
def _unthrottled(settings) -> None:
    # Hundreds of requests from one client: throttling is tested on its own, here it would only hide answers.
    rates = {"anon": "1000000/minute", "key": "1000000/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    # The test's transaction lives on this connection, which the end of each request would otherwise close.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def counts() -> dict[str, int]:
    return {
        "companies": Company.objects.count(),
        "articles": Article.objects.count(),
        "mentions": Mention.objects.count(),
        "deals": Deal.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_site_lists_and_search_answer_injection_attempts_normally(
    client: Client, knowledge_base: dict[str, int]
) -> None:
    answers = []
    for path, names in SITE_PARAMETERS.items():
        for name in names:
            for payload in PAYLOADS:
                response = client.get(path, {name: payload})
                answers.append((path, name, payload[:30], response.status_code))
    unexpected = [answer for answer in answers if answer[3] != 200]

    assert unexpected == []
    assert counts() == knowledge_base


def test_a_found_company_is_not_widened_by_an_injection(client: Client, knowledge_base: dict[str, int]) -> None:
    exact = client.get("/companies/", {"q": "Kling"}).content.decode()
    injected = client.get("/companies/", {"q": "Kling' OR '1'='1"}).content.decode()

    assert "Kling AI" in exact
    # The quote is part of the text searched for, not SQL: nothing beyond a real match comes back.
    assert "Activision Blizzard" not in injected


def _api_parameters(client: Client) -> list[tuple[str, str]]:
    """(path, query parameter) for every GET operation of the schema whose path needs no identifier."""
    schema = client.get("/api/schema/", {"format": "json"}).json()
    found = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None or "{" in path:
            continue
        found += [
            (path, parameter["name"]) for parameter in operation.get("parameters", []) if parameter["in"] == "query"
        ]
    return found


def test_every_api_query_parameter_answers_injection_attempts_normally(
    client: Client, knowledge_base: dict[str, int]
) -> None:
    parameters = _api_parameters(client)
    assert {"ordering", "search", "q"} & {name for _, name in parameters}, "the schema lists no query parameter"
    unexpected = []
    for path, name in parameters:
        for payload in PAYLOADS:
            response = client.get(path, {name: payload})
            body = response.json()
            if response.status_code == 400:
                # A clean refusal in the API's one error shape, naming what was wrong.
                if set(body) != {"status", "code", "detail", "fields"} or body["status"] != 400:
                    unexpected.append((path, name, payload[:30], response.status_code, body))
            elif response.status_code != 200:
                unexpected.append((path, name, payload[:30], response.status_code, body))

    assert unexpected == []
    assert counts() == knowledge_base


def test_api_detail_lookups_answer_injection_attempts_with_not_found(
    client: Client, knowledge_base: dict[str, int]
) -> None:
    statuses = {
        client.get(f"/api/{collection}/{payload}/").status_code
        for collection in ("companies", "deals", "articles", "sources", "mentions")
        for payload in ("x' OR '1'='1", "1 OR 1=1", "1;DROP TABLE auth_user", "%27%20OR%201=1")
    }

    assert statuses <= {404, 301}
    assert counts() == knowledge_base
