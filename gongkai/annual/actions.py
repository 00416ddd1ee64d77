"""Business actions on annual reports: build, edit, check, acknowledge, submit, approve,
publish, correct, and import a historical report.

Each ``do_*`` runs in one transaction and raises ``ValidationError`` (Chinese message) on
bad input or a step the workflow does not allow, ``PermissionDenied`` when the actor may not
take it. Who may do what:

- the agency's officer or approver (``can_handle``) builds, edits, checks, acknowledges,
  submits, publishes and starts corrections;
- only the approver (``can_approve``, the 工作机构负责人) approves or sends a report back.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import can_approve, can_handle
from gongkai.annual.baseline import previous_report
from gongkai.annual.build import build, check_year
from gongkai.annual.findings import check_report
from gongkai.annual.models import (
    PUBLISHED_IMMUTABLE,
    RENDER_FORMATS,
    HistoricalReport,
    Rendering,
    ReportVersion,
    Status,
    WarningAck,
)
from gongkai.annual.narrative import has_placeholder
from gongkai.annual.versions import version_report
from gongkai.report.jsonio import to_dict
from gongkai.statute import get_format

MAX_TEXT = 20000
MAX_UPLOAD = 50 * 1024 * 1024


def _require_handler(actor: Any, agency: Agency) -> None:
    if not can_handle(actor, agency):
        raise PermissionDenied("只有本机构的经办人或负责人可以办理年度报告。")


def _lock(version: ReportVersion) -> ReportVersion:
    return ReportVersion.objects.select_for_update().select_related("agency").get(pk=version.pk)


def _sync(target: ReportVersion, source: ReportVersion) -> ReportVersion:
    """Copy the saved state back into the caller's object."""
    for f in ReportVersion._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))
    return target


def _require_editable(version: ReportVersion) -> None:
    if version.status == Status.PUBLISHED:
        raise ValidationError(PUBLISHED_IMMUTABLE)
    if version.status != Status.DRAFT:
        raise ValidationError(f"报告{version.get_status_display()}，不能修改；如需修改，请负责人先退回。")


# --- building and checking ---------------------------------------------------------------------


def _refresh(version: ReportVersion, *, include_departments: bool | None = None, reset_texts: bool = False) -> None:
    """Recompute the figures from the records; redraft the texts nobody has edited."""
    previous, _ = previous_report(version.agency, version.year)
    rollup = version.include_departments if include_departments is None and version.pk else include_departments
    built = build(version.agency, version.year, include_departments=rollup, previous=previous)
    edited = [] if reset_texts else list(version.edited or [])
    texts = {s.key: s.text for s in built.report.sections}
    for key in edited:
        if key in (version.texts or {}):
            texts[key] = version.texts[key]
    version.format_id = built.report.meta.format_id or ""
    version.include_departments = built.include_departments
    version.agency_ids = built.agency_ids
    version.report = to_dict(built.report)
    version.texts = texts
    version.edited = edited
    version.build_notes = built.notes
    version.figures_at = timezone.now()


def _check(version: ReportVersion) -> list[dict[str, Any]]:
    previous, _ = previous_report(version.agency, version.year)
    version.checks = check_report(version_report(version), previous, version.agency.level)
    version.checked_at = timezone.now()
    return version.checks


@transaction.atomic
def do_build_draft(
    agency: Agency,
    year: int,
    *,
    actor: Any,
    include_departments: bool | None = None,
    reset_texts: bool = False,
) -> ReportVersion:
    """Create the draft of ``agency``'s report for ``year``, or refresh the open draft from the
    records, keeping the texts someone edited unless ``reset_texts``."""
    _require_handler(actor, agency)
    check_year(year)
    # Lock the agency row: two officers building the first draft at once get one version.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    latest = ReportVersion.objects.filter(agency=agency, year=year).order_by("-number").first()
    if latest is not None and latest.status == Status.PUBLISHED:
        raise ValidationError(f"{year}年度报告已公开，不能重新生成；如需修改，请发起更正。")
    if latest is not None and latest.status != Status.DRAFT:
        raise ValidationError(f"{year}年度报告{latest.get_status_display()}，不能重新生成；如需修改，请负责人先退回。")
    version = latest or ReportVersion(agency=agency, year=year, number=1, created_by=actor)
    _refresh(version, include_departments=include_departments, reset_texts=reset_texts)
    _check(version)
    version.save()
    return version


