"""Text extracted from a PDF, as people paste it or as pypdf writes it.

The PDF's lines come out one per text line: body paragraphs wrapped at the page width,
page numbers such as ``- 3 -`` wherever a page ends (also inside tables), and each table
row on one line with its cells separated by spaces. Merged or narrow label cells break
into several lines: vertical labels one character per line, wrapped row labels whose
numbers follow on the last line, group labels split around a page break.

This module finds the sections, joins wrapped paragraphs, and turns each table region
into ``TableRow`` objects; ``assemble`` resolves the labels. Text whose tables come out
column by column (pdfminer) is handled by ``pdfminer_text`` with the same line handling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from gongkai.report.model import Location
from gongkai.report.readers.assemble import ROW_INDEXES, SECTION_INDEX, T2_COLUMNS, T3_WIDTH, T4_WIDTH
from gongkai.report.readers.base import Block, Fragment, Note, Paragraph, TableBlock, TableRow, is_value_text
from gongkai.statute.labels import NumberStyle, fold, label_key, split_numbering

# Page numbers as PDF footers write them: - 3 -, — 3 —, 第 3 页（共 5 页）, 3/5.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:"
    r"[-－—–~～·]+\s*\d{1,4}\s*[-－—–~～·]+"
    r"|第\s*\d{1,4}\s*页\s*(?:[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r")\s*$"
)
# Cells that stand for "nothing" in a row of numbers; kept as cells so the checks see them.
_DASH_CELL = re.compile(r"^(?:[-－—–/／]{1,2}|——)$")
_TABLE_SECTIONS = {"proactive": "二", "applications": "三", "appeals": "四"}
_MAX_SECTION = 6  # a heading's numbering beyond 六 is a table row such as （七）总计
_ROW_WIDTH = {"二": 3, "三": T3_WIDTH, "四": T4_WIDTH}
_MAX_COMPLETION = 3  # label lines below a row that may complete its label
_BLOCK_HEADER = re.compile(r"^第[一二三四五六七八九十]+条")
_INFO_CONTENT = label_key("信息内容")
_SENTENCE_END = "。！？"
_CJK_SPACE_DIGIT = re.compile(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]")
_CJK_DIGIT = re.compile(r"^(?:[\u4e00-\u9fff]\d|\d[\u4e00-\u9fff])$")


@dataclass
class Line:
    text: str  # as written, without the line break
    number: int  # 1-based line number in the input

    @property
    def location(self) -> Location:
        return _line_location(self.number)


@lru_cache(maxsize=4096)
def _line_location(number: int) -> Location:
    # Locations are immutable and every fragment of a line asks for its own: make one per line.
    return Location(line=number)


# --- line helpers --------------------------------------------------------------------


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def content_lines(text: str) -> list[Line]:
    """The non-blank lines that are not page numbers, with their line numbers."""
    result = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u3000", " ").replace("\u00a0", " ").rstrip()
        if not line.strip() or is_page_number(line):
            continue
        result.append(Line(line.strip(), number))
    return result


def _is_cell_token(token: str) -> bool:
    return is_value_text(token) or bool(_DASH_CELL.match(token))


def split_values(text: str) -> tuple[str, list[str]]:
    """A line's label text and its trailing cells (numbers, or dashes among numbers)."""
    label, values = _split_values(text)
    return label, list(values)


@lru_cache(maxsize=65536)
def _split_values(text: str) -> tuple[str, tuple[str, ...]]:
    # Memoised: detection and the table walk ask about the same line several times.
    tokens = text.split()
    split = len(tokens)
    while split > 0 and _is_cell_token(tokens[split - 1]):
        split -= 1
    values = tuple(tokens[split:])
    if values and not any(is_value_text(v) for v in values):
        return text.strip(), ()  # a line of dashes is a rule, not a row
    if split and values:
        # A label that ends in a digit glued to its first value cannot be told apart;
        # a label cut as 「…数量 3001」 is what PDF text gives, so this is the common case.
        label = text[: _token_start(text, split)].strip()
    else:
        label = "" if values else text.strip()
    return label, values


