"""A URL configuration with the annual app's public pages included, as the lead will include
them at ``reports/`` in web/urls.py; the rest as in web.urls."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("staff/", include("gongkai.ui.urls")),
    path("staff/reports/", include("gongkai.annual.urls")),
    path("reports/", include("gongkai.annual.public_urls")),
]
