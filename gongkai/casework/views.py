"""The officer's workspace: case lists, the case page, case actions, paper intake, the
supervisor's view and letter downloads.

Views are thin: access is decided in :mod:`gongkai.casework.access`, lists are built in
:mod:`gongkai.casework.selectors`, input is validated by :mod:`gongkai.casework.forms` and every
change goes through a ``do_*`` business action.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.regions import supervised_by
from gongkai.casework.access import (
    MASKED_NOTE,
    NOT_FOUND_MESSAGE,
    PARTICULAR_FIELDS,
    CaseAccess,
    Scope,
    access_for,
    get_case,
    handled_agencies,
    particulars,
    scope_for,
    shown_value,
)
from gongkai.casework.calendar import calendar
from gongkai.casework.clock import compute_clock
from gongkai.casework.conf import clock_rules
from gongkai.casework.forms import (
    ACTION_FORMS,
    ActionForm,
    IntakeForm,
    ListFilterForm,
    SupervisionFilterForm,
    add_errors,
    lawful_actions,
)
from gongkai.casework.lifecycle import EVENT_LABELS, EventKind, State, TransitionError, replay
from gongkai.casework.models import Application, ApplicationEvent, DeliveryMethod
from gongkai.casework.selectors import (
    CLOCK_TABS,
    PAGE_SIZE,
    TAB_LABELS,
    counts_per_agency,
    due_list,
    due_lists,
    filtered,
    list_queryset,
    with_clocks,
)
from gongkai.statute.formats import UnknownFormatError, format_for_year
from gongkai.statute.outcomes import Outcome, outcome_label

LETTER_CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
STATE_BADGES = {
    State.PROCESSING.value: "badge-info",
    State.AWAITING_SUPPLEMENT.value: "badge-warn",
    State.CONSULTING.value: "badge-warn",
    State.AWAITING_FEE.value: "badge-warn",
    State.DECIDED.value: "badge-ok",
    State.TERMINATED.value: "badge-ok",
    State.DELIVERED.value: "badge-ok",
    State.ARCHIVED.value: "badge-ok",
}
# Fields whose changes the audit trail shows (the applicant's particulars and the request).
AUDITED_FIELDS = (*PARTICULAR_FIELDS, "channel", "submitted_on", "signed_on", "confirmed_on", "received_on",
                  "description", "purpose", "requested_form", "delivery_method", "units")


def error_page(request: HttpRequest, message: str, status: int) -> HttpResponse:
    title = {403: "无权进行此操作", 404: "没有找到"}.get(status, "请求有误")
    return render(request, "casework/error.html", {"title": title, "message": message}, status=status)


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required; out-of-scope → 404 and forbidden → 403, both as Chinese pages."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404 as exc:
            return error_page(request, str(exc) or NOT_FOUND_MESSAGE, 404)
        except PermissionDenied as exc:
            return error_page(request, str(exc) or "您无权进行此操作。", 403)

    return wrapped


def _today() -> date:
    return timezone.localdate()


# --- lists ---------------------------------------------------------------------------------------


@staff_view
def case_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    default_tab = "mine" if scope.handled_ids else "all"
    form = ListFilterForm(request.GET or None, agencies=scope.visible, default_tab=default_tab,
                          searches_names=bool(scope.handled_ids))
    filters = form.filters()
    today = _today()
    qs = filtered(scope, filters)
    if filters.tab in CLOCK_TABS:
        page = Paginator(due_list(qs, scope, filters.tab, today, filters.within), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        rows = list(page.object_list)
    else:
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = with_clocks(list(page.object_list), scope, today)
    for row in rows:
        row.state_badge = STATE_BADGES.get(row.application.state, "badge-info")
    tabs = [{"key": key, "label": label, "active": key == filters.tab} for key, label in TAB_LABELS.items()]
    # Only the states on this page: the template looks each row's badge up in this dict.
    page_badges = {row.application.state: row.state_badge for row in rows}
    return render(request, "casework/list.html", {
        "form": form,
        "filters": filters,
        "tabs": tabs,
        "tab_label": TAB_LABELS[filters.tab],
        "rows": rows,
        "page_obj": page,
        "can_register": bool(scope.handled_ids),
        "show_agency": scope.everything or len(scope.visible) > 1,
        "state_badges": page_badges,
        "today": today,
    })


@staff_view
def supervision(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_superuser:
        agencies = list(Agency.objects.order_by("name"))
    else:
        agencies = list(supervised_by(user.pk).order_by("name"))
    if not agencies:
        raise PermissionDenied("区域监督页面仅供具有“监督”角色的人员使用，您没有任何机构的监督角色。")
    form = SupervisionFilterForm(request.GET or None, agencies=agencies)
    agency_id, within = form.values()
    ids = [a.pk for a in agencies] if agency_id is None else [agency_id]
    qs = list_queryset().filter(agency_id__in=ids)
    today = _today()
    # The supervisor sees no personal data: rows are built as for a user who handles nothing.
    no_personal_data = Scope(tuple(agencies), frozenset(), frozenset())
    lists = due_lists(qs, no_personal_data, today, within)
    overdue, due_soon = lists["overdue"], lists["due_soon"]
    show = request.GET.get("show") if request.GET.get("show") in ("overdue", "due_soon") else "overdue"
    page = Paginator(lists[show], PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/supervision.html", {
        "form": form,
        "counts": counts_per_agency(overdue, due_soon, {a.pk: a.name for a in agencies}),
        "total_overdue": overdue.count(),
        "total_due_soon": due_soon.count(),
        "show": show,
        "rows": list(page.object_list),
        "page_obj": page,
        "within": within,
        "today": today,
        "state_badges": STATE_BADGES,
    })


# --- the case page -------------------------------------------------------------------------------


def describe_event(event: ApplicationEvent, decided_year: int | None = None) -> list[str]:
    """What an event's details say, in Chinese, for the timeline."""
    d = event.details or {}
    kind = event.kind
    lines: list[str] = []
    if kind == EventKind.RECEIVED.value:
        lines.append(d.get("rule", ""))
    elif kind == EventKind.SUPPLEMENT_REQUESTED.value:
        lines.append(f"补正事项：{d.get('items', '')}")
        if d.get("deadline"):
            lines.append(f"补正期限：{_cn(d['deadline'])}")
    elif kind == EventKind.CONSULTATION_SENT.value:
        party = {"third_party": "第三方", "other_organ": "其他机关"}.get(d.get("party", ""), "")
        lines.append(f"征求{party}意见：{d.get('name', '')}")
        if d.get("received_on"):
            lines.append(f"对方收到日期：{_cn(d['received_on'])}")
    elif kind == EventKind.CONSULTATION_RETURNED.value:
        if d.get("consultation"):
            lines.append(f"第{d['consultation']}次征求意见办结")
        if d.get("reply"):
            lines.append(f"对方意见：{d['reply']}")
    elif kind == EventKind.EXTENSION_APPROVED.value:
        lines.append(f"延长{d.get('workdays')}个工作日；理由：{d.get('reason', '')}；批准人：{d.get('approver', '')}")
        if d.get("applicant_notified_on"):
            lines.append(f"告知申请人日期：{_cn(d['applicant_notified_on'])}")
    elif kind == EventKind.FEE_NOTICE_SENT.value:
        method = {"per_item": "按件计收", "per_page": "按量计收"}.get(d.get("method", ""), "")
        lines.append(f"{method}，应收{d.get('amount', '')}元")
        lines.extend(d.get("lines", []))
    elif kind == EventKind.FEE_PAID.value:
        if d.get("amount"):
            lines.append(f"缴纳{d['amount']}元")
    elif kind == EventKind.DECIDED.value:
        lines.append(f"办理结果：{_outcome_label(d.get('outcome', ''), decided_year or event.date.year)}")
        if d.get("separated"):
            lines.append("区分处理（条例第三十七条），计为部分公开")
        if d.get("note"):
            lines.append(f"备注：{d['note']}")
    elif kind == EventKind.WITHDRAWN.value:
        if d.get("reason"):
            lines.append(f"撤回说明：{d['reason']}")
    elif kind == EventKind.DELIVERED.value:
        if d.get("method"):
            lines.append(f"送达方式：{dict(DeliveryMethod.choices).get(d['method'], d['method'])}")
    lines.extend(d.get("warnings", []))
    return [line for line in lines if line]


