"""Structured logs: one JSON object per line, with the request id during a request and the task id and name inside a
Celery task, read from the very handler settings.LOGGING configures; and no API key in any of them."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from celery import shared_task
from celery.contrib.testing.worker import start_worker
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import ApiKeyAccess
from accounts.services import api_key_create
from newsbase.celery import app as celery_app
from newsbase.log_context import current_request_id

LogLines = Callable[[], list[dict[str, object]]]


@shared_task(name="tests.log_a_line")
def log_a_line(word: str) -> str:
    logging.getLogger("tests.tasks").info("inside the task: %s", word)
    return word


@contextmanager
def console_output() -> Iterator[LogLines]:
    """What the console handler of settings.LOGGING writes, each line parsed as JSON (a line that is not JSON fails).
    Looked up on entry: Django sets logging up again when a Celery worker starts, with a new handler."""
    handler = next(handler for handler in logging.getLogger().handlers if handler.name == "console")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        handler.setStream(previous)


@pytest.fixture
def log_lines() -> Iterator[LogLines]:
    with console_output() as lines:
        yield lines


def test_every_line_logged_during_a_request_carries_the_id_the_proxy_sent(db: None, log_lines: LogLines) -> None:
    response = Client().get("/companies/no-such-company/", headers={"X-Request-ID": "edge-7f3a.42"})

    assert response.status_code == 404
    assert response["X-Request-ID"] == "edge-7f3a.42"
    lines = log_lines()
    assert {line["logger"] for line in lines} >= {"django.request", "newsbase.requests"}
    assert all(line["request_id"] == "edge-7f3a.42" for line in lines)
    access = next(line for line in lines if line["logger"] == "newsbase.requests")
    assert access | {"time": None, "duration_ms": None} == {
        "time": None,
        "level": "INFO",
        "logger": "newsbase.requests",
        "message": "GET /companies/no-such-company/ 404",
        "method": "GET",
        "path": "/companies/no-such-company/",
        "status": 404,
        "duration_ms": None,
        "request_id": "edge-7f3a.42",
    }


def test_a_request_without_a_usable_id_gets_a_new_one(db: None, log_lines: LogLines) -> None:
    client = Client()
    first = client.get("/robots.txt")
    forged = client.get("/robots.txt", headers={"X-Request-ID": 'x" , "level": "CRITICAL'})

    ids = [first["X-Request-ID"], forged["X-Request-ID"]]
    assert all(len(request_id) == 32 and int(request_id, 16) >= 0 for request_id in ids)
    assert ids[0] != ids[1]
    assert [line["request_id"] for line in log_lines()] == ids


def test_lines_logged_inside_a_task_carry_its_id_and_name_and_lines_after_it_do_not(log_lines: LogLines) -> None:
    result = log_a_line.delay("eager")
    logging.getLogger("tests.tasks").info("after the task")

    inside, after = [line for line in log_lines() if line["logger"] == "tests.tasks"]
    assert inside["message"] == "inside the task: eager"
    assert (inside["task_id"], inside["task_name"]) == (result.id, "tests.log_a_line")
    assert {"task_id", "task_name", "request_id"}.isdisjoint(after), json.dumps(after)


def test_a_task_run_in_process_during_a_request_carries_both_ids(log_lines: LogLines) -> None:
    during_a_request = current_request_id.set("edge-7f3a.42")
    try:
        result = log_a_line.delay("in-process")
    finally:
        current_request_id.reset(during_a_request)

    (inside,) = [line for line in log_lines() if line["logger"] == "tests.tasks"]
    assert (inside["task_id"], inside["request_id"]) == (result.id, "edge-7f3a.42")


@pytest.mark.celery_worker
def test_a_real_worker_logs_json_lines_with_the_task_id_and_name_and_the_id_of_the_request_that_queued_it() -> None:
    with (
        start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10),
        console_output() as log_lines,
    ):
        outside_any_request = log_a_line.delay("queued by a command")
        assert outside_any_request.get(timeout=20) == "queued by a command"
        during_a_request = current_request_id.set("edge-7f3a.42")
        try:
            queued_by_a_request = log_a_line.delay("queued by a request")
        finally:
            current_request_id.reset(during_a_request)
        assert queued_by_a_request.get(timeout=20) == "queued by a request"

    lines = {line["message"]: line for line in log_lines() if line["logger"] == "tests.tasks"}
    by_command = lines["inside the task: queued by a command"]
    by_request = lines["inside the task: queued by a request"]
    assert (by_command["task_id"], by_command["task_name"]) == (outside_any_request.id, "tests.log_a_line")
    assert "request_id" not in by_command
    assert (by_request["task_id"], by_request["request_id"]) == (queued_by_a_request.id, "edge-7f3a.42")


def test_an_api_key_never_reaches_a_log_line(db: None, log_lines: LogLines) -> None:
    user = get_user_model().objects.create_user("integration", password=None)
    _, raw_key = api_key_create(name="Importer", user=user, access=ApiKeyAccess.WRITE)
    client = Client()
    for key in (raw_key, raw_key[:-1]):
        headers = {"Authorization": f"Bearer {key}"}
        client.get("/api/companies/", headers=headers)
        client.post("/api/ingest/", data="{not json", content_type="application/json", headers=headers)
        client.get(f"/api/no-such-endpoint/?key={key}", headers=headers)

    lines = log_lines()
    # The refused key, the bad body and the unknown path were all logged, with everything each record carries.
    assert {line["status"] for line in lines if "status" in line} >= {200, 401, 404, 415}
    secret = raw_key.removeprefix("nb_")[8:]
    assert not any(secret in json.dumps(line) for line in lines)
