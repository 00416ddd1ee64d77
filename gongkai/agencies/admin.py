"""Admin pages for agencies and staff roles (system administrators' tool; staff get their own pages)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import agencies_visible_to


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    verbose_name = "人员角色"
    verbose_name_plural = "本机构人员"


class ChildInline(admin.TabularInline):
    """The direct subordinates, so a region can be read from top to bottom."""

    model = Agency
    fk_name = "parent"
    extra = 0
    fields = ("name", "level", "credit_code", "is_active")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name = "下级机构"
    verbose_name_plural = "下级机构"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "level", "parent", "credit_code", "disclosure_office", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("name", "short_name", "credit_code", "disclosure_office")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    fieldsets = (
        ("基本信息", {"fields": ("name", "short_name", "credit_code", "level", "parent", "is_active")}),
        (
            "政府信息公开工作机构",
            {
                "description": "用于政府信息公开指南和年度报告中的联系方式。",
                "fields": (
                    "disclosure_office",
                    "office_address",
                    "postcode",
                    "office_hours",
                    "phone",
                    "fax",
                    "email",
                    "website",
                ),
            },
        ),
    )
    inlines = (MembershipInline, ChildInline)
    # Agency websites are served over HTTPS; a scheme-less entry should not become http://.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # noqa: RUF012 — Django's API

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        # Staff given admin rights without being superusers see only their own agencies and regions.
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk__in=agencies_visible_to(request.user).values("pk"))


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "agency", "role", "created_at")
    list_filter = ("role", "agency__level")
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__short_name")
    list_select_related = ("user", "agency")
    autocomplete_fields = ("user", "agency")
    readonly_fields = ("created_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(agency__in=agencies_visible_to(request.user).values("pk"))
