"""DOCX: paragraphs and tables read with python-docx, in document order.

Merged cells: python-docx repeats a horizontally merged cell once per grid column and a
vertically merged cell in every row it covers. Both would duplicate values, so the rows are
read from the ``<w:tc>`` elements themselves: a ``gridSpan`` cell counts once, and a
``vMerge`` continuation repeats the text above only when it is a label (a group label such
as （三）不予公开 spanning its sub-rows); a continued value cell reads as blank.

Word's automatic list numbering (一、 （一） 1.) is not part of the paragraph text; it is
rendered from ``numbering.xml`` so that section headings keep their numbers.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

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

MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC, _SDT = (f"{{{_W}}}{t}" for t in ("p", "tbl", "tr", "tc", "sdt"))
_T, _TAB, _BR, _CR = (f"{{{_W}}}{t}" for t in ("t", "tab", "br", "cr"))
_TXBX_CONTENT = f"{{{_W}}}txbxContent"  # a text box: paragraphs inside a paragraph
_VAL = f"{{{_W}}}val"


def looks_like_docx(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def check_archive(data: bytes) -> None:
    """Refuse zip bombs and archives that are not Word documents before parsing anything.

    The sizes in the central directory are what the archive claims; the main part is
    read with a cap (see ``_read_capped``) in case they lie."""
    _checked_archive(data)[0].close()


def _checked_archive(data: bytes) -> tuple[zipfile.ZipFile, bytes]:
    """``check_archive``, keeping the open archive and the main part's bytes it has read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReadError("DOCX 文件已损坏：不是有效的 ZIP 压缩包。") from exc
    try:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ReadError(
                f"DOCX 文件含有 {len(members)} 个部件，超过 {MAX_MEMBERS} 个的上限，疑似恶意文件，拒绝读取。"
            )
        names = {m.filename for m in members}
        if "word/document.xml" not in names:
            raise ReadError("这个 ZIP 文件不是 Word 文档（缺少 word/document.xml），不支持这种文件类型。")
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(1, member.compress_size):
                raise ReadError(
                    f"DOCX 文件中的“{member.filename}”压缩比异常（超过 {MAX_RATIO} 倍），疑似压缩炸弹，拒绝读取。"
                )
        if total > MAX_UNCOMPRESSED:
            raise ReadError(
                f"DOCX 文件解压后超过 {MAX_UNCOMPRESSED // 1024 // 1024} MB，疑似压缩炸弹，拒绝读取。"
            )
        # The central directory may understate sizes: read the main part with a cap.
        return archive, _read_capped(archive, "word/document.xml")
    except BaseException:
        archive.close()
        raise


def _read_capped(archive: zipfile.ZipFile, name: str) -> bytes:
    chunks: list[bytes] = []
    read = 0
    try:
        with archive.open(name) as member:
            while chunk := member.read(1024 * 1024):
                read += len(chunk)
                if read > MAX_UNCOMPRESSED:
                    raise ReadError("DOCX 文件解压后超过上限，疑似压缩炸弹，拒绝读取。")
                chunks.append(chunk)
    except ReadError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile (CRC), EOFError … all mean a damaged file
        raise ReadError(f"DOCX 文件已损坏，无法解压“{name}”。") from exc
    return b"".join(chunks)


def blocks(data: bytes) -> list[Block]:
    archive, main_xml = _checked_archive(data)
    with archive:
        try:
            package = _Package(archive, {"word/document.xml": main_xml})
            body = package.document().body
            return list(_body_blocks(body, _Numbering(package)))
        except ReadError:
            raise
        except Exception as exc:  # python-docx/lxml raise many types on damaged parts
            raise ReadError(f"DOCX 文件已损坏或格式不正确，无法读取（{type(exc).__name__}）。") from exc


