"""Writes to API keys: create one (the only moment its secret exists in clear), revoke one, note its use."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from accounts.models import ApiKey, ApiKeyAccess

KEY_PREFIX = "nb_"
# Noting every use would turn each read into a write; once in a while says enough about whether a key is alive.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def api_key_hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def api_key_create(
    *,
    name: str,
    user: AbstractBaseUser,
    access: ApiKeyAccess | str = ApiKeyAccess.READ,
    created_by: AbstractBaseUser | None = None,
) -> tuple[ApiKey, str]:
    """Creates a key and returns it with its secret, which is not stored and cannot be shown again."""
    raw_key = KEY_PREFIX + secrets.token_urlsafe(32)
    api_key = ApiKey.objects.create(
        name=name.strip(),
        user=user,
        access=access,
        prefix=raw_key[: len(KEY_PREFIX) + 8],
        key_hash=api_key_hash(raw_key),
        created_by=created_by,
    )
    return api_key, raw_key


def api_key_revoke(*, api_key: ApiKey) -> None:
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])


def api_key_note_use(*, api_key: ApiKey) -> None:
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
