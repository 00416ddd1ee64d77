"""Staff screens of 主动公开: items (list, create, edit, review, withdraw, attachments), the
catalogue tree, the registers behind table 二, and imports with preview then confirm.

Permissions come from ``gongkai.agencies.permissions``: officers and approvers of the agency
edit, only approvers review, viewers and supervisors read. Something outside the user's
scope is a 404; something visible that the user may not change is a 403 with a reason.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import agencies_handled_by, agencies_visible_to, can_approve, can_handle
from gongkai.holidays.services import current_calendar
from gongkai.publishing import actions, imports, stats
from gongkai.publishing.catalogue import catalogue_tree, ensure_default_catalogue
from gongkai.publishing.forms import (
    AttachmentForm,
    CategoryForm,
    DocumentForm,
    FiguresForm,
    FilterForm,
    ImportForm,
    ItemForm,
    ReviewForm,
    WithdrawForm,
)
from gongkai.publishing.models import (
    Attachment,
    Category,
    DecisionKind,
    FeeIncome,
    Item,
    ItemState,
    NormativeDocument,
    YearlyDecisionCount,
)
from gongkai.statute.formats import UnknownFormatError, format_for_year

PAGE_SIZE = 25
READ_ONLY = "您对该机构只有查看权限，不能修改其主动公开信息。"


# --- helpers ------------------------------------------------------------------------------


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "publishing/error.html", {"title": "没有权限", "message": message}, status=403)


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "publishing/error.html", {"title": "请求有误", "message": message}, status=400)


def _attach_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _agency_choice(request: HttpRequest, *, handle: bool = False) -> tuple[Agency | None, list[Agency]]:
    """The agency a screen works on: ``?agency=`` if visible (handled, when ``handle``), else
    the first handled agency, else the first visible one. None when the user sees none."""
    visible = list(agencies_visible_to(request.user).order_by("name"))
    handled = {a.pk for a in agencies_handled_by(request.user)}
    wanted = request.GET.get("agency") or request.POST.get("agency")
    if wanted:
        try:
            pk = int(wanted)
        except ValueError:
            raise Http404("机构参数有误") from None
        chosen = next((a for a in visible if a.pk == pk), None)
        if chosen is None:
            raise Http404("没有这个机构，或您无权查看")
        if handle and chosen.pk not in handled:
            raise PermissionDenied(READ_ONLY)
        return chosen, visible
    pool = [a for a in visible if a.pk in handled] or ([] if handle else visible)
    return (pool[0] if pool else None), visible


def _visible_items(request: HttpRequest) -> QuerySet[Item]:
    return Item.objects.filter(agency__in=agencies_visible_to(request.user)).select_related("agency")


def _item_or_404(request: HttpRequest, pk: int) -> Item:
    return get_object_or_404(_visible_items(request), pk=pk)


def _no_agency(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/error.html", {
        "title": "没有可用的机构", "message": "您还没有任何机构的角色。请联系系统管理员为您分配机构和角色。"},
        status=403)


def _today() -> date:
    return timezone.localdate()


# --- items --------------------------------------------------------------------------------


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    agency, visible = _agency_choice(request)
    if agency is None:
        return _no_agency(request)
    form = FilterForm(request.GET or None, agency=agency)
    items = Item.objects.filter(agency=agency).prefetch_related("categories").order_by(
        "-published_on", "-formed_on", "-pk")
    filtered = False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["state"]:
            items = items.filter(state=data["state"])
        if data["category"]:
            items = items.filter(categories=data["category"])
        if data["year"]:
            items = items.filter(Q(published_on__year=data["year"]) | Q(published_on__isnull=True,
                                                                       formed_on__year=data["year"]))
        if data["q"]:
            items = items.filter(Q(title__icontains=data["q"]) | Q(document_number__icontains=data["q"])
                                 | Q(index_number__icontains=data["q"]))
        filtered = any(data.values())
    calendar = current_calendar()
    if form.is_bound and form.is_valid() and form.cleaned_data["late"]:
        # Timeliness is computed on the calendar, not stored: filter the (already narrowed) rows.
        late_ids = [i.pk for i in items if actions.timeliness(i, calendar).flagged]
        items = items.filter(pk__in=late_ids)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"item": i, "timeliness": actions.timeliness(i, calendar)} for i in page.object_list]
    return render(request, "publishing/list.html", {
        "agency": agency, "agencies": visible, "form": form, "rows": rows, "page_obj": page, "filtered": filtered,
        "can_edit": can_handle(request.user, agency), "can_review": can_approve(request.user, agency),
        "in_review": Item.objects.filter(agency=agency, state=ItemState.IN_REVIEW).count(),
    })


def _save_item_form(request: HttpRequest, form: ItemForm, agency: Agency, item: Item | None) -> Item | None:
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    cats, arts = data.pop("categories"), [a.key for a in data.pop("art20_items")]
    try:
        if item is None:
            return actions.do_create_item(agency=agency, actor=request.user, categories=cats, art20_items=arts,
                                          **data)
        return actions.do_update_item(item, actor=request.user, categories=cats, art20_items=arts, **data)
    except ValidationError as exc:
        _attach_errors(form, exc)
        return None


@login_required
def item_create(request: HttpRequest) -> HttpResponse:
    try:
        agency, _ = _agency_choice(request, handle=True)
    except PermissionDenied as exc:
        return _forbidden(request, str(exc))
    if agency is None:
        return _forbidden(request, "只有机构的经办人或负责人可以登记主动公开信息。")
    ensure_default_catalogue(agency)
    if request.method == "POST":
        form = ItemForm(request.POST, agency=agency)
        item = _save_item_form(request, form, agency, None)
        if item is not None:
            messages.success(request, "已保存为草稿。可以继续上传附件，然后提交保密审查。")
            return redirect("publishing:detail", item.pk)
    else:
        form = ItemForm(agency=agency, initial={"formed_on": _today()})
    handled = list(agencies_handled_by(request.user).order_by("name"))
    return render(request, "publishing/item_form.html", {"form": form, "agency": agency, "item": None,
                                                          "agencies": handled})


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not can_handle(request.user, item.agency):
        return _forbidden(request, READ_ONLY)
    if not item.is_editable:
        return _forbidden(request, f"“{item.get_state_display()}”的信息不能修改：只能修改草稿或被退回的信息。")
    if request.method == "POST":
        form = ItemForm(request.POST, agency=item.agency)
        if _save_item_form(request, form, item.agency, item) is not None:
            messages.success(request, "已保存修改。")
            return redirect("publishing:detail", item.pk)
    else:
        form = ItemForm(agency=item.agency, initial={
            "title": item.title, "document_number": item.document_number, "issuing_body": item.issuing_body,
            "formed_on": item.formed_on, "summary": item.summary, "body": item.body,
            "categories": list(item.categories.values_list("pk", flat=True)),
            "art20_items": list(item.art20_items.values_list("pk", flat=True)),
        })
    return render(request, "publishing/item_form.html", {"form": form, "agency": item.agency, "item": item})


def _detail_context(request: HttpRequest, item: Item, attachment_form: AttachmentForm | None = None) -> dict:
    editable = can_handle(request.user, item.agency)
    if attachment_form is None and editable and item.is_editable:
        attachment_form = AttachmentForm()
    return {
        "item": item,
        "timeliness": actions.timeliness(item, current_calendar()),
        "can_edit": editable and item.is_editable,
        "can_withdraw": editable and item.state == ItemState.PUBLISHED,
        "can_review": item.state == ItemState.IN_REVIEW and can_approve(request.user, item.agency),
        "attachment_form": attachment_form,
        "reviews": item.reviews.select_related("reviewer"),
        "categories": [c.path for c in item.categories.select_related("parent__parent")],
        "art20": list(item.art20_items.all()),
    }


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    return render(request, "publishing/detail.html", _detail_context(request, item))


@login_required
@require_POST
def item_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not can_handle(request.user, item.agency):
        return _forbidden(request, READ_ONLY)
    try:
        actions.do_submit_for_review(item, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "已提交保密审查，等待负责人审查。")
    return redirect("publishing:detail", item.pk)


@login_required
def item_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not can_approve(request.user, item.agency):
        return _forbidden(request, "只有本机构的负责人（审核人）才能进行保密审查。")
    if item.state != ItemState.IN_REVIEW:
        messages.error(request, f"该信息的状态是“{item.get_state_display()}”，不在待审查状态。")
        return redirect("publishing:detail", item.pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_review(item, reviewer=request.user, approve=data["decision"] == "approve",
                              comment=data["comment"], published_on=data["published_on"])
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            if item.state == ItemState.PUBLISHED:
                messages.success(request, f"已同意发布，索引号 {item.index_number}。")
            else:
                messages.success(request, "已退回修改，经办人会看到审查意见。")
            return redirect("publishing:detail", item.pk)
    return render(request, "publishing/review.html", {
        "item": item, "form": form, "timeliness": actions.timeliness(item, current_calendar()),
        "attachments": item.attachments.all(),
    })


@login_required
def item_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not can_handle(request.user, item.agency):
        return _forbidden(request, READ_ONLY)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_withdraw_item(item, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, "已撤回：该信息不再在网站上显示，记录保留。")
            return redirect("publishing:detail", item.pk)
    return render(request, "publishing/withdraw.html", {"item": item, "form": form})


# --- attachments --------------------------------------------------------------------------


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not can_handle(request.user, item.agency):
        return _forbidden(request, READ_ONLY)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = actions.do_add_attachment(item, upload=form.cleaned_data["file"], actor=request.user)
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, f"已上传附件“{attachment.original_name}”。")
            return redirect("publishing:detail", item.pk)
    return render(request, "publishing/detail.html", _detail_context(request, item, form), status=400)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.filter(item__in=_visible_items(request)), pk=pk)
    if not can_handle(request.user, attachment.item.agency):
        return _forbidden(request, READ_ONLY)
    try:
        actions.do_remove_attachment(attachment, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已删除附件“{attachment.original_name}”。")
    return redirect("publishing:detail", attachment.item_id)


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A public item's attachments are open to anyone; others only to staff who see the item."""
    attachment = get_object_or_404(Attachment.objects.select_related("item__agency"), pk=pk)
    item = attachment.item
    if not item.is_public and not _visible_items(request).filter(pk=item.pk).exists():
        raise Http404("没有这个附件")
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件已丢失，请联系管理员") from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- catalogue ----------------------------------------------------------------------------


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    agency, visible = _agency_choice(request)
    if agency is None:
        return _no_agency(request)
    editable = can_handle(request.user, agency)
    if editable:
        ensure_default_catalogue(agency)
    form = CategoryForm(agency=agency)
    if request.method == "POST":
        if not editable:
            return _forbidden(request, READ_ONLY)
        response = _catalogue_post(request, agency)
        if isinstance(response, HttpResponse):
            return response
        form = response
    tree = catalogue_tree(agency)
    counts = dict(Item.categories.through.objects.filter(category__agency=agency).values("category_id")
                  .annotate(n=Count("item_id")).order_by().values_list("category_id", "n"))
    rows = [
        {
            "node": n,
            "count": counts.get(n.category.pk, 0),
            "form": CategoryForm(agency=agency, exclude=n.category, prefix=f"c{n.category.pk}", initial={
                "name": n.category.name, "parent": n.category.parent_id, "order": n.category.order,
            }) if editable else None,
        }
        for n in tree
    ]
    return render(request, "publishing/catalogue.html", {
        "agency": agency, "agencies": visible, "rows": rows, "form": form, "can_edit": editable,
    })