@transaction.atomic
def do_edit_text(version: ReportVersion, key: str, text: str, *, actor: Any) -> ReportVersion:
    """Replace one section's text; the section then keeps it when figures are refreshed."""
    locked = _lock(version)
    _require_handler(actor, locked.agency)
    _require_editable(locked)
    keys = [h.key for h in get_format(locked.format_id).sections]
    if key not in keys:
        raise ValidationError(f"没有这一部分：“{key}”。")
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": f"正文过长（{len(text)}字），每一部分不超过{MAX_TEXT}字。"})
    locked.texts = {**(locked.texts or {}), key: text}
    if key not in (locked.edited or []):
        locked.edited = [*(locked.edited or []), key]
    _check(locked)
    locked.save()
    return _sync(version, locked)


@transaction.atomic
def do_run_checks(version: ReportVersion, *, actor: Any = None) -> list[dict[str, Any]]:
    """Run every rule, cross-year ones against last year's report. A draft is first brought up
    to date with the records (a fixed record shows at once); a submitted, approved or
    published version is checked as it stands."""
    locked = _lock(version)
    if actor is not None:
        from gongkai.agencies.permissions import can_view

        if not can_view(actor, locked.agency):
            raise PermissionDenied("无权查看该机构的年度报告。")
    if locked.status == Status.DRAFT:
        _refresh(locked)
    findings = _check(locked)
    if locked.status == Status.PUBLISHED:
        # The checks of a published version are recomputed for display only: it is immutable.
        _sync(version, locked)
        return findings
    locked.save()
    _sync(version, locked)
    return findings


def acknowledged_keys(version: ReportVersion) -> set[str]:
    return set(version.acks.values_list("location", flat=True))


def unacknowledged_warnings(version: ReportVersion) -> list[dict[str, Any]]:
    acked = acknowledged_keys(version)
    return [f for f in version.checks or [] if f["severity"] == "warning" and f["key"] not in acked]


def errors_of(version: ReportVersion) -> list[dict[str, Any]]:
    return [f for f in version.checks or [] if f["severity"] == "error"]


@transaction.atomic
def do_acknowledge_warning(version: ReportVersion, key: str, comment: str, *, actor: Any) -> WarningAck:
    """Accept a warning with a comment saying why the report is right as it is."""
    locked = _lock(version)
    _require_handler(actor, locked.agency)
    if locked.status == Status.PUBLISHED:
        raise ValidationError(PUBLISHED_IMMUTABLE)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "确认警告时必须填写说明（为什么报告无需修改）。"})
    finding = next((f for f in locked.checks or [] if f["key"] == key), None)
    if finding is None:
        raise ValidationError("该问题已不在最新的审核结果中，请重新审核后再确认。")
    if finding["severity"] != "warning":
        raise ValidationError("只有“警告”可以确认后保留；“错误”必须改正。")
    ack, _ = WarningAck.objects.update_or_create(
        version=locked,
        rule=finding["rule"],
        location=key,
        defaults={"comment": comment, "by": actor, "message": finding["message"]},
    )
    return ack


def blocking_message(version: ReportVersion) -> str | None:
    """Why the version cannot move on (errors, unacknowledged warnings), or None."""
    errors = errors_of(version)
    if errors:
        listed = "；".join(f"{f['rule']}：{f['message']}" for f in errors[:10])
        more = f"等共 {len(errors)} 个" if len(errors) > 10 else ""
        return f"报告还有{len(errors)}个错误，改正后才能继续：{listed}{more}"
    pending = unacknowledged_warnings(version)
    if pending:
        listed = "；".join(f"{f['rule']}：{f['message']}" for f in pending[:10])
        return f"还有{len(pending)}个警告尚未确认（确认时须填写说明）：{listed}"
    return None