def _cn(iso: str) -> str:
    try:
        d = date.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def _outcome_label(code: str, year: int) -> str:
    try:
        return outcome_label(Outcome(code), format_for_year(year))
    except (ValueError, KeyError, UnknownFormatError):
        return code


def _display(field: str, value: Any) -> str:
    if value in (None, ""):
        return "（空）"
    choices = dict(Application._meta.get_field(field).choices or ())
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(choices.get(value, value))


def particulars_history(application: Application, sees_personal_data: bool) -> list[dict[str, Any]]:
    """Changes to the applicant's particulars and the request, from simple_history (one query)."""
    records = list(application.history.select_related("history_user").order_by("history_date", "history_id"))
    entries: list[dict[str, Any]] = []
    previous = None
    for record in records:
        if previous is None:
            changes = [("登记申请", "", "")]
        else:
            changes = []
            for field in AUDITED_FIELDS:
                before, after = getattr(previous, field), getattr(record, field)
                if before != after:
                    label = str(Application._meta.get_field(field).verbose_name)
                    changes.append((label, shown_value(field, _display(field, before), sees_personal_data),
                                    shown_value(field, _display(field, after), sees_personal_data)))
        previous = record
        if changes:
            entries.append({"when": record.history_date, "who": record.history_user, "changes": changes,
                            "kind": "history"})
    return entries


