"""/healthz: whether this deployment can do its work now, part by part.

The database, the Redis behind the cache, the Redis behind the Celery broker, and at least one live worker (a control
ping with a short timeout). A part the deployment does not use (a laptop: SQLite, a memory cache, tasks in-process)
says "not configured" and does not count against it. The answer is 200 only when every part in use is up, and 503
otherwise, so a load balancer or an orchestrator can act on the status alone.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Literal

import redis
from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu.exceptions import KombuError

from newsbase.celery import app as celery_app

logger = logging.getLogger(__name__)

PartState = Literal["ok", "down", "not configured"]


@dataclass(frozen=True)
class PartHealth:
    status: PartState
    detail: str


def database_health() -> PartHealth:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("health: the database is down: %s", error)
        return PartHealth("down", type(error).__name__)
    return PartHealth("ok", connection.vendor)


def redis_health(url: str, *, role: str, timeout: float) -> PartHealth:
    """Pings one Redis URL. The detail names the error's kind only: the full error (host, port) goes to the log."""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return PartHealth("not configured", f"the {role} is not Redis: not checked")
    client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        client.ping()
    except redis.RedisError as error:
        logger.warning("health: the %s's Redis is down: %s", role, error)
        return PartHealth("down", type(error).__name__)
    finally:
        client.close()
    return PartHealth("ok", "ping answered")


def broker_health(url: str, *, timeout: float) -> PartHealth:
    if url.startswith("memory://"):
        return PartHealth("not configured", "tasks run in-process (CELERY_BROKER_URL is unset)")
    return redis_health(url, role="broker", timeout=timeout)


def workers_health(*, broker: PartHealth, timeout: float) -> PartHealth:
    if celery_app.conf.task_always_eager:
        return PartHealth("not configured", "tasks run in-process")
    if broker.status == "down":
        return PartHealth("down", "the broker is unreachable, so no worker can be reached either")
    try:
        # limit=1: the first worker to answer is enough, so a healthy deployment answers at once.
        replies = celery_app.control.ping(timeout=timeout, limit=1)
    except (KombuError, OSError, redis.RedisError) as error:
        logger.warning("health: could not ping the workers: %s", error)
        return PartHealth("down", type(error).__name__)
    if not replies:
        return PartHealth("down", f"no worker answered a ping within {timeout:g} s")
    return PartHealth("ok", "a worker answered a ping")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    timeout = settings.HEALTHZ_TIMEOUT_SECONDS
    cache_url = settings.REDIS_URL
    broker = broker_health(settings.CELERY_BROKER_URL, timeout=timeout)
    parts = {
        "database": database_health(),
        "cache": redis_health(cache_url, role="cache", timeout=timeout)
        if cache_url
        else PartHealth("not configured", "a per-process memory cache (REDIS_URL is unset)"),
        "broker": broker,
        "workers": workers_health(broker=broker, timeout=timeout),
    }
    healthy = all(part.status != "down" for part in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": {name: asdict(part) for name, part in parts.items()}},
        status=200 if healthy else 503,
    )
