"""Admin pages for applications (a system administrators' and officers' tool until the staff
workspace exists). Registration and every step go through the business actions; the admin
shows the event log read-only and the derived clock, and lets officers correct contact details.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from gongkai.agencies.permissions import agencies_handled_by
from gongkai.casework.models import Application, ApplicationEvent, ReceiptCounter
from gongkai.casework.services import clock_for


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ("seq", "date", "kind", "actor", "details", "created_at")
    readonly_fields = fields
    can_delete = False
    verbose_name = "办理事件"
    verbose_name_plural = "办理过程（只能通过办理操作追加）"
    ordering = ("seq",)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = (
        "receipt_number",
        "agency",
        "applicant_name",
        "applicant_kind",
        "channel",
        "received_on",
        "state",
        "outcome",
        "is_sample",
    )
    list_filter = ("agency", "state", "year", "is_sample", "channel", "applicant_kind")
    search_fields = ("receipt_number", "applicant_name")
    list_select_related = ("agency",)
    date_hierarchy = "received_on"
    readonly_fields = (
        "agency",
        "receipt_number",
        "year",
        "channel",
        "submitted_on",
        "signed_on",
        "confirmed_on",
        "received_on",
        "received_rule",
        "applicant_kind",
        "state",
        "outcome",
        "decided_on",
        "clock",
        "is_sample",
        "created_by",
        "created_at",
    )
    fieldsets = (
        ("受理", {"fields": ("agency", "receipt_number", "year", "is_sample", "created_by", "created_at")}),
        (
            "收到申请（条例第三十一条）",
            {"fields": ("channel", "submitted_on", "signed_on", "confirmed_on", "received_on", "received_rule")},
        ),
        (
            "申请人",
            {
                "description": "申请人的个人信息只对本机构经办人员和申请人本人可见。",
                "fields": (
                    "applicant_kind",
                    "applicant_name",
                    "id_type",
                    "id_number",
                    "contact_person",
                    "phone",
                    "email",
                    "address",
                    "postcode",
                ),
            },
        ),
        ("申请内容", {"fields": ("description", "purpose", "requested_form", "delivery_method", "units")}),
        ("办理", {"fields": ("state", "outcome", "decided_on", "clock")}),
    )
    inlines = (EventInline,)

    @admin.display(description="答复期限")
    def clock(self, obj: Application) -> str:
        if obj.pk is None:
            return "-"
        clock = clock_for(obj)
        lines = [*clock.summary]
        for side in (clock.supplement_notice, *clock.consultations, clock.fee_payment):
            if side is not None and (side is not clock.supplement_notice or side.done_on):
                lines.append(f"{side.label}：{side.due.date.isoformat()}" + (f"（{side.note}）" if side.note else ""))
        if clock.due is not None:
            lines.extend(["计算过程：", *clock.due.explanation])
        return format_html("<div>{}</div>", format_html_join("", "<div>{}</div>", ((line,) for line in lines)))

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Registration must assign a gap-free receipt number and compute the Art 31 date:
        # only do_receive_application does that (the staff workspace calls it).
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return obj is not None and obj.is_sample and super().has_delete_permission(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        # Applicants' personal data: only the handling agency's staff (and system administrators).
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(agency__in=agencies_handled_by(request.user).values("pk"))


@admin.register(ReceiptCounter)
class ReceiptCounterAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "last")
    list_filter = ("year",)
    readonly_fields = ("agency", "year", "last")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
