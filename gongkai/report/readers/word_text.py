"""Text as extracted from a Word document (the example report's layout).

Table rows are separated by blank lines and each cell starts with a TAB; a cell that
runs over several lines continues on lines without a TAB. Outside tables every line is a
paragraph. U+3000 and NBSP inside cells are kept in the text and ignored as values.
"""

from __future__ import annotations

import re

from gongkai.report.model import Location
from gongkai.report.readers.base import Block, Fragment, Paragraph, TableBlock, grid_row

# Extraction debris from Word: bookmarks are invisible in the document.
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


def looks_like_word_text(text: str) -> bool:
    lines = text.splitlines()
    tab_lines = sum(1 for line in lines if line.startswith("\t"))
    return tab_lines >= 20 or (bool(lines) and tab_lines / len(lines) > 0.2)


def blocks(text: str) -> list[Block]:
    result: list[Block] = []
    table: TableBlock | None = None
    cells: list[Fragment] | None = None
    row_line = 0

    def end_row() -> None:
        nonlocal cells
        if cells is not None and table is not None and any(c.text.strip() for c in cells):
            table.rows.append(grid_row(cells, Location(line=row_line)))
        cells = None

    def end_table() -> None:
        nonlocal table
        end_row()
        if table is not None and table.rows:
            result.append(table)
        table = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if "[bookmark:" in line:
            line = _BOOKMARK.sub("", line)
        if not line.strip(" \r"):
            end_row()
            continue
        if "\t" in line:
            if line.startswith("\t") and cells is not None:
                pass  # another cell of the current row
            else:
                end_row()
                if table is None:
                    table = TableBlock(location=Location(line=number))
                cells = []
                row_line = number
            pieces = line.split("\t")
            if line.startswith("\t"):
                pieces = pieces[1:]
            elif not pieces[-1].strip():
                pieces = pieces[:-1]  # 「名称\t名称\t」: the trailing TAB closes the last cell
            location = Location(line=number)
            cells.extend(Fragment(piece, location) for piece in pieces)
            continue
        if cells is not None and cells:
            cells[-1] = Fragment(cells[-1].text + line, cells[-1].location)
            continue
        end_table()
        result.append(Paragraph(line, Location(line=number)))
    end_table()
    return result
