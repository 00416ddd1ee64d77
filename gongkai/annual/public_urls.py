"""Public URLs of the annual reports (app_name ``annual_public``), included at ``reports/``."""

from __future__ import annotations

from django.urls import path

from gongkai.annual import public_views

app_name = "annual_public"
urlpatterns = [
    path("", public_views.report_list, name="list"),
    path("<int:pk>/", public_views.report_detail, name="detail"),
    path("<int:pk>/download/<slug:fmt>/", public_views.download, name="download"),
]
