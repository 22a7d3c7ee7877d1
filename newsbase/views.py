"""Pages that belong to no single app: home, search, robots.txt and the error pages."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control

from articles.selectors import home_summary
from newsbase import params
from newsbase.pagecache import cached_page
from newsbase.search import RESULT_KINDS, search


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", home_summary())


@cached_page
def search_page(request: HttpRequest) -> HttpResponse:
    results = search(
        params.text(request.GET, "q"), kind=params.text(request.GET, "type"), page=request.GET.get("page", 1)
    )
    return render(request, "search.html", {"results": results, "kinds": RESULT_KINDS})


@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", {"site_name": settings.WEBSITE_NAME}, status=404)
