"""Markdown with pipe tables.

Pipe tables have one header row and no merged cells, so merged headers are flattened to
「group / label」 (e.g. 「法人或其他组织 / 商业企业」, 「行政诉讼 / 复议后起诉 / 总计」) and
sub-rows are written 「group / label」 in the first column (「（三）不予公开 / 1.属于国家秘密」).
Table 三's top-left header cell keeps the 勾稽关系 note, as in the official table. Table 二
becomes one pipe table per item of Art 20, since the items have different columns.
A blank number cell stays an empty cell.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.report.model import AnnualReport
from gongkai.report.writers.layout import (
    categories_title,
    chart_anchor,
    plan_sections,
    report_format,
    title_lines,
)
from gongkai.statute.formats.common import T3_NOTE
from gongkai.statute.structure import TableSpec


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _pipe_table(header: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(_cell(c) for c in cells) + " |"

    return [line(header), "|" + "|".join(" --- " for _ in header) + "|", *(line(r) for r in rows), ""]


def _value(report: AnnualReport, table: str, row: str, column: str) -> str:
    cell = report.cell(table, row, column)
    return cell.text if cell else ""


def table_lines(report: AnnualReport, spec: TableSpec) -> list[str]:
    if spec.blocks:
        content = spec.header_labels[0] if spec.header_labels else ""
        lines: list[str] = []
        for block in spec.blocks:
            header = [f"{block.label} / {content}", *(c.label for c in block.columns)]
            rows = [
                [row.label, *(_value(report, spec.key, row.key, c.key) for c in block.columns)] for row in block.rows
            ]
            lines.extend(_pipe_table(header, rows))
        return lines
    labelled = any(row.label for row in spec.rows)
    header = ([T3_NOTE] if labelled else []) + [c.path for c in spec.columns]
    rows = [
        ([row.path] if labelled else []) + [_value(report, spec.key, row.key, c.key) for c in spec.columns]
        for row in spec.rows
    ]
    return _pipe_table(header, rows)


def _categories_lines(report: AnnualReport) -> list[str]:
    names = list(report.categories)
    return [
        f"**{categories_title(report)}**",
        "",
        *_pipe_table(names, [[str(report.categories[n]) for n in names]]),
    ]


def write(report: AnnualReport, path: str | Path | None = None) -> str:
    fmt = report_format(report)
    lines = [f"# {' '.join(title_lines(report))}", ""]
    if report.preamble:
        for paragraph in report.preamble.split("\n"):
            if paragraph.strip():
                lines.extend([paragraph.strip(), ""])
    for section in plan_sections(report):
        lines.extend([f"## {section.heading}", ""])
        paragraphs = section.paragraphs
        anchor = chart_anchor(report, paragraphs) if section.key == "overview" and report.categories else None
        if anchor == -1:
            lines.extend(_categories_lines(report))
        for i, paragraph in enumerate(paragraphs):
            lines.extend([paragraph.strip(), ""])
            if i == anchor:
                lines.extend(_categories_lines(report))
        if section.table:
            lines.extend(table_lines(report, fmt.tables[section.table]))
    text = "\n".join(lines).rstrip("\n") + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
