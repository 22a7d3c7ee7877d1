from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("companies/", views.company_list, name="list"),
    path("companies/<slug:slug>/", views.company_detail, name="detail"),
    path("deals/", views.deal_list, name="deal-list"),
    path("deals/<slug:slug>/", views.deal_detail, name="deal-detail"),
]
