"""Bulk import from CSV or XLSX, in two steps.

``preview_*`` reads the file and checks every row; it saves nothing and returns the rows
with their errors (row number as in the spreadsheet, header = row 1, and a Chinese reason).
``do_import_*`` checks again and saves every row in one transaction, and only if no row has
an error: a file with one bad row saves none of them.

Three kinds of file (a template with the headers is ``template_csv(kind)``):

- ``items``: existing 主动公开 items (标题, 生成日期, 发布日期 …). A row with a 发布日期 is
  imported as published (it was published before the system was used) and gets its old
  索引号 if given, else a new one; a row without becomes a draft.
- ``documents``: 规章 and 行政规范性文件 with 制发日期 and 废止日期.
- ``figures``: monthly 行政许可、行政处罚、行政强制 decision counts and 行政事业性收费 (万元).
  A blank cell leaves that month's figure as it is; a number replaces it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.publishing import actions
from gongkai.publishing.catalogue import ensure_default_catalogue, find_category
from gongkai.publishing.indexno import take_index_number
from gongkai.publishing.models import DecisionKind, DocumentKind, Item, ItemState, NormativeDocument
from gongkai.statute.disclosure import art20_item

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
FEES_HEADER = "行政事业性收费（万元）"


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = False
    help: str = ""
    aliases: tuple[str, ...] = ()


COLUMNS: dict[str, tuple[Column, ...]] = {
    "items": (
        Column("标题", True),
        Column("生成日期", True, "信息形成或者变更之日，如 2021-03-05"),
        Column("发布日期", False, "已发布的填写；留空则导入为草稿"),
        Column("文号"),
        Column("发文机关", False, "留空为本机构"),
        Column("内容概述"),
        Column("正文", False, "纯文本或 HTML（会被清理）"),
        Column(
            "目录栏目", False, "栏目名称或路径，多个用分号分隔，如：业务动态；法定主动公开内容/（一）", ("栏目", "分类")
        ),
        Column("第二十条项", False, "如：（一）；（六）", ("条例第二十条", "第二十条")),
        Column("索引号", False, "原有索引号；留空则发布时自动生成"),
    ),
    "documents": (
        Column("类别", True, "规章 或 行政规范性文件"),
        Column("名称", True, aliases=("标题", "文件名称")),
        Column("文号"),
        Column("制发日期", True, aliases=("印发日期", "发布日期")),
        Column("废止日期", False, "现行有效的留空", aliases=("失效日期",)),
        Column("废止说明"),
    ),
    "figures": (
        Column("年度", True, aliases=("年份",)),
        Column("月份", True, aliases=("月",)),
        *(Column(label, False, "决定数量；留空不变") for label in DecisionKind.labels),
        Column(FEES_HEADER, False, "单位：万元，最多四位小数；留空不变", ("行政事业性收费", "收费金额")),
    ),
}
KIND_LABELS = {"items": "主动公开信息", "documents": "规章和行政规范性文件", "figures": "每月决定数量和收费金额"}


@dataclass
class ImportRow:
    number: int
    raw: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    kind: str
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and bool(self.rows) and not any(r.errors for r in self.rows)

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    def messages(self) -> list[str]:
        return [*self.file_errors, *(f"第{r.number}行：{'；'.join(r.errors)}" for r in self.bad_rows)]


def template_csv(kind: str) -> str:
    """A CSV with the headers (UTF-8 with BOM, so that Excel opens the Chinese correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in COLUMNS[kind]])
    return "\ufeff" + buffer.getvalue()


# --- reading ------------------------------------------------------------------------------


def _norm_header(text: Any) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).strip().replace("*", "")
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, date):
        return value
    return str(value).strip()


def _read_csv(data: bytes) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes almost anything
        raise ValidationError("无法识别文件的编码，请保存为 UTF-8 编码的 CSV")
    if "\0" in text:
        raise ValidationError("文件不是 CSV 文本文件")
    return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text))]


