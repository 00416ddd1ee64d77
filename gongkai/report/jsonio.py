"""The report's JSON form: ``gongkai.report`` schema, version 1.

The schema is documented in ``docs/report-json.md`` and given as JSON Schema in
``gongkai/report/report.schema.json``. Cells are keyed by the format's stable row and
column keys and keep their text as written; numbers are never re-typed, so a cell
written ``0`` and a blank cell stay different.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from gongkai.report.model import AnnualReport, Cell, LabelSeen, Location, ReportMeta, Section
from gongkai.statute import get_format
from gongkai.statute.structure import Unit

SCHEMA_ID = "gongkai.report"
SCHEMA_VERSION = 1


class ReportJSONError(ValueError):
    """The JSON is not a Gongkai report of a known schema version."""


def to_dict(report: AnnualReport) -> dict[str, Any]:
    meta = report.meta
    return {
        "schema": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "meta": {
            "agency": meta.agency,
            "year": meta.year,
            "format": meta.format_id,
            "title": meta.title,
            "published": meta.published.isoformat() if meta.published else None,
            "agency_level": meta.agency_level,
            "source_name": meta.source_name,
            "source_layout": meta.source_layout,
        },
        "preamble": report.preamble,
        "sections": [
            {"key": s.key, "heading": s.heading, "text": s.text, **_loc(s.location)} for s in report.sections
        ],
        "tables": {
            table: [
                {"row": row, "column": column, "text": cell.text, **_loc(cell.location)}
                | ({"inferred": True} if cell.inferred else {})
                for (row, column), cell in cells.items()
            ]
            for table, cells in report.tables.items()
        },
        "labels": [
            {
                "table": lab.table,
                "kind": lab.kind,
                "written": lab.written,
                "key": lab.key,
                "canonical": lab.canonical,
                "match": lab.match,
                "formats": list(lab.formats),
                **_loc(lab.location),
            }
            for lab in report.labels
        ],
        "categories": report.categories,
        "categories_total": report.categories_total,
    }


def _loc(location: Location | None) -> dict[str, Any]:
    return {"location": location.to_dict()} if location else {}


def to_json(report: AnnualReport, indent: int | None = 2) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_dict(data: Any) -> AnnualReport:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise ReportJSONError("不是 Gongkai 年度报告 JSON（缺少 \"schema\": \"gongkai.report\"）。")
    if data.get("version") != SCHEMA_VERSION:
        raise ReportJSONError(f"不支持的报告 JSON 版本：{data.get('version')!r}（支持 {SCHEMA_VERSION}）。")
    try:
        meta_in = data.get("meta") or {}
        published = meta_in.get("published")
        meta = ReportMeta(
            agency=meta_in.get("agency") or "",
            year=meta_in.get("year"),
            format_id=meta_in.get("format"),
            title=meta_in.get("title") or "",
            published=date.fromisoformat(published) if published else None,
            agency_level=meta_in.get("agency_level"),
            source_name=meta_in.get("source_name") or "",
            source_layout=meta_in.get("source_layout") or "",
        )
        fmt = get_format(meta.format_id) if meta.format_id else None
        report = AnnualReport(meta=meta, preamble=data.get("preamble") or "")
        for s in data.get("sections") or []:
            report.sections.append(
                Section(s.get("key"), s["heading"], s.get("text", ""), Location.from_dict(s.get("location")))
            )
        for table, cells in (data.get("tables") or {}).items():
            for c in cells:
                unit = _unit(fmt, table, c["row"], c["column"])
                report.set_cell(
                    table,
                    c["row"],
                    c["column"],
                    Cell(str(c.get("text", "")), Location.from_dict(c.get("location")), unit, bool(c.get("inferred"))),
                )
        for lab in data.get("labels") or []:
            report.labels.append(
                LabelSeen(
                    lab["table"],
                    lab["kind"],
                    lab["written"],
                    lab.get("key"),
                    lab.get("canonical"),
                    lab.get("match"),
                    tuple(lab.get("formats") or ()),
                    Location.from_dict(lab.get("location")),
                )
            )
        report.categories = {str(k): int(v) for k, v in (data.get("categories") or {}).items()}
        report.categories_total = data.get("categories_total")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, ReportJSONError):
            raise
        raise ReportJSONError(f"报告 JSON 结构有误：{exc}") from exc
    return report


def _unit(fmt, table: str, row: str, column: str) -> Unit:
    if fmt is None or table not in fmt.tables:
        return Unit.COUNT
    spec = fmt.table(table)
    try:
        return spec.column(column, spec.row(row)).unit
    except KeyError:
        return Unit.COUNT


def from_json(text: str | bytes) -> AnnualReport:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ReportJSONError(f"JSON 无法解析：{exc}") from exc
    return from_dict(data)
