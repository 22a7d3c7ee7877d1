"""Whole-page caching for readers, invalidated by any change to the knowledge base.

Every cached page is keyed by a content generation stored in the shared cache (Redis in production). Saving or
deleting any row a page shows bumps the generation, so the next request from any process renders afresh: an
editor's change shows at once. Bulk writers that bypass model signals (bulk_create, update) call `content_changed`
after they commit. Signed-in users (editors) are never served from, nor stored in, the page cache.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

GENERATION_KEY = "website:generation"
_INDENT = re.compile(rb"\n[ \t]+")
RENDER_LOCK_SECONDS = 10
# Each process also keeps the pages it served most recently. Keys carry the generation, so a change anywhere makes
# them unreachable at once; only the generation itself is read from the shared cache on every request.
LOCAL_MAX_BYTES = 64 * 1024 * 1024
WAIT_STEP_SECONDS, WAIT_STEPS = 0.05, 40
# The models any public page shows; a save or delete of one of them makes every cached page stale.
_WATCHED = (
    "companies.Company",
    "companies.CompanyAlias",
    "companies.Deal",
    "companies.DealParty",
    "articles.Source",
    "articles.Article",
    "articles.Mention",
    "articles.DealEvidence",
)


@functools.cache
def _generation_reader() -> Callable[[], Any]:
    """How this process reads the generation: once per request, so it must be cheap.

    Django's Redis backend builds a new client object on every get; the generation is read through one client per
    process instead (same connection pool, same key and serializer), which halves the cost of a cached page.
    """
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return lambda: backend.get(GENERATION_KEY)
    client = backend._cache.get_client(GENERATION_KEY)
    raw_key = backend.make_and_validate_key(GENERATION_KEY)
    loads = backend._cache._serializer.loads

    def read() -> Any:
        value = client.get(raw_key)
        return None if value is None else loads(value)

    return read


def current_generation() -> int:
    generation = _generation_reader()()
    if generation is None:
        generation = time.time_ns()
        # add, not set: two processes starting at once agree on one value.
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return int(generation)


def content_changed() -> None:
    """Make every cached page stale; call after a write the model signals do not see (bulk_create, update)."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _on_change(**_: Any) -> None:
    # After commit, so a reader cannot cache the old page between our bump and the commit.
    transaction.on_commit(content_changed)


def connect_invalidation() -> None:
    for label in _WATCHED:
        model = apps.get_model(label)
        post_save.connect(_on_change, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    m2m_changed.connect(_on_change, dispatch_uid="pagecache-m2m")


class LocalPages:
    """A small LRU of rendered pages (or API answers) in this process's memory, bounded by size and by a timeout.

    Keys must carry the content generation, so that a change anywhere makes every copy unreachable at once."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self.pages: OrderedDict[str, tuple[float, tuple[bytes, str, int]]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, str, int] | None:
        with self.lock:
            entry = self.pages.get(key)
            if entry is None:
                return None
            expires, page = entry
            if expires < time.monotonic():
                del self.pages[key]
                self.size -= len(page[0])
                return None
            self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: tuple[bytes, str, int], timeout: float) -> None:
        with self.lock:
            if key in self.pages:
                return
            self.pages[key] = (time.monotonic() + timeout, page)
            self.size += len(page[0])
            while self.size > self.max_bytes and self.pages:
                _, (_, oldest) = self.pages.popitem(last=False)
                self.size -= len(oldest[0])


_local = LocalPages(LOCAL_MAX_BYTES)


def _wait_for(key: str) -> tuple[bytes, str, int] | None:
    for _ in range(WAIT_STEPS):
        time.sleep(WAIT_STEP_SECONDS)
        stored = cache.get(key)
        if stored is not None:
            return stored
    return None


def _compact(content: bytes, content_type: str) -> bytes:
    """Drop the templates' indentation: a newline and its indent render as the one space a newline alone does.
    The pages have no <pre> or <textarea>, where it would matter."""
    if not content_type.startswith("text/html"):
        return content
    return _INDENT.sub(b"\n", content)


def _page_key(request: HttpRequest, generation: int) -> str:
    where = hashlib.blake2b(f"{request.get_host()}{request.get_full_path()}".encode(), digest_size=16).hexdigest()
    return f"website:page:{generation}:{where}"


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a reader's GET from the cache when the content has not changed since it was rendered."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        timeout = settings.WEBSITE_PAGE_CACHE_SECONDS
        # A session cookie means a possible editor: render fresh, and never cache what they see.
        if request.method != "GET" or not timeout or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        key = _page_key(request, current_generation())
        stored = _local.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                _local.put(key, stored, timeout)
        rendering = f"{key}:rendering"
        # After a change, many readers may ask for the same page at once: one renders it, the others wait briefly
        # for that result instead of all running the same queries (and render it themselves if it is slow).
        owner = stored is None and cache.add(rendering, 1, timeout=RENDER_LOCK_SECONDS)
        if stored is None and not owner:
            stored = _wait_for(key)
        if stored is not None:
            content, content_type, status = stored
            return HttpResponse(content, content_type=content_type, status=status)
        try:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                page = (_compact(response.content, response["Content-Type"]), response["Content-Type"], 200)
                response.content = page[0]
                cache.set(key, page, timeout)
                _local.put(key, page, timeout)
        finally:
            if owner:
                cache.delete(rendering)
        return response

    return wrapper
