"""Markdown: headings, paragraphs and pipe tables, including messy ones converted from PDF.

A table line is a line with at least two cells between pipes; leading and trailing pipes
are optional, separator rows (``|---|:--:|``) are skipped, ``<br>`` inside a cell is a
wrapped label, and rows may have uneven numbers of cells (``grid_row`` takes the values
from the end). A table interrupted only by page numbers (``- 3 -``) continues; other text
between two tables separates them, and the assembler then places each part by its rows
or by the section it is in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai.report.model import Location
from gongkai.report.readers.base import Block, Fragment, Paragraph, TableBlock, grid_row, is_blank_text

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_BULLET = re.compile(r"^\s*(?:[-*+]\s+|>\s*)")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*|__|`")
_SPLIT = re.compile(r"(?<!\\)\|")


def is_table_line(line: str) -> bool:
    if "|" not in line:
        return False
    if _SEPARATOR.match(line) and "-" in line:
        return True
    # 「| a |」 is a one-column row; a lone 「a | b」 needs two cells to count as a row.
    stripped = line.strip()
    return len(_cells(line)) >= 2 or (stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 2)


def looks_like_markdown(text: str) -> bool:
    lines = text.splitlines()
    # Counting stops at three table lines, which decide: this runs on every text input.
    table_lines = 0
    for line in lines:
        if line.count("|") >= 2 and is_table_line(line):
            table_lines += 1
            if table_lines >= 3:
                return True
    return table_lines == 2 and any(_SEPARATOR.match(line) and "-" in line and "|" in line for line in lines)


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [_clean(cell) for cell in _SPLIT.split(text)]


@lru_cache(maxsize=65536)
def _clean(cell: str) -> str:
    # Memoised: each table line is split twice, and tables repeat the same cells.
    cell = _BR.sub("", cell).replace("\\|", "|").replace("&nbsp;", " ")
    return _EMPHASIS.sub("", cell).strip()


def blocks(text: str) -> list[Block]:
    result: list[Block] = []
    table: TableBlock | None = None
    table_no = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue  # a blank line inside a table (a page break in converted text) does not end it
        if _PAGE_NUMBER.match(line):
            continue
        if is_table_line(line):
            if _SEPARATOR.match(line) and "-" in line:
                continue
            cells = _cells(line)
            if all(_SEPARATOR_CELL.match(c) or not c for c in cells):
                continue
            if table is None:
                table_no += 1
                table = TableBlock(location=Location(line=number, table=table_no))
                result.append(table)
            fragments = [Fragment(c, Location(line=number, table=table_no, col=i)) for i, c in
                         enumerate(cells, start=1)]
            if any(not is_blank_text(f.text) for f in fragments):
                table.rows.append(grid_row(fragments, Location(line=number, table=table_no)))
            continue
        table = None
        content = _HEADING.sub("", line)
        content = _BULLET.sub("", content)
        content = _EMPHASIS.sub("", _BR.sub("", content)).strip()
        if content:
            result.append(Paragraph(content, Location(line=number)))
    return [b for b in result if not isinstance(b, TableBlock) or b.rows]
