"""Annual report versions, acknowledged warnings, imported historical reports, stored renderings.

A ``ReportVersion`` holds one version of an agency's report for a year: the figures and texts
as the engine's JSON (``gongkai.report.jsonio``), the checks run on it, and who moved it
through draft → submitted → approved → published. A published version is immutable: a
correction is a new version pointing at it (``correction_of``) with a reason.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from gongkai.agencies.models import Agency
from gongkai.annual.conf import deadline_for

PUBLISHED_IMMUTABLE = "已公开的年度报告不能修改；如需更正，请发起更正，生成新版本并说明理由。"


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交审核"
    APPROVED = "approved", "已审核通过"
    PUBLISHED = "published", "已公开"


STATUS_BADGES = {
    Status.DRAFT: "badge-info",
    Status.SUBMITTED: "badge-warn",
    Status.APPROVED: "badge-ok",
    Status.PUBLISHED: "badge-ok",
}

RENDER_FORMATS = ("html", "docx", "pdf", "json")
RENDER_LABELS = {"html": "HTML 网页", "docx": "Word 文档（DOCX）", "pdf": "PDF", "json": "JSON 数据"}


class ReportVersionQuerySet(models.QuerySet["ReportVersion"]):
    def published(self) -> ReportVersionQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def latest_per_agency_year(self) -> ReportVersionQuerySet:
        """Only the newest version of each agency's report for each year (one subquery)."""
        newer = ReportVersion.objects.filter(
            agency=models.OuterRef("agency"), year=models.OuterRef("year"), number__gt=models.OuterRef("number")
        )
        return self.exclude(models.Exists(newer))


class ReportVersion(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveSmallIntegerField("版本号", default=1)
    format_id = models.CharField("报告格式", max_length=10)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    include_departments = models.BooleanField(
        "汇总所属部门", default=False, help_text="人民政府的报告是否汇总所属部门和乡镇（街道）的记录"
    )
    agency_ids = models.JSONField("统计的机构", default=list, blank=True)

    report = models.JSONField("报告数据", default=dict, help_text="gongkai.report 第1版 JSON")
    texts = models.JSONField("正文", default=dict, blank=True, help_text="各部分正文：{章节键: 文字}")
    edited = models.JSONField("已手工修改的章节", default=list, blank=True)
    build_notes = models.JSONField("生成说明", default=list, blank=True)
    checks = models.JSONField("审核结果", default=list, blank=True)
    checked_at = models.DateTimeField("审核时间", null=True, blank=True)
    figures_at = models.DateTimeField("数据计算时间", null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="公开人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    returned_reason = models.TextField("退回理由", blank=True)

    correction_of = models.ForeignKey(
        "self", verbose_name="更正的版本", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    correction_reason = models.TextField("更正理由", blank=True)

    # Who moved the report through the workflow, and when, must be traceable.
    history = HistoricalRecords(
        verbose_name="年度报告历史", excluded_fields=["report", "checks", "texts", "build_notes", "agency_ids"]
    )

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ("-year", "agency__name", "-number")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "year", "number"],
                name="annual_version_unique",
                violation_error_message="该机构该年度已有此版本号的报告",
            ),
        )
        indexes = (models.Index(fields=["agency", "year", "status"], name="annual_agency_year_status_idx"),)

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告（第{self.number}版）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = ReportVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == Status.PUBLISHED:
                raise ValidationError(PUBLISHED_IMMUTABLE)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.status == Status.PUBLISHED:
            raise ValidationError(PUBLISHED_IMMUTABLE)
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "badge-info")

    @property
    def deadline(self) -> date | None:
        return deadline_for(self.agency.level, self.year)

    def is_overdue(self, today: date | None = None) -> bool:
        """Past the Art 49 deadline and not published by it."""
        due = self.deadline
        if due is None:
            return False
        if self.published_on is not None:
            return self.published_on > due
        from django.utils import timezone

        return (today or timezone.localdate()) > due

    @property
    def title(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    def counts(self) -> dict[str, int]:
        result = {"error": 0, "warning": 0, "notice": 0}
        for finding in self.checks or []:
            result[finding.get("severity", "notice")] = result.get(finding.get("severity", "notice"), 0) + 1
        return result

    def get_absolute_url(self) -> str:
        """The public page of a published version."""
        return reverse("annual_public:detail", args=[self.pk])

    def staff_url(self) -> str:
        return reverse("annual:detail", args=[self.pk])

    def download_urls(self) -> dict[str, str]:
        """{format: public download URL} of the stored renderings."""
        return {fmt: reverse("annual_public:download", args=[self.pk, fmt]) for fmt in RENDER_FORMATS}


class WarningAck(models.Model):
    """A warning that a person has looked at and accepted, with the reason."""

    version = models.ForeignKey(ReportVersion, verbose_name="报告版本", on_delete=models.CASCADE, related_name="acks")
    rule = models.CharField("规则编号", max_length=40)
    location = models.CharField("位置", max_length=300, help_text="规则和位置的标识")
    message = models.TextField("问题说明", blank=True)
    comment = models.TextField("确认说明")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("确认时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="警告确认历史")

    class Meta:
        verbose_name = "已确认的警告"
        verbose_name_plural = "已确认的警告"
        ordering = ("version", "rule", "location")
        constraints = (
            models.UniqueConstraint(fields=["version", "rule", "location"], name="annual_ack_unique"),
        )

    def __str__(self) -> str:
        return f"{self.rule} {self.location}"


class HistoricalReport(models.Model):
    """A report published before Gongkai, read by the engine's readers as a baseline for
    the cross-year checks once a person has confirmed what was read."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="historical_reports")
    year = models.PositiveSmallIntegerField("年度")
    filename = models.CharField("文件名", max_length=255)
    content = models.BinaryField("原文件")
    parsed = models.JSONField("读取结果", default=dict)
    notes = models.JSONField("读取说明", default=list, blank=True)
    findings = models.JSONField("审核结果", default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)

    history = HistoricalRecords(verbose_name="历史报告导入记录", excluded_fields=["content", "parsed", "findings"])

    class Meta:
        verbose_name = "历史年度报告"
        verbose_name_plural = "历史年度报告"
        ordering = ("-year", "agency__name", "-uploaded_at")

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年（{self.filename}）"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Rendering(models.Model):
    """A published version in one output format, stored once at publication and served as is."""

    version = models.ForeignKey(
        ReportVersion, verbose_name="报告版本", on_delete=models.PROTECT, related_name="renderings"
    )
    format = models.CharField("格式", max_length=10, choices=[(f, RENDER_LABELS[f]) for f in RENDER_FORMATS])
    content = models.BinaryField("内容")
    media_type = models.CharField("媒体类型", max_length=120)
    size = models.PositiveIntegerField("字节数")
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "报告文件"
        verbose_name_plural = "报告文件"
        constraints = (models.UniqueConstraint(fields=["version", "format"], name="annual_rendering_unique"),)

    def __str__(self) -> str:
        return f"{self.version} {self.format}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError("已公开的报告文件不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("已公开的报告文件不能删除。")

    @property
    def filename(self) -> str:
        from gongkai.report.writers import WRITERS

        extension = WRITERS[self.format].extension
        return f"{self.version.agency.name}{self.version.year}年政府信息公开工作年度报告{extension}"
