"""PDF with a text layer, read with pdfplumber: ruled tables and the text around them.

Each page is parsed once: its characters and its ruled tables (``find_tables``). Every
character is assigned either to the table cell whose box holds it or to the running text,
so nothing is extracted twice. Characters just outside a table's frame (a full stop past
the right rule) go to the nearest cell of their row rather than becoming a stray line.

Many reports put whole pages of prose inside a ruled frame. A table row that is one cell
across the full width is therefore prose (or a section heading) unless it is a short
caption directly above real table rows, such as 第二十条第（一）项.

Tables split across pages are joined: a table that opens a page right after a table that
closed the previous one continues it, unless it starts with a header row of its own.
Running text is rebuilt into paragraphs from the line geometry (a line that reaches the
right margin continues into an unindented next line), and page numbers such as ``- 3 -``
are dropped.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from statistics import median

from gongkai.report.model import Location
from gongkai.report.readers.base import (
    Block,
    Fragment,
    Paragraph,
    ReadError,
    TableBlock,
    grid_row,
    is_blank_text,
)
from gongkai.statute.labels import fold, split_numbering

NO_TEXT_LAYER = "PDF 没有文字层（可能是扫描件），不支持 OCR，请提供含文字的 PDF 或文本。"

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～]\s*\d{1,4}\s*[-—–－~～]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})$"
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
# Words of header rows that open a table of their own (so it is not a continuation).
_HEADER_WORDS = ("信息内容", "第二十条", "申请人情况", "勾稽关系", "行政复议", "行政诉讼", "自然人")
_SENTENCE_END = "。！？；：.!?;:"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    page: int
    number: int = 0  # line number on its page, counting prose lines only


@dataclass
class _Row:
    page: int
    table: int  # document-wide table number (pdfplumber table on its page)
    top: float
    cells: list[Fragment]
    full_width: bool  # one cell across the whole table
    lines: list[_Line] = field(default_factory=list)  # the cell's lines when full width


Item = _Line | _Row


def blocks(data: bytes) -> list[Block]:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ReadError("读取 PDF 需要 pdfplumber，但它没有安装。") from exc
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types on damaged or encrypted files
        raise _open_error(exc) from exc
    try:
        with pdf:
            items: list[Item] = []
            table_no = 0
            any_chars = False
            for page_no, page in enumerate(pdf.pages, start=1):
                page_items, tables, has_chars = _page_items(page, page_no, table_no)
                table_no += tables
                any_chars = any_chars or has_chars
                items.extend(page_items)
    except ReadError:
        raise
    except Exception as exc:
        raise _open_error(exc) from exc
    if not any_chars:
        raise ReadError(NO_TEXT_LAYER)
    return _assemble_stream(items)


def _open_error(exc: Exception) -> ReadError:
    # pdfplumber wraps pdfminer's exception: look at both for the encryption errors.
    text = f"{exc!r} {exc.args[0]!r} {exc.__cause__!r}" if exc.args else f"{exc!r} {exc.__cause__!r}"
    if "Password" in text or "Encrypt" in text:
        return ReadError("PDF 文件已加密（需要密码），无法读取。请提供未加密的文件。")
    return ReadError("PDF 文件已损坏或格式不正确，无法读取。")


# --- one page -----------------------------------------------------------------------------


def _page_items(page, page_no: int, table_base: int) -> tuple[list[Item], int, bool]:
    chars = [c for c in page.chars if c.get("text", "").strip()]
    if not chars:
        return [], 0, False
    tables = page.find_tables()
    grids = [_Grid(t) for t in tables]
    outside: list[dict] = []
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        for grid in grids:
            if grid.take(char, cx, cy):
                break
        else:
            outside.append(char)
    items: list[Item] = []
    for t, grid in enumerate(grids, start=1):
        items.extend(grid.rows(page_no, table_base + t))
    for line in _lines(outside, page_no):
        items.append(line)
    items.sort(key=lambda item: item.top)
    items = _drop_page_numbers(items)
    number = 0
    for item in items:
        for line in [item] if isinstance(item, _Line) else item.lines:
            number += 1
            line.number = number
    return items, len(grids), True


class _Grid:
    """A pdfplumber table as a grid of slots, each slot pointing to the cell covering it."""

    def __init__(self, table) -> None:
        self.bbox = table.bbox
        self.cells: list[tuple[int, int, tuple]] = []  # (row, col, bbox), 0-based
        for r, row in enumerate(table.rows):
            for c, bbox in enumerate(row.cells):
                if bbox is not None:
                    self.cells.append((r, c, bbox))
        self.n_rows = len(table.rows)
        self.n_cols = max((len(row.cells) for row in table.rows), default=0)
        self.xs = sorted({round(b[0], 1) for *_, b in self.cells} | {round(b[2], 1) for *_, b in self.cells})
        self.ys = sorted({round(b[1], 1) for *_, b in self.cells} | {round(b[3], 1) for *_, b in self.cells})
        self.slots: dict[tuple[int, int], int] = {}
        for index, (_, _, (x0, top, x1, bottom)) in enumerate(self.cells):
            xi0, xi1 = bisect_right(self.xs, round(x0, 1)) - 1, bisect_right(self.xs, round(x1, 1)) - 1
            yi0, yi1 = bisect_right(self.ys, round(top, 1)) - 1, bisect_right(self.ys, round(bottom, 1)) - 1
            for yi in range(yi0, max(yi0 + 1, yi1)):
                for xi in range(xi0, max(xi0 + 1, xi1)):
                    self.slots.setdefault((yi, xi), index)
        self.chars: dict[int, list[dict]] = {}

    def take(self, char: dict, cx: float, cy: float) -> bool:
        x0, top, x1, bottom = self.bbox
        if not (top <= cy <= bottom) or not self.xs:
            return False
        # A character just past the left or right rule belongs to the row's edge cell.
        slack = max(char.get("size", 10.0), 6.0)
        if not (x0 - slack <= cx <= x1 + slack):
            return False
        cx = min(max(cx, self.xs[0] + 0.01), self.xs[-1] - 0.01)
        xi = bisect_right(self.xs, cx) - 1
        yi = bisect_right(self.ys, cy) - 1
        index = self.slots.get((yi, xi))
        if index is None:
            return False
        self.chars.setdefault(index, []).append(char)
        return True

    def rows(self, page_no: int, table_no: int) -> list[_Row]:
        by_row: dict[int, list[tuple[int, int]]] = {}
        for index, (r, c, _) in enumerate(self.cells):
            by_row.setdefault(r, []).append((c, index))
        result: list[_Row] = []
        for r in sorted(by_row):
            entries = sorted(by_row[r])
            fragments = []
            for c, index in entries:
                text = "".join(line.text for line in _lines(self.chars.get(index, []), page_no))
                fragments.append(Fragment(text, Location(page=page_no, table=table_no, row=r + 1, col=c + 1)))
            top = min(self.cells[index][2][1] for _, index in entries)
            full = len(entries) == 1 and (
                self.n_cols <= 1 or self.cells[entries[0][1]][2][2] - self.cells[entries[0][1]][2][0]
                >= 0.9 * (self.bbox[2] - self.bbox[0])
            )
            lines = _lines(self.chars.get(entries[0][1], []), page_no) if full else []
            result.append(_Row(page_no, table_no, top, fragments, full, lines))
        return result


def _lines(chars: list[dict], page_no: int) -> list[_Line]:
    """Characters into lines, top to bottom; a gap wider than 3 pt is a space (as pdfplumber)."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict]] = []
    anchor = None
    for char in ordered:
        tolerance = max(2.0, 0.4 * char.get("size", 10.0))
        if anchor is None or abs(char["top"] - anchor) > tolerance:
            groups.append([char])
            anchor = char["top"]
        else:
            groups[-1].append(char)
    lines: list[_Line] = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        parts: list[str] = []
        last_x1 = None
        for char in group:
            if last_x1 is not None and char["x0"] - last_x1 > 3:
                parts.append(" ")
            parts.append(char["text"])
            last_x1 = char["x1"]
        lines.append(_Line("".join(parts), group[0]["x0"], max(c["x1"] for c in group),
                           min(c["top"] for c in group), median(c.get("size", 10.0) for c in group), page_no))
    return lines


