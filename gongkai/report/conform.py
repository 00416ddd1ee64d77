"""Bring a report read from a file into its own format, listing every change.

This is what an officer confirms before re-publishing a hand-typed report through
Gongkai: headings renumbered to the format, cells of another format dropped, and — only
when asked — blank cells filled with 0 (spec §5.1 rule 6: blank is not 0, so filling
needs a person's confirmation).
"""

from __future__ import annotations

import copy
import dataclasses

from gongkai.report.model import AnnualReport, Cell, Section, empty_report
from gongkai.report.tabular import cell_labels
from gongkai.statute import format_for_year
from gongkai.statute.labels import fold, label_key, split_numbering


def conform(report: AnnualReport, fill_blanks: bool = False) -> tuple[AnnualReport, list[str]]:
    if report.meta.year is None:
        raise ValueError("报告没有年度，无法确定应使用的格式。")
    fmt = format_for_year(report.meta.year)
    changes: list[str] = []
    out = empty_report(fmt.id)
    out.meta = dataclasses.replace(report.meta, format_id=fmt.id, source_layout="")
    out.preamble = report.preamble
    out.categories = dict(report.categories)
    out.categories_total = report.categories_total
    if report.meta.format_id != fmt.id:
        changes.append(f"格式改为 {fmt.document} 规定的格式。")

    for section in report.sections:
        if section.key is None:
            out.sections.append(copy.copy(section))
            continue
        canonical = fmt.section(section.key).label
        if section.heading.replace(" ", "") != canonical:
            changes.append(f"标题“{section.heading}”改为“{canonical}”。")
        text = _renumber_subheads(section.text, fmt, changes) if section.key == "overview" else section.text
        out.sections.append(Section(section.key, canonical, text, section.location))
    order = {h.key: i for i, h in enumerate(fmt.sections)}
    out.sections.sort(key=lambda s: order.get(s.key or "", len(order)))
    missing = [h.label for h in fmt.sections if h.key not in {s.key for s in out.sections}]
    for label in missing:
        changes.append(f"缺少章节“{label}”，已补上空白章节。")
        heading = next(h for h in fmt.sections if h.label == label)
        out.sections.append(Section(heading.key, label, ""))
    out.sections.sort(key=lambda s: order.get(s.key or "", len(order)))

    for table_key, cells in report.tables.items():
        spec = fmt.tables[table_key]
        for (row_key, column_key), cell in cells.items():
            target = out.cell(table_key, row_key, column_key)
            if target is None:
                if not cell.is_blank:
                    row_label, column_label = cell_labels(table_key, row_key, column_key)
                    changes.append(f"表{table_key}“{row_label}”行“{column_label}”列不属于本格式，"
                                   f"其数值“{cell.text}”已删除。")
                continue
            column = spec.column(column_key, spec.row(row_key))
            out.set_cell(table_key, row_key, column_key, Cell(cell.text, cell.location, column.unit))
    if fill_blanks:
        filled = 0
        for cells in out.tables.values():
            for key, cell in cells.items():
                if cell.is_blank:
                    cells[key] = Cell("0", cell.location, cell.unit)
                    filled += 1
        if filled:
            changes.append(f"{filled} 个空白单元格已按确认填为 0。")
    return out, changes


def _renumber_subheads(text: str, fmt, changes: list[str]) -> str:
    """Section 一's sub-heads get the format's （一）…（五） numbering."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        numbering, rest = split_numbering(line)
        if numbering is None:
            continue
        for head in fmt.overview_heads:
            titles = (head.title, *head.aliases)
            if any(rest.startswith(label_key(t)) or rest.startswith(t) for t in titles):
                end = next(n for n in range(len(line) + 1) if fold(line[:n]) == numbering.written)
                body = line[end:].lstrip(" \u3000")
                if numbering.written != fold(head.number):
                    changes.append(f"第一部分小标题“{line.strip()[:20]}”的编号改为“{head.number}”。")
                lines[i] = head.number + body
                break
    return "\n".join(lines)
