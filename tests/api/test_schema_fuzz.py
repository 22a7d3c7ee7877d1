"""The OpenAPI contract, fuzzed: schemathesis sends every operation generated requests, with and without a key.

No answer may be a server error, and every answer must match the schema (status, headers, body). The number of
examples per operation is bounded for CI; `make api-fuzz` runs the same tests with many more.

Two of schemathesis' checks are left out, on purpose: an empty filter (`?published_before=`) means "no filter", as
django-filter has it, rather than an error; and a cursor is opaque, so one the API did not issue is refused with a
400 even though any string matches the schema's type.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.api.conftest import Keys, World

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "12"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 50,  # CI: the same requests every run, so a failure is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)

EXCLUDED = [schemathesis.checks.negative_data_rejection, schemathesis.checks.positive_data_acceptance]

# The schema is generated from the code (no database needed), so it can be loaded when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    # As Django's test client does: the test's transaction lives on this connection, which the end of each
    # request would otherwise close (PostgreSQL: CONN_MAX_AGE with health checks).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _unthrottled(world: World, settings) -> None:  # world: data for the requests to find
    # Thousands of requests from one client: throttling is tested elsewhere, here it would only hide answers.
    rates = {"anon": "1000000/minute", "key": "1000000/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@schema.parametrize()
@FUZZ
def test_every_operation_keeps_its_contract_without_a_key(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=EXCLUDED)


@schema.parametrize()
@FUZZ
def test_every_operation_keeps_its_contract_with_a_write_key(case: schemathesis.Case, keys: Keys) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {keys.write}"}, excluded_checks=EXCLUDED)
