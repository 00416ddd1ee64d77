"""Applications for disclosure (依申请公开), their append-only event log and receipt counters.

The event log is the truth. ``Application.state``, ``outcome`` and ``decided_on`` are a cache
of ``lifecycle.replay(events)`` for listing and for SQL aggregates (table 三); the business
actions in :mod:`gongkai.casework.actions` are the only code that writes either.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from gongkai.agencies.counters import AgencyYearCounter
from gongkai.agencies.models import Agency
from gongkai.casework.intake import CHANNEL_LABELS
from gongkai.casework.lifecycle import EVENT_LABELS, OPEN_STATES, STATE_LABELS, State, replay
from gongkai.holidays.signals import year_loaded
from gongkai.statute.applicants import ApplicantKind
from gongkai.statute.formats import get_format
from gongkai.statute.outcomes import Outcome, outcome_label

_F2021 = get_format("2021")
_COLUMN_LABELS = {c.key: c.label for c in _F2021.table("三").columns}

CHANNEL_CHOICES = [(c.value, label) for c, label in CHANNEL_LABELS.items()]
STATE_CHOICES = [(s.value, label) for s, label in STATE_LABELS.items()]
EVENT_CHOICES = [(k.value, label) for k, label in EVENT_LABELS.items()]
# The kinds are the table 三 columns; "其他" is 法人或其他组织 / 其他 there.
APPLICANT_KIND_CHOICES = [
    (k.value, _COLUMN_LABELS[k.value] if k is not ApplicantKind.OTHER_ORG else "其他（法人或其他组织）")
    for k in ApplicantKind
]
# Labels are the table 三 rows of the 2021 format, e.g. "（三）不予公开 / 1.属于国家秘密".
OUTCOME_CHOICES = [(o.value, outcome_label(o, _F2021)) for o in Outcome]


class IdDocument(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    OTHER = "other", "其他"


class RequestedForm(models.TextChoices):
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子数据"
    OTHER = "other", "其他"


class DeliveryMethod(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    PICK_UP = "pick_up", "自行领取"
    ON_SITE = "on_site", "当场查阅、抄录"
    ONLINE = "online", "网上获取"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def real(self) -> ApplicationQuerySet:
        """Without demo data: what statistics and the annual report count."""
        return self.filter(is_sample=False)

    def open(self) -> ApplicationQuerySet:
        return self.filter(state__in=[s.value for s in OPEN_STATES])


class Application(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="受理机构", on_delete=models.PROTECT, related_name="applications")
    year = models.PositiveSmallIntegerField("年度", editable=False)
    sequence = models.PositiveIntegerField("年度序号", editable=False)
    receipt_number = models.CharField("受理编号", max_length=80, editable=False)

    # Art 31: the officer records what happened; received_on is computed from these.
    channel = models.CharField("提交方式", max_length=20, choices=CHANNEL_CHOICES)
    submitted_on = models.DateField(
        "提交日期", null=True, blank=True, help_text="当面提交之日；邮寄时为寄出日期（如知道）"
    )
    signed_on = models.DateField(
        "签收（收信）日期", null=True, blank=True, help_text="邮寄件签收之日；平常信函收到之日"
    )
    confirmed_on = models.DateField(
        "确认日期", null=True, blank=True, help_text="互联网、传真、电子邮件：双方确认之日；平常信函：与申请人确认之日"
    )
    received_on = models.DateField("收到申请日期", editable=False)
    received_rule = models.CharField("收到日期依据", max_length=200, editable=False)

    applicant_kind = models.CharField("申请人类型", max_length=20, choices=APPLICANT_KIND_CHOICES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    id_type = models.CharField("身份证明类型", max_length=20, choices=IdDocument.choices, blank=True)
    id_number = models.CharField("身份证明号码", max_length=60, blank=True)
    contact_person = models.CharField("联系人", max_length=100, blank=True, help_text="法人或其他组织的联系人")
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    description = models.TextField("所需政府信息的名称、文号或特征性描述")
    purpose = models.TextField("用途说明", blank=True)
    requested_form = models.CharField("信息形式要求", max_length=20, choices=RequestedForm.choices, blank=True)
    delivery_method = models.CharField("获取信息的方式", max_length=20, choices=DeliveryMethod.choices, blank=True)
    units = models.PositiveSmallIntegerField(
        "计件数", default=1, help_text="按件计收信息处理费时的件数（“一事一申请”拆分后的合理最小单位）"
    )
    is_sample = models.BooleanField("演示数据", default=False, help_text="演示用数据，不计入统计和年度报告")

    # Cache of lifecycle.replay(events), written only by the business actions.
    state = models.CharField(
        "办理状态", max_length=30, choices=STATE_CHOICES, default=State.PROCESSING.value, editable=False
    )
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True, editable=False)
    decided_on = models.DateField("答复日期", null=True, blank=True, editable=False)
    # Cache of the reply period's due date while the case is 办理中 (the only open state in
    # which it does not move with today), for the due-soon/overdue lists to filter and sort in
    # SQL. ``due_key`` identifies the calendar and clock rules it was computed with; a row
    # whose key is not the current one is not trusted (docs/workspace.md).
    due_on = models.DateField("答复期限届满日（缓存）", null=True, blank=True, editable=False)
    due_key = models.CharField("届满日缓存依据", max_length=16, blank=True, default="", db_default="",
                               editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    # Who changed an applicant's particulars, and when, must be traceable.
    history = HistoricalRecords(verbose_name="申请历史", excluded_fields=["updated_at", "due_on", "due_key"])

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-received_on", "-sequence")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "year", "sequence"],
                name="application_number_unique",
                violation_error_message="该机构本年度已有此序号的申请",
            ),
            models.UniqueConstraint(fields=["agency", "receipt_number"], name="application_receipt_number_unique"),
            # Exactly one outcome, and only with a decision date (the decision event sets both).
            models.CheckConstraint(
                condition=Q(outcome="", decided_on__isnull=True) | (~Q(outcome="") & Q(decided_on__isnull=False)),
                name="application_outcome_with_decision",
            ),
        )
        indexes = (
            models.Index(fields=["agency", "year"], name="application_agency_year_idx"),
            models.Index(fields=["agency", "state"], name="application_agency_state_idx"),
            models.Index(fields=["received_on"], name="application_received_idx"),
            models.Index(fields=["decided_on"], name="application_decided_idx"),
            models.Index(fields=["applicant_name"], name="application_applicant_idx"),
            # The lists' order within an agency: a page is read from the index, not sorted.
            models.Index(fields=["agency", "-received_on", "-sequence"], name="application_agency_order_idx"),
            # Due-soon/overdue: the cached due dates of one agency's 办理中 cases, in order.
            models.Index(fields=["agency", "due_on", "received_on"], name="application_agency_due_idx",
                         condition=Q(state=State.PROCESSING.value)),
        )

    def __str__(self) -> str:
        return f"{self.receipt_number} {self.applicant_name}"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        # A receipt number once shown to an applicant must stay in the database (design.md).
        if not self.is_sample:
            raise ValidationError("已登记的申请不能删除：受理编号已告知申请人（演示数据除外）")
        return super().delete(*args, **kwargs)

    @property
    def applicant_key(self) -> tuple[str, str]:
        """Who the applicant is for fee counting: the ID document, else the name."""
        if self.id_number.strip():
            return ("id", f"{self.id_type}:{self.id_number.strip().upper()}")
        return ("name", self.applicant_name.strip())

    def replay(self) -> Any:
        return replay(self.events.all())


class ApplicationEvent(models.Model):
    """One thing that happened to an application. Append-only: never changed, never deleted."""

    application = models.ForeignKey(Application, verbose_name="申请", on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField("序号")
    kind = models.CharField("事件", max_length=30, choices=EVENT_CHOICES)
    date = models.DateField("日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    details = models.JSONField("详情", default=dict, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理事件"
        verbose_name_plural = "办理事件"
        ordering = ("application", "seq")
        constraints = (models.UniqueConstraint(fields=["application", "seq"], name="event_application_seq_unique"),)

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError("办理事件只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("办理事件只能追加，不能删除")


class ReceiptCounter(AgencyYearCounter):
    """The last receipt sequence issued per agency and year; locked while a number is taken."""

    class Meta:
        verbose_name = "受理编号计数器"
        verbose_name_plural = "受理编号计数器"
        constraints = (models.UniqueConstraint(fields=["agency", "year"], name="receipt_counter_unique"),)


@receiver(year_loaded, dispatch_uid="casework.refresh_due_dates")
def refresh_due_dates_after_year_loaded(sender: Any, **kwargs: Any) -> None:
    """A holiday year changed: bring the cached due dates up to date (see ``due_key``), in
    the background. Connected here so that it is registered in every process that loads the
    app (a year can be loaded from the admin or the command line). The lists are right even
    before the task has run: they compute the rows whose key is not current themselves.
    """
    from gongkai.casework.actions import refresh_due_dates  # actions import this module

    refresh_due_dates.enqueue()