def _detail_context(
    request: HttpRequest, application: Application, access: CaseAccess, bound: ActionForm | None = None
) -> dict[str, Any]:
    today = _today()
    events = list(application.events.select_related("actor").order_by("seq"))
    clock = status = None
    log_error = ""
    try:
        status = replay(events)
        clock = compute_clock(events, calendar(), today, clock_rules())
    except (TransitionError, ValueError, KeyError) as exc:
        log_error = f"办理记录有误，无法计算期限：{exc}"

    action_forms: list[ActionForm] = []
    approver_needed = False
    if access.can_handle and status is not None:
        for slug in lawful_actions(events):
            form_class = ACTION_FORMS[slug]
            if form_class.approver_only and not access.can_approve:
                approver_needed = True
                continue
            if bound is not None and bound.slug == slug:
                action_forms.append(bound)
            else:
                action_forms.append(form_class(application=application, status=status))
    if bound is not None and bound not in action_forms:
        action_forms.insert(0, bound)

    decided_year = application.decided_on.year if application.decided_on else None
    timeline = [
        {"event": e, "label": _event_label(e.kind), "lines": describe_event(e, decided_year),
         "warning": (e.details or {}).get("warning", "")}
        for e in events
    ]
    audit = [
        {"when": e.created_at, "who": e.actor, "kind": "event",
         "changes": [(f"登记“{item['label']}”（事件日期{_cn(e.date.isoformat())}）", "", "")]}
        for e, item in zip(events, timeline, strict=True)
    ]
    audit.extend(particulars_history(application, access.sees_personal_data))
    audit.sort(key=lambda entry: entry["when"] or datetime.min.replace(tzinfo=timezone.get_current_timezone()))

    return {
        "application": application,
        "access": access,
        "particulars": particulars(application, access.sees_personal_data),
        "masked_note": "" if access.sees_personal_data else MASKED_NOTE,
        "state_label": application.get_state_display(),
        "state_badge": STATE_BADGES.get(application.state, "badge-info"),
        "outcome_label": _outcome_label(application.outcome, decided_year) if application.outcome else "",
        "clock": clock,
        "overdue_by": -clock.days_left if clock and clock.days_left is not None and clock.days_left < 0 else 0,
        "log_error": log_error,
        "timeline": timeline,
        "audit": audit,
        "action_forms": action_forms,
        "approver_needed": approver_needed,
        "letters": _letters(application) if access.can_handle else None,
        "today": today,
    }


