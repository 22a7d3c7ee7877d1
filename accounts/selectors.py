"""Reads of API keys."""

from __future__ import annotations

from accounts.models import ApiKey
from accounts.services import api_key_hash


def api_key_find(*, raw_key: str) -> ApiKey | None:
    """The active key with this secret, with its user, or None."""
    return ApiKey.objects.active().select_related("user").filter(key_hash=api_key_hash(raw_key)).first()
