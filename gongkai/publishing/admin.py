"""Admin pages for 主动公开: read-mostly. The workflow (review, publication, withdrawal) runs
through the staff screens and ``actions``; here administrators inspect records and history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from gongkai.publishing.models import (
    Art20Item,
    Attachment,
    Category,
    FeeIncome,
    IndexCounter,
    Item,
    ItemReview,
    NormativeDocument,
    YearlyDecisionCount,
)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReviewInline(admin.TabularInline):
    model = ItemReview
    extra = 0
    fields = ("decided_on", "reviewer", "decision", "comment")
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "保密审查记录（只能在工作台审查）"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    list_display = ("title", "agency", "index_number", "state", "formed_on", "published_on", "is_sample")
    list_filter = ("state", "is_sample", "agency")
    search_fields = ("title", "index_number", "document_number")
    date_hierarchy = "published_on"
    readonly_fields = ("index_number", "state", "published_on", "reviewed_by", "reviewed_on", "review_decision",
                       "review_comment", "withdraw_reason", "withdrawn_on", "withdrawn_by", "body", "created_by")
    fields = ("agency", "title", "document_number", "issuing_body", "formed_on", "summary", "categories",
              "art20_items", "is_sample", *readonly_fields)
    filter_horizontal = ("categories", "art20_items")
    inlines = (AttachmentInline, ReviewInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # created through the workspace, so that the body is sanitised and numbers are taken


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "parent", "order", "slug")
    list_filter = ("agency",)
    search_fields = ("name",)


@admin.register(Art20Item)
class Art20ItemAdmin(admin.ModelAdmin):
    list_display = ("number", "text")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "agency", "kind", "document_number", "issued_on", "repealed_on")
    list_filter = ("kind", "agency")
    search_fields = ("title", "document_number")


@admin.register(YearlyDecisionCount)
class YearlyDecisionCountAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "year", "month", "kind", "count")
    list_filter = ("year", "kind", "agency")


@admin.register(FeeIncome)
class FeeIncomeAdmin(SimpleHistoryAdmin):
    list_display = ("agency", "year", "month", "amount")
    list_filter = ("year", "agency")


@admin.register(IndexCounter)
class IndexCounterAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "last")
    readonly_fields = ("agency", "year", "last")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