def _drop_page_numbers(items: list[Item]) -> list[Item]:
    lines = [i for i in items if isinstance(i, _Line)]
    edge = {id(lines[0]), id(lines[-1])} if lines else set()
    kept: list[Item] = []
    for item in items:
        if isinstance(item, _Line):
            text = item.text.strip()
            if _PAGE_NUMBER.match(text) or (id(item) in edge and _BARE_NUMBER.match(text)):
                continue
        kept.append(item)
    return kept


# --- the document -------------------------------------------------------------------------


def _is_section_heading(text: str) -> bool:
    from gongkai.report.readers.assemble import SECTION_INDEX

    numbering, rest = split_numbering(fold(text))
    if numbering is None or not rest or len(rest) > 30:
        return False
    return SECTION_INDEX.match(rest.rstrip("。.:：")) is not None


def _is_header_row(row: _Row) -> bool:
    text = "".join(f.text for f in row.cells)
    return any(word in text for word in _HEADER_WORDS)


def _is_grid_row(item: Item | None) -> bool:
    return isinstance(item, _Row) and not item.full_width


def _assemble_stream(items: list[Item]) -> list[Block]:
    result: list[Block] = []
    pending: list[_Line] = []
    table: TableBlock | None = None
    last_row: _Row | None = None

    def flush_text() -> None:
        result.extend(_paragraphs(pending))
        pending.clear()

    for index, item in enumerate(items):
        if isinstance(item, _Line):
            table, last_row = None, None
            pending.append(item)
            continue
        text = "".join(f.text for f in item.cells)
        if item.full_width:
            if is_blank_text(text):
                continue
            following = next((i for i in items[index + 1 :] if not (isinstance(i, _Row) and i.full_width
                                                                   and is_blank_text(i.cells[0].text))), None)
            caption = len(fold(text)) <= 40 and "。" not in text and _is_grid_row(following)
            if _is_section_heading(text) or not caption:
                table, last_row = None, None
                pending.extend(item.lines)
                continue
        elif all(is_blank_text(f.text) for f in item.cells):
            continue
        flush_text()
        # A table that opens a page right after one that closed the previous page continues it.
        continues = (
            table is not None
            and last_row is not None
            and (item.table == last_row.table or (item.page != last_row.page and not _is_header_row(item)))
        )
        if not continues or table is None:
            table = TableBlock(location=item.cells[0].location)
            result.append(table)
        table.rows.append(grid_row(item.cells, item.cells[0].location))
        last_row = item
    flush_text()
    return [b for b in result if not isinstance(b, TableBlock) or b.rows]