class _Package:
    """The parts of a Word package this reader needs, read with python-docx's own layers.

    ``docx.Document()`` loads and parses every part the package relates (styles,
    settings, headers, footers, fonts, images, core properties …) and builds its object
    graph over them; the text needs only the main document part, and the numbering and
    styles parts when a paragraph may carry an automatic number. So the parts are found
    as python-docx finds them (package relationships, [Content_Types].xml, through
    python-docx's OPC readers), and each part read is parsed by python-docx's oxml
    parser into its element classes (CT_Document, CT_Body …), from the archive that
    ``check_archive`` has already opened and inspected.
    """

    def __init__(self, archive: zipfile.ZipFile, blobs: dict[str, bytes]) -> None:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
        from docx.opc.pkgreader import _ContentTypeMap

        self.archive = archive
        self.blobs = blobs
        self.main = self._related(PACKAGE_URI, RT.OFFICE_DOCUMENT)
        if self.main is None:
            raise KeyError(f"no relationship of type '{RT.OFFICE_DOCUMENT}' in collection")
        content_type = _ContentTypeMap.from_xml(self.blob(CONTENT_TYPES_URI))[self.main]
        if content_type != CT.WML_DOCUMENT_MAIN:  # what docx.Document() refuses
            raise ValueError(f"not a Word file, content type is '{content_type}'")
        self._main_rels = None

    def blob(self, uri) -> bytes:
        name = uri.membername
        if name not in self.blobs:
            self.archive.getinfo(name)  # KeyError for a missing part, as python-docx
            self.blobs[name] = _read_capped(self.archive, name)
        return self.blobs[name]

    def _related(self, source, reltype: str):
        """The part the source relates with this type (python-docx's part_related_by),
        or None."""
        from docx.opc.pkgreader import _SerializedRelationships

        try:
            rels_xml = self.blob(source.rels_uri)
        except KeyError:
            return None
        found = [r.target_partname for r in _SerializedRelationships.load_from_xml(source.baseURI, rels_xml)
                 if r.reltype == reltype and not r.is_external]
        if len(found) > 1:
            raise ValueError(f"multiple relationships of type '{reltype}' in collection")
        return found[0] if found else None

    def _parse(self, uri):
        from docx.oxml.parser import parse_xml

        return parse_xml(self.blob(uri))

    def document(self):
        return self._parse(self.main)

    def part(self, reltype: str):
        """The parsed root of the part the main document relates with this type, or None."""
        uri = self._related(self.main, reltype)
        return self._parse(uri) if uri is not None else None


def _child(node, tag: str):
    """The first child with this tag, or None: ``node.find(tag)`` without ElementPath,
    which costs more than the rest of the walk over a cell."""
    return next(node.iterchildren(tag), None)


def _children(element) -> Iterator:
    """Body-level paragraphs and tables, looking inside content controls (w:sdt)."""
    for child in element.iterchildren(_P, _TBL, _SDT):
        if child.tag == _SDT:
            content = _child(child, f"{{{_W}}}sdtContent")
            if content is not None:
                yield from _children(content)
        else:
            yield child


def _body_blocks(body, numbering: _Numbering) -> Iterator[Block]:
    paragraph_no = 0
    table_no = 0
    for child in _children(body):
        if child.tag == _P:
            paragraph_no += 1
            text = numbering.prefix(child) + _paragraph_text(child)
            if text.strip():
                yield Paragraph(text, Location(line=paragraph_no))
        else:
            table_no += 1
            table = _table(child, table_no)
            if table.rows:
                yield table


def _paragraph_text(p) -> str:
    # Deleted text (w:delText, tracked changes) is not part of the document as shown.
    parts: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR):
        tag = node.tag
        if tag == _T:
            parts.append(node.text or "")
        elif tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc) -> str:
    # A wrapped label is one or several paragraphs in the cell: join them without breaks.
    return "".join(_paragraph_text(p) for p in tc.iter(_P)).replace("\n", "")


def _flat_cell_text(tc) -> str:
    """``_cell_text`` in one pass over the cell, for cells whose paragraphs do not nest
    (no text box): each w:t then belongs to one paragraph, in document order, and the
    line breaks that ``_cell_text`` drops need not be looked for."""
    parts = [node.text or "" if node.tag == _T else "\t" for node in tc.iter(_T, _TAB)]
    return "".join(parts).replace("\n", "")


def _table(tbl, table_no: int) -> TableBlock:
    block = TableBlock(location=Location(table=table_no))
    above: dict[int, str] = {}  # grid column -> text of the cell that starts there, for vMerge
    cell_text = _flat_cell_text if next(tbl.iter(_TXBX_CONTENT), None) is None else _cell_text
    for r, tr in enumerate(tbl.iterchildren(_TR), start=1):
        cells: list[Fragment] = []
        grid = _grid_before(tr)
        current: dict[int, str] = {}
        for c, tc in enumerate(tr.iterchildren(_TC), start=1):
            span, merge = _cell_properties(tc)
            location = cell_location(table_no, r, c)
            if merge == "continue":
                text = above.get(grid, "")
                # A continued label keeps its text (resolve_row takes the longest suffix);
                # a continued value must not count twice.
                if is_value_text(text) or is_blank_text(text):
                    text = ""
            else:
                text = cell_text(tc)
            current[grid] = text
            cells.append(Fragment(text, location))
            grid += span
        above = current
        if any(not is_blank_text(f.text) for f in cells):
            block.rows.append(grid_row(cells, Location(table=table_no, row=r)))
    return block


_TRPR, _GRID_BEFORE, _TCPR, _GRID_SPAN, _V_MERGE = (
    f"{{{_W}}}{t}" for t in ("trPr", "gridBefore", "tcPr", "gridSpan", "vMerge")
)


