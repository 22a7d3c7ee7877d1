"""Newsbase's URLs plus /bench/constant/: a DRF view with the API's settings (authentication, throttling, JSON)
that returns a constant, the floor any endpoint's speed is compared with."""

from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from newsbase.urls import urlpatterns as newsbase_urlpatterns


class ConstantView(APIView):
    def get(self, request: Request) -> Response:
        return Response({"name": "Kuaishou", "slug": "kuaishou"})


urlpatterns = [path("bench/constant/", ConstantView.as_view()), *newsbase_urlpatterns]
