"""Who may do what: anyone reads the public knowledge base; writing needs a read-write key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from accounts.models import ApiKey

if TYPE_CHECKING:  # DRF loads these classes while rest_framework.views is still importing
    from rest_framework.views import APIView


def request_key(request: Request) -> ApiKey | None:
    return request.auth if isinstance(request.auth, ApiKey) else None


class PublicReadKeyWrite(BasePermission):
    """Reads are public; writes need a key with write access (none: 401, read-only: 403)."""

    message = "This API key is read-only; writing needs a read-write key."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        api_key = request_key(request)
        return api_key is not None and api_key.can_write


class KeyRead(BasePermission):
    """Reads need a key (any access), for what is not public: ingestion runs name the files clients sent."""

    message = "Reading this needs an API key."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request_key(request) is not None
