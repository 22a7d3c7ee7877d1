from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("companies/<slug:slug>/", views.company_detail, name="detail"),
    path("deals/<slug:slug>/", views.deal_detail, name="deal-detail"),
]
