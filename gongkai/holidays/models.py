"""One row per year's State Council notice on holidays (国务院办公厅关于某年部分节假日安排的通知),
with its holiday ranges and make-up working days (调休上班日) as child rows.

Rows change only through ``actions.do_load_year`` (and the seeding after ``migrate``); every
change gives the year a new ``revision``, which is how every process notices that its
cached calendar is out of date (``services.current_calendar``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class HolidayYear(models.Model):
    year = models.PositiveSmallIntegerField(
        "年份", unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    notice_number = models.CharField("通知文号", max_length=100, blank=True, help_text="如：国办发明电〔2023〕7号")
    notice_date = models.DateField("通知日期", null=True, blank=True)
    source = models.CharField("数据来源", max_length=200, help_text="通知文号，或 chinesecalendar 的版本")
    source_name = models.CharField("文件名", max_length=200, blank=True)
    source_text = models.TextField("文件原文", blank=True, help_text="载入时的文件内容，供日后核对")
    loaded_at = models.DateTimeField("载入时间", default=timezone.now)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="载入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A new value on every change: the calendar cache's key (see services.current_calendar).
    revision = models.UUIDField("版本标识", default=uuid.uuid4, editable=False)

    history = HistoricalRecords(verbose_name="节假日安排历史")

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ("-year",)

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class HolidayRange(models.Model):
    """A holiday range as the notice writes it, both ends included (weekend days within too)."""

    holiday_year = models.ForeignKey(
        HolidayYear, verbose_name="年度", on_delete=models.CASCADE, related_name="ranges"
    )
    name = models.CharField("节日", max_length=100)
    start = models.DateField("放假开始日期")
    end = models.DateField("放假结束日期")

    class Meta:
        verbose_name = "放假安排"
        verbose_name_plural = "放假安排"
        ordering = ("holiday_year", "start")
        constraints = (
            models.UniqueConstraint(fields=["holiday_year", "start"], name="holiday_range_year_start_unique"),
            models.CheckConstraint(
                condition=Q(start__lte=F("end")),
                name="holiday_range_start_before_end",
                violation_error_message="放假开始日期不能晚于结束日期",
            ),
        )

    def __str__(self) -> str:
        return f"{self.name}：{self.start.isoformat()} 至 {self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class MakeupDay(models.Model):
    """A weekend day that the notice makes a working day (调休上班)."""

    holiday_year = models.ForeignKey(
        HolidayYear, verbose_name="年度", on_delete=models.CASCADE, related_name="makeup_days"
    )
    date = models.DateField("调休上班日期")
    name = models.CharField("所补节日", max_length=100, blank=True)

    class Meta:
        verbose_name = "调休上班日"
        verbose_name_plural = "调休上班日"
        ordering = ("holiday_year", "date")
        constraints = (models.UniqueConstraint(fields=["holiday_year", "date"], name="makeup_day_year_date_unique"),)

    def __str__(self) -> str:
        return f"{self.date.isoformat()}（{self.name}）" if self.name else self.date.isoformat()
