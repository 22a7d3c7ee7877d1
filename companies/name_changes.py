"""A version number for the names the knowledge base knows, shared by every process through the cache.

Writes that change names (a company created or renamed, an alias added, a list loaded) bump it once their
transaction commits; whoever keeps a compiled copy of the names (the linking workers' gazetteer) compares versions
and rebuilds when they differ. Urgent changes (editors, lists) count in both numbers; discoveries made while linking
only in the first, so readers may wait a little for them.
"""

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "newsbase:names:version"
URGENT_KEY = "newsbase:names:urgent-version"


def names_changed(*, urgent: bool = True) -> None:
    def bump() -> None:
        for key in (VERSION_KEY, URGENT_KEY) if urgent else (VERSION_KEY,):
            cache.add(key, 0, timeout=None)
            try:
                cache.incr(key)
            except ValueError:  # evicted between add and incr: start again
                cache.set(key, 1, timeout=None)

    transaction.on_commit(bump)


def names_versions() -> tuple[int, int]:
    values = cache.get_many([VERSION_KEY, URGENT_KEY])
    return values.get(VERSION_KEY, 0), values.get(URGENT_KEY, 0)