def _event_label(kind: str) -> str:
    try:
        return EVENT_LABELS[EventKind(kind)]
    except ValueError:
        return kind


def _letters(application: Application) -> list[Any] | None:
    """The letters that apply now, or None when the letters module is not installed."""
    try:
        from gongkai.casework.letters import available_letters
    except ModuleNotFoundError as exc:
        if exc.name not in ("gongkai.casework.letters",):
            raise
        return None
    return list(available_letters(application))


@staff_view
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application, access = get_case(request.user, pk)
    return render(request, "casework/detail.html", _detail_context(request, application, access))


@staff_view
@require_POST
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    application, access = get_case(request.user, pk)
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404("没有这项办理操作。")
    access.require_handle()
    if form_class.approver_only:
        access.require_approve()
    events = list(application.events.order_by("seq"))
    try:
        status = replay(events)
    except TransitionError as exc:
        return error_page(request, f"办理记录有误，不能继续办理：{exc}", 409)
    form = form_class(request.POST, application=application, status=status)
    if form.is_valid():
        try:
            form.perform(request.user)
        except (ValidationError, TransitionError) as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"已登记：{form_class.title}。")
            for event in application.events.filter(seq__gt=len(events)).order_by("seq"):
                warning = (event.details or {}).get("warning")
                if warning:
                    messages.warning(request, warning)
            return redirect("casework:detail", pk=application.pk)
    application.refresh_from_db()
    context = _detail_context(request, application, access, bound=form)
    context["focus_form"] = form.slug
    return render(request, "casework/detail.html", context)


# --- intake --------------------------------------------------------------------------------------


def _check_posted_agency(request: HttpRequest, allowed: list[Agency]) -> None:
    """A posted agency the user does not handle: 403 if they can see it, 404 if not."""
    raw = request.POST.get("agency", "")
    if not raw or raw in {str(a.pk) for a in allowed}:
        return
    try:
        agency = Agency.objects.get(pk=int(raw))
    except (Agency.DoesNotExist, ValueError):
        return  # the form reports an invalid choice
    if not agency.is_active:
        return  # likewise: a closed agency takes no new applications
    if access_for(request.user, agency).can_view:
        raise PermissionDenied(f"您在“{agency.name}”没有经办人或负责人（审核人）角色，不能为其登记申请。")
    raise Http404("没有找到该机构，或您无权为其登记申请。")


@staff_view
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    agencies = handled_agencies(request.user)
    if request.method == "POST":
        _check_posted_agency(request, agencies)
    if not agencies:
        raise PermissionDenied("您在任何机构都没有经办人或负责人（审核人）角色，不能登记申请。")
    form = IntakeForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            application = form.register(request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                f"申请已登记。受理编号：{application.receipt_number}；收到申请日期："
                f"{_cn(application.received_on.isoformat())}（{application.received_rule}）。",
            )
            for warning in application.events.get(seq=1).details.get("warnings", []):
                messages.warning(request, warning)
            return redirect("casework:detail", pk=application.pk)
    return render(request, "casework/new.html", {"form": form})


# --- letters -------------------------------------------------------------------------------------


@staff_view
def letter(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    application, access = get_case(request.user, pk)
    # A letter carries the applicant's particulars: only the handling staff may produce it.
    access.require_handle()
    if fmt not in LETTER_CONTENT_TYPES:
        raise Http404("告知书只能下载 DOCX 或 PDF 格式。")
    try:
        from gongkai.casework.letters import render_letter
    except ModuleNotFoundError as exc:
        if exc.name != "gongkai.casework.letters":
            raise
        raise Http404("告知书功能尚未启用。") from None
    try:
        filename, content = render_letter(application, kind, fmt)
    except ValidationError as exc:
        raise Http404("；".join(exc.messages) or "该申请没有这种告知书。") from None
    response = HttpResponse(content, content_type=LETTER_CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
