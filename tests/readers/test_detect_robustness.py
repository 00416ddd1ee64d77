"""read(): dispatch by content, and no input makes it fail with anything but ReadError."""

from __future__ import annotations

import functools
import json
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.jsonio import to_json
from gongkai.report.readers import NotAReportError, ReadError, html_reader, markdown_reader, read
from tests.conftest import SEED, shared_path
from tests.readers.test_docx import build_docx
from tests.readers.test_html import build_html
from tests.readers.test_markdown import build_markdown

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(data: bytes) -> None:
    """The only acceptable outcomes: a report, or a ReadError (NotAReportError included)."""
    try:
        read(data)
    except ReadError as exc:
        assert str(exc), "a ReadError must explain itself"


@functools.cache
def docx_bytes() -> bytes:
    return build_docx()


@functools.cache
def pdf_bytes() -> bytes:
    return shared_path("corpus", "pdf", "hongze_district_gov_2024.pdf").read_bytes()


# --- dispatch ---------------------------------------------------------------------------------


def test_dispatch_by_content() -> None:
    assert read(docx_bytes())[0].meta.source_layout == "docx"
    assert read(build_html().encode())[0].meta.source_layout == "html"
    assert read(build_markdown().encode())[0].meta.source_layout == "markdown"
    assert read(SEED)[0].meta.source_layout == "word-text"
    assert read(shared_path("corpus", "pdf", "hongze_district_gov_2023.pdf"))[0].meta.source_layout == "pdf"


def test_our_json_round_trips() -> None:
    report, _ = read(SEED)
    again, notes = read(to_json(report).encode())
    assert again.tables == report.tables and notes == []


def test_foreign_json_is_refused() -> None:
    with pytest.raises(ReadError, match="不是 Gongkai"):
        read(json.dumps({"title": "年度报告", "rows": [1, 2]}).encode())
    with pytest.raises(ReadError):
        read(b"[" * 100_000)
    with pytest.raises(ReadError):
        read(b'{"schema": "gongkai.report", "version": 1, "meta": {"format": "1999"}}')


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "OCR"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 64, "OCR"),
        (b"GIF89a" + b"\0" * 64, "OCR"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "docx"),
        (bytes(range(256)) * 4, "二进制"),
        (b"PK\x03\x04" + b"\0" * 64, "ZIP"),
    ],
)
def test_binary_inputs_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read(data)


def test_other_zip_is_unsupported() -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    with pytest.raises(ReadError, match="不支持"):
        read(out.getvalue())


def test_text_that_is_not_a_report() -> None:
    with pytest.raises(ReadError):
        read("今天天气很好。\n我们去公园散步。\n".encode())


# --- fuzzing ----------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes(data: bytes) -> None:
    read_or_refuse(data)


@FUZZ
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", b"{", b"| a | b |\n", b"\xef\xbb\xbf"]),
       st.binary(max_size=1024))
def test_random_bytes_behind_magic(magic: bytes, rest: bytes) -> None:
    read_or_refuse(magic + rest)


def _mutate(data: bytes, cut: int, flips: list[tuple[int, int]]) -> bytes:
    buffer = bytearray(data[: max(1, cut)])
    for position, value in flips:
        buffer[position % len(buffer)] = value
    return bytes(buffer)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(0.0, 1.0), st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=8))
def test_mutated_docx(fraction: float, flips: list[tuple[int, int]]) -> None:
    data = docx_bytes()
    read_or_refuse(_mutate(data, int(len(data) * fraction) or len(data), flips))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(0.0, 1.0), st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=8))
def test_mutated_pdf(fraction: float, flips: list[tuple[int, int]]) -> None:
    data = pdf_bytes()
    read_or_refuse(_mutate(data, int(len(data) * fraction) or len(data), flips))


def test_docx_with_recompressed_garbage_part() -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = zlib.compress(content)  # not XML any more
            target.writestr(item, content)
    with pytest.raises(ReadError):
        read(out.getvalue())


_HTML_PIECES = st.sampled_from([
    "<table>", "</table>", "<tr>", "</tr>", "<td rowspan='3'>", "<td colspan='999999'>", "<td rowspan='x'>",
    "</td>", "<th>", "<br>", "<p>", "</p>", "<h1>", "</h1>", "&nbsp;", "<script>", "</script>", "<!--", "-->",
    "一、总体情况", "规章", "1", "0", "（三）不予公开", "三、收到和处理政府信息公开申请情况",
    "2023年政府信息公开工作年度报告",
    "<meta charset='gbk'>", "<meta charset='nonsense'>", "\x00", "<?xml version='1.0' encoding='utf-8'?>",
])


@FUZZ
@given(st.lists(_HTML_PIECES, max_size=60), st.text(max_size=50))
def test_random_html(pieces: list[str], noise: str) -> None:
    text = "<html>" + "".join(pieces) + noise
    read_or_refuse(text.encode("utf-8", "surrogatepass"))
    try:
        html_reader.blocks(text)
    except ReadError:
        pass


_MD_PIECES = st.sampled_from([
    "|", " | ", "|---|", "|:--:|", "<br>", "\n", "\n\n", "- 3 -\n", "# ", "一、总体情况", "（七）总计", "12", "",
    "四、结转下年度继续办理", "行政许可", "**", "\\|", "2024年政府信息公开工作年度报告",
])


@FUZZ
@given(st.lists(_MD_PIECES, max_size=80))
def test_random_markdown(pieces: list[str]) -> None:
    text = "| a | b |\n| 1 | 2 |\n| 3 | 4 |\n" + "".join(pieces)
    read_or_refuse(text.encode())
    markdown_reader.blocks(text)  # the front-end itself never raises


def test_not_a_report_error_is_a_read_error() -> None:
    assert issubclass(NotAReportError, ReadError)
