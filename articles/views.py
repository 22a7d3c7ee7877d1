"""Article pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.models import Article


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), slug=slug)
    return render(request, "articles/article_detail.html", {"article": article})