def _grid_before(tr) -> int:
    pr = _child(tr, _TRPR)
    if pr is not None:
        before = _child(pr, _GRID_BEFORE)
        if before is not None:
            return _int(before.get(_VAL), 0)
    return 0


def _cell_properties(tc) -> tuple[int, str | None]:
    """The grid columns a cell spans, and its vertical merge (restart, continue or None),
    from the first w:gridSpan and w:vMerge of its w:tcPr.

    Looked up with as few lxml calls as possible: this runs for every cell. The schema puts
    w:tcPr first in the cell, so that is tried before a search."""
    first = tc[0] if len(tc) else None
    pr = first if first is not None and first.tag == _TCPR else _child(tc, _TCPR)
    span, merge = 1, None
    if pr is not None:
        seen_span = seen_merge = False
        for node in pr.iterchildren(_GRID_SPAN, _V_MERGE):
            if node.tag == _GRID_SPAN and not seen_span:
                span, seen_span = max(1, _int(node.get(_VAL), 1)), True
            elif node.tag == _V_MERGE and not seen_merge:
                merge, seen_merge = node.get(_VAL, "continue"), True
    return span, merge


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


# --- automatic numbering ------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"


def _chinese_counting(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting"):
        return _chinese_counting(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
        out, rest = "", n
        for value, glyph in numerals:
            while rest >= value:
                out, rest = out + glyph, rest - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


_PPR, _NUM_PR, _STYLE = f"{{{_W}}}pPr", f"{{{_W}}}numPr", f"{{{_W}}}style"
_PSTYLE = f"{{{_W}}}pStyle"


class _Numbering:
    """Renders the number Word shows before an auto-numbered paragraph (e.g. 「（六）」).

    The numbering and styles parts are read at the first paragraph that could be
    numbered (one with a w:numPr or a paragraph style): a document without either never
    has them parsed."""

    def __init__(self, package: _Package) -> None:
        self.package: _Package | None = package
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}

    def _load(self, package: _Package) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        self.package = None
        root = package.part(RT.NUMBERING)
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(f"{{{_W}}}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.iterchildren(f"{{{_W}}}lvl"):
                ilvl = _int(lvl.get(f"{{{_W}}}ilvl"), 0)
                fmt = _child_val(lvl, "numFmt") or "decimal"
                text = _child_val(lvl, "lvlText") or ""
                start = _int(_child_val(lvl, "start"), 1)
                levels[ilvl] = (fmt, text, start)
            abstract[node.get(f"{{{_W}}}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{{{_W}}}num"):
            ref = _child_val(num, "abstractNumId") or ""
            self.levels[num.get(f"{{{_W}}}numId", "")] = abstract.get(ref, {})
        if not self.levels:
            return  # nothing is numbered: the styles part is not needed
        styles = package.part(RT.STYLES)
        if styles is None:
            return  # python-docx would supply its default styles, which number nothing
        # Each style's style.find("w:pPr/w:numPr"): the few numbered styles are found
        # by one search of the part instead of a look into each of the many styles.
        numbered: dict[object, object] = {}
        for num_pr in styles.iter(_NUM_PR):
            ppr = num_pr.getparent()
            style = ppr.getparent() if ppr.tag == _PPR else None
            if style is not None and style.tag == _STYLE and style.getparent() is styles:
                numbered.setdefault(style, num_pr)
        for style, num_pr in numbered.items():
            num_id = _child_val(num_pr, "numId")
            if num_id:
                self.styles[style.get(f"{{{_W}}}styleId", "")] = (num_id, _int(_child_val(num_pr, "ilvl"), 0))

    def prefix(self, p) -> str:
        ppr = _child(p, _PPR)
        if ppr is None:
            return ""
        if self.package is not None:
            if next(ppr.iterchildren(_NUM_PR, _PSTYLE), None) is None:
                return ""
            self._load(self.package)
        if not self.levels:
            return ""
        num_id: str | None = None
        ilvl = 0
        num_pr = _child(ppr, _NUM_PR)
        if num_pr is not None:
            num_id = _child_val(num_pr, "numId")
            ilvl = _int(_child_val(num_pr, "ilvl"), 0)
        else:
            style = _child_val(ppr, "pStyle")
            if style and style in self.styles:
                num_id, ilvl = self.styles[style]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        ilvl = min(max(ilvl, 0), 8)
        if counters[ilvl] == 0:
            counters[ilvl] = levels[ilvl][2]
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return ""
        for level in range(ilvl, -1, -1):
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            value = counters[level] or levels.get(level, ("decimal", "", 1))[2]
            text = text.replace(f"%{level + 1}", _format_number(value, level_fmt))
        return text


def _child_val(node, name: str) -> str | None:
    child = _child(node, f"{{{_W}}}{name}")
    return child.get(_VAL) if child is not None else None
