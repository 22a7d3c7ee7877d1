"""API key authentication: `Authorization: Bearer <key>`. Keys are never read from the URL, where logs keep them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from accounts.models import ApiKey
from accounts.permissions import PublicReadKeyWrite
from accounts.selectors import api_key_find
from accounts.services import api_key_note_use

SCHEME = "Bearer"


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiKey] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() != SCHEME.lower():
            return None
        if len(header) != 2:
            raise AuthenticationFailed("Send the key as `Authorization: Bearer <key>`.")
        try:
            raw_key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed("This API key is not valid.") from None
        api_key = api_key_find(raw_key=raw_key)
        if api_key is None:
            # The message never repeats the key: error responses and logs must not carry it.
            raise AuthenticationFailed("This API key is not valid or has been revoked.")
        api_key_note_use(api_key=api_key)
        return api_key.user, api_key

    def authenticate_header(self, request: Request) -> str:
        # Present, so that a missing key gets 401 (with this challenge) rather than 403.
        return f'{SCHEME} realm="api"'


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_requirement(self, auto_schema: Any) -> list[dict[str, list[Any]]]:
        # Public reads take a key or none; everything else needs one.
        permissions = auto_schema.view.get_permissions()
        public = auto_schema.method in SAFE_METHODS and all(isinstance(p, PublicReadKeyWrite) for p in permissions)
        return [{self.name: []}, {}] if public else [{self.name: []}]

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key created by staff in the admin: `Authorization: Bearer nb_...`.",
        }
