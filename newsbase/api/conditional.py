"""Conditional GET for detail endpoints: an ETag over the response body, 304 when the client already has it.

The tag is a hash of what the client would receive, so it changes exactly when the representation does (a new alias,
a new deal party), which no single `updated_at` column can promise."""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any

from django.http import HttpResponseBase
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

IF_NONE_MATCH = OpenApiParameter(
    name="If-None-Match",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="The ETag of a copy you hold: the answer is 304 Not Modified with no body if it is still current.",
)


def conditional_retrieve_schema(serializer: Any, **kwargs: Any) -> Any:
    return extend_schema(
        parameters=[IF_NONE_MATCH],
        responses={200: serializer, 304: OpenApiResponse(description="Not modified: your copy is current.")},
        **kwargs,
    )


def _tag_or_not_modified(request: Request, response: HttpResponseBase) -> HttpResponseBase:
    etag = '"' + hashlib.blake2b(response.content, digest_size=16).hexdigest() + '"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


class ConditionalGetMixin:
    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.add_post_render_callback(partial(_tag_or_not_modified, request))
        return response
