"""Company and deal pages: parse the request, call one selector, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from companies import selectors
from companies.models import CompanyKind, DealKind, DealStatus
from companies.redirects import company_redirect_url, deal_redirect_url, follows_merges
from newsbase import params
from newsbase.pagecache import cached_page


@cached_page
def company_list(request: HttpRequest) -> HttpResponse:
    q, country = params.text(request.GET, "q"), params.text(request.GET, "country", limit=2)
    kind, sort = params.text(request.GET, "kind"), params.text(request.GET, "sort") or "name"
    page = selectors.company_list(q=q, country=country, kind=kind, sort=sort, page=request.GET.get("page", 1))
    return render(
        request,
        "companies/company_list.html",
        {
            "page_obj": page,
            "filters": {"q": q, "country": country.upper(), "kind": kind, "sort": sort},
            "countries": selectors.company_countries(),
            "kinds": CompanyKind.choices,
        },
    )


# Editors: a slug merged away answers 301 to the survivor's page (companies/redirects.py).
@follows_merges(company_redirect_url)
@cached_page
def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.company_page(slug=slug, page=request.GET.get("page", 1))
    return render(request, "companies/company_detail.html", {"page": page, "company": page.company})


@cached_page
def deal_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.DealFilters(
        # Only a real kind: the page links to that kind's feed, whose URL cannot be built from arbitrary text.
        kind=params.choice(request.GET, "kind", DealKind.values),
        status=params.text(request.GET, "status"),
        year=params.year(request.GET, "year"),
        min_amount=params.decimal(request.GET, "min_amount"),
        max_amount=params.decimal(request.GET, "max_amount"),
        company=params.slug(request.GET, "company"),
        sort=params.text(request.GET, "sort") or "date",
    )
    page = selectors.deal_list(filters=filters, page=request.GET.get("page", 1))
    return render(
        request,
        "companies/deal_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "kinds": DealKind.choices,
            "statuses": DealStatus.choices,
            "years": selectors.deal_years(),
        },
    )


@follows_merges(deal_redirect_url)
@cached_page
def deal_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.deal_page(slug=slug)
    return render(request, "companies/deal_detail.html", {"page": page, "deal": page.deal})
