"""Pages that belong to no single app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.selectors import home_summary


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", home_summary())