def _read_xlsx(data: bytes) -> list[list[Any]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ValidationError("无法读取该 XLSX 文件，请确认是 Excel 2007 及以后版本保存的 .xlsx 文件") from exc
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def read_rows(upload: Any) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Headers and data rows (with their spreadsheet row numbers) of an uploaded CSV or XLSX."""
    name = PurePath(getattr(upload, "name", "") or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValidationError(f"不支持的文件类型“{name or '（无文件名）'}”：请上传 CSV 或 XLSX 文件")
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise ValidationError(f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {MAX_FILE_BYTES // 1024 // 1024} MB")
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read()
    if not data:
        raise ValidationError("文件是空的")
    rows = _read_csv(data) if suffix == ".csv" else _read_xlsx(data)
    numbered = [(i, row) for i, row in enumerate(rows, start=1) if any(v not in ("", None) for v in row)]
    if not numbered:
        raise ValidationError("文件中没有内容")
    header_number, header = numbered[0]
    if header_number != 1:
        numbered = [(n - header_number + 1, row) for n, row in numbered]
    body = numbered[1:]
    if len(body) > MAX_ROWS:
        raise ValidationError(f"一次最多导入 {MAX_ROWS} 行，请分批导入")
    return [_norm_header(h) for h in header], body


def _map_headers(kind: str, headers: list[str]) -> tuple[dict[str, int], list[str]]:
    index: dict[str, int] = {}
    errors: list[str] = []
    for column in COLUMNS[kind]:
        names = {_norm_header(column.header), *(_norm_header(a) for a in column.aliases)}
        found = [i for i, h in enumerate(headers) if h in names]
        if found:
            index[column.header] = found[0]
        elif column.required:
            errors.append(f"缺少必填列“{column.header}”")
    known = {_norm_header(n) for c in COLUMNS[kind] for n in (c.header, *c.aliases)}
    unknown = [h for h in headers if h and h not in known]
    if unknown:
        errors.append(f"无法识别的列：{'、'.join(unknown)}（请使用模板中的列名）")
    return index, errors


# --- values -------------------------------------------------------------------------------


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(value: Any, what: str) -> date | None:
    if isinstance(value, date):
        return value
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise ValidationError(f"{what}“{text}”不是日期（应写作 2021-03-05 或 2021年3月5日）")
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValidationError(f"{what}“{text}”不是有效的日期") from None


def _split(value: Any) -> list[str]:
    return [p.strip() for p in re.split(r"[;；,，、\n]+", str(value or "")) if p.strip()]


def _split_categories(value: Any) -> list[str]:
    # Category names contain 、 and ， themselves (the Art 20 items), so only ; separates them.
    return [p.strip() for p in re.split(r"[;；\n]+", str(value or "")) if p.strip()]


def _collect(row: ImportRow, what: Callable[[], Any]) -> Any:
    try:
        return what()
    except ValidationError as exc:
        row.errors.extend(exc.messages)
        return None


# --- per kind -----------------------------------------------------------------------------


def _check_item_row(agency: Agency, row: ImportRow, seen_index: set[str]) -> None:
    raw, v = row.raw, row.values
    today = timezone.localdate()
    v["title"] = raw.get("标题", "")
    if not v["title"]:
        row.errors.append("标题为空")
    elif len(v["title"]) > 500:
        row.errors.append("标题超过500个字")
    v["formed_on"] = _collect(row, lambda: parse_date(raw.get("生成日期"), "生成日期"))
    if v["formed_on"] is None and not any("生成日期" in e for e in row.errors):
        row.errors.append("生成日期为空")
    v["published_on"] = _collect(row, lambda: parse_date(raw.get("发布日期"), "发布日期"))
    for key in ("formed_on", "published_on"):
        if v.get(key) and v[key] > today:
            row.errors.append(f"{'生成' if key == 'formed_on' else '发布'}日期晚于今天")
    if v.get("formed_on") and v.get("published_on") and v["published_on"] < v["formed_on"]:
        row.errors.append("发布日期早于生成日期")
    v["document_number"] = raw.get("文号", "")
    v["issuing_body"] = raw.get("发文机关", "")
    v["summary"] = raw.get("内容概述", "")
    v["body"] = raw.get("正文", "")
    v["categories"] = []
    for name in _split_categories(raw.get("目录栏目")):
        category = find_category(agency, name)
        if category is None:
            row.errors.append(f"找不到目录栏目“{name}”（或名称不唯一，请写完整路径）")
        else:
            v["categories"].append(category)
    v["art20_items"] = []
    for text in _split(raw.get("第二十条项")):
        try:
            v["art20_items"].append(art20_item(text).key)
        except KeyError:
            row.errors.append(f"“{text}”不是条例第二十条的一项（应为（一）至（十五））")
    index = raw.get("索引号", "")
    if index:
        if not v.get("published_on"):
            row.errors.append("有索引号的信息必须填写发布日期")
        elif index in seen_index:
            row.errors.append(f"索引号“{index}”在文件中重复")
        elif Item.objects.filter(index_number=index).exists():
            row.errors.append(f"索引号“{index}”已被使用")
        seen_index.add(index)
    v["index_number"] = index


def _check_document_row(agency: Agency, row: ImportRow, seen: set[tuple]) -> None:
    raw, v = row.raw, row.values
    kinds = {label: value for value, label in DocumentKind.choices}
    kinds["规范性文件"] = DocumentKind.NORMATIVE  # the 2019 wording
    kind_text = raw.get("类别", "")
    v["kind"] = kinds.get(kind_text)
    if v["kind"] is None:
        row.errors.append(f"类别“{kind_text}”不正确，应为“规章”或“行政规范性文件”")
    v["title"] = raw.get("名称", "")
    v["document_number"] = raw.get("文号", "")
    v["issued_on"] = _collect(row, lambda: parse_date(raw.get("制发日期"), "制发日期"))
    if v["issued_on"] is None and not any("制发日期" in e for e in row.errors):
        row.errors.append("制发日期为空")
    v["repealed_on"] = _collect(row, lambda: parse_date(raw.get("废止日期"), "废止日期"))
    v["repeal_note"] = raw.get("废止说明", "")
    if v["kind"] and v["issued_on"]:
        probe = NormativeDocument(agency=agency, **{k: v[k] for k in (
            "kind", "title", "document_number", "issued_on", "repealed_on", "repeal_note")})
        _collect(row, lambda: actions._check_document(probe))
    key = (v["kind"], v["title"], v["document_number"])
    if key in seen:
        row.errors.append("与文件中前面的一行重复")
    seen.add(key)
    if v["title"] and NormativeDocument.objects.filter(
        agency=agency, kind=v["kind"], title=v["title"], document_number=v["document_number"]
    ).exists():
        row.errors.append("该文件已登记")


def _check_figures_row(agency: Agency, row: ImportRow, seen: set[tuple]) -> None:
    raw, v = row.raw, row.values
    year = _collect(row, lambda: actions._count(raw.get("年度"), "年度"))
    month = _collect(row, lambda: actions._count(raw.get("月份"), "月份"))
    if not year or not month:
        if not row.errors:
            row.errors.append("年度和月份不能为空")
        return
    _collect(row, lambda: actions._check_month(year, month))
    if (year, month) in seen:
        row.errors.append(f"{year}年{month}月在文件中重复")
    seen.add((year, month))
    v["year"], v["month"] = year, month
    v["counts"] = {}
    for kind, label in DecisionKind.choices:
        if raw.get(label, "") != "":
            v["counts"][kind] = _collect(row, lambda label=label: actions._count(raw.get(label), f"{label}决定数量"))
    fee = raw.get(FEES_HEADER, "")
    v["fees"] = None if fee == "" else _collect(row, lambda: actions._amount(fee, "行政事业性收费金额"))


_CHECKS = {"items": _check_item_row, "documents": _check_document_row, "figures": _check_figures_row}


def preview_import(agency: Agency, kind: str, upload: Any) -> ImportPreview:
    """Read and check a file; saves nothing."""
    if kind not in COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}")
    preview = ImportPreview(kind)
    try:
        headers, body = read_rows(upload)
    except ValidationError as exc:
        preview.file_errors.extend(exc.messages)
        return preview
    preview.headers = headers
    index, errors = _map_headers(kind, headers)
    if errors:
        preview.file_errors.extend(errors)
        return preview
    if not body:
        preview.file_errors.append("文件只有表头，没有数据行")
        return preview
    if kind == "items":
        ensure_default_catalogue(agency)
    seen: set = set()
    for number, cells in body:
        raw = {}
        for header, i in index.items():
            value = cells[i] if i < len(cells) else ""
            raw[header] = value if isinstance(value, date) else str(value).strip()
        row = ImportRow(number, raw)
        _CHECKS[kind](agency, row, seen)
        preview.rows.append(row)
    return preview


def preview_items(agency: Agency, upload: Any) -> ImportPreview:
    return preview_import(agency, "items", upload)


def preview_register(agency: Agency, kind: str, upload: Any) -> ImportPreview:
    """``kind`` is ``documents`` or ``figures``."""
    if kind not in ("documents", "figures"):
        raise ValueError(f"unknown register {kind!r}")
    return preview_import(agency, kind, upload)


def _refuse(preview: ImportPreview) -> None:
    if not preview.ok:
        raise ValidationError(["文件有错误，没有导入任何内容。", *preview.messages()])


@transaction.atomic
def do_import_items(agency: Agency, upload: Any, *, actor: Any = None) -> list[Item]:
    preview = preview_items(agency, upload)
    _refuse(preview)
    created = []
    # Earlier publications get the earlier serials.
    for row in sorted(preview.rows, key=lambda r: (r.values["published_on"] or date.max, r.number)):
        v = row.values
        fields = {k: v[k] for k in ("document_number", "issuing_body", "summary", "body")}
        item = actions.do_create_item(
            agency=agency, title=v["title"], formed_on=v["formed_on"], actor=actor, categories=v["categories"],
            art20_items=v["art20_items"], **fields,
        )
        if v["published_on"]:
            item.state = ItemState.PUBLISHED
            item.published_on = v["published_on"]
            item.review_comment = "批量导入：系统启用前已发布的信息"
            if v["index_number"]:
                item.index_number = v["index_number"]
            else:
                take_index_number(item)
            actions._attribute_history(item, actor)
            item.save()
        created.append(item)
    return created


@transaction.atomic
def do_import_register(agency: Agency, kind: str, upload: Any, *, actor: Any = None) -> int:
    """Save a register file; returns the number of rows saved."""
    preview = preview_register(agency, kind, upload)
    _refuse(preview)
    for row in preview.rows:
        v = row.values
        if kind == "documents":
            actions.do_register_document(agency=agency, actor=actor, **v)
        else:
            actions.do_set_monthly_figures(agency, v["year"], v["month"], counts=v["counts"], fees=v["fees"],
                                           actor=actor)
    return len(preview.rows)
