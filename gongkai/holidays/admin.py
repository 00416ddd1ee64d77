"""Admin pages: the loaded years (read-only; rows change only by loading a notice file) and
the page “载入年度节假日安排” (upload → preview → confirm → ``actions.do_load_year``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from simple_history.admin import SimpleHistoryAdmin

from gongkai.holidays.actions import YearExistsError, do_load_year
from gongkai.holidays.forms import ConfirmForm, UploadForm
from gongkai.holidays.models import HolidayRange, HolidayYear, MakeupDay
from gongkai.holidays.services import calendar_status
from gongkai.workdays.model import WEEKDAY_NAMES
from gongkai.workdays.yearfile import YearNotice

LOAD_PERMISSION = "holidays.add_holidayyear"


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class HolidayRangeInline(ReadOnlyInline):
    model = HolidayRange
    fields = ("name", "start", "end", "day_count")
    readonly_fields = fields

    @admin.display(description="天数")
    def day_count(self, obj: HolidayRange) -> int:
        return obj.days


class MakeupDayInline(ReadOnlyInline):
    model = MakeupDay
    fields = ("date", "weekday", "name")
    readonly_fields = fields

    @admin.display(description="星期")
    def weekday(self, obj: MakeupDay) -> str:
        return WEEKDAY_NAMES[obj.date.weekday()]


@admin.register(HolidayYear)
class HolidayYearAdmin(SimpleHistoryAdmin):
    list_display = ("year", "notice_number", "notice_date", "source", "loaded_at", "loaded_by",
                    "range_count", "makeup_count")
    list_display_links = ("year",)
    list_select_related = ("loaded_by",)
    fields = ("year", "notice_number", "notice_date", "source", "source_name", "loaded_at", "loaded_by",
              "source_text")
    readonly_fields = fields
    inlines = (HolidayRangeInline, MakeupDayInline)
    change_list_template = "admin/holidays/holidayyear/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[HolidayYear]:
        return super().get_queryset(request).annotate(
            range_count=Count("ranges", distinct=True), makeup_count=Count("makeup_days", distinct=True)
        )

    @admin.display(description="放假安排", ordering="range_count")
    def range_count(self, obj: HolidayYear) -> int:
        return obj.range_count  # type: ignore[attr-defined]

    @admin.display(description="调休上班日", ordering="makeup_count")
    def makeup_count(self, obj: HolidayYear) -> int:
        return obj.makeup_count  # type: ignore[attr-defined]

    # Years come from notice files only: the load page validates the whole year at once and
    # tells the open cases; editing single rows here would do neither.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        load = path("load/", self.admin_site.admin_view(self.load_view), name="holidays_holidayyear_load")
        return [load, *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "calendar_status": calendar_status(),
            "can_load": request.user.has_perm(LOAD_PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    def load_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm(LOAD_PERMISSION):
            raise PermissionDenied
        upload_form: UploadForm | None = UploadForm()
        confirm_form: ConfirmForm | None = None
        notice: YearNotice | None = None
        error = ""
        if request.method == "POST" and "confirm" in request.POST:
            confirm_form = ConfirmForm(request.POST)
            if confirm_form.is_valid():
                notice = confirm_form.notice
                try:
                    holiday_year = do_load_year(
                        notice,
                        request.user,
                        replace=confirm_form.cleaned_data["replace"],
                        source_name=confirm_form.cleaned_data["file_name"],
                        source_text=confirm_form.text,
                    )
                except YearExistsError as exc:
                    # Loaded by someone else since the preview: show the warning, ask again.
                    error = f"{exc}确认后将以本文件替换。"
                    confirm_form = ConfirmForm(initial={**confirm_form.cleaned_data, "replace": True})
                else:
                    messages.success(
                        request, f"已载入{holiday_year.year}年节假日安排（{holiday_year.notice_number}），"
                        "涉及该年的未结案件期限将重新计算。"
                    )
                    return HttpResponseRedirect(reverse("admin:holidays_holidayyear_change", args=[holiday_year.pk]))
        elif request.method == "POST":
            upload_form = UploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                notice = upload_form.notice
                replace = HolidayYear.objects.filter(year=notice.year_calendar.year).exists()
                confirm_form = upload_form.confirm_form(replace)
                upload_form = None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "载入年度节假日安排",
            "upload_form": upload_form,
            "confirm_form": confirm_form,
            "error": error,
            "preview": _preview(notice) if notice is not None and confirm_form is not None else None,
        }
        return TemplateResponse(request, "admin/holidays/holidayyear/load_year.html", context)


def _preview(notice: YearNotice) -> dict[str, Any]:
    year_calendar = notice.year_calendar
    return {
        "year": year_calendar.year,
        "notice": notice.notice,
        "notice_date": notice.notice_date,
        "ranges": [{"name": r.name, "first": r.first, "last": r.last, "days": r.days} for r in notice.ranges],
        "makeups": [{"date": d, "weekday": WEEKDAY_NAMES[d.weekday()], "name": n} for d, n in notice.makeups],
        "holiday_days": len(year_calendar.holidays),
        "existing": HolidayYear.objects.filter(year=year_calendar.year).first(),
    }
