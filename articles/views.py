"""Article pages: parse the request, call one selector, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles import selectors
from newsbase import params
from newsbase.pagecache import cached_page


@cached_page
def article_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.ArticleFilters(
        source=params.slug(request.GET, "source"),
        company=params.slug(request.GET, "company"),
        date_from=params.date(request.GET, "from"),
        date_to=params.date(request.GET, "to"),
    )
    page = selectors.article_list(filters=filters, page=request.GET.get("page", 1))
    return render(
        request,
        "articles/article_list.html",
        {"page_obj": page, "filters": filters, "sources": selectors.article_sources()},
    )


@cached_page
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.article_page(slug=slug)
    return render(request, "articles/article_detail.html", {"page": page, "article": page.article})
