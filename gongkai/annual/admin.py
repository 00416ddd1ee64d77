"""Admin pages of the annual reports: read-only views for the system administrator. Reports are
built, edited and moved through the workflow on the staff screens, through the actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from gongkai.annual.models import HistoricalReport, Rendering, ReportVersion, WarningAck


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "number", "status", "published_on", "correction_of")
    list_filter = ("status", "year")
    search_fields = ("agency__name", "agency__short_name")
    exclude = ("report", "checks")


@admin.register(WarningAck)
class WarningAckAdmin(ReadOnlyAdmin):
    list_display = ("version", "rule", "comment", "by", "at")
    search_fields = ("rule", "comment")


@admin.register(HistoricalReport)
class HistoricalReportAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "filename", "uploaded_by", "confirmed_at")
    list_filter = ("year",)
    exclude = ("content", "parsed")


@admin.register(Rendering)
class RenderingAdmin(admin.ModelAdmin):
    list_display = ("version", "format", "size", "created_at")
    exclude = ("content",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
