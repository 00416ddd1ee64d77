"""URL configuration: the public portal at the root, staff screens under /staff/, the admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Gongkai 政府信息公开工作系统"
admin.site.site_title = "Gongkai 政府信息公开工作系统"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/", include("gongkai.ui.urls")),
    path("staff/cases/", include("gongkai.casework.urls")),
    path("staff/publishing/", include("gongkai.publishing.urls")),
    path("staff/appeals/", include("gongkai.appeals.urls")),
    path("staff/reports/", include("gongkai.annual.urls")),
    path("reports/", include("gongkai.annual.public_urls")),
    path("", include("gongkai.portal.urls")),
]
