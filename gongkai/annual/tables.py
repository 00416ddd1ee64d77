"""Tables 二, 三 and 四 of a version for the staff page: the official layout (``report.writers
.layout``, the same grid the HTML, DOCX and text writers use), each number cell linking to
the records behind it, and the cells a finding points at marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from gongkai.report.model import AnnualReport
from gongkai.report.writers.layout import Kind, layout_table
from gongkai.statute import ReportFormat


@dataclass(frozen=True)
class GridCell:
    text: str
    header: bool
    scope: str | None
    rowspan: int
    colspan: int
    url: str | None = None
    flagged: str | None = None  # the severity of a finding on this cell
    label: str = ""  # what a screen reader says for the link


def cell_url(version_pk: int, table: str, row: str, column: str) -> str:
    query = urlencode({"table": table, "row": row, "column": column})
    return f"{reverse('annual:cell', args=[version_pk])}?{query}"


def grids(
    report: AnnualReport, fmt: ReportFormat, *, version_pk: int | None, findings: list[dict[str, Any]] = ()
) -> list[dict[str, Any]]:
    """[{key, number, title, rows: [[GridCell]]}] for tables 二, 三 and 四."""
    flagged: dict[tuple[str, str, str], str] = {}
    rank = {"error": 0, "warning": 1, "notice": 2}
    for finding in findings:
        loc = finding.get("location") or {}
        if loc.get("table") and loc.get("row_key") and loc.get("column_key"):
            key = (loc["table"], loc["row_key"], loc["column_key"])
            if key not in flagged or rank[finding["severity"]] < rank[flagged[key]]:
                flagged[key] = finding["severity"]
    numbers = {h.key: h.number for h in fmt.sections}
    section_of = {"二": "proactive", "三": "applications", "四": "appeals"}
    out = []
    for table in ("二", "三", "四"):
        if table not in fmt.tables:
            continue
        layout = layout_table(report, table)
        rows = []
        for row in layout.rows:
            cells = []
            for cell in row:
                if cell.continued:
                    continue
                if cell.kind is Kind.VALUE:
                    key = (table, cell.row_key or "", cell.column_key or "")
                    url = cell_url(version_pk, *key) if version_pk else None
                    spec = fmt.table(table)
                    row_label = spec.row(cell.row_key).path if cell.row_key else ""
                    column_label = spec.column(cell.column_key).path if cell.column_key else ""
                    label = f"{row_label} {column_label}：{cell.text or '空白'}，查看记录"
                    cells.append(GridCell(cell.text, False, None, cell.rowspan, cell.colspan, url,
                                          flagged.get(key), label))
                else:
                    cells.append(GridCell(cell.text, True, cell.scope, cell.rowspan, cell.colspan))
            rows.append(cells)
        out.append({"key": table, "number": numbers[section_of[table]], "title": layout.title, "rows": rows})
    return out
