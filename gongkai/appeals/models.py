"""行政复议 and 行政诉讼 cases brought against an agency's disclosure decisions (table 四).

A case is one 复议 or one first-instance suit, as the respondent agency records it. Kind,
result and procedure use the keys of ``gongkai.statute.remedies``; the result is the table 四
column the case is counted in. The business actions in :mod:`gongkai.appeals.actions` are the
only code that writes cases; the database constraints below are the backstop.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from gongkai.agencies.models import Agency
from gongkai.casework.models import Application
from gongkai.statute.remedies import KIND_LABELS, PROCEDURE_LABELS, RESULT_LABELS, Procedure, RemedyKind, RemedyResult

KIND_CHOICES = [(k.value, label) for k, label in KIND_LABELS.items()]
RESULT_CHOICES = [(r.value, label) for r, label in RESULT_LABELS.items()]
PROCEDURE_CHOICES = [(p.value, label) for p, label in PROCEDURE_LABELS.items()]
PENDING = RemedyResult.PENDING.value


def _not_before(later: str, earlier: str) -> Q:
    """Either date unknown, or ``later`` on or after ``earlier``."""
    return Q(**{f"{later}__isnull": True}) | Q(**{f"{earlier}__isnull": True}) | Q(**{f"{later}__gte": F(earlier)})


class AppealCaseQuerySet(models.QuerySet["AppealCase"]):
    def real(self) -> AppealCaseQuerySet:
        """Without demo data: what table 四 counts."""
        return self.filter(is_sample=False)

    def pending(self) -> AppealCaseQuerySet:
        return self.filter(decided_on__isnull=True)


class AppealCase(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="被申请人（被告）", on_delete=models.PROTECT, related_name="appeal_cases"
    )
    application = models.ForeignKey(
        Application, verbose_name="所涉申请", null=True, blank=True, on_delete=models.PROTECT,
        related_name="appeal_cases",
    )
    unlinked_note = models.TextField(
        "未关联申请的说明", blank=True,
        help_text="仅用于登记本系统启用前的历史案件：写明所涉申请（原受理编号、申请人、答复文号等）",
    )
    kind = models.CharField("案件类别", max_length=20, choices=KIND_CHOICES)
    body = models.CharField("复议机关或人民法院", max_length=200)
    case_number = models.CharField("案号", max_length=100, blank=True)
    claimant = models.CharField("申请人（原告）", max_length=200, blank=True)
    claim = models.TextField("请求事项", blank=True)
    procedure = models.CharField(
        "审理程序", max_length=20, choices=PROCEDURE_CHOICES, default=Procedure.SIMPLE.value,
        help_text="政府信息公开案件可以适用简易程序（复议法第五十三条、行政诉讼法第八十二条）",
    )
    decision_extended = models.BooleanField(
        "复议决定期限已延长", default=False,
        help_text="普通程序经行政复议机构负责人批准延长，最多三十日（复议法第六十二条）",
    )
    review_case = models.ForeignKey(
        "self", verbose_name="所经行政复议案件", null=True, blank=True, on_delete=models.PROTECT,
        related_name="suits",
    )
    review_elsewhere = models.CharField(
        "行政复议情况（未在本系统登记）", max_length=300, blank=True,
        help_text="复议后起诉而复议案件未在本系统登记时填写：复议机关、决定书文号和结果",
    )
    review_decided_on = models.DateField(
        "收到行政复议决定之日", null=True, blank=True, help_text="复议案件未在本系统登记时填写，用于计算起诉期限"
    )

    knew_on = models.DateField(
        "知道该行政行为之日", null=True, blank=True, help_text="申请人收到答复之日；不填时按所涉申请的答复日期计算"
    )
    filed_on = models.DateField("申请（起诉）日期", help_text="复议机关收到行政复议申请或人民法院收到起诉状之日")
    accepted_on = models.DateField("受理（立案）日期", null=True, blank=True)
    copy_received_on = models.DateField(
        "收到副本日期", null=True, blank=True,
        help_text="本机关收到行政复议申请书副本或起诉状副本之日，答复（答辩）期限由此起算",
    )
    answered_on = models.DateField("提交答复（答辩）日期", null=True, blank=True)
    decided_on = models.DateField("审结日期", null=True, blank=True, help_text="行政复议决定书或裁判文书的日期")
    result = models.CharField("结果", max_length=20, choices=RESULT_CHOICES, default=PENDING)
    result_detail = models.TextField("结果说明", blank=True, help_text="如：决定维持；判决驳回原告诉讼请求；准予撤诉")

    is_sample = models.BooleanField("演示数据", default=False, help_text="演示用数据，不计入统计和年度报告")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(verbose_name="复议诉讼案件历史", excluded_fields=["updated_at"])

    objects = AppealCaseQuerySet.as_manager()

    class Meta:
        verbose_name = "行政复议或行政诉讼案件"
        verbose_name_plural = "行政复议和行政诉讼案件"
        ordering = ("-filed_on", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in RemedyKind]), name="appeal_kind_valid",
                violation_error_message="未知的案件类别",
            ),
            models.CheckConstraint(
                condition=Q(result__in=[r.value for r in RemedyResult]), name="appeal_result_valid",
                violation_error_message="未知的结果",
            ),
            models.CheckConstraint(
                condition=Q(procedure__in=[p.value for p in Procedure]), name="appeal_procedure_valid",
                violation_error_message="未知的审理程序",
            ),
            # 尚未审结 exactly when there is no decision date.
            models.CheckConstraint(
                condition=Q(result=PENDING, decided_on__isnull=True)
                | (~Q(result=PENDING) & Q(decided_on__isnull=False)),
                name="appeal_pending_iff_undecided",
                violation_error_message="已审结的案件须有审结日期和结果；尚未审结的案件不能有审结日期",
            ),
            models.CheckConstraint(
                condition=_not_before("filed_on", "knew_on")
                & _not_before("accepted_on", "filed_on")
                & _not_before("copy_received_on", "filed_on")
                & _not_before("answered_on", "copy_received_on")
                & _not_before("answered_on", "filed_on")
                & _not_before("decided_on", "filed_on")
                & _not_before("decided_on", "accepted_on"),
                name="appeal_dates_in_order",
                violation_error_message="日期先后顺序有误",
            ),
            models.CheckConstraint(
                condition=Q(application__isnull=False) | ~Q(unlinked_note=""),
                name="appeal_application_or_note",
                violation_error_message="未关联申请的历史案件须说明所涉申请",
            ),
            # A suit after review names its 复议: a case here, or one decided elsewhere.
            models.CheckConstraint(
                condition=(
                    Q(kind=RemedyKind.SUIT_AFTER_REVIEW.value)
                    & (Q(review_case__isnull=False) | ~Q(review_elsewhere=""))
                )
                | (~Q(kind=RemedyKind.SUIT_AFTER_REVIEW.value) & Q(review_case__isnull=True) & Q(review_elsewhere="")),
                name="appeal_suit_after_review_names_review",
                violation_error_message="复议后起诉的案件须关联行政复议案件或写明复议情况；其他类别不能关联",
            ),
            models.CheckConstraint(
                condition=Q(decision_extended=False)
                | Q(kind=RemedyKind.REVIEW.value, procedure=Procedure.ORDINARY.value),
                name="appeal_extension_ordinary_review",
                violation_error_message="只有适用普通程序的行政复议可以延长决定期限",
            ),
            models.UniqueConstraint(
                fields=["agency", "body", "case_number"], condition=~Q(case_number=""),
                name="appeal_case_number_unique", violation_error_message="本机关已登记此案号的案件",
            ),
        )
        indexes = (
            models.Index(fields=["agency", "filed_on"], name="appeal_agency_filed_idx"),
            models.Index(fields=["agency", "decided_on"], name="appeal_agency_decided_idx"),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.body}"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        # Table 四 of a published report counts these cases; only demo data may go.
        if not self.is_sample:
            raise ValidationError("已登记的复议诉讼案件不能删除（演示数据除外）；登记有误请修改")
        return super().delete(*args, **kwargs)

    @property
    def kind_enum(self) -> RemedyKind:
        return RemedyKind(self.kind)

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None

    @property
    def known_on(self) -> Any:
        """When the claimant knew of the act: as recorded, else the reply date of the application."""
        if self.knew_on is not None:
            return self.knew_on
        return self.application.decided_on if self.application_id else None
