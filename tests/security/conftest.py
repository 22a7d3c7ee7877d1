"""Security test setup: an editor signed in to the admin, made the way operators make one."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

EDITOR_PASSWORD = "a long editors passphrase 8"


@pytest.fixture
def editor(db: None) -> object:
    call_command("create_editor", "ada", "--email", "ada@newsbase.test", "--password", EDITOR_PASSWORD)
    return get_user_model().objects.get(username="ada")


@pytest.fixture
def editor_client(editor: object) -> Client:
    client = Client()
    assert client.login(username="ada", password=EDITOR_PASSWORD)
    return client
