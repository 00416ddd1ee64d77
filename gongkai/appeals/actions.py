"""Business actions on 复议 and 诉讼 cases: register, correct, record the result.

Every action checks the whole case as it would be saved and raises ``ValidationError`` with
Chinese messages keyed by field, so a form shows each message next to its field; nothing is
saved unless every check passes. Whether the caller may handle the agency's cases is the
caller's job (``gongkai.agencies.permissions.can_handle``), as in the other apps.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.appeals.models import AppealCase
from gongkai.casework.lifecycle import full_date
from gongkai.casework.models import Application
from gongkai.statute.remedies import (
    REVIEW_FIRST_ARTICLE,
    Procedure,
    RemedyKind,
    RemedyResult,
    review_first_applies,
)

# Fields a caller may set when registering or correcting a case (result fields excepted), in
# the order the forms show them; the application is chosen separately, by receipt number.
CASE_FIELD_ORDER = (
    "kind",
    "body",
    "case_number",
    "claimant",
    "claim",
    "unlinked_note",
    "procedure",
    "decision_extended",
    "review_case",
    "review_elsewhere",
    "review_decided_on",
    "knew_on",
    "filed_on",
    "accepted_on",
    "copy_received_on",
    "answered_on",
)
CASE_FIELDS = frozenset({"application", *CASE_FIELD_ORDER})
TEXT_FIELDS = ("unlinked_note", "body", "case_number", "claimant", "claim", "review_elsewhere")
DATE_FIELDS = (
    ("knew_on", "知道该行政行为之日"),
    ("review_decided_on", "收到行政复议决定之日"),
    ("filed_on", "申请（起诉）日期"),
    ("accepted_on", "受理（立案）日期"),
    ("copy_received_on", "收到副本日期"),
    ("answered_on", "提交答复（答辩）日期"),
    ("decided_on", "审结日期"),
)
# (later, earlier): the order the model's constraint enforces, with the message staff see.
DATE_ORDER = (
    ("filed_on", "knew_on"),
    ("accepted_on", "filed_on"),
    ("copy_received_on", "filed_on"),
    ("answered_on", "copy_received_on"),
    ("answered_on", "filed_on"),
    ("decided_on", "filed_on"),
    ("decided_on", "accepted_on"),
)
_DATE_LABELS = dict(DATE_FIELDS)


def _today() -> date:
    return timezone.localdate()


def _attribute_history(case: AppealCase, actor: Any) -> None:
    # simple_history reads this attribute when it writes the history row (see agencies.actions).
    if actor is not None and getattr(actor, "is_authenticated", False):
        case._history_user = actor  # type: ignore[attr-defined]


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _check(case: AppealCase) -> None:
    """Every rule a saved case must meet, with messages per field; raises if any fails."""
    errors: dict[str, list[str]] = {}
    try:
        kind = RemedyKind(case.kind)
    except ValueError:
        _add(errors, "kind", f"未知的案件类别：{case.kind!r}")
        kind = None
    try:
        procedure = Procedure(case.procedure)
    except ValueError:
        _add(errors, "procedure", f"未知的审理程序：{case.procedure!r}")
        procedure = None
    try:
        result = RemedyResult(case.result)
    except ValueError:
        _add(errors, "result", f"未知的结果：{case.result!r}")
        result = None
    if not case.body:
        _add(errors, "body", "请填写复议机关或人民法院")
    if case.filed_on is None:
        _add(errors, "filed_on", "请填写申请（起诉）日期")

    today = _today()
    for field, label in DATE_FIELDS:
        value = getattr(case, field)
        if value is not None and value > today:
            _add(errors, field, f"{label}（{full_date(value)}）不能晚于今天")
    for later, earlier in DATE_ORDER:
        a, b = getattr(case, later), getattr(case, earlier)
        if a is not None and b is not None and a < b:
            message = f"{_DATE_LABELS[later]}（{full_date(a)}）不能早于{_DATE_LABELS[earlier]}（{full_date(b)}）"
            _add(errors, later, message)

    application: Application | None = case.application if case.application_id else None
    if application is None:
        if not case.unlinked_note:
            _add(errors, "application", "请选择所涉申请；本系统启用前的历史案件可不关联申请，但须填写未关联申请的说明")
    else:
        if application.agency_id != case.agency_id:
            _add(errors, "application", f"申请 {application.receipt_number} 不是本机关受理的申请")
        elif case.filed_on is not None and case.filed_on < application.received_on:
            received = full_date(application.received_on)
            _add(errors, "filed_on", f"申请（起诉）日期不能早于所涉申请的收到日期（{received}）")

    if result is not None:
        if result is RemedyResult.PENDING and case.decided_on is not None:
            _add(errors, "result", "已填写审结日期的案件须选择结果（结果维持、结果纠正或其他结果）")
        if result is not RemedyResult.PENDING and case.decided_on is None:
            _add(errors, "decided_on", "请填写审结日期")

    if case.decision_extended and not (kind is RemedyKind.REVIEW and procedure is Procedure.ORDINARY):
        _add(errors, "decision_extended", "只有适用普通程序的行政复议可以延长决定期限（复议法第六十二条）")

    if kind is RemedyKind.SUIT_AFTER_REVIEW:
        review = case.review_case if case.review_case_id else None
        if review is None and not case.review_elsewhere:
            _add(errors, "review_case", "复议后起诉的案件须选择所经行政复议案件，或填写在别处办理的行政复议情况")
        if review is not None:
            if review.pk == case.pk:
                _add(errors, "review_case", "案件不能关联自身")
            elif review.kind != RemedyKind.REVIEW.value:
                _add(errors, "review_case", "所经案件须是行政复议案件")
            elif review.agency_id != case.agency_id:
                _add(errors, "review_case", "所经行政复议案件的被申请人不是本机关")
            else:
                if application is not None and review.application_id and review.application_id != application.pk:
                    _add(errors, "review_case", "所经行政复议案件涉及另一件申请")
                if review.decided_on and case.filed_on and case.filed_on < review.decided_on:
                    _add(
                        errors, "filed_on",
                        f"复议后起诉的日期不能早于行政复议审结日期（{full_date(review.decided_on)}）",
                    )
    elif kind is not None:
        if case.review_case_id:
            _add(errors, "review_case", "只有复议后起诉的案件才关联行政复议案件")
        if case.review_elsewhere or case.review_decided_on:
            _add(errors, "review_elsewhere", "只有复议后起诉的案件才填写行政复议情况")

    if case.case_number:
        clash = AppealCase.objects.filter(agency_id=case.agency_id, body=case.body, case_number=case.case_number)
        if case.pk:
            clash = clash.exclude(pk=case.pk)
        if clash.exists():
            _add(errors, "case_number", f"本机关已登记{case.body}的案号“{case.case_number}”")

    if errors:
        raise ValidationError(errors)


def _apply(case: AppealCase, fields: dict[str, Any]) -> None:
    unknown = set(fields) - CASE_FIELDS
    if unknown:
        raise TypeError(f"unknown appeal case fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            value = (value or "").strip()
        if name in ("kind", "procedure") and isinstance(value, (RemedyKind, Procedure)):
            value = value.value
        setattr(case, name, value)
    # A suit after review about the same application as its 复议: take the application along.
    if case.kind == RemedyKind.SUIT_AFTER_REVIEW.value and case.review_case_id and not case.application_id:
        review = case.review_case
        if review.agency_id == case.agency_id and review.application_id:
            case.application = review.application


def _save(case: AppealCase, actor: Any) -> AppealCase:
    _check(case)
    # The model's constraints again, for anything the checks above do not name.
    case.full_clean(validate_unique=False)
    _attribute_history(case, actor)
    case.save()
    return case


@transaction.atomic
def do_register_appeal(
    *,
    agency: Agency,
    kind: RemedyKind | str,
    body: str,
    filed_on: date,
    application: Application | None = None,
    actor: Any = None,
    is_sample: bool = False,
    **fields: Any,
) -> AppealCase:
    """Register a 复议 or a first-instance suit against ``agency``, still pending.

    ``application`` is required unless ``unlinked_note`` explains a historical case. Use
    :func:`review_first_warning` afterwards to tell staff about 复议前置.
    """
    case = AppealCase(agency=agency, is_sample=is_sample)
    if actor is not None and getattr(actor, "is_authenticated", False):
        case.created_by = actor
    _apply(case, {"kind": kind, "body": body, "filed_on": filed_on, "application": application, **fields})
    return _save(case, actor)


@transaction.atomic
def do_update_appeal(case: AppealCase, *, actor: Any = None, **fields: Any) -> AppealCase:
    """Correct a case's particulars and dates (not its agency; the result has its own action)."""
    locked = AppealCase.objects.select_for_update().get(pk=case.pk)
    _apply(locked, fields)
    _save(locked, actor)
    case.refresh_from_db()
    return case


