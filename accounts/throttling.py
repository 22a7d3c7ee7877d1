"""Rate limits: one bucket per API key, one per anonymous client address. Rates come from settings (environment)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.permissions import request_key

if TYPE_CHECKING:  # DRF loads these classes while rest_framework.views is still importing
    from rest_framework.views import APIView


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        # Read at each request rather than at import (as DRF does), so that settings overrides take effect.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousRateThrottle(_SettingsRateThrottle):
    scope = "anon"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if request_key(request) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ApiKeyRateThrottle(_SettingsRateThrottle):
    scope = "key"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        api_key = request_key(request)
        if api_key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": api_key.pk}
