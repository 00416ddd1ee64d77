"""Staff screens under /staff/reports/: the list, the report page with its workflow, the
records behind a cell, historical imports and the supervisor's dashboard.

Views are thin: they check who may see what and call the actions, which check who may do what.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import agencies_handled_by, agencies_visible_to, can_approve, can_handle, can_view
from gongkai.agencies.regions import supervised_by
from gongkai.annual import actions, sources
from gongkai.annual.conf import deadline_for
from gongkai.annual.forms import AckForm, BuildForm, FilterForm, HistoricalImportForm, PublishForm, ReasonForm, TextForm
from gongkai.annual.models import RENDER_FORMATS, RENDER_LABELS, HistoricalReport, ReportVersion, Status
from gongkai.annual.narrative import has_placeholder
from gongkai.annual.tables import cell_url, grids
from gongkai.annual.versions import diff_versions, version_report
from gongkai.report.jsonio import from_dict
from gongkai.statute import get_format
from gongkai.statute.formats import find_row_column

PAGE_SIZE = 25


def _messages_of(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def _visible_version(request: HttpRequest, pk: int) -> ReportVersion:
    version = get_object_or_404(ReportVersion.objects.select_related("agency"), pk=pk)
    if not can_view(request.user, version.agency):
        raise Http404("没有这份报告")
    return version


# --- list and build -----------------------------------------------------------------------------


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    visible = agencies_visible_to(request.user)
    versions = (
        ReportVersion.objects.filter(agency__in=visible).latest_per_agency_year().select_related("agency")
        .order_by("-year", "agency__name")
    )
    # Its own id prefix: the build form on the same page has a year field too.
    filters = FilterForm(request.GET or None, auto_id="filter_%s")
    if filters.is_valid():
        if filters.cleaned_data["year"]:
            versions = versions.filter(year=filters.cleaned_data["year"])
        if filters.cleaned_data["status"]:
            versions = versions.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["q"]:
            q = filters.cleaned_data["q"].strip()
            versions = versions.filter(Q(agency__name__contains=q) | Q(agency__short_name__contains=q))
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    handled = agencies_handled_by(request.user).order_by("name")
    return render(request, "annual/list.html", {
        "page_obj": page,
        "filters": filters,
        "build_form": BuildForm(agencies=handled) if handled.exists() else None,
        "today": timezone.localdate(),
        "can_supervise": supervised_by(request.user.pk).exists() or request.user.is_superuser,
    })


@login_required
@require_POST
def build(request: HttpRequest) -> HttpResponse:
    form = BuildForm(request.POST, agencies=agencies_handled_by(request.user))
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("annual:list")
    data = form.cleaned_data
    is_government = data["agency"].level == Agency.Level.GOVERNMENT
    try:
        version = actions.do_build_draft(
            data["agency"], data["year"], actor=request.user,
            include_departments=data["include_departments"] if is_government else None,
        )
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
        return redirect("annual:list")
    messages.success(request, f"已由记录生成{version.year}年度报告草稿。")
    return redirect("annual:detail", pk=version.pk)


# --- the report page ------------------------------------------------------------------------------


def _finding_rows(version: ReportVersion) -> list[dict[str, Any]]:
    acks = {a.location: a for a in version.acks.select_related("by")}
    rows = []
    for finding in version.checks or []:
        loc = finding.get("location") or {}
        url = None
        if loc.get("table") and loc.get("row_key") and loc.get("column_key"):
            url = cell_url(version.pk, loc["table"], loc["row_key"], loc["column_key"])
        rows.append({**finding, "url": url, "ack": acks.get(finding["key"]),
                     "badge": {"error": "badge-bad", "warning": "badge-warn"}.get(finding["severity"], "badge-info")})
    return rows


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = _visible_version(request, pk)
    report = version_report(version)
    fmt = get_format(version.format_id)
    handler = can_handle(request.user, version.agency)
    approver = can_approve(request.user, version.agency)
    siblings = list(ReportVersion.objects.filter(agency=version.agency, year=version.year).order_by("-number"))
    diff = None
    other_pk = request.GET.get("diff")
    if other_pk:
        other = next((v for v in siblings if str(v.pk) == other_pk), None)
        if other is not None and other.pk != version.pk:
            old, new = sorted([other, version], key=lambda v: v.number)
            diff = diff_versions(old, new)
    elif version.correction_of_id:
        diff = diff_versions(version.correction_of, version)
    sections = [
        {"key": h.key, "heading": h.label, "text": report.section(h.key).text if report.section(h.key) else "",
         "needs_edit": has_placeholder(version.texts.get(h.key, "")), "edited": h.key in (version.edited or []),
         "edit_url": reverse("annual:edit_text", args=[version.pk, h.key])}
        for h in fmt.sections
    ]
    findings = _finding_rows(version)
    context = {
        "version": version,
        "report": report,
        "grids": grids(report, fmt, version_pk=version.pk, findings=version.checks or []),
        "sections": sections,
        "findings": findings,
        "counts": version.counts(),
        "pending_warnings": [f for f in findings if f["severity"] == "warning" and not f["ack"]],
        "can_handle": handler,
        "can_approve": approver,
        "editable": handler and version.status == Status.DRAFT,
        "siblings": siblings,
        "diff": diff,
        "ack_form": AckForm(),
        "reason_form": ReasonForm(),
        "publish_form": PublishForm(),
        "previews": [(f, RENDER_LABELS[f]) for f in RENDER_FORMATS],
        "renderings": list(version.renderings.values_list("format", flat=True)) if version.is_published else [],
        "today": timezone.localdate(),
        "categories": list(report.categories.items()),
    }
    return render(request, "annual/detail.html", context)


@login_required
def edit_text(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    version = _visible_version(request, pk)
    fmt = get_format(version.format_id)
    heading = next((h for h in fmt.sections if h.key == key), None)
    if heading is None:
        raise Http404("没有这一部分")
    if not can_handle(request.user, version.agency):
        raise PermissionDenied("只有本机构的经办人或负责人可以修改年度报告。")
    form = TextForm(request.POST or None, initial={"text": version.texts.get(key, "")})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_text(version, key, form.cleaned_data["text"], actor=request.user)
        except ValidationError as exc:
            form.add_error(None, _messages_of(exc))
        else:
            messages.success(request, f"已保存“{heading.label}”，并重新审核。")
            return redirect(reverse("annual:detail", args=[version.pk]) + f"#section-{key}")
    return render(request, "annual/edit_text.html", {"version": version, "heading": heading, "form": form})


ACTIONS = {"check", "submit", "approve", "return", "publish", "correct", "ack", "rebuild"}


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    version = _visible_version(request, pk)
    if action not in ACTIONS:
        raise Http404("没有这项操作")
    target = version
    try:
        if action == "check":
            actions.do_run_checks(version, actor=request.user)
            counts = version.counts()
            messages.success(request, f"审核完成：错误 {counts['error']} 个，警告 {counts['warning']} 个，"
                                      f"提示 {counts['notice']} 个。")
        elif action == "rebuild":
            actions.do_build_draft(version.agency, version.year, actor=request.user,
                                   reset_texts=request.POST.get("reset_texts") == "1")
            messages.success(request, "已由记录重新计算。")
        elif action == "submit":
            actions.do_submit(version, actor=request.user)
            messages.success(request, "已提交负责人审核。")
        elif action == "approve":
            actions.do_approve(version, actor=request.user)
            messages.success(request, "已审核通过，可以公开。")
        elif action == "return":
            form = ReasonForm(request.POST)
            actions.do_return(version, actor=request.user, reason=form.data.get("reason", ""))
            messages.success(request, "已退回修改。")
        elif action == "publish":
            form = PublishForm(request.POST)
            if not form.is_valid():
                raise ValidationError("；".join(e for errors in form.errors.values() for e in errors))
            actions.do_publish(version, actor=request.user, on=form.cleaned_data["on"])
            messages.success(request, "报告已公开，门户网站可以查阅和下载。")
        elif action == "correct":
            target = actions.do_start_correction(version, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, f"已生成第{target.number}版（更正），请修改后重新提交审核。")
        elif action == "ack":
            actions.do_acknowledge_warning(version, request.POST.get("key", ""), request.POST.get("comment", ""),
                                           actor=request.user)
            messages.success(request, "已确认该警告。")
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "无权进行此项操作。")
    return redirect("annual:detail", pk=target.pk)


# --- records behind a cell ------------------------------------------------------------------------

RECORD_LINKS = {
    "casework.application": ("casework:detail", lambda r: [r.pk]),
    "appeals.appealcase": ("appeals:detail", lambda r: [r.pk]),
    "publishing.item": ("publishing:detail", lambda r: [r.pk]),
    "publishing.normativedocument": ("publishing:document_edit", lambda r: [r.pk]),
}
DATE_FIELDS = ("received_on", "issued_on", "filed_on", "published_on")


def _record_row(record: Any, show_names: bool) -> dict[str, Any]:
    label = record._meta.label_lower
    url = None
    if label in RECORD_LINKS:
        name, args = RECORD_LINKS[label]
        try:
            url = reverse(name, args=args(record))
        except NoReverseMatch:
            url = None
    if label == "casework.application":
        text = record.receipt_number + (f" {record.applicant_name}" if show_names else "")
        extra = f"{record.get_applicant_kind_display()}；{record.get_state_display()}"
        if record.outcome:
            extra += f"；{record.get_outcome_display()}"
    else:
        text, extra = str(record), ""
    when = next((getattr(record, f) for f in DATE_FIELDS if getattr(record, f, None)), None)
    return {"text": text, "extra": extra, "agency": getattr(record, "agency", None), "date": when, "url": url,
            "kind": record._meta.verbose_name}


@login_required
def cell(request: HttpRequest, pk: int) -> HttpResponse:
    version = _visible_version(request, pk)
    fmt = get_format(version.format_id)
    table, row, column = (request.GET.get(k, "") for k in ("table", "row", "column"))
    category = request.GET.get("category")
    agencies = Agency.objects.filter(pk__in=version.agency_ids or [version.agency_id])
    if category is not None:
        records = sources.category_records(agencies, version.year, category or None)
        title = f"主动公开信息：{category or '全部'}"
        value = None
    else:
        if table not in fmt.tables:
            raise Http404("没有这张表")
        found_row, found_column = find_row_column(table, row, column, fmt)
        if found_row is None or found_column is None:
            raise Http404("没有这个单元格")
        records = sources.cell_records(agencies, version.year, fmt, table, row, column)
        title = f"表{table}“{found_row.path or table}”{'行' if found_row.path else ''}“{found_column.path}”列"
        cell_ = from_dict(version.report).cell(table, row, column)
        value = cell_.text if cell_ else ""
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page")) if records is not None else None
    show_names = all(can_handle(request.user, a) for a in agencies)
    rows = [_record_row(r, show_names) for r in page] if page is not None else []
    return render(request, "annual/cell.html", {
        "version": version, "title": title, "value": value, "page_obj": page, "rows": rows,
        "frozen": version.status != Status.DRAFT,
    })


@login_required
def chart(request: HttpRequest, pk: int) -> HttpResponse:
    from gongkai.report.writers import chart_png

    version = _visible_version(request, pk)
    png = chart_png(version_report(version))
    if png is None:
        raise Http404("没有主动公开分类数据")
    return HttpResponse(png, content_type="image/png")


@login_required
def preview(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The version rendered now (drafts) or as stored (published)."""
    from gongkai.report.writers import WRITERS
    from gongkai.report.writers import render as render_report

    version = _visible_version(request, pk)
    if fmt not in RENDER_FORMATS:
        raise Http404("没有这种格式")
    stored = version.renderings.filter(format=fmt).first() if version.is_published else None
    data = bytes(stored.content) if stored else render_report(version_report(version), fmt)
    response = HttpResponse(data, content_type=WRITERS[fmt].media_type)
    if fmt != "html":
        filename = f"{version.year}-{version.agency_id}-v{version.number}{WRITERS[fmt].extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- historical reports ---------------------------------------------------------------------------


