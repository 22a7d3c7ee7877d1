"""Limits on password logins (django-axes): the authentication backend that refuses a locked-out login, and the
client address that failures are counted against."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


class LoginLimitBackend(AxesStandaloneBackend):
    """Refuses a login from a locked-out address or username before any password is checked.

    A login with no request has no client to count: it comes from code, not from a browser (Django's test client,
    management commands). Every password login that a client can reach (the admin's form) passes its request, so
    those are always counted; axes itself would raise on a missing request instead of letting the next backend run.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_address(request: HttpRequest) -> str:
    """The client's address as the API's rate limits see it: REMOTE_ADDR, or behind API_NUM_PROXIES proxies the
    address the outermost of them recorded in X-Forwarded-For. One rule for both, so a proxy's own address never
    locks every editor out at once, and a client cannot pick its address by sending the header itself."""
    return BaseThrottle().get_ident(request)
