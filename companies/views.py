"""Company and deal pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from companies.models import Company, Deal


def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    company = get_object_or_404(
        Company.objects.public().select_related("parent").prefetch_related("aliases", "units"), slug=slug
    )
    return render(request, "companies/company_detail.html", {"company": company})


def deal_detail(request: HttpRequest, slug: str) -> HttpResponse:
    deal = get_object_or_404(Deal.objects.prefetch_related("parties__company"), slug=slug)
    return render(request, "companies/deal_detail.html", {"deal": deal})