@login_required
def history_import(request: HttpRequest) -> HttpResponse:
    handled = agencies_handled_by(request.user).order_by("name")
    form = HistoricalImportForm(request.POST or None, request.FILES or None, agencies=handled)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            historical = actions.do_import_historical(
                form.cleaned_data["agency"], form.cleaned_data["year"], upload.name, upload.read(), actor=request.user
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, _messages_of(exc))
        else:
            messages.success(request, "已读取，请核对读取说明后确认。")
            return redirect("annual:history_detail", pk=historical.pk)
    existing = HistoricalReport.objects.filter(agency__in=agencies_visible_to(request.user)).select_related("agency")
    page = Paginator(existing, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "annual/history_import.html", {"form": form, "page_obj": page,
                                                          "can_import": handled.exists()})


@login_required
def history_detail(request: HttpRequest, pk: int) -> HttpResponse:
    historical = get_object_or_404(HistoricalReport.objects.select_related("agency"), pk=pk)
    if not can_view(request.user, historical.agency):
        raise Http404("没有这份报告")
    if request.method == "POST":
        try:
            actions.do_confirm_historical(historical, actor=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _messages_of(exc) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"已确认，作为{historical.year + 1}年度报告跨年度核对的上年基线。")
        return redirect("annual:history_detail", pk=historical.pk)
    report = from_dict(historical.parsed)
    fmt = report.format
    return render(request, "annual/history_detail.html", {
        "historical": historical,
        "report": report,
        "grids": grids(report, fmt, version_pk=None, findings=historical.findings) if fmt else [],
        "can_confirm": can_handle(request.user, historical.agency),
    })


