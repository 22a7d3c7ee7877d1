"""The Celery application; its configuration lives in settings (the CELERY_* names)."""

import os
from typing import Any

from celery import Celery
from celery.signals import setup_logging, task_postrun
from django.db import reset_queries

# Imported for its task signal receivers: lines logged inside a task carry the task's id and name.
import newsbase.log_context  # noqa: F401

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsbase.settings")

app = Celery("newsbase")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _log_through_django_settings(**_: Any) -> None:
    """Celery configures no logging of its own when this signal has a receiver: workers and beat write the same JSON
    lines as the web processes, through settings.LOGGING (which Django applied when Celery set it up)."""


@task_postrun.connect
def _forget_logged_queries(**_: Any) -> None:
    """With DEBUG on, Django keeps the SQL of every query a process ran until a request ends; a worker has no
    requests, so without this its memory grows with every task."""
    reset_queries()
