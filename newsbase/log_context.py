"""What every log line says about where it came from: the request id during a request, the task id and name in a task.

The ids live in context variables: the request middleware sets the request id (cleared when Django finishes the
request), Celery's task signals set the task's, and a logging filter copies whichever are set onto each record, so the
JSON formatter writes them as keys. A task queued during a request carries the request's id in a message header, so
the worker's lines about it lead back to the request too.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar, Token
from typing import Any

from celery import Task
from celery.signals import before_task_publish, task_postrun, task_prerun
from django.core.signals import request_finished
from django.dispatch import receiver

current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)
current_task_id: ContextVar[str | None] = ContextVar("current_task_id", default=None)
current_task_name: ContextVar[str | None] = ContextVar("current_task_name", default=None)

# The message header that carries the id of the request a task was queued in.
TASK_REQUEST_ID_HEADER = "newsbase_request_id"

# Tokens of the task that set the ids, by task id: a task run eagerly inside another restores the outer task's ids.
_task_tokens: dict[str, list[Token[str | None]]] = {}


class LogContextFilter(logging.Filter):
    """Adds request_id, task_id and task_name to a record when they are set; lines outside both carry neither."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, variable in (
            ("request_id", current_request_id),
            ("task_id", current_task_id),
            ("task_name", current_task_name),
        ):
            value = variable.get()
            if value is not None and not hasattr(record, name):
                setattr(record, name, value)
        return True


@before_task_publish.connect
def _pass_on_the_request_id(headers: dict[str, Any] | None = None, **_: Any) -> None:
    request_id = current_request_id.get()
    if request_id is not None and headers is not None:
        headers.setdefault(TASK_REQUEST_ID_HEADER, request_id)


@task_prerun.connect
def _enter_task(task_id: str, task: Task, **_: Any) -> None:
    tokens = [current_task_id.set(task_id), current_task_name.set(task.name)]
    # A worker gets the header as an attribute of the task's request; a task run in-process (eager) has no message,
    # and already runs inside the request's context.
    request_id = getattr(task.request, TASK_REQUEST_ID_HEADER, None)
    if isinstance(request_id, str):
        tokens.append(current_request_id.set(request_id))
    _task_tokens[task_id] = tokens


@task_postrun.connect
def _leave_task(task_id: str, **_: Any) -> None:
    for token in reversed(_task_tokens.pop(task_id, [])):
        token.var.reset(token)


@receiver(request_finished)
def _leave_request(**_: Any) -> None:
    current_request_id.set(None)
