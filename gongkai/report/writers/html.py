"""A complete, printable HTML5 document of the report.

Tables are semantic: ``<caption>``, ``<thead>`` with the official merged header structure
(rowspan/colspan from ``layout.py``), ``<th scope>`` on every header cell, and
``data-row``/``data-column`` (the statute's stable keys) on every number cell so that a
reader can take the document back without matching labels. Table 二 has one ``<tbody>``
per item of Art 20, each starting with its own header rows, as in the official table.

The print CSS sets A4 pages with page numbers, 仿宋/宋体 with the Noto CJK fonts as
fallbacks, and is what the PDF writer renders with WeasyPrint.
"""

from __future__ import annotations

import base64
import re
from html import escape
from pathlib import Path
from typing import Literal

from gongkai.report.model import AnnualReport
from gongkai.report.writers.chart import chart_png, chart_svg, chart_title
from gongkai.report.writers.layout import (
    Band,
    Kind,
    LayoutCell,
    TableLayout,
    chart_anchor,
    layout_table,
    plan_sections,
    split_subhead,
    title,
    title_lines,
)

_SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", serif'
_SANS = '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
FONT_BODY = f'"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", {_SERIF}'
FONT_TITLE = f'"方正小标宋简体", "方正小标宋_GBK", "宋体", "SimSun", "STSong", {_SERIF}'
FONT_HEADING = f'"黑体", "SimHei", "STHeiti", {_SANS}'
FONT_SUBHEAD = f'"楷体_GB2312", "楷体", "KaiTi", "STKaiti", {_SERIF}'
FONT_TABLE = f'"宋体", "SimSun", "STSong", {_SERIF}'

CSS = f"""
@page {{
  size: A4;
  margin: 2.5cm 2.8cm 2.5cm 2.8cm;
  @bottom-center {{
    content: "- " counter(page) " -";
    font-family: {FONT_TABLE};
    font-size: 10.5pt;
  }}
}}
html {{ font-family: {FONT_BODY}; font-size: 14pt; line-height: 1.7; color: #000; }}
body {{ margin: 0; }}
@media screen {{
  body {{ max-width: 17cm; margin: 2em auto; padding: 0 1em; }}
}}
h1 {{ font-family: {FONT_TITLE}; font-weight: bold; font-size: 20pt; line-height: 1.5;
  text-align: center; margin: 0 0 1em; }}
h1 span {{ display: block; }}
h2 {{ font-family: {FONT_HEADING}; font-weight: normal; font-size: 14pt; margin: 0.6em 0 0.2em;
  text-indent: 2em; page-break-after: avoid; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.subhead {{ font-family: {FONT_SUBHEAD}; font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.4em 0 0.8em;
  font-family: {FONT_TABLE}; font-size: 9pt; line-height: 1.35; }}
/* The section heading above each table already reads as its title: the caption is kept for
   assistive technology and readers, but not shown twice. */
caption, .visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }}
/* On paper they would still be in the PDF's text layer and mix into the tables' text. */
@media print {{ caption, .visually-hidden {{ display: none; }} }}
/* Table 三 fits one page; split, its row-spanning group labels would lose their text. */
table.t3, table.t4 {{ page-break-inside: avoid; break-inside: avoid; }}
th, td {{ border: 0.5pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle;
  font-weight: normal; overflow-wrap: anywhere; }}
tbody th[scope="row"] {{ text-align: left; }}
/* A blank cell is written blank (never 0); it still needs the height of a line of text,
   or table 四's only data row collapses when nothing is filled in. */
td {{ height: 1.35em; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; }}
.t4 th {{ font-size: 8.5pt; }}
figure {{ margin: 0.6em 0; text-align: center; page-break-inside: avoid; }}
figure svg, figure img {{ width: 100%; max-width: 15cm; height: auto; }}
figcaption {{ font-size: 10.5pt; text-indent: 0; }}
table.categories {{ width: auto; margin: 0.4em auto; }}
"""


