"""Admin logins are limited (django-axes): after LOGIN_FAILURE_LIMIT failures from one address, or for one username,
the admin's login is refused for the cool-off, even with the right password."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import Client

from tests.admin.conftest import EDITOR_PASSWORD

LOGIN = "/admin/login/?next=/admin/"
LOCKED = "too many login attempts"


@pytest.fixture(autouse=True)
def _a_low_limit(settings: object) -> None:
    """Three failures rather than the production five: each failed login hashes a password, which is slow on purpose."""
    settings.AXES_FAILURE_LIMIT = 3


def log_in(client: Client, password: str, username: str = "eddie") -> object:
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def signed_in(response: object) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail_until_the_limit(client: Client, username: str = "eddie") -> None:
    """Fails AXES_FAILURE_LIMIT times: the failures before the last are told so, the last one is the lockout."""
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = log_in(client, "not the password", username)
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT else 200)


def test_failures_below_the_limit_still_let_the_editor_in(editor: object) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "not the password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert signed_in(log_in(client, EDITOR_PASSWORD))


def test_an_address_that_failed_too_often_is_locked_out_even_with_the_right_password(editor: object) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    fail_until_the_limit(attacker, username="someone-else")

    refused = log_in(attacker, EDITOR_PASSWORD)
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    # Another address is not affected.
    assert signed_in(log_in(Client(REMOTE_ADDR="198.51.100.20"), EDITOR_PASSWORD))


def test_a_username_guessed_from_many_addresses_is_locked_out(editor: object) -> None:
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(REMOTE_ADDR=f"203.0.113.{number + 1}"), "not the password")

    refused = log_in(Client(REMOTE_ADDR="198.51.100.20"), EDITOR_PASSWORD)
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()


def test_the_lock_lifts_after_the_cool_off(editor: object) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    fail_until_the_limit(client)
    assert log_in(client, EDITOR_PASSWORD).status_code == 429

    # The cool-off passes: the recorded failures become older than it.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME)
    assert signed_in(log_in(client, EDITOR_PASSWORD))


def test_behind_a_proxy_failures_count_against_the_client_not_the_proxy(editor: object, settings: object) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.5"
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    fail_until_the_limit(attacker, username="someone-else")
    assert log_in(attacker, EDITOR_PASSWORD).status_code == 429

    editor_behind_the_same_proxy = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert signed_in(log_in(editor_behind_the_same_proxy, EDITOR_PASSWORD))


@pytest.mark.parametrize("forged", ["198.51.100.20", "198.51.100.20, 203.0.113.7"])
def test_without_a_proxy_a_forged_forwarded_for_header_does_not_escape_the_lock(editor: object, forged: str) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    fail_until_the_limit(attacker, username="someone-else")

    response = log_in(Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=forged), EDITOR_PASSWORD)
    assert response.status_code == 429
