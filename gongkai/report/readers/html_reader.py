"""HTML: the tables and the text of a web page, in document order, read with lxml.

Tables are expanded into a grid by ``rowspan`` and ``colspan``. A cell spanning several
columns counts once; a cell spanning several rows repeats its text in the rows below only
when it is a label (the group label （三）不予公开 spanning its sub-rows), never when it is a
value, so no number is counted twice. ``<br>`` inside a cell is a wrapped label and joins
without a break; outside tables it ends a paragraph.

Web pages of Chinese governments are often GB2312/GBK: the charset declared in a
``<meta>`` tag is respected (GB2312 and GBK are read as their superset GB18030), and
without one the bytes are decoded as UTF-8 or else GB18030.
"""

from __future__ import annotations

import codecs
import re

from gongkai.report.model import Location
from gongkai.report.readers.base import (
    Block,
    Fragment,
    Paragraph,
    ReadError,
    TableBlock,
    cell_location,
    grid_row,
    is_blank_text,
    is_value_text,
)

_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object",
         "svg", "math", "select", "option", "button", "textarea", "input"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
          "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre", "figure",
          "figcaption", "center", "address", "hr", "form", "fieldset", "caption", "body", "html"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312", "gb18030"}
_SPACES = re.compile(r"[ \t\r\n\f]+")
MAX_SPAN = 100  # a real report's cells span a few rows or columns; larger spans are damage


def looks_like_html(text: str) -> bool:
    head = text[:200_000].lower()
    return "<table" in head or "<html" in head or "<!doctype html" in head or "<body" in head


def decode_html(data: bytes) -> str:
    """Bytes to text: BOM first, then the declared charset, then UTF-8 or GB18030."""
    from gongkai.report.readers.detect import decode

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    match = _META_CHARSET.search(data[:8192])
    if match:
        name = match.group(1).decode("ascii", "replace").lower()
        if name in _GB:
            name = "gb18030"
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name and name not in ("utf-16", "utf-32", "utf-16le", "utf-16be"):  # a meta tag cannot say that
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                return data.decode(name, errors="replace")
    return decode(data)


def blocks(source: bytes | str) -> list[Block]:
    text = decode_html(source) if isinstance(source, bytes) else source
    try:
        import lxml.html

        # A declaration of encoding in a str confuses the parser: it has been decoded already.
        text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
        root = lxml.html.document_fromstring(text.replace("\x00", ""))
    except Exception as exc:  # lxml raises ParserError and others on empty or broken input
        raise ReadError("HTML 文件无法解析，可能已损坏或是空的。") from exc
    walker = _Walker()
    try:
        walker.walk(root)
    except RecursionError as exc:
        raise ReadError("HTML 文件嵌套过深，无法读取。") from exc
    walker.flush()
    return walker.blocks


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.line: int | None = None
        self.tables = 0
        self.in_heading = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        if text and not is_blank_text(text):
            self.blocks.append(Paragraph(text, Location(line=self.line)))
        self.line = None

    def add(self, text: str | None, element) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = getattr(element, "sourceline", None)
            self.buffer.append(text)

    def walk(self, element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is None or tag in _SKIP:  # comments, processing instructions, scripts
            pass
        elif tag == "table":
            self.flush()
            self.tables += 1
            table = _table(element, self.tables)
            if table.rows:
                self.blocks.append(table)
        elif tag == "br":
            if not self.in_heading:  # a title broken over two lines in a heading is one title
                self.flush()
        elif tag in _BLOCK:
            self.flush()
            heading = tag in _HEADINGS
            self.in_heading += heading
            self.add(element.text, element)
            for child in element:
                self.walk(child)
            self.in_heading -= heading
            self.flush()
        else:
            self.add(element.text, element)
            for child in element:
                self.walk(child)
        if element.getparent() is not None:
            self.add(element.tail, element)


def _rows(table) -> list:
    """The table's own rows, not those of tables nested in its cells."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if isinstance(c.tag, str) and c.tag.lower() == "tr")
    return rows


_LINE_BREAKS = re.compile(r"[\r\n\t]+")


def _cell_text(cell) -> str:
    if not len(cell):  # most cells hold bare text: no walk needed
        return _LINE_BREAKS.sub("", cell.text or "").strip(" \f")
    parts: list[str] = []

    def collect(element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is not None and tag not in _SKIP:
            parts.append(element.text or "")
            for child in element:
                collect(child)
        if element is not cell:
            parts.append(element.tail or "")

    collect(cell)
    # A wrapped label (<br>, new lines in the source) joins without a break.
    return _LINE_BREAKS.sub("", "".join(parts)).strip(" \f")


def _span(cell, name: str) -> int:
    value = cell.get(name)
    if value is None:
        return 1
    try:
        return min(MAX_SPAN, max(1, int(str(value).strip() or 1)))
    except ValueError:
        return 1


def _table(element, table_no: int) -> TableBlock:
    block = TableBlock(location=Location(table=table_no))
    pending: dict[int, tuple[int, str, int]] = {}  # grid column -> (rows still covered, text, colspan)
    for r, tr in enumerate(_rows(element), start=1):
        entries: list[tuple[int, Fragment]] = []
        col = 0
        c = 0
        cells = [x for x in tr if isinstance(x.tag, str) and x.tag.lower() in ("td", "th")]
        taken: set[int] = set()
        for column, (left, text, width) in list(pending.items()):
            # A label spanning rows repeats (resolve_row takes the longest suffix); a value
            # spanning rows is counted once, in its first row.
            shown = "" if is_value_text(text) or is_blank_text(text) else text
            entries.append((column, Fragment(shown, cell_location(table_no, r, column + 1))))
            taken.update(range(column, column + width))
            if left <= 1:
                del pending[column]
            else:
                pending[column] = (left - 1, text, width)
        for cell in cells:
            c += 1
            while col in taken:
                col += 1
            text = _cell_text(cell)
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            entries.append((col, Fragment(text, cell_location(table_no, r, c))))
            if rowspan > 1:
                pending[col] = (rowspan - 1, text, colspan)
            taken.update(range(col, col + colspan))
            col += colspan
        entries.sort(key=lambda e: e[0])
        fragments = [f for _, f in entries]
        if any(not is_blank_text(f.text) for f in fragments):
            block.rows.append(grid_row(fragments, Location(table=table_no, row=r)))
    return block
