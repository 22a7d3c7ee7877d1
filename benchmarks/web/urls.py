"""Newsbase's URLs plus /bench/bare/: a plain Django view returning a constant string, through the same middleware,
the floor the company page's throughput is compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from newsbase.urls import handler404 as handler404
from newsbase.urls import urlpatterns as newsbase_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Kuaishou plans to spin off Kling AI")


urlpatterns = [path("bench/bare/", bare), *newsbase_urlpatterns]
