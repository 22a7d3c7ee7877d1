"""Every URL of Newsbase, from here to the app that answers it."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page

from newsbase import feeds, health, views
from newsbase.sitemaps import SITEMAPS

# Sitemaps are large and change slowly; crawlers may see them up to an hour old.
_sitemap_cache = cache_page(3600)

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("", include("companies.urls")),
    path("", include("articles.urls")),
    path("feeds/articles/", feeds.LatestArticlesFeed(), name="feed-articles"),
    path("feeds/deals/", feeds.DealsFeed(), name="feed-deals"),
    path("feeds/deals/<str:kind>/", feeds.DealKindFeed(), name="feed-deal-kind"),
    path("feeds/companies/<slug:slug>/", feeds.CompanyFeed(), name="feed-company"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", _sitemap_cache(sitemap_views.index), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        _sitemap_cache(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("api/", include("newsbase.api_urls")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]

handler404 = "newsbase.views.page_not_found"
