"""Detail endpoints: served from the shared cache while the knowledge base is unchanged, with an ETag, and 304
when the client already holds the current copy.

The cache key carries the site's content generation (newsbase.pagecache), which any saved or deleted company,
deal, article or mention bumps once its transaction commits: a cached answer is never older than the last change.
The ETag is a hash of the body, so it changes exactly when the representation does.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from newsbase.pagecache import LocalPages, current_generation

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


# The answers this process served most recently: the busiest details skip even the shared cache's round trip.
_local = LocalPages(16 * 1024 * 1024)


class ConditionalGetMixin:
    """For viewsets whose detail is public and the same for every client."""

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # List filters are for lists; building the filter form for a detail is pure cost.
        return super().filter_queryset(queryset) if self.action == "list" else queryset  # type: ignore[misc,attr-defined]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        where = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
        key = f"api:detail:{current_generation()}:{where}"
        held = _local.get(key)
        if held is not None:
            body, etag, _ = held
        else:
            cached: tuple[bytes, str] | None = cache.get(key)
            if cached is None:
                data = super().retrieve(request, *args, **kwargs).data  # type: ignore[misc]
                body = JSONRenderer().render(data)
                cached = (body, '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"')
                cache.set(key, cached, timeout=settings.API_CACHE_SECONDS)
            body, etag = cached
            _local.put(key, (body, etag, 200), settings.API_CACHE_SECONDS)
        response = HttpResponse(body, content_type="application/json")
        response["ETag"] = etag
        return get_conditional_response(request, etag=etag, response=response)