def _catalogue_post(request: HttpRequest, agency: Agency) -> HttpResponse | CategoryForm:
    op = request.POST.get("op", "")
    url = f"{reverse('publishing:catalogue')}?agency={agency.pk}"
    if op == "add":
        form = CategoryForm(request.POST, agency=agency)
        if form.is_valid():
            parent = Category.objects.filter(agency=agency, pk=form.cleaned_data["parent"]).first() \
                if form.cleaned_data["parent"] else None
            try:
                category = actions.do_add_category(agency, name=form.cleaned_data["name"], parent=parent)
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, f"已添加栏目“{category.name}”。")
                return redirect(url)
        return form
    try:
        category = Category.objects.get(agency=agency, pk=int(request.POST.get("category", "")))
    except (ValueError, Category.DoesNotExist):
        return _bad_request(request, "没有这个栏目。")
    try:
        if op == "delete":
            actions.do_delete_category(category)
            messages.success(request, f"已删除栏目“{category.name}”。")
        elif op == "update":
            form = CategoryForm(request.POST, agency=agency, exclude=category, prefix=f"c{category.pk}")
            if not form.is_valid():
                for errors in form.errors.values():
                    for message in errors:
                        messages.error(request, f"栏目“{category.name}”：{message}")
                return redirect(url)
            data = form.cleaned_data
            parent = Category.objects.filter(agency=agency, pk=data["parent"]).first() if data["parent"] else None
            if data["name"] != category.name:
                actions.do_rename_category(category, name=data["name"])
            actions.do_move_category(category, parent=parent, order=data["order"])
            messages.success(request, f"已保存栏目“{category.name}”。")
        else:
            return _bad_request(request, "未知的操作。")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(url)


