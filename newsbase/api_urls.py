"""The REST API under /api/: every endpoint registered here, with its schema and its documentation."""

from django.urls import URLPattern, URLResolver, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from articles.api.views import ArticleViewSet, IngestRunViewSet, IngestView, MentionViewSet, SourceViewSet
from companies.api.views import CompanyLookupView, CompanyViewSet, DealViewSet
from newsbase.api.errors import api_not_found

router = DefaultRouter()
router.register("companies", CompanyViewSet, basename="api-company")
router.register("deals", DealViewSet, basename="api-deal")
router.register("articles", ArticleViewSet, basename="api-article")
router.register("mentions", MentionViewSet, basename="api-mention")
router.register("sources", SourceViewSet, basename="api-source")
router.register("ingest-runs", IngestRunViewSet, basename="api-ingest-run")

urlpatterns: list[URLPattern | URLResolver] = [
    path("company-lookup/", CompanyLookupView.as_view(), name="api-company-lookup"),
    path("ingest/", IngestView.as_view(), name="api-ingest"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    *router.urls,
    # Anything else under /api/ answers in the API's error shape rather than with the site's HTML 404. Only paths
    # ending in a slash, so that CommonMiddleware still redirects /api/companies to /api/companies/.
    re_path(r"^.*/$", api_not_found),
]