def _paragraphs(lines: list[_Line]) -> list[Paragraph]:
    """Join wrapped lines into paragraphs by their geometry."""
    if not lines:
        return []
    margins: dict[int, tuple[float, float]] = {}
    for page in {line.page for line in lines}:
        body = [line for line in lines if line.page == page and len(line.text) >= 8] or [
            line for line in lines if line.page == page
        ]
        margins[page] = (min(line.x0 for line in body), max(line.x1 for line in body))
    paragraphs: list[Paragraph] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and paragraphs and _continues(previous, line, margins):
            paragraphs[-1].text += line.text
        else:
            paragraphs.append(Paragraph(line.text, Location(page=line.page, line=line.number)))
        previous = line
    return paragraphs


def _continues(previous: _Line, line: _Line, margins: dict[int, tuple[float, float]]) -> bool:
    _, right = margins[previous.page]
    left, _ = margins[line.page]
    full = previous.x1 >= right - 1.5 * previous.size
    indented = line.x0 > left + 0.8 * line.size
    if not full or indented:
        return False
    if _is_section_heading(line.text) or _is_section_heading(previous.text):
        return False
    # An unindented numbered line after a finished sentence starts a new item.
    numbering, _ = split_numbering(fold(line.text))
    return not (numbering is not None and previous.text.rstrip()[-1:] in _SENTENCE_END)


def plain_text(blocks: list[Block]) -> str:
    """The running text, one paragraph per line (for the text layouts when no table was ruled)."""
    return "\n".join(b.text for b in blocks if isinstance(b, Paragraph))
