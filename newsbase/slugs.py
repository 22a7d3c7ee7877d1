"""Slugs for URLs: readable, ASCII, unique, and never changed once given (links to a page must keep working)."""

import hashlib

from anyascii import anyascii
from django.db import models
from django.utils.text import slugify

MAX_SLUG_LENGTH = 80


def slug_base(text: str) -> str:
    """An ASCII slug for any name: "快手" -> "kuaishou", "Société Générale" -> "societe-generale".

    anyascii transliterates every script, so non-Latin names still give a readable slug; a name with nothing
    transliterable (only symbols) falls back to a short hash of the text, which is still stable.
    """
    base = slugify(anyascii(text))[:MAX_SLUG_LENGTH].strip("-")
    if not base:
        base = "n-" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return base


def unique_slug(model: type[models.Model], text: str, *, field: str = "slug") -> str:
    """The slug of `text`, with -2, -3, ... added when another row of `model` already has it.

    The unique constraint on the column is the real guarantee; this only picks a free value up front.
    """
    base = slug_base(text)
    taken = set(model._default_manager.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"
