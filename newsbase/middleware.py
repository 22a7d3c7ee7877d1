"""What every request passes through besides Django's own middleware: a request id, and the Content Security Policy
with the few relaxations that third-party pages need, by path."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from newsbase.log_context import current_request_id

logger = logging.getLogger("newsbase.requests")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept only when it is short and plain: anything else could forge or break log lines.
_ACCEPTABLE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIdMiddleware:
    """Gives each request an id (the proxy's X-Request-ID when it sends a plain one, else a new one), puts it on every
    log line written while the request runs, returns it in the response's X-Request-ID header, and logs one line per
    request (method, path without the query string, status, duration)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if _ACCEPTABLE_REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex
        # Not reset on the way out: Django logs a failed response ("Not Found: ...") after the middleware returns.
        # The request_finished signal clears it (newsbase.log_context).
        current_request_id.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


class PathPolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, plus CONTENT_SECURITY_POLICY_BY_PATH: extra sources for the paths that start with a
    given prefix. Only third-party pages that cannot work otherwise are listed there (the API documentation, and one
    style attribute of django-simple-history's admin page). A view's own django-csp decorator takes precedence."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.update is not None:
            return parts
        for prefix, sources in settings.CONTENT_SECURITY_POLICY_BY_PATH.items():
            if request.path_info.startswith(prefix):
                parts.update = sources
                break
        return parts
