"""The entry point: detect encoding and layout, run the right front-end, assemble."""

from __future__ import annotations

from pathlib import Path

from gongkai.report.model import AnnualReport
from gongkai.report.readers import docx_reader, flattened, html_reader, markdown_reader, pdf_reader, pdf_text, word_text
from gongkai.report.readers.assemble import assemble
from gongkai.report.readers.base import MAX_BYTES, Note, ReadError, TableBlock


def _load(source: str | Path | bytes) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        data, name = bytes(source), ""
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ReadError(f"无法打开文件“{path}”：{exc.strerror or exc}。") from exc
        if path.is_dir():
            raise ReadError(f"“{path}”是一个目录，不是文件。")
        if size > MAX_BYTES:
            raise ReadError(f"文件过大（{size // 1024 // 1024} MB），超过 {MAX_BYTES // 1024 // 1024} MB 的上限。")
        data, name = path.read_bytes(), path.name
    if len(data) > MAX_BYTES:
        raise ReadError(f"输入过大，超过 {MAX_BYTES // 1024 // 1024} MB 的上限。")
    if not data.strip():
        raise ReadError("文件是空的。")
    return data, name


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM, or UTF-16 with BOM), else GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReadError("无法识别文件编码：既不是 UTF-8，也不是 GB18030（GBK）。") from exc


def read(source: str | Path | bytes) -> tuple[AnnualReport, list[Note]]:
    """Read a report from a path or bytes; the kind of file is told by its content."""
    data, name = _load(source)
    head = data[:1024]
    if b"%PDF-" in head:
        return _read_pdf(data, name)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        if not docx_reader.looks_like_docx(data):
            docx_reader.check_archive(data)  # a damaged or foreign ZIP gets its precise message
        return assemble(docx_reader.blocks(data), "docx", name)
    _refuse_binary(data)
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return _read_json(data, name)
    if html_reader.looks_like_html(data[:200_000].decode("latin-1").lower()) and not data.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        return assemble(html_reader.blocks(data), "html", name)
    text = decode(data)
    if html_reader.looks_like_html(text):
        return assemble(html_reader.blocks(text), "html", name)
    if markdown_reader.looks_like_markdown(text):
        return assemble(markdown_reader.blocks(text), "markdown", name)
    return read_text(text, name)


_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))  # not TAB, LF, FF, CR


def _refuse_binary(data: bytes) -> None:
    for magic, kind in _IMAGES:
        if data.startswith(magic):
            raise ReadError(f"这是图片文件（{kind}），不支持 OCR。请提供含文字的 PDF、Word 文档或文本。")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise ReadError("这是图片文件（WEBP），不支持 OCR。请提供含文字的 PDF、Word 文档或文本。")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ReadError("这是旧版 Office 文件（.doc/.xls），不支持。请在 Word 中另存为 .docx 后再读取。")
    if data.startswith(b"{\\rtf"):
        raise ReadError("这是 RTF 文件，不支持。请在 Word 中另存为 .docx 后再读取。")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text has NUL bytes by nature
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))  # counted in C: every text pays this
    if b"\x00" in sample or controls > len(sample) * 0.02:
        raise ReadError("这是二进制文件，不是可读的年度报告（支持 PDF、DOCX、HTML、Markdown、JSON 和文本）。")


def _read_pdf(data: bytes, name: str) -> tuple[AnnualReport, list[Note]]:
    blocks = pdf_reader.blocks(data)
    if not any(isinstance(b, TableBlock) for b in blocks):
        # No ruled tables: the tables may be laid out with spaces only. The text layouts
        # read such text line by line; use them when they recognise it.
        try:
            report, notes = read_text(pdf_reader.plain_text(blocks), name)
        except ReadError:
            pass
        else:
            report.meta.source_layout = f"pdf/{report.meta.source_layout}"
            return report, notes
    return assemble(blocks, "pdf", name)


def _read_json(data: bytes, name: str) -> tuple[AnnualReport, list[Note]]:
    from gongkai.report.jsonio import ReportJSONError, from_json

    try:
        report = from_json(decode(data))
    except ReportJSONError as exc:
        raise ReadError(f"这个 JSON 文件不是 Gongkai 的年度报告数据（{exc}）。") from exc
    except Exception as exc:  # deep nesting, unknown format ids …: a foreign or damaged JSON
        raise ReadError("这个 JSON 文件不是 Gongkai 的年度报告数据，或者内容不完整。") from exc
    if name and not report.meta.source_name:
        report.meta.source_name = name
    return report, []


def read_text(text: str, name: str = "") -> tuple[AnnualReport, list[Note]]:
    if "\x00" in text:
        raise ReadError("文件含有二进制内容，不是可读的文本报告。")
    if word_text.looks_like_word_text(text):
        return assemble(word_text.blocks(text), "word-text", name)
    if pdf_text.looks_like_pdf_text(text):
        front_notes: list[Note] = []
        report, notes = assemble(pdf_text.blocks(text, front_notes), pdf_text.layout_name(text), name)
        return report, front_notes + notes
    if flattened.looks_like_flattened(text):
        return flattened.read_flattened(text, name)
    raise ReadError("无法识别文件的版式。")