def do_submit(version: ReportVersion, *, actor: Any) -> ReportVersion:
    """Send the draft to the approver. The checks are run again first: errors block, and so do
    warnings nobody has acknowledged. The refreshed figures and findings are saved either way,
    so the officer sees what blocked the submission."""
    with transaction.atomic():
        locked = _lock(version)
        _require_handler(actor, locked.agency)
        _require_editable(locked)
        _refresh(locked)
        _check(locked)
        blocked = blocking_message(locked)
        if blocked is None:
            locked.status = Status.SUBMITTED
            locked.submitted_by, locked.submitted_at = actor, timezone.now()
            locked.returned_reason = ""
            locked._history_user = actor  # type: ignore[attr-defined]
        locked.save()
        _sync(version, locked)
    if blocked:
        raise ValidationError(blocked)
    return version


@transaction.atomic
def do_approve(version: ReportVersion, *, actor: Any) -> ReportVersion:
    """The 工作机构负责人 approves the submitted report."""
    locked = _lock(version)
    if not can_approve(actor, locked.agency):
        raise PermissionDenied("只有本机构的负责人（审核人）可以审核通过年度报告。")
    if locked.status != Status.SUBMITTED:
        raise ValidationError(f"只有已提交审核的报告可以审核通过（当前状态：{locked.get_status_display()}）。")
    _check(locked)
    blocked = blocking_message(locked)
    if blocked:
        raise ValidationError(blocked)
    locked.status = Status.APPROVED
    locked.approved_by, locked.approved_at = actor, timezone.now()
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    return _sync(version, locked)


@transaction.atomic
def do_return(version: ReportVersion, *, actor: Any, reason: str) -> ReportVersion:
    """The approver sends a submitted or approved report back to draft, saying why."""
    locked = _lock(version)
    if not can_approve(actor, locked.agency):
        raise PermissionDenied("只有本机构的负责人（审核人）可以退回年度报告。")
    if locked.status not in (Status.SUBMITTED, Status.APPROVED):
        raise ValidationError(f"只有已提交或已审核的报告可以退回（当前状态：{locked.get_status_display()}）。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写退回理由。"})
    locked.status = Status.DRAFT
    locked.returned_reason = reason
    locked.approved_by, locked.approved_at = None, None
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    return _sync(version, locked)


def render_all(version: ReportVersion) -> dict[str, tuple[bytes, str]]:
    """{format: (bytes, media type)} of the version in every published format."""
    from gongkai.report.writers import WRITERS, render

    report = version_report(version)
    return {fmt: (render(report, fmt), WRITERS[fmt].media_type) for fmt in RENDER_FORMATS}


