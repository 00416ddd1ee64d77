"""Turn an ``AnnualReport`` into flattened web text, as a browser copy of the page gives it.

Every label comes from the report's format (never retyped); table headers follow the
order in which a browser copies merged header cells (row by row, left to right).
"""

from __future__ import annotations

from gongkai.report.model import AnnualReport
from gongkai.statute import get_format
from gongkai.statute.formats.common import T3_APPLICANTS, T3_NOTE, T3_RESULTS, T4_RESULTS


def _value(report: AnnualReport, table: str, row: str, column: str) -> str:
    cell = report.cell(table, row, column)
    return cell.text if cell is not None else ""


def table_2_text(report: AnnualReport) -> str:
    spec = report.format.table("二")
    out = []
    for block in spec.blocks:
        out.append(block.label + spec.header_labels[0] + "".join(c.label for c in block.columns))
        for row in block.rows:
            out.append(row.label + "".join(_value(report, "二", row.key, c.key) for c in block.columns))
    return "".join(out)


def table_3_header(report: AnnualReport) -> str:
    columns = report.format.table("三").columns
    natural, *organisations, total = columns
    return (T3_NOTE + T3_APPLICANTS + natural.label + organisations[0].group[0] + total.label
            + "".join(c.label for c in organisations))


def table_3_rows(report: AnnualReport) -> list[tuple[str, str]]:
    """(label as copied, digits) per row; group labels and 三、本年度办理结果 precede the
    first row they span, as merged cells do."""
    spec = report.format.table("三")
    rows = []
    seen_groups: set[str] = set()
    for row in spec.rows:
        prefix = ""
        if row.key not in ("new", "carried_in") and T3_RESULTS not in seen_groups:
            seen_groups.add(T3_RESULTS)
            prefix += T3_RESULTS
        if row.group and row.group not in seen_groups:
            seen_groups.add(row.group)
            prefix += row.group
        rows.append((prefix + row.label, "".join(_value(report, "三", row.key, c.key) for c in spec.columns)))
    return rows


def table_3_text(report: AnnualReport) -> str:
    return table_3_header(report) + "".join(label + digits for label, digits in table_3_rows(report))


def table_4_text(report: AnnualReport) -> str:
    spec = report.format.table("四")
    review, suit, direct, after = spec.groups
    results = "".join(label for _, label in T4_RESULTS)
    header = review + suit + results + direct + after + results + results
    return header + "".join(_value(report, "四", "cases", c.key) for c in spec.columns)


def flatten(report: AnnualReport, *, newline_every_section: bool = False) -> str:
    """The page as one line: title, preamble, then each section heading with its table
    (if any) and its text."""
    fmt = get_format(report.meta.format_id or "2021")
    tables = {"proactive": table_2_text, "applications": table_3_text, "appeals": table_4_text}
    parts = [report.meta.title or f"{report.meta.agency}{report.meta.year}年{fmt.title_suffix}", report.preamble]
    for heading in fmt.sections:
        section = report.section(heading.key)
        text = section.text.replace("\n", "") if section else ""
        parts.append(heading.label + (tables[heading.key](report) if heading.key in tables else "") + text)
    return ("\n" if newline_every_section else "").join(parts)