def _token_start(text: str, index: int) -> int:
    """Character offset of the index-th white-space separated token."""
    count = 0
    for match in re.finditer(r"\S+", text):
        if count == index:
            return match.start()
        count += 1
    return len(text)


@lru_cache(maxsize=65536)
def display_width(text: str) -> int:
    """Width in half-width columns: a CJK character is two, as it is on the page.

    Memoised: every line is measured several times. The wide characters are counted by
    ``str.translate`` in C with a table that keeps only them."""
    if text.isascii():
        return len(text)
    return len(text) + len(text.translate(_WIDE_ONLY))


class _WideOnly(dict):
    """A ``str.translate`` table that keeps the wide and full-width characters and drops the
    others, filled in as characters are first seen (so nothing is built at import)."""

    def __missing__(self, code: int) -> int | None:
        kept = code if unicodedata.east_asian_width(chr(code)) in "WF" else None
        self[code] = kept
        return kept


_WIDE_ONLY = _WideOnly()


def typical_width(lines: list[Line]) -> int:
    """The width body text is wrapped at: the upper quartile of the longer lines' widths."""
    widths = sorted(display_width(line.text) for line in lines if display_width(line.text) >= 20)
    if len(widths) < 4:
        return 0
    return widths[(len(widths) * 3) // 4]


@lru_cache(maxsize=65536)
def starts_numbered(text: str) -> bool:
    numbering, rest = split_numbering(text)
    return numbering is not None and bool(rest or numbering.style is not NumberStyle.CN_COMMA)


@lru_cache(maxsize=65536)
def section_key(text: str) -> str | None:
    """The section a heading line opens (the same rule the assembler applies). Memoised:
    the structure and the paragraph walk ask about every line."""
    numbering, rest = split_numbering(text)
    if numbering is None or (numbering.style is NumberStyle.CN_PAREN and numbering.value > _MAX_SECTION):
        return None
    if not rest or len(rest) > 30:
        return None
    found = SECTION_INDEX.match(rest.rstrip("。.:："))
    return found.target.key if found else None


def is_prose(text: str) -> bool:
    """A line of a sentence, not a table cell: table labels never end a sentence."""
    label, values = split_values(text)
    return not values and len(fold(label)) >= 12 and any(ch in label for ch in _SENTENCE_END)


def column_header_fragments(text: str, location: Location | None) -> list[Fragment]:
    """Split a table 二 column header line on spaces, re-joining the pieces that only
    together form a known column label (「本年 制发件数」, 「本年收费金额 （单位：万元）」)."""
    tokens = text.split()
    result: list[Fragment] = []
    i = 0
    while i < len(tokens):
        end = i + 1
        for j in range(len(tokens), i + 1, -1):
            joined = "".join(tokens[i:j])
            if label_key(joined) == _INFO_CONTENT or T2_COLUMNS.match(joined, fuzzy=False):
                end = j
                break
        result.append(Fragment("".join(tokens[i:end]), location))
        i = end
    return result


def label_fragments(text: str, location: Location | None) -> list[Fragment]:
    """A row's label text as fragments, split where a numbered label follows a group label
    on the same line (「（四）无法提供 1.本机关不掌握相关政府信息」)."""
    pieces: list[str] = []
    for token in text.split():
        if pieces and starts_numbered(token) and not pieces[-1].endswith(("（", "(")):
            pieces.append(token)
        elif pieces:
            pieces[-1] += " " + token
        else:
            pieces.append(token)
    return [Fragment(p, location) for p in pieces]


# --- detection ---------------------------------------------------------------------


def looks_like_pdf_text(text: str) -> bool:
    """Text pasted or extracted from a PDF: page-number lines, or body text wrapped at a
    fixed width together with table rows of space-separated numbers."""
    raw_lines = text.splitlines()
    lines = [line for line in raw_lines if line.strip()]
    if len(lines) < 10:
        return False
    if sum(1 for line in lines if "\t" in line) > len(lines) * 0.2:
        return False  # Word text: cells start with TAB
    if sum(1 for line in lines if line.lstrip().startswith(("|", "<"))) > len(lines) * 0.1:
        return False  # Markdown or HTML tables
    page_numbers = sum(1 for line in lines if is_page_number(line))
    split = [_split_values(line) for line in lines]
    rows = sum(1 for _, values in split if len(values) >= 3)
    number_only = sum(1 for label, values in split if not label and values)
    content = [Line(line.strip(), 0) for line in lines if not is_page_number(line)]
    width = typical_width(content)
    wrapped = 0
    if width:
        wrapped = sum(1 for line in content if abs(display_width(line.text) - width) <= 4)
    fixed_width = wrapped >= 8 and wrapped >= len(content) * 0.25
    tables = rows >= 3 or number_only >= 10
    return (page_numbers >= 1 and (tables or fixed_width)) or (fixed_width and tables)


# --- document structure ---------------------------------------------------------------


def paragraphs(lines: list[Line], width: int) -> list[Paragraph]:
    """Join body lines wrapped at the page width into paragraphs. A line continues the
    previous one when that one is full width and this one does not start a new item."""
    result: list[Paragraph] = []
    current: list[Line] = []
    # Where the text puts a space between Chinese and digits (「共 95 个」, as pypdf writes
    # a PDF's runs), a wrap between them stands for such a space too.
    spaced = sum(len(_CJK_SPACE_DIGIT.findall(line.text)) for line in lines) >= 3

    def flush() -> None:
        if current:
            text = current[0].text
            for line in current[1:]:
                joint = text[-1:] + line.text[:1]
                text += (" " if spaced and _CJK_DIGIT.match(joint) else "") + line.text
            result.append(Paragraph(text, current[0].location))
            current.clear()

    for line in lines:
        if current:
            previous = current[-1].text
            full = width and display_width(previous) >= width * 0.85
            if not full or starts_numbered(line.text) or section_key(line.text):
                flush()
        current.append(line)
    flush()
    return result


@dataclass
class Region:
    """The lines of one table section (or of a table found outside one)."""

    table: str | None  # 二/三/四 from the section heading, None when found by its shape
    lines: list[Line]


def structure(lines: list[Line]) -> list[Line | Region]:
    """Split the lines into heading/body lines and table regions. A table region runs from
    the heading of section 二, 三 or 四 to the next section heading."""
    result: list[Line | Region] = []
    region: Region | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        key = section_key(line.text)
        if key is None and i + 1 < len(lines) and _heading_start(line.text):
            # A heading wrapped over two lines: 「四、政府信息公开行政复议、行政诉讼情」「况」.
            joined = line.text + lines[i + 1].text
            key = section_key(joined)
            if key is not None:
                line = Line(joined, line.number)
                i += 1
        i += 1
        if key is not None:
            region = None
            result.append(_HeadingLine(line.text, line.number))
            if key in _TABLE_SECTIONS:
                region = Region(_TABLE_SECTIONS[key], [])
                result.append(region)
            continue
        if region is None and _starts_table(line.text):
            region = Region(None, [])
            result.append(region)
        if region is not None:
            region.lines.append(line)
        else:
            result.append(line)
    return result


class _HeadingLine(Line):
    """A section heading: always a paragraph of its own."""


def _heading_start(text: str) -> bool:
    numbering, rest = split_numbering(text)
    return (
        numbering is not None
        and numbering.value <= _MAX_SECTION
        and 0 < len(rest) <= 20
        and not split_values(text)[1]
    )


def _starts_table(text: str) -> bool:
    """A table outside the sections that normally hold one (a heading missing or renamed)."""
    return bool(_BLOCK_HEADER.match(fold(text))) or len(split_values(text)[1]) >= 7


def document_blocks(text: str, region_blocks) -> list[Block]:
    """The common walk: paragraphs outside tables, ``region_blocks(region)`` inside."""
    lines = content_lines(text)
    width = typical_width(lines)
    result: list[Block] = []
    body: list[Line] = []
    for item in structure(lines):
        if isinstance(item, Region):
            result.extend(paragraphs(body, width))
            body = []
            result.extend(region_blocks(item, width))
        elif isinstance(item, _HeadingLine):
            result.extend(paragraphs(body, width))
            body = []
            result.append(Paragraph(item.text, item.location))
        else:
            body.append(item)
    result.extend(paragraphs(body, width))
    return result


def split_prose(region: Region, width: int) -> list[Line | list[Line]]:
    """Separate the body text in a table region (an introduction before the table, a note
    after it) from the table lines. Runs of prose come back as lists of lines."""
    items: list[Line | list[Line]] = []
    for line in region.lines:
        if is_prose(line.text):
            run: list[Line] = []
            # The full-width lines just before a sentence's end belong to the same paragraph.
            while items and isinstance(items[-1], Line) and _full_prose_line(items[-1].text, width):
                run.insert(0, items.pop())  # type: ignore[arg-type]
            if items and isinstance(items[-1], list):
                items[-1].extend([*run, line])
            else:
                items.append([*run, line])
            continue
        if items and isinstance(items[-1], list) and _continues_prose(items[-1][-1].text, line.text, width):
            items[-1].append(line)
            continue
        items.append(line)
    return items


def _full_prose_line(text: str, width: int) -> bool:
    if not width or split_values(text)[1] or starts_numbered(text):
        return False
    return display_width(text) >= width * 0.85


def _continues_prose(previous: str, text: str, width: int) -> bool:
    """The line after a prose line is still prose when the prose line did not end there."""
    if previous.rstrip()[-1:] in _SENTENCE_END or starts_numbered(text) or split_values(text)[1]:
        return False
    return bool(width) and display_width(previous) >= width * 0.85


# --- tables written one row per line ---------------------------------------------------------


def row_region_blocks(region: Region, width: int, notes: list[Note]) -> list[Block]:
    result: list[Block] = []
    run: list[Line] = []
    for item in [*split_prose(region, width), []]:
        if isinstance(item, list):
            result.extend(_RowTable(region.table, notes).run(run))
            run = []
            result.extend(paragraphs(item, width))
        else:
            run.append(item)
    return result


def names_row(texts: list[str], table: str | None) -> bool:
    """Whether the joined label text ends in a row label of table 二 or 三 (exactly, after
    folding, or as a known variant: never fuzzily). Leading group labels or vertical text
    may precede it, as the assembler's longest-suffix matching allows."""
    joined = fold("".join(texts))
    tables = [table] if table in ("二", "三") else ["二", "三"]
    for start in range(len(joined)):
        suffix = joined[start:]
        if len(suffix) < 2:
            break
        if any(ROW_INDEXES[t].match(suffix, fuzzy=False) for t in tables):
            return True
    return False


class _RowTable:
    """Builds one table from lines that hold one row each, carrying label lines without
    numbers (wrapped labels, group labels, vertical text) into the next row with numbers.

    Where the extraction sorts lines by their height on the page (pdfplumber, copy and
    paste from a viewer), a row's numbers may come before its label or in the middle of a
    wrapped label. A label that names no row is then completed from the lines below it,
    but only when that gives a row's label and leaves no number line without a label."""

    def __init__(self, table: str | None, notes: list[Note]) -> None:
        self.table = table
        self.notes = notes
        # The most numbers a row of this table holds: a number-only line continues the row
        # above only while it has room, so that it never swallows another row's numbers.
        self.width = _ROW_WIDTH.get(table or "", T4_WIDTH)
        self.block: TableBlock | None = None
        self.pending: list[Line] = []
        self.first_row = True  # the next row with numbers is the first after a header
        self.last: TableRow | None = None
        self.lines: list[Line] = []
        self.used: set[int] = set()  # lines taken by a row above them

    def run(self, lines: list[Line]) -> list[Block]:
        self.lines = lines
        for i, line in enumerate(lines):
            if i not in self.used:
                self._add(i, line)
        self._flush_pending()
        return [self.block] if self.block is not None and self.block.rows else []

    def _table(self, line: Line) -> TableBlock:
        if self.block is None:
            self.block = TableBlock(location=line.location)
        return self.block

    def _header(self, lines: list[Line]) -> None:
        if lines:
            labels = [Fragment(line.text, line.location) for line in lines]
            self._table(lines[0]).rows.append(TableRow(labels, [], lines[0].location))

    def _completion(self, i: int, texts: list[str], own_label: bool) -> list[int]:
        """The label-only lines after line i that complete ``texts`` to a row's label.

        When line i has a label of its own, lines that name a row by themselves are another
        row's label, not the end of this one (a damaged label is never completed into a
        different row). Lines that name a row and have numbers below them are that row's."""
        if self.table == "四" or names_row(texts, self.table):
            return []
        ahead: list[int] = []
        j = i + 1
        while j < len(self.lines) and len(ahead) < _MAX_COMPLETION and j not in self.used:
            label, values = split_values(self.lines[j].text)
            if values or _BLOCK_HEADER.match(fold(label)) or (ahead and starts_numbered(label)):
                break
            ahead.append(j)
            j += 1
        for k in range(1, len(ahead) + 1):
            taken = [self.lines[n].text for n in ahead[:k]]
            if not names_row([*texts, *taken], self.table):
                continue
            alone = names_row(taken, self.table)
            if alone and own_label:
                return []
            following = ahead[k] if k < len(ahead) else ahead[-1] + 1
            if alone and following < len(self.lines) and following not in self.used:
                label, values = split_values(self.lines[following].text)
                if values and not label:
                    return []  # those lines are the label of the numbers below them
            return ahead[:k]
        return []

    def _add(self, i: int, line: Line) -> None:
        label, values = split_values(line.text)
        if not values:
            folded = fold(label)
            if _BLOCK_HEADER.match(folded):
                # 第二十条第（一）项: a table 二 block header, kept whole for the assembler.
                self._flush_pending()
                self._table(line).rows.append(TableRow([Fragment(label, line.location)], [], line.location))
                self.first_row, self.last = True, None
                return
            if label_key(label.split()[0] if label.split() else "") == _INFO_CONTENT:
                self._flush_pending()
                fragments = column_header_fragments(label, line.location)
                self._table(line).rows.append(TableRow(fragments, [], line.location))
                self.first_row, self.last = True, None
                return
            self.pending.append(line)
            return
        cells = [Fragment(v, line.location) for v in values]
        if not label and not self.pending and self.last is not None and (
            len(self.last.values) + len(cells) <= self.width
        ):
            self.last.values.extend(cells)  # numbers continued on the next line
            return
        pending = self.pending
        self.pending = []
        if self.first_row:
            # Before the first row: the table's header (column labels, the 勾稽关系 note).
            # The first row's own label starts at its numbering.
            if label and starts_numbered(label):
                header, pending = pending, []
            else:
                numbered = [n for n, p in enumerate(pending) if starts_numbered(p.text)]
                cut = numbered[-1] if numbered else len(pending)
                header, pending = pending[:cut], pending[cut:]
            self._header(header)
        own = [p.text for p in pending] + ([label] if label else [])
        completion = self._completion(i, own, bool(label)) if own or not self.first_row else []
        self.used.update(completion)
        after = [self.lines[n] for n in completion]
        if not own and not after and not self.first_row:
            # Numbers with no label before or after them: which row they belong to is unknown.
            where = f"表{self.table}" if self.table else "表格"
            self.notes.append(Note("warning", f"{where}中一行数值“{' '.join(values)}”没有行标签，未读取。",
                                   line.location))
        labels = [f for p in pending for f in label_fragments(p.text, p.location)]
        labels += label_fragments(label, line.location)
        labels += [f for p in after for f in label_fragments(p.text, p.location)]
        row = TableRow(labels, cells, (pending[0] if pending else line).location)
        self._table(line).rows.append(row)
        self.first_row = False
        self.last = row

    def _flush_pending(self) -> None:
        self._header(self.pending)
        self.pending = []


# --- entry points ----------------------------------------------------------------------


def blocks(text: str, notes: list[Note] | None = None) -> list[Block]:
    """Paragraphs and tables of PDF text; column-by-column tables go to ``pdfminer_text``."""
    from gongkai.report.readers import pdfminer_text  # shares this module's line handling

    if pdfminer_text.looks_like_column_text(text):
        return pdfminer_text.blocks(text, notes)
    notes = notes if notes is not None else []
    return document_blocks(text, lambda region, width: row_region_blocks(region, width, notes))


def layout_name(text: str) -> str:
    from gongkai.report.readers import pdfminer_text

    return "pdf-text-columns" if pdfminer_text.looks_like_column_text(text) else "pdf-text"
