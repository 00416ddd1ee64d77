"""Business actions of 主动公开: the only code paths that create items, move them through the
workflow (draft → 保密审查 → published → withdrawn), edit the catalogue and the registers.

Each ``do_*`` runs in one transaction and raises ``ValidationError`` with a Chinese message
on bad input. As in ``gongkai.casework.actions``, checking that the caller may handle the
agency's work is the caller's job, with one exception: the 保密审查 decision (条例第十七条)
must name an approver, so ``do_review`` checks that itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import can_approve
from gongkai.publishing.indexno import take_index_number
from gongkai.publishing.models import (
    Art20Item,
    Attachment,
    Category,
    DecisionKind,
    DocumentKind,
    FeeIncome,
    Item,
    ItemReview,
    ItemState,
    NormativeDocument,
    ReviewDecision,
    YearlyDecisionCount,
)
from gongkai.publishing.sanitize import html_to_text, looks_like_html, plain_text_to_html, sanitize_html
from gongkai.publishing.timeliness import Timeliness, timeliness
from gongkai.publishing.uploads import check_attachment
from gongkai.workdays.explanation import full_date

__all__ = [
    "ITEM_FIELDS",
    "Timeliness",
    "do_add_attachment",
    "do_add_category",
    "do_create_item",
    "do_delete_category",
    "do_delete_document",
    "do_move_category",
    "do_register_document",
    "do_remove_attachment",
    "do_rename_category",
    "do_review",
    "do_set_monthly_figures",
    "do_submit_for_review",
    "do_update_document",
    "do_update_item",
    "do_withdraw_item",
    "timeliness",
]

# Fields an officer edits on a draft (besides categories and Art 20 items).
ITEM_FIELDS = frozenset({"title", "document_number", "issuing_body", "formed_on", "summary", "body"})
DOCUMENT_FIELDS = frozenset({"kind", "title", "document_number", "issued_on", "repealed_on", "repeal_note"})


def _today() -> date:
    return timezone.localdate()


def _actor(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _attribute_history(instance: Any, actor: Any) -> None:
    if _actor(actor) is not None:
        instance._history_user = actor


def _not_future(on: date | None, field: str, what: str) -> None:
    if on is not None and on > _today():
        raise ValidationError({field: f"{what}（{full_date(on)}）不能晚于今天"})


# --- items --------------------------------------------------------------------------------


def _clean_body(body: str) -> tuple[str, str]:
    html = body if looks_like_html(body) else plain_text_to_html(body)
    clean = sanitize_html(html)
    return clean, html_to_text(clean)


def _categories(agency: Agency, categories: Iterable[Category | int]) -> list[Category]:
    ids = [c.pk if isinstance(c, Category) else int(c) for c in categories]
    found = list(Category.objects.filter(agency=agency, pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"categories": "所选栏目不属于本机构的目录"})
    return found


def _art20(keys: Iterable[str | Art20Item]) -> list[Art20Item]:
    wanted = [k.key if isinstance(k, Art20Item) else str(k) for k in keys]
    found = list(Art20Item.objects.filter(key__in=wanted))
    if len(found) != len(set(wanted)):
        unknown = sorted(set(wanted) - {a.key for a in found})
        raise ValidationError({"art20_items": f"未知的条例第二十条项：{'、'.join(unknown)}"})
    return found


def _apply_fields(item: Item, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - ITEM_FIELDS
    if unknown:
        raise TypeError(f"unknown item fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        if isinstance(value, str) and name != "body":
            value = value.strip()
        setattr(item, name, value)
    if "body" in fields:
        item.body, item.body_text = _clean_body(fields["body"] or "")
    if not item.title:
        raise ValidationError({"title": "请填写标题"})
    if item.formed_on is None:
        raise ValidationError({"formed_on": "请填写生成日期"})
    _not_future(item.formed_on, "formed_on", "生成日期")


@transaction.atomic
def do_create_item(
    *,
    agency: Agency,
    title: str,
    formed_on: date,
    actor: Any = None,
    categories: Iterable[Category | int] = (),
    art20_items: Iterable[str | Art20Item] = (),
    is_sample: bool = False,
    **fields: Any,
) -> Item:
    """A new draft. The 索引号 is given at publication (so serials have no gaps)."""
    item = Item(agency=agency, is_sample=is_sample, created_by=_actor(actor), state=ItemState.DRAFT)
    _apply_fields(item, {"title": title, "formed_on": formed_on, "body": fields.pop("body", ""), **fields})
    cats = _categories(agency, categories)
    arts = _art20(art20_items)
    item.full_clean(exclude=["categories", "art20_items"])
    _attribute_history(item, actor)
    item.save()
    item.categories.set(cats)
    item.art20_items.set(arts)
    return item


def _locked(item: Item) -> Item:
    locked = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
    return locked


def _refresh(target: Item, source: Item) -> None:
    for f in Item._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


@transaction.atomic
def do_update_item(
    item: Item,
    *,
    actor: Any = None,
    categories: Iterable[Category | int] | None = None,
    art20_items: Iterable[str | Art20Item] | None = None,
    **fields: Any,
) -> Item:
    """Edit a draft or an item returned by the reviewer; anything else is refused."""
    locked = _locked(item)
    if not locked.is_editable:
        raise ValidationError(
            f"“{locked.get_state_display()}”的信息不能修改：只能修改草稿或被退回的信息。"
            "已发布的信息如需更正，请撤回后重新发布。"
        )
    _apply_fields(locked, fields)
    cats = _categories(locked.agency, categories) if categories is not None else None
    arts = _art20(art20_items) if art20_items is not None else None
    locked.full_clean(exclude=["categories", "art20_items"])
    _attribute_history(locked, actor)
    locked.save()
    if cats is not None:
        locked.categories.set(cats)
    if arts is not None:
        locked.art20_items.set(arts)
    _refresh(item, locked)
    return item


@transaction.atomic
def do_submit_for_review(item: Item, *, actor: Any = None) -> Item:
    """Send a draft (or a corrected returned item) to the approver for 保密审查."""
    locked = _locked(item)
    if not locked.is_editable:
        raise ValidationError(f"“{locked.get_state_display()}”的信息不能提交审查")
    if not locked.categories.exists():
        raise ValidationError({"categories": "提交审查前请选择至少一个目录栏目"})
    locked.state = ItemState.IN_REVIEW
    _attribute_history(locked, actor)
    locked.save(update_fields=["state", "updated_at"])
    _refresh(item, locked)
    return item


@transaction.atomic
def do_review(
    item: Item,
    *,
    reviewer: Any,
    approve: bool,
    comment: str = "",
    published_on: date | None = None,
    on: date | None = None,
) -> Item:
    """Record the 保密审查 decision (条例第十七条). Approval publishes the item on
    ``published_on`` (default today) and gives it its 索引号; a return needs a comment."""
    locked = _locked(item)
    if not can_approve(reviewer, locked.agency):
        raise PermissionDenied("只有本机构的负责人（审核人）才能进行保密审查")
    if locked.state != ItemState.IN_REVIEW:
        raise ValidationError(f"“{locked.get_state_display()}”的信息不在待审查状态，不能审查")
    on = on or _today()
    _not_future(on, "reviewed_on", "审查日期")
    comment = (comment or "").strip()
    if approve:
        published_on = published_on or on
        _not_future(published_on, "published_on", "发布日期")
        if published_on < locked.formed_on:
            formed, published = full_date(locked.formed_on), full_date(published_on)
            raise ValidationError({"published_on": f"发布日期（{published}）不能早于生成日期（{formed}）"})
        locked.state = ItemState.PUBLISHED
        locked.published_on = published_on
        take_index_number(locked)
    else:
        if not comment:
            raise ValidationError({"comment": "退回修改时请填写审查意见，说明需要修改的内容"})
        locked.state = ItemState.RETURNED
    decision = ReviewDecision.APPROVED if approve else ReviewDecision.RETURNED
    locked.reviewed_by = reviewer
    locked.reviewed_on = on
    locked.review_decision = decision
    locked.review_comment = comment
    _attribute_history(locked, reviewer)
    locked.save()
    ItemReview.objects.create(item=locked, reviewer=reviewer, decided_on=on, decision=decision, comment=comment)
    _refresh(item, locked)
    return item


@transaction.atomic
def do_withdraw_item(item: Item, *, actor: Any = None, reason: str, on: date | None = None) -> Item:
    """Take a published item off the public site; it stays in the record with its reason."""
    locked = _locked(item)
    if locked.state != ItemState.PUBLISHED:
        raise ValidationError(f"只能撤回已发布的信息，该信息的状态是“{locked.get_state_display()}”")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写撤回理由"})
    on = on or _today()
    _not_future(on, "withdrawn_on", "撤回日期")
    locked.state = ItemState.WITHDRAWN
    locked.withdraw_reason = reason
    locked.withdrawn_on = on
    locked.withdrawn_by = _actor(actor)
    _attribute_history(locked, actor)
    locked.save()
    _refresh(item, locked)
    return item


# --- attachments --------------------------------------------------------------------------


@transaction.atomic
def do_add_attachment(item: Item, *, upload: Any, actor: Any = None) -> Attachment:
    """Attach a checked file to a draft or returned item."""
    locked = _locked(item)
    if not locked.is_editable:
        raise ValidationError("只能给草稿或被退回的信息添加附件")
    kind = check_attachment(upload)
    upload.seek(0)
    order = locked.attachments.count() + 1
    attachment = Attachment(
        item=locked,
        original_name=str(upload.name)[-200:],
        content_type=kind.content_type,
        size=upload.size,
        order=order,
        uploaded_by=_actor(actor),
    )
    attachment.file.save(upload.name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def do_remove_attachment(attachment: Attachment, *, actor: Any = None) -> None:
    item = _locked(attachment.item)
    if not item.is_editable:
        raise ValidationError("已提交或已发布信息的附件不能删除")
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))


# --- catalogue ----------------------------------------------------------------------------


def _check_sibling_name(agency: Agency, parent: Category | None, name: str, exclude: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请填写栏目名称"})
    if len(name) > 200:
        raise ValidationError({"name": "栏目名称不能超过200个字"})
    siblings = Category.objects.filter(agency=agency, parent=parent, name=name)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude)
    if siblings.exists():
        raise ValidationError({"name": f"同一上级栏目下已有“{name}”"})
    return name


def _check_parent(agency: Agency, parent: Category | None) -> None:
    if parent is not None and parent.agency_id != agency.pk:
        raise ValidationError({"parent": "上级栏目不属于本机构的目录"})


@transaction.atomic
def do_add_category(agency: Agency, *, name: str, parent: Category | None = None) -> Category:
    _check_parent(agency, parent)
    name = _check_sibling_name(agency, parent, name)
    last = Category.objects.filter(agency=agency, parent=parent).order_by("-order").values_list("order", flat=True)
    order = (last.first() or 0) + 10
    return Category.objects.create(agency=agency, parent=parent, name=name, slug=f"c-{uuid.uuid4().hex[:10]}",
                                   order=order)


@transaction.atomic
def do_rename_category(category: Category, *, name: str) -> Category:
    category.name = _check_sibling_name(category.agency, category.parent, name, exclude=category.pk)
    category.save(update_fields=["name"])
    return category


@transaction.atomic
def do_move_category(category: Category, *, parent: Category | None, order: int | None = None) -> Category:
    """Move under another parent (None: top level), optionally to a position among siblings."""
    _check_parent(category.agency, parent)
    node = parent
    while node is not None:
        if node.pk == category.pk:
            raise ValidationError({"parent": "不能把栏目移到它自己或它的下级栏目之下"})
        node = node.parent
    _check_sibling_name(category.agency, parent, category.name, exclude=category.pk)
    category.parent = parent
    if order is not None:
        category.order = max(0, int(order))
    category.save(update_fields=["parent", "order"])
    return category


@transaction.atomic
def do_delete_category(category: Category) -> None:
    """Delete an empty category: one with neither sub-categories nor items (published or not)."""
    if category.children.exists():
        raise ValidationError(f"栏目“{category.name}”下还有子栏目，不能删除")
    count = category.items.count()
    if count:
        raise ValidationError(f"栏目“{category.name}”下还有{count}条信息，不能删除；请先把信息移到其他栏目")
    category.delete()


# --- registers ----------------------------------------------------------------------------


def _check_document(doc: NormativeDocument) -> None:
    if doc.kind not in DocumentKind.values:
        raise ValidationError({"kind": "类别只能是“规章”或“行政规范性文件”"})
    doc.title = (doc.title or "").strip()
    doc.document_number = (doc.document_number or "").strip()
    if not doc.title:
        raise ValidationError({"title": "请填写文件名称"})
    _not_future(doc.issued_on, "issued_on", "制发日期")
    _not_future(doc.repealed_on, "repealed_on", "废止日期")
    if doc.repealed_on is not None and doc.issued_on is not None and doc.repealed_on < doc.issued_on:
        raise ValidationError({"repealed_on": "废止日期不能早于制发日期"})
    doc.full_clean()


@transaction.atomic
def do_register_document(
    *,
    agency: Agency,
    kind: str,
    title: str,
    issued_on: date,
    document_number: str = "",
    repealed_on: date | None = None,
    repeal_note: str = "",
    actor: Any = None,
    is_sample: bool = False,
) -> NormativeDocument:
    doc = NormativeDocument(
        agency=agency, kind=kind, title=title, document_number=document_number, issued_on=issued_on,
        repealed_on=repealed_on, repeal_note=(repeal_note or "").strip(), is_sample=is_sample,
        created_by=_actor(actor),
    )
    _check_document(doc)
    _attribute_history(doc, actor)
    doc.save()
    return doc


@transaction.atomic
def do_update_document(doc: NormativeDocument, *, actor: Any = None, **fields: Any) -> NormativeDocument:
    """Correct a registered document or record its repeal (``repealed_on``)."""
    unknown = set(fields) - DOCUMENT_FIELDS
    if unknown:
        raise TypeError(f"unknown document fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(doc, name, value)
    _check_document(doc)
    _attribute_history(doc, actor)
    doc.save()
    return doc


@transaction.atomic
def do_delete_document(doc: NormativeDocument, *, actor: Any = None) -> None:
    """Remove a document registered by mistake (the history keeps it). A repeal is not a
    deletion: record ``repealed_on`` instead, or the 现行有效 count of past years changes."""
    _attribute_history(doc, actor)
    doc.delete()


def _count(value: Any, what: str) -> int:
    if value is None or value == "":
        return 0
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(f"{what}必须是整数，而不是“{value}”") from None
    if number != number.to_integral_value() or number < 0:
        raise ValidationError(f"{what}必须是不小于0的整数，而不是“{value}”")
    return int(number)


def _amount(value: Any, what: str) -> Decimal:
    if value is None or value == "":
        return Decimal("0")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(f"{what}必须是数字（单位：万元），而不是“{value}”") from None
    if not number.is_finite() or number < 0:
        raise ValidationError(f"{what}必须是不小于0的数字（单位：万元）")
    if number != number.quantize(Decimal("0.0001")):
        raise ValidationError(f"{what}最多保留四位小数（单位：万元）")
    if number >= Decimal("1e8"):
        raise ValidationError(f"{what}过大（单位是万元，请检查是否误填为元）")
    return number


def _check_month(year: int, month: int) -> None:
    if not (2000 <= int(year) <= 2100):
        raise ValidationError({"year": f"年度“{year}”不正确"})
    if not (1 <= int(month) <= 12):
        raise ValidationError({"month": f"月份必须在1至12之间，而不是“{month}”"})
    today = _today()
    if (int(year), int(month)) > (today.year, today.month):
        raise ValidationError({"month": f"{year}年{month}月尚未到来，不能登记"})


@transaction.atomic
def do_set_monthly_figures(
    agency: Agency,
    year: int,
    month: int,
    *,
    counts: Mapping[str, Any] | None = None,
    fees: Any = None,
    actor: Any = None,
    is_sample: bool = False,
) -> None:
    """Set one month's decision counts (keys licensing/penalty/enforcement) and fee income in
    万元 (``fees``; None leaves it unchanged). Values replace what the month held."""
    _check_month(year, month)
    counts = dict(counts or {})
    unknown = set(counts) - set(DecisionKind.values)
    if unknown:
        raise ValidationError(f"未知的决定类别：{'、'.join(sorted(unknown))}")
    labels = dict(DecisionKind.choices)
    cleaned = {kind: _count(value, f"{year}年{month}月{labels[kind]}决定数量") for kind, value in counts.items()}
    amount = None if fees is None else _amount(fees, f"{year}年{month}月行政事业性收费金额")
    for kind, number in cleaned.items():
        row, _ = YearlyDecisionCount.objects.select_for_update().get_or_create(
            agency=agency, year=year, month=month, kind=kind, defaults={"count": number, "is_sample": is_sample}
        )
        if row.count != number:
            row.count = number
            _attribute_history(row, actor)
            row.save()
    if amount is not None:
        fee, _ = FeeIncome.objects.select_for_update().get_or_create(
            agency=agency, year=year, month=month, defaults={"amount": amount, "is_sample": is_sample}
        )
        if fee.amount != amount:
            fee.amount = amount
            _attribute_history(fee, actor)
            fee.save()
