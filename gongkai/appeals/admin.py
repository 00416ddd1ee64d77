"""Admin pages for 复议 and 诉讼 cases: for looking up and auditing. Cases are registered and
changed in the staff workspace (/staff/appeals/), whose business actions check every rule."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from gongkai.appeals.models import AppealCase


@admin.register(AppealCase)
class AppealCaseAdmin(SimpleHistoryAdmin):
    list_display = (
        "case_number", "kind", "agency", "body", "claimant", "filed_on", "result", "decided_on", "is_sample",
    )
    list_filter = ("kind", "result", "procedure", "is_sample", "agency")
    search_fields = ("case_number", "body", "claimant", "application__receipt_number")
    list_select_related = ("agency", "application")
    date_hierarchy = "filed_on"
    readonly_fields = ("workspace_link",)

    @admin.display(description="工作台")
    def workspace_link(self, obj: AppealCase) -> str:
        if obj.pk is None:
            return "—"
        return format_html('<a href="{}">在工作台中查看和修改</a>', reverse("appeals:detail", args=[obj.pk]))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Only demo data, one case at a time: a bulk delete would bypass AppealCase.delete.
        return bool(request.user.is_superuser and obj is not None and obj.is_sample)