# --- registers ----------------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or _today().year)
    except ValueError:
        year = _today().year
    return year if 2000 <= year <= 2100 else _today().year


@login_required
def documents(request: HttpRequest) -> HttpResponse:
    agency, visible = _agency_choice(request)
    if agency is None:
        return _no_agency(request)
    editable = can_handle(request.user, agency)
    form = DocumentForm(request.POST or None)
    if request.method == "POST":
        if not editable:
            return _forbidden(request, READ_ONLY)
        if form.is_valid():
            try:
                doc = actions.do_register_document(agency=agency, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, f"已登记“{doc.title}”。")
                return redirect(f"{reverse('publishing:documents')}?agency={agency.pk}")
    docs = NormativeDocument.objects.filter(agency=agency).order_by("-issued_on", "-pk")
    kind = request.GET.get("kind", "")
    if kind:
        docs = docs.filter(kind=kind)
    state = request.GET.get("state", "")
    today = _today()
    if state == "in_force":
        docs = docs.filter(Q(repealed_on__isnull=True) | Q(repealed_on__gt=today))
    elif state == "repealed":
        docs = docs.filter(repealed_on__lte=today)
    page = Paginator(docs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publishing/documents.html", {
        "agency": agency, "agencies": visible, "form": form, "page_obj": page, "can_edit": editable,
        "kind": kind, "state": state, "today": today,
    })


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(NormativeDocument.objects.filter(agency__in=agencies_visible_to(request.user)), pk=pk)
    if not can_handle(request.user, doc.agency):
        return _forbidden(request, READ_ONLY)
    url = f"{reverse('publishing:documents')}?agency={doc.agency_id}"
    if request.method == "POST" and request.POST.get("op") == "delete":
        actions.do_delete_document(doc, actor=request.user)
        messages.success(request, f"已删除登记“{doc.title}”。")
        return redirect(url)
    initial = {f: getattr(doc, f) for f in ("kind", "title", "document_number", "issued_on", "repealed_on",
                                            "repeal_note")}
    form = DocumentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_document(doc, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            doc.refresh_from_db()
            _attach_errors(form, exc)
        else:
            messages.success(request, f"已保存“{doc.title}”。")
            return redirect(url)
    return render(request, "publishing/document_form.html", {"doc": doc, "form": form, "agency": doc.agency})


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    agency, visible = _agency_choice(request)
    if agency is None:
        return _no_agency(request)
    year = _year(request)
    today = _today()
    months = [m for m in range(1, 13) if (year, m) <= (today.year, today.month)]
    editable = can_handle(request.user, agency)
    stored_counts = {(r.month, r.kind): r.count for r in YearlyDecisionCount.objects.filter(agency=agency, year=year)}
    stored_fees = {r.month: r.amount for r in FeeIncome.objects.filter(agency=agency, year=year)}
    initial: dict[str, Any] = {}
    for month in months:
        for kind in DecisionKind.values:
            initial[f"m{month}_{kind}"] = stored_counts.get((month, kind))
        initial[f"m{month}_fees"] = stored_fees.get(month)
    form = FiguresForm(request.POST or None, months=months, initial=initial)
    if request.method == "POST":
        if not editable:
            return _forbidden(request, READ_ONLY)
        if form.is_valid():
            try:
                _save_figures(request, agency, year, months, form.cleaned_data)
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                messages.success(request, f"已保存{year}年的每月数据。")
                return redirect(f"{reverse('publishing:figures')}?agency={agency.pk}&year={year}")
    return render(request, "publishing/figures.html", {
        "agency": agency, "agencies": visible, "form": form, "grid": form.grid(), "year": year,
        "years": list(range(today.year, today.year - 8, -1)), "can_edit": editable,
        "kinds": DecisionKind.labels, "table2": _table2(agency, year),
    })


def _save_figures(request: HttpRequest, agency: Agency, year: int, months: list[int], data: dict) -> None:
    for month in months:
        counts = {k: data[f"m{month}_{k}"] for k in DecisionKind.values if data[f"m{month}_{k}"] is not None}
        fees = data[f"m{month}_fees"]
        if counts or fees is not None:
            actions.do_set_monthly_figures(agency, year, month, counts=counts, fees=fees, actor=request.user)


def _table2(agency: Agency, year: int) -> dict[str, Any] | None:
    try:
        fmt = format_for_year(year)
    except UnknownFormatError:
        return None
    values = stats.table_2_values(Agency.objects.filter(pk=agency.pk), year, fmt)
    table = fmt.table("二")
    blocks = []
    for block in table.blocks:
        rows = [{"row": row, "cells": [{"column": c, "value": values.get((row.key, c.key)),
                                        "key": c.key} for c in block.columns]} for row in block.rows]
        blocks.append({"block": block, "rows": rows})
    return {"format": fmt, "blocks": blocks}


@login_required
def records(request: HttpRequest) -> HttpResponse:
    """The register rows behind one table 二 cell (drill-down)."""
    agency, _ = _agency_choice(request)
    if agency is None:
        return _no_agency(request)
    year = _year(request)
    row, column = request.GET.get("row", ""), request.GET.get("column", "")
    try:
        rows = stats.register_records(Agency.objects.filter(pk=agency.pk), year, row, column)
    except KeyError:
        return _bad_request(request, "该单元格不由登记数据计算。")
    return render(request, "publishing/records.html", {
        "agency": agency, "year": year, "rows": rows, "row": row, "column": column,
        "is_documents": rows.model is NormativeDocument, "is_fees": rows.model is FeeIncome,
    })


# --- imports ------------------------------------------------------------------------------


def _import_dir() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "publishing" / "imports"


def _stash(upload: Any, user_pk: int) -> str:
    """Keep the uploaded file between preview and confirmation; the token names it."""
    token = uuid.uuid4().hex
    folder = _import_dir()
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(upload.name).suffix.lower()
    upload.seek(0)
    (folder / f"{user_pk}-{token}{suffix}").write_bytes(upload.read())
    return f"{token}{suffix}"


def _unstash(token: str, user_pk: int) -> SimpleUploadedFile | None:
    name = Path(token).name
    if not name or name != token or not all(c.isalnum() or c == "." for c in name):
        return None
    path = _import_dir() / f"{user_pk}-{name}"
    if not path.is_file():
        return None
    return SimpleUploadedFile(f"导入{path.suffix}", path.read_bytes())


@login_required
def import_view(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in imports.COLUMNS:
        raise Http404("没有这种导入")
    try:
        agency, _ = _agency_choice(request, handle=True)
    except PermissionDenied as exc:
        return _forbidden(request, str(exc))
    if agency is None:
        return _forbidden(request, "只有机构的经办人或负责人可以导入。")
    context: dict[str, Any] = {"kind": kind, "kind_label": imports.KIND_LABELS[kind], "agency": agency,
                               "columns": imports.COLUMNS[kind]}
    form = ImportForm()
    if request.method == "POST" and request.POST.get("token"):
        upload = _unstash(request.POST["token"], request.user.pk)
        if upload is None:
            messages.error(request, "导入文件已过期，请重新上传。")
            return redirect(f"{reverse('publishing:import', args=[kind])}?agency={agency.pk}")
        try:
            if kind == "items":
                count = len(imports.do_import_items(agency, upload, actor=request.user))
            else:
                count = imports.do_import_register(agency, kind, upload, actor=request.user)
        except ValidationError as exc:
            context["preview"] = imports.preview_import(agency, kind, upload)
            context["form"] = form
            messages.error(request, exc.messages[0])
            return render(request, "publishing/import.html", context, status=400)
        (_import_dir() / f"{request.user.pk}-{request.POST['token']}").unlink(missing_ok=True)
        messages.success(request, f"已导入 {count} 行。")
        target = {"items": "publishing:list", "documents": "publishing:documents", "figures": "publishing:figures"}
        return redirect(f"{reverse(target[kind])}?agency={agency.pk}")
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            preview = imports.preview_import(agency, kind, upload)
            context["preview"] = preview
            if preview.ok:
                context["token"] = _stash(upload, request.user.pk)
            context["form"] = ImportForm()
            return render(request, "publishing/import.html", context, status=200 if preview.ok else 400)
        context["form"] = form
        return render(request, "publishing/import.html", context, status=400)
    context["form"] = form
    return render(request, "publishing/import.html", context)


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in imports.COLUMNS:
        raise Http404("没有这种导入")
    response = HttpResponse(imports.template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{kind}-template.csv"
    return response
