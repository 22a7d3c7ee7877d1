"""Editors in the admin: accounts made the way operators make them (`create_editor`), and a plain staff user."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

EDITOR_PASSWORD = "a long editors passphrase 7"


@pytest.fixture
def editor(db: None) -> object:
    call_command("create_editor", "eddie", "--email", "eddie@newsbase.test", "--password", EDITOR_PASSWORD)
    return get_user_model().objects.get(username="eddie")


@pytest.fixture
def editor_client(editor: object) -> Client:
    client = Client()
    assert client.login(username="eddie", password=EDITOR_PASSWORD)
    return client


@pytest.fixture
def staff_client(db: None) -> Client:
    """Signed in to the admin, but in no group and with no permission."""
    get_user_model().objects.create_user(username="stacy", password=EDITOR_PASSWORD, is_staff=True)
    client = Client()
    assert client.login(username="stacy", password=EDITOR_PASSWORD)
    return client


@pytest.fixture
def committing(django_capture_on_commit_callbacks: Callable) -> Callable:
    """Runs what a request queues for after its commit (linking, ingestion), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def messages_of(response: object) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []
