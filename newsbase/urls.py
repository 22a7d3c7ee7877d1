"""Every URL of Newsbase, from here to the app that answers it."""

from django.contrib import admin
from django.urls import include, path

from newsbase import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("companies.urls")),
    path("", include("articles.urls")),
    path("api/", include("newsbase.api_urls")),
    path("admin/", admin.site.urls),
]
