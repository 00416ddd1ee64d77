"""The entry point: detect encoding and layout, run the right front-end, assemble."""

from __future__ import annotations

from pathlib import Path

from gongkai.report.model import AnnualReport
from gongkai.report.readers import word_text
from gongkai.report.readers.assemble import assemble
from gongkai.report.readers.base import MAX_BYTES, Note, ReadError


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
    data, name = _load(source)
    return read_text(decode(data), name)


def read_text(text: str, name: str = "") -> tuple[AnnualReport, list[Note]]:
    if "\x00" in text:
        raise ReadError("文件含有二进制内容，不是可读的文本报告。")
    if word_text.looks_like_word_text(text):
        return assemble(word_text.blocks(text), "word-text", name)
    raise ReadError("无法识别文件的版式。")