@transaction.atomic
def do_publish(version: ReportVersion, *, actor: Any, on: date | None = None) -> ReportVersion:
    """Publish an approved report: record the date, render HTML, DOCX, PDF and JSON once and
    store them for the portal. Errors block; the version is immutable afterwards."""
    locked = _lock(version)
    if not (can_handle(actor, locked.agency) or can_approve(actor, locked.agency)):
        raise PermissionDenied("只有本机构的经办人或负责人可以公开年度报告。")
    if locked.status == Status.PUBLISHED:
        raise ValidationError(PUBLISHED_IMMUTABLE)
    if locked.status != Status.APPROVED:
        raise ValidationError(f"报告须经负责人审核通过后才能公开（当前状态：{locked.get_status_display()}）。")
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({"on": "公开日期不能晚于今天。"})
    if on.year <= locked.year:
        raise ValidationError({"on": f"{locked.year}年度报告应在{locked.year}年结束后公开。"})
    locked.published_on = on
    findings = _check(locked)
    errors = [f for f in findings if f["severity"] == "error"]
    if errors:
        listed = "；".join(f"{f['rule']}：{f['message']}" for f in errors[:10])
        raise ValidationError(f"报告有{len(errors)}个错误，不能公开：{listed}")
    for fmt, (data, media_type) in render_all(locked).items():
        Rendering.objects.create(
            version=locked, format=fmt, content=data, media_type=media_type, size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    locked.status = Status.PUBLISHED
    locked.published_by, locked.published_at = actor, timezone.now()
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    return _sync(version, locked)


@transaction.atomic
def do_start_correction(version: ReportVersion, *, actor: Any, reason: str) -> ReportVersion:
    """A new draft version correcting a published one; the published one stays as it is."""
    locked = _lock(version)
    _require_handler(actor, locked.agency)
    if locked.status != Status.PUBLISHED:
        raise ValidationError("只有已公开的报告需要更正；未公开的报告可以直接修改。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写更正理由（将与更正后的报告一并显示）。"})
    versions = ReportVersion.objects.filter(agency=locked.agency, year=locked.year)
    if versions.exclude(status=Status.PUBLISHED).exists():
        raise ValidationError("该年度报告已有未公开的新版本，请在该版本上修改。")
    if versions.filter(number__gt=locked.number).exists():
        raise ValidationError("只能更正该年度最新公开的版本。")
    number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
    correction = ReportVersion.objects.create(
        agency=locked.agency,
        year=locked.year,
        number=number,
        format_id=locked.format_id,
        include_departments=locked.include_departments,
        agency_ids=locked.agency_ids,
        report=locked.report,
        texts=locked.texts,
        # Hand-edited texts are kept; drafted ones follow the corrected figures.
        edited=list(locked.edited or []),
        build_notes=locked.build_notes,
        created_by=actor,
        correction_of=locked,
        correction_reason=reason,
    )
    _check(correction)
    correction.save()
    return correction


# --- historical reports ----------------------------------------------------------------------


@transaction.atomic
def do_import_historical(
    agency: Agency, year: int | None, filename: str, content: bytes, *, actor: Any
) -> HistoricalReport:
    """Read a report published before Gongkai with the engine's readers and keep it with its
    parse notes until someone confirms them. A file that is not a report saves nothing."""
    from gongkai.report.readers import ReadError, read

    _require_handler(actor, agency)
    if not content:
        raise ValidationError({"file": "文件是空的。"})
    if len(content) > MAX_UPLOAD:
        raise ValidationError({"file": "文件超过 50 MB，不能读取。"})
    try:
        report, notes = read(content)
    except ReadError as exc:
        raise ValidationError({"file": f"无法读取为年度报告：{exc}"}) from None
    except Exception as exc:  # a reader bug must be an error message, not a server error
        message = f"读取时发生内部错误（{type(exc).__name__}），请把文件交给系统管理员。"
        raise ValidationError({"file": message}) from None
    year = year or report.meta.year
    if year is None:
        raise ValidationError({"year": "无法从文件中识别年度，请填写报告年度。"})
    if report.meta.year is not None and report.meta.year != year:
        raise ValidationError({"year": f"文件是{report.meta.year}年度的报告，与填写的{year}年度不符。"})
    report.meta.year = year
    report.meta.source_name = filename
    if not report.meta.agency_level:
        report.meta.agency_level = agency.level
    previous, _ = previous_report(agency, year)
    findings = check_report(report, previous, agency.level)
    return HistoricalReport.objects.create(
        agency=agency,
        year=year,
        filename=filename[:255],
        content=content,
        parsed=to_dict(report),
        notes=[str(n) for n in notes],
        findings=findings,
        uploaded_by=actor,
    )


@transaction.atomic
def do_confirm_historical(historical: HistoricalReport, *, actor: Any) -> HistoricalReport:
    """Someone has read the parse notes and accepts the figures as last year's baseline."""
    locked = HistoricalReport.objects.select_for_update().get(pk=historical.pk)
    _require_handler(actor, locked.agency)
    if locked.confirmed_at is not None:
        raise ValidationError("该历史报告已确认。")
    locked.confirmed_by, locked.confirmed_at = actor, timezone.now()
    locked.save()
    historical.confirmed_by, historical.confirmed_at = locked.confirmed_by, locked.confirmed_at
    return locked


def texts_needing_edit(version: ReportVersion) -> list[str]:
    return [key for key, text in (version.texts or {}).items() if has_placeholder(text)]
