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
    grid_row,
    is_blank_text,
    is_value_text,
)

MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC, _SDT = (f"{{{_W}}}{t}" for t in ("p", "tbl", "tr", "tc", "sdt"))


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

    The sizes in the central directory are what the archive claims; python-docx reads
    members fully, so a lie there is caught by reading with a cap (see ``_read_capped``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReadError("DOCX 文件已损坏：不是有效的 ZIP 压缩包。") from exc
    with archive:
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
        _read_capped(archive, "word/document.xml")


def _read_capped(archive: zipfile.ZipFile, name: str) -> None:
    read = 0
    try:
        with archive.open(name) as member:
            while chunk := member.read(1024 * 1024):
                read += len(chunk)
                if read > MAX_UNCOMPRESSED:
                    raise ReadError("DOCX 文件解压后超过上限，疑似压缩炸弹，拒绝读取。")
    except ReadError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile (CRC), EOFError … all mean a damaged file
        raise ReadError(f"DOCX 文件已损坏，无法解压“{name}”。") from exc


def blocks(data: bytes) -> list[Block]:
    check_archive(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        return list(_body_blocks(document.element.body, numbering))
    except ReadError:
        raise
    except Exception as exc:  # python-docx/lxml raise many types on damaged parts
        raise ReadError(f"DOCX 文件已损坏或格式不正确，无法读取（{type(exc).__name__}）。") from exc


def _children(element) -> Iterator:
    """Body-level paragraphs and tables, looking inside content controls (w:sdt)."""
    for child in element.iterchildren():
        if child.tag == _SDT:
            content = child.find(f"{{{_W}}}sdtContent")
            if content is not None:
                yield from _children(content)
        elif child.tag in (_P, _TBL):
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
    parts: list[str] = []
    for node in p.iter(f"{{{_W}}}t", f"{{{_W}}}tab", f"{{{_W}}}br", f"{{{_W}}}cr", f"{{{_W}}}delText"):
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
        # deleted text (tracked changes) is not part of the document as shown
    return "".join(parts)


def _cell_text(tc) -> str:
    # A wrapped label is one or several paragraphs in the cell: join them without breaks.
    return "".join(_paragraph_text(p) for p in tc.iter(_P)).replace("\n", "")


def _table(tbl, table_no: int) -> TableBlock:
    block = TableBlock(location=Location(table=table_no))
    above: dict[int, str] = {}  # grid column -> text of the cell that starts there, for vMerge
    for r, tr in enumerate(tbl.iterchildren(_TR), start=1):
        cells: list[Fragment] = []
        grid = _grid_before(tr)
        current: dict[int, str] = {}
        for c, tc in enumerate(tr.iterchildren(_TC), start=1):
            span = _grid_span(tc)
            location = Location(table=table_no, row=r, col=c)
            if _v_merge(tc) == "continue":
                text = above.get(grid, "")
                # A continued label keeps its text (resolve_row takes the longest suffix);
                # a continued value must not count twice.
                if is_value_text(text) or is_blank_text(text):
                    text = ""
            else:
                text = _cell_text(tc)
            current[grid] = text
            cells.append(Fragment(text, location))
            grid += span
        above = current
        if any(not is_blank_text(f.text) for f in cells):
            block.rows.append(grid_row(cells, Location(table=table_no, row=r)))
    return block


def _grid_before(tr) -> int:
    pr = tr.find(f"{{{_W}}}trPr")
    if pr is not None:
        before = pr.find(f"{{{_W}}}gridBefore")
        if before is not None:
            return _int(before.get(f"{{{_W}}}val"), 0)
    return 0


def _grid_span(tc) -> int:
    pr = tc.find(f"{{{_W}}}tcPr")
    if pr is not None:
        span = pr.find(f"{{{_W}}}gridSpan")
        if span is not None:
            return max(1, _int(span.get(f"{{{_W}}}val"), 1))
    return 1


def _v_merge(tc) -> str | None:
    pr = tc.find(f"{{{_W}}}tcPr")
    if pr is None:
        return None
    merge = pr.find(f"{{{_W}}}vMerge")
    if merge is None:
        return None
    return merge.get(f"{{{_W}}}val", "continue")


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


class _Numbering:
    """Renders the number Word shows before an auto-numbered paragraph (e.g. 「（六）」)."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
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
        try:
            for style in document.styles.element.iterchildren(f"{{{_W}}}style"):
                num_pr = style.find(f"{{{_W}}}pPr/{{{_W}}}numPr")
                if num_pr is not None:
                    num_id = _child_val(num_pr, "numId")
                    if num_id:
                        self.styles[style.get(f"{{{_W}}}styleId", "")] = (num_id, _int(_child_val(num_pr, "ilvl"), 0))
        except (AttributeError, KeyError, NotImplementedError):
            pass

    def prefix(self, p) -> str:
        if not self.levels:
            return ""
        ppr = p.find(f"{{{_W}}}pPr")
        if ppr is None:
            return ""
        num_id: str | None = None
        ilvl = 0
        num_pr = ppr.find(f"{{{_W}}}numPr")
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
    child = node.find(f"{{{_W}}}{name}")
    return child.get(f"{{{_W}}}val") if child is not None else None
