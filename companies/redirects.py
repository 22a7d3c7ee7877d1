"""Old company and deal URLs after a merge: the page that took them over answers with a permanent redirect."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse

from companies.models import CompanyRedirect, DealRedirect


def company_redirect_url(*, slug: str) -> str | None:
    """The page of the company a merged-away slug now belongs to, if any."""
    redirect = CompanyRedirect.objects.select_related("company").filter(old_slug=slug).first()
    return redirect.company.get_absolute_url() if redirect else None


def deal_redirect_url(*, slug: str) -> str | None:
    redirect = DealRedirect.objects.select_related("deal").filter(old_slug=slug).first()
    return redirect.deal.get_absolute_url() if redirect else None


def follows_merges(
    redirect_url: Callable[..., str | None],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A detail view whose slug is not found answers 301 to the survivor's page when the slug was merged away."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, slug: str, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, slug=slug, **kwargs)
            except Http404:
                target = redirect_url(slug=slug)
                if target is None:
                    raise
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

        return wrapper

    return decorate


def company_redirect_slug(*, slug: str) -> str | None:
    return CompanyRedirect.objects.filter(old_slug=slug).values_list("company__slug", flat=True).first()


def deal_redirect_slug(*, slug: str) -> str | None:
    return DealRedirect.objects.filter(old_slug=slug).values_list("deal__slug", flat=True).first()


class FollowsMergesMixin:
    """For API viewsets: a detail whose slug was merged away answers 301 to the survivor's detail."""

    basename: str
    merged_into: Callable[..., str | None]

    def retrieve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().retrieve(request, *args, **kwargs)  # type: ignore[misc]
        except Http404:
            survivor = type(self).merged_into(slug=kwargs["slug"])
            if survivor is None:
                raise
            return HttpResponsePermanentRedirect(reverse(f"{self.basename}-detail", kwargs={"slug": survivor}))
