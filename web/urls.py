"""URL configuration. Only the admin for now; the public portal and staff pages come later."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

admin.site.site_header = "Gongkai 政府信息公开工作系统"
admin.site.site_title = "Gongkai 政府信息公开工作系统"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("admin/", admin.site.urls),
]
