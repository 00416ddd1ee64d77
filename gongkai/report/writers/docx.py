"""DOCX in the official layout, with python-docx.

* A4 (21.0 × 29.7 cm) with 2.5 cm top/bottom and 2.8 cm left/right margins;
* the title centred in 方正小标宋简体 (bold), headings in 黑体, the section 一 sub-heads in
  楷体_GB2312, body text in 仿宋_GB2312 with a two-character first-line indent, tables in 宋体;
* every run, and the Normal style, carries the ``w:eastAsia`` font: python-docx's
  ``font.name`` sets only the Latin fonts, and Word picks the Chinese font from
  ``w:eastAsia`` (without it the Chinese text falls back to the template's theme font);
* tables 二/三/四 merged exactly as the official template (``layout.py``): merged
  rectangles become ``gridSpan``/``vMerge`` cells;
* page numbers 「- 1 -」 in the footer as a PAGE field;
* the 主动公开 category chart as a picture in section 一.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from gongkai.report.model import AnnualReport
from gongkai.report.writers.chart import chart_png, chart_title
from gongkai.report.writers.layout import (
    Kind,
    TableLayout,
    chart_anchor,
    layout_table,
    plan_sections,
    split_subhead,
    title,
    title_lines,
)
from gongkai.report.writers.official_docx import (
    FONT_BODY,
    FONT_HEADING,
    FONT_SUBHEAD,
    FONT_TABLE,
    FONT_TITLE,
    SIZE_BODY,
    SIZE_TABLE,
    SIZE_TITLE,
    add_run,
    body_format,
    east_asia,
    setup_document,
)


def _setup(document: DocxDocument, report: AnnualReport) -> None:
    setup_document(document, title=title(report), author=report.meta.agency or "")


def _content_width(document: DocxDocument) -> int:
    section = document.sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def add_table(document: DocxDocument, layout: TableLayout) -> Table:
    table = document.add_table(rows=layout.nrows, cols=layout.ncols)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = _content_width(document)
    widths = [int(total * w) for w in layout.widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    # Cells are reached through the XML rows: Table.cell() recomputes the whole grid on
    # each call, which made a ten-column table take seconds. The Word cells of the regular
    # grid are taken before any merge; merging only removes cells inside its own rectangle.
    grid = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for tcs in grid:
        for tc, width in zip(tcs, widths, strict=True):
            tc.width = width
    size = SIZE_TABLE.get(layout.key, Pt(9))
    pairs = [
        (cell, grid[cell.row][cell.col], grid[cell.row + cell.rowspan - 1][cell.col + cell.colspan - 1])
        for cell in layout.origins()
    ]
    for cell, origin, corner in pairs:
        target = _Cell(origin, table)
        if corner is not origin:
            target = target.merge(_Cell(corner, table))
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = target.paragraphs[0]
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.kind is Kind.ROW else WD_ALIGN_PARAGRAPH.CENTER
        # Word keeps a table on one page when each of its rows keeps with the next: split,
        # table 三's row-spanning group labels would be cut from their rows.
        if cell.row + cell.rowspan < layout.nrows:
            paragraph.paragraph_format.keep_with_next = True
        # Every cell gets a run, blank ones too, so that typing into it keeps 宋体.
        add_run(paragraph, cell.text, FONT_TABLE, size)
    if len(layout.bands) == 1:
        for i in range(len(layout.bands[0].header)):
            _repeat_header(table.rows[i])
    return table


def _paragraph(document: DocxDocument, report: AnnualReport, text: str) -> None:
    paragraph = document.add_paragraph()
    body_format(paragraph)
    subhead, text = split_subhead(report, text)
    if subhead:
        add_run(paragraph, subhead, FONT_SUBHEAD, SIZE_BODY, bold=True)
    if text:
        add_run(paragraph, text, FONT_BODY, SIZE_BODY)


def _chart(document: DocxDocument, report: AnnualReport) -> None:
    png = chart_png(report, dpi=200)
    if png is None:
        return
    document.add_picture(io.BytesIO(png), width=Cm(14))
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in picture.runs:  # so that text typed next to the picture is 仿宋 too
        east_asia(run._r, FONT_BODY)
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(caption, chart_title(report), FONT_BODY, Pt(12))


def build(report: AnnualReport) -> DocxDocument:
    document = docx.Document()
    _setup(document, report)
    for line in title_lines(report):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        add_run(paragraph, line, FONT_TITLE, SIZE_TITLE, bold=True)
    document.add_paragraph()
    for text in report.preamble.split("\n"):
        if text.strip():
            _paragraph(document, report, text.strip())
    for section in plan_sections(report):
        heading = document.add_paragraph()
        body_format(heading)
        heading.paragraph_format.keep_with_next = True
        add_run(heading, section.heading, FONT_HEADING, SIZE_BODY)
        paragraphs = section.paragraphs
        anchor = chart_anchor(report, paragraphs) if section.key == "overview" and report.categories else None
        if anchor == -1:
            _chart(document, report)
        for i, text in enumerate(paragraphs):
            _paragraph(document, report, text.strip())
            if i == anchor:
                _chart(document, report)
        if section.table:
            add_table(document, layout_table(report, section.table))
    return document


def write(report: AnnualReport, path: str | Path | None = None) -> bytes:
    buf = io.BytesIO()
    build(report).save(buf)
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data
