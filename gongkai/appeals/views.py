"""Staff screens for 复议 and 诉讼 cases: list, register, detail with the legal periods, edit,
result, and the records behind a table 四 cell.

Who may do what comes from ``gongkai.agencies.permissions``: officers and approvers register
and edit their own agency's cases; viewers and supervisors read; a case outside the user's
scope is a 404, a visible case the user may not change a 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import agencies_handled_by, agencies_visible_to, can_handle
from gongkai.appeals import stats
from gongkai.appeals.actions import do_record_result, do_register_appeal, do_update_appeal, review_first_warning
from gongkai.appeals.forms import AppealCaseForm, FilterForm, ResultForm
from gongkai.appeals.models import RESULT_CHOICES, AppealCase
from gongkai.appeals.periods import legal_periods, next_deadline
from gongkai.casework.calendar import calendar as statutory_calendar
from gongkai.statute.remedies import KIND_LABELS, RESULT_LABELS, TOTAL, RemedyKind, RemedyResult

PAGE_SIZE = 25


def _visible_cases(request: HttpRequest) -> QuerySet[AppealCase]:
    return AppealCase.objects.filter(agency__in=agencies_visible_to(request.user)).select_related(
        "agency", "application", "review_case"
    )


def _case_or_404(request: HttpRequest, pk: int) -> AppealCase:
    return get_object_or_404(_visible_cases(request), pk=pk)


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "appeals/error.html", {"title": "没有权限", "message": message}, status=403)


READ_ONLY = "您对该机构只有查看权限，不能修改其复议诉讼案件。"


def _attach_errors(form: Form, error: ValidationError) -> None:
    """Put an action's errors next to the form's fields (or on top when the form has no such field)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            target = field if field in form.fields else None
            if field == "application" and "receipt_number" in form.fields:
                target = "receipt_number"
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _search(qs: QuerySet[AppealCase], text: str) -> QuerySet[AppealCase]:
    return qs.filter(
        Q(case_number__icontains=text)
        | Q(body__icontains=text)
        | Q(claimant__icontains=text)
        | Q(application__receipt_number__icontains=text)
        | Q(application__applicant_name__icontains=text)
    )


def _flagged(cases: QuerySet[AppealCase], flag: str) -> list[int]:
    """Pending cases whose flagged period matches ``flag``; only pending cases have open periods."""
    today, cal = timezone.localdate(), statutory_calendar()
    pks = []
    for case in cases.filter(decided_on__isnull=True):
        flagged = next_deadline(legal_periods(case, today=today, cal=cal))
        if flagged is None:
            continue
        if (
            (flag == "overdue" and flagged.state.value == "overdue")
            or (flag == "soon" and flagged.is_soon)
            or (flag == "open" and flagged.is_ours)
        ):
            pks.append(case.pk)
    return pks


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    visible = agencies_visible_to(request.user)
    params = request.GET.copy()
    params.pop("page", None)
    form = FilterForm(params or None, agencies=visible)
    cases = _visible_cases(request)
    filtered = False
    if form.is_bound and form.is_valid():
        filtered = any(value not in (None, "") for value in form.cleaned_data.values())
        data = form.cleaned_data
        if data["q"]:
            cases = _search(cases, data["q"].strip())
        if data["agency"]:
            cases = cases.filter(agency=data["agency"])
        if data["kind"]:
            cases = cases.filter(kind=data["kind"])
        if data["result"]:
            cases = cases.filter(result=data["result"])
        if data["year"]:
            cases = cases.filter(filed_on__year=data["year"])
        if data["flag"]:
            cases = cases.filter(pk__in=_flagged(cases, data["flag"]))
    page = Paginator(cases.order_by("-filed_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    today, cal = timezone.localdate(), statutory_calendar()
    rows = [{"case": case, "deadline": next_deadline(legal_periods(case, today=today, cal=cal))} for case in page]
    return render(
        request,
        "appeals/list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "can_register": agencies_handled_by(request.user).exists(),
            "filtered": filtered,
        },
    )


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    agencies = agencies_handled_by(request.user).order_by("name")
    if not agencies.exists():
        return _forbidden(request, "只有机构的经办人或负责人可以登记复议诉讼案件。")
    form = AppealCaseForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            case = do_register_appeal(agency=form.cleaned_data["agency"], actor=request.user, **form.action_fields())
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, "已登记案件。")
            warning = review_first_warning(case)
            if warning:
                messages.warning(request, warning)
            return redirect("appeals:detail", pk=case.pk)
    return render(request, "appeals/form.html", {"form": form, "title": "登记复议诉讼案件"})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    periods = legal_periods(case)
    return render(
        request,
        "appeals/detail.html",
        {
            "case": case,
            "periods": periods,
            "warning": review_first_warning(case),
            "can_edit": can_handle(request.user, case.agency),
            "suits": case.suits.filter(agency__in=agencies_visible_to(request.user)).order_by("filed_on"),
            "changes": case.history.select_related("history_user").order_by("-history_date")[:20],
        },
    )


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    if not can_handle(request.user, case.agency):
        return _forbidden(request, READ_ONLY)
    form = AppealCaseForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_appeal(case, actor=request.user, **form.action_fields())
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, "已保存修改。")
            warning = review_first_warning(case)
            if warning:
                messages.warning(request, warning)
            return redirect("appeals:detail", pk=case.pk)
    return render(request, "appeals/form.html", {"form": form, "case": case, "title": "修改案件信息"})


@login_required
def case_result(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    if not can_handle(request.user, case.agency):
        return _forbidden(request, READ_ONLY)
    initial = {"result": case.result, "decided_on": case.decided_on, "detail": case.result_detail}
    form = ResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_record_result(
                case, result=data["result"], decided_on=data["decided_on"], detail=data["detail"], actor=request.user
            )
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, "已登记结果。")
            return redirect("appeals:detail", pk=case.pk)
    return render(request, "appeals/result.html", {"form": form, "case": case})


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def cell_records(request: HttpRequest) -> HttpResponse:
    """The cases behind one table 四 cell: ``?year=2025&kind=review&result=upheld&agency=3&agency=4``.

    Agencies default to every agency the user may see; any outside that scope are ignored.
    """
    year = _int(request.GET.get("year"))
    kind, result = request.GET.get("kind", ""), request.GET.get("result", "")
    if year is None or not 2008 <= year <= 2100:
        raise Http404("请指定有效的年度")
    try:
        kind_label = KIND_LABELS[RemedyKind(kind)]
        result_label = "总计" if result == TOTAL else RESULT_LABELS[RemedyResult(result)]
    except ValueError:
        raise Http404("表四没有这一栏") from None
    visible = agencies_visible_to(request.user)
    wanted = [pk for pk in (_int(v) for v in request.GET.getlist("agency")) if pk is not None]
    agencies: QuerySet[Agency] = visible.filter(pk__in=wanted) if wanted else visible
    try:
        records = stats.appeal_records(agencies, year, kind, result, request.GET.get("basis") or None)
    except ValueError:
        raise Http404("未知的统计口径") from None
    basis = stats.table_4_basis(request.GET.get("basis") or None)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "appeals/records.html",
        {
            "page_obj": page,
            "year": year,
            "kind_label": kind_label,
            "result_label": result_label,
            "basis_label": stats.BASES[basis],
            "agencies": agencies.order_by("name"),
            "result_choices": RESULT_CHOICES,
        },
    )