def _cell_html(cell: LayoutCell, tag_override: str | None = None) -> str:
    attrs = []
    if cell.rowspan > 1:
        attrs.append(f' rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f' colspan="{cell.colspan}"')
    if cell.kind is Kind.VALUE:
        attrs.append(f' data-row="{escape(cell.row_key or "")}" data-column="{escape(cell.column_key or "")}"')
        return f"<td{''.join(attrs)}>{escape(cell.text)}</td>"
    tag = tag_override or "th"
    if cell.scope:
        attrs.insert(0, f' scope="{cell.scope}"')
    if cell.kind is Kind.CORNER:
        attrs.append(' class="note"')
    if cell.row_key:
        attrs.append(f' data-row="{escape(cell.row_key)}"')
    return f"<{tag}{''.join(attrs)}>{escape(cell.text)}</{tag}>"


def _rows_html(rows: tuple[tuple[LayoutCell, ...], ...], indent: str) -> list[str]:
    out = []
    for row in rows:
        cells = "".join(_cell_html(c) for c in row if not c.continued)
        out.append(f"{indent}<tr>{cells}</tr>")
    return out


def table_html(table: TableLayout, number: str = "") -> str:
    cls = {"二": "t2", "三": "t3", "四": "t4"}.get(table.key, "")
    out = [f'<table class="report-table {cls}" data-table="{escape(table.key)}">']
    out.append(f"  <caption>{escape(number + table.title)}</caption>")
    out.append("  <colgroup>" + "".join(f'<col style="width:{w * 100:.2f}%">' for w in table.widths) + "</colgroup>")
    bands: tuple[Band, ...] = table.bands
    if len(bands) == 1:
        out += ["  <thead>", *_rows_html(bands[0].header, "    "), "  </thead>"]
        out += ["  <tbody>", *_rows_html(bands[0].body, "    "), "  </tbody>"]
    else:
        # Table 二: each item of Art 20 is a group of rows with its own header rows.
        for band in bands:
            out.append(f'  <tbody data-block="{escape(band.key)}">')
            out += _rows_html(band.header, "    ")
            out += _rows_html(band.body, "    ")
            out.append("  </tbody>")
    out.append("</table>")
    return "\n".join(out)


def _paragraph_html(report: AnnualReport, paragraph: str) -> str:
    subhead, text = split_subhead(report, paragraph.strip())
    if subhead:
        return f'<p><span class="subhead">{escape(subhead)}</span>{escape(text)}</p>'
    return f"<p>{escape(text)}</p>"


_XML_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)


def chart_html(report: AnnualReport, chart: Literal["svg", "png"] = "svg") -> str:
    caption = escape(chart_title(report))
    if chart == "svg":
        svg = chart_svg(report)
        if svg is None:
            return ""
        svg = _XML_PROLOGUE.sub("", svg)
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{caption}" ', 1)
        body = svg
    else:
        png = chart_png(report)
        if png is None:
            return ""
        body = f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" alt="{caption}">'
    # The numbers also as a table, so that the figure is readable without the picture; one
    # category per row keeps a long list within the page width.
    data = (
        '<table class="categories"><thead><tr><th scope="col">类别</th><th scope="col">条数</th></tr></thead><tbody>'
        + "".join(
            f'<tr><th scope="row">{escape(name)}</th><td data-category="{escape(name)}">{count}</td></tr>'
            for name, count in report.categories.items()
        )
        + "</tbody></table>"
    )
    return f'<figure class="chart">{body}<figcaption class="visually-hidden">{caption}</figcaption>{data}</figure>'


def write(report: AnnualReport, path: str | Path | None = None, *, chart: Literal["svg", "png"] = "svg") -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="Gongkai">',
        f"<title>{escape(title(report))}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<article class="annual-report">',
        "<header>",
        "<h1>" + "".join(f"<span>{escape(line)}</span>" for line in title_lines(report)) + "</h1>",
    ]
    out += [f'<p class="preamble">{escape(p.strip())}</p>' for p in report.preamble.split("\n") if p.strip()]
    out.append("</header>")
    for section in plan_sections(report):
        ident = f' id="{escape(section.key)}"' if section.key else ""
        out.append(f"<section{ident}>")
        out.append(f"<h2>{escape(section.heading)}</h2>")
        paragraphs = section.paragraphs
        anchor = chart_anchor(report, paragraphs) if section.key == "overview" and report.categories else None
        if anchor == -1:
            out.append(chart_html(report, chart))
        for i, paragraph in enumerate(paragraphs):
            out.append(_paragraph_html(report, paragraph))
            if i == anchor:
                out.append(chart_html(report, chart))
        if section.table:
            number = section.canonical.number if section.canonical else ""
            out.append(table_html(layout_table(report, section.table), number))
        out.append("</section>")
    out += ["</article>", "</body>", "</html>", ""]
    text = "\n".join(out)
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