# --- supervision ----------------------------------------------------------------------------------


def _region_agencies(user: Any) -> QuerySet[Agency]:
    if user.is_superuser:
        return Agency.objects.filter(is_active=True)
    return supervised_by(user.pk).filter(is_active=True)


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    """Every agency of the supervised region for a year: report status, findings, deadline."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year - 1)
    except ValueError:
        year = today.year - 1
    agencies = _region_agencies(request.user).order_by("level", "name")
    if not agencies.exists():
        raise PermissionDenied("只有监督人员可以查看区域年度报告情况。")
    latest = {
        v.agency_id: v
        for v in ReportVersion.objects.filter(agency__in=agencies, year=year).latest_per_agency_year()
    }
    published = set(
        ReportVersion.objects.filter(agency__in=agencies, year=year, status=Status.PUBLISHED)
        .values_list("agency_id", flat=True)
    )
    rows = []
    for agency in agencies:
        version = latest.get(agency.pk)
        due = deadline_for(agency.level, year)
        done = agency.pk in published
        first_published = version.published_on if version and version.is_published else None
        overdue = bool(due) and ((first_published and first_published > due) or (not done and today > due))
        rows.append({"agency": agency, "version": version, "deadline": due, "overdue": overdue,
                     "published": done, "counts": version.counts() if version else None})
    summary = {
        "total": len(rows),
        "published": sum(1 for r in rows if r["published"]),
        "overdue": sum(1 for r in rows if r["overdue"]),
        "missing": sum(1 for r in rows if r["version"] is None),
    }
    years = list(range(today.year, 2020, -1))
    return render(request, "annual/supervision.html", {"rows": rows, "year": year, "years": years,
                                                       "summary": summary, "today": today})
