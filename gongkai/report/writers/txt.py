"""Plain text in the layout that Word's text extraction gives, as people paste it.

The layout follows the seed report (``shared/seed/000_4f0b4356af47fe62.txt``), but correct:

* the title: the agency on one line, 「YYYY年政府信息公开工作年度报告」 on the next, a blank
  line, then the preamble;
* each section: its heading on its own line, then its paragraphs one per line;
* tables: every Word table cell on its own line with a TAB before it; a blank line after
  each table row; two more blank lines after the table. A cell merged across columns is
  one cell; a cell merged down over several rows leaves an empty cell (``\\t``) in each
  later row, exactly as Word writes it; a blank number cell is an empty cell (blank ≠ 0);
* the 主动公开 categories, when the report has them, in section 一 after the
  （一）主动公开情况 text — where the HTML and DOCX put the chart — written as the seed
  writes its chart data: 「YYYY年主动公开N条（次）」 and a TAB, then one line with the
  names and then the counts, each followed by a TAB, and a blank line.

The Word-text reader reads this back; ``layout.py`` holds the table structure.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.report.model import AnnualReport
from gongkai.report.writers.layout import (
    TableLayout,
    categories_title,
    chart_anchor,
    layout_table,
    plan_sections,
    title_lines,
)


def table_lines(table: TableLayout) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        lines.extend(f"\t{cell.text}" for cell in row)
        lines.append("")
    lines.extend(["", ""])
    return lines


def categories_lines(report: AnnualReport) -> list[str]:
    names = list(report.categories)
    counts = [str(report.categories[n]) for n in names]
    # The blank line ends the block as it ends a table row: in Word text a line without a
    # TAB right after a row continues that row's last cell.
    return [f"{categories_title(report)}\t", "".join(f"{x}\t" for x in (*names, *counts)), ""]


def write(report: AnnualReport, path: str | Path | None = None) -> str:
    lines = [*title_lines(report), ""]
    if report.preamble:
        lines.extend(p for p in report.preamble.split("\n") if p.strip())
    for section in plan_sections(report):
        lines.append(section.heading)
        paragraphs = section.paragraphs
        anchor = chart_anchor(report, paragraphs) if section.key == "overview" and report.categories else None
        if anchor == -1:  # section 一 has no text: the data stand alone under the heading
            lines.extend(categories_lines(report))
        for i, paragraph in enumerate(paragraphs):
            lines.append(paragraph)
            if i == anchor:
                lines.extend(categories_lines(report))
        if section.table:
            lines.extend(table_lines(layout_table(report, section.table)))
    text = "\n".join(lines).rstrip("\n") + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