@transaction.atomic
def do_record_result(
    case: AppealCase,
    *,
    result: RemedyResult | str,
    decided_on: date | None,
    detail: str = "",
    actor: Any = None,
) -> AppealCase:
    """Record the 复议 decision or the first-instance judgment (or ruling).

    Recording 尚未审结 without a date reopens a case whose result was entered by mistake.
    """
    try:
        result = RemedyResult(result)
    except ValueError:
        raise ValidationError({"result": f"未知的结果：{result!r}"}) from None
    if result is RemedyResult.PENDING and decided_on is not None:
        raise ValidationError({"result": "已填写审结日期的案件须选择结果（结果维持、结果纠正或其他结果）"})
    if result is not RemedyResult.PENDING and decided_on is None:
        raise ValidationError({"decided_on": "请填写审结日期"})
    locked = AppealCase.objects.select_for_update().get(pk=case.pk)
    if result is RemedyResult.PENDING and locked.suits.filter(decided_on__isnull=False).exists():
        raise ValidationError({"result": "已有复议后起诉的案件审结，不能把本行政复议案件改为尚未审结"})
    locked.result = result.value
    locked.decided_on = decided_on
    locked.result_detail = detail.strip()
    _save(locked, actor)
    case.refresh_from_db()
    return case


def review_first_warning(case: AppealCase) -> str | None:
    """The 复议前置 warning for a direct suit about a 不予公开 reply dated on or after 2024-01-01.

    A warning, not an error: the court decides whether to accept the suit, and the record must
    show what happened; but the kind may well have been mistaken for 复议后起诉.
    """
    if case.kind != RemedyKind.SUIT_DIRECT.value or not case.application_id:
        return None
    application = case.application
    if not review_first_applies(application.outcome, application.decided_on):
        return None
    return (
        f"所涉申请 {application.receipt_number} 于{full_date(application.decided_on)}作出不予公开的答复。"
        f"依照{REVIEW_FIRST_ARTICLE}，对此类答复不服的，应当先申请行政复议，对复议决定不服的再起诉。"
        "请核对案件类别是否应为“复议后起诉”。"
    )
