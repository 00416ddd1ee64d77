"""PDF front-end on the real PDFs of the corpus (figures from corpus/README.md)."""

from __future__ import annotations

import base64
import io
import zlib

import pytest

from gongkai.report.readers import NotAReportError, ReadError, pdf_reader, read
from gongkai.report.readers.base import Paragraph, TableBlock
from gongkai.statute import FORMATS
from tests.conftest import shared_path

T3_COLUMNS = [c.key for c in FORMATS["2021"].table("三").columns]
T4_COLUMNS = [c.key for c in FORMATS["2021"].table("四").columns]


def pdf(name: str):
    return shared_path("corpus", "pdf", name)


@pytest.fixture(scope="module")
def huaian():
    return read(pdf("huaian_city_gov_2024.pdf"))


def total(report, row: str) -> str:
    return report.cell("三", row, "total").text


def test_huaian_table_3_totals(huaian) -> None:
    report, _ = huaian
    assert report.meta.agency == "淮安市人民政府" and report.meta.year == 2024
    assert report.meta.source_layout == "pdf"
    expected = {"new": "3119", "carried_in": "34", "disclosed": "1362", "partial": "454", "total": "3050",
                "carried_out": "103", "unable_not_held": "769", "unable_needs_creation": "11",
                "unable_still_unclear": "1", "other_no_supplement": "71", "other_fee_unpaid": "6",
                "other_misc": "110"}
    for row, value in expected.items():
        assert total(report, row) == value, row
    withheld = [k for k, _ in report.tables["三"] if k.startswith("withheld_")]
    assert sum(report.value("三", k, "total") for k in set(withheld)) == 178
    not_handled = {k for k, _ in report.tables["三"] if k.startswith("not_handled_")}
    assert sum(report.value("三", k, "total") for k in not_handled) == 88
    assert [report.cell("三", "new", c).text for c in T3_COLUMNS] == ["3001", "53", "0", "0", "61", "4", "3119"]


def test_huaian_tables_2_and_4(huaian) -> None:
    report, notes = huaian
    t4 = [report.cell("四", "cases", c).text for c in T4_COLUMNS]
    assert t4 == "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20".split()
    two = {k: c.text for k, c in report.tables["二"].items()}
    assert [two[("regulations", c)] for c in ("issued", "repealed", "in_force")] == ["1", "0", "11"]
    assert [two[("normative_docs", c)] for c in ("issued", "repealed", "in_force")] == ["8", "26", "66"]
    assert two[("licensing", "decisions")] == "447228"
    assert two[("penalty", "decisions")] == "3985758"
    assert two[("enforcement", "decisions")] == "88283"
    assert two[("fees", "amount")] == "96171.6"
    assert not [n for n in notes if n.level == "warning"], [str(n) for n in notes]


def test_huaian_sections_and_paragraphs(huaian) -> None:
    report, _ = huaian
    assert [s.key for s in report.sections] == ["overview", "proactive", "applications", "appeals", "problems", "other"]
    overview = report.section("overview").text
    # Wrapped lines are joined into paragraphs, also across a page break, and page numbers
    # such as 「- 1 -」 are gone.
    assert "全市共受理政府信息公开申请 3119 件，答复 3050 件" in overview
    assert "业用工和促进返乡人员" in overview.replace("\n", "")
    assert "- 1 -" not in report.text and "- 2 -" not in report.text
    assert "3940 元" in report.section("other").text


def test_cell_locations_have_pages(huaian) -> None:
    report, _ = huaian
    new = report.cell("三", "new", "total").location
    assert new.page == 4 and new.row is not None and new.col == 10
    carried_out = report.cell("三", "carried_out", "total").location
    assert carried_out.page == 5  # the table continues on the next page


def test_hongze_2023_single_other_row_and_faults() -> None:
    report, _ = read(pdf("hongze_district_gov_2023.pdf"))
    assert report.meta.year == 2023
    expected = {"new": "21", "carried_in": "0", "disclosed": "0", "partial": "4", "not_handled_petition": "1",
                "total": "21", "carried_out": "0", "other": "0"}
    for row, value in expected.items():
        assert total(report, row) == value, row
    assert report.cell("三", "other_misc", "total") is None
    withheld = {k for k, _ in report.tables["三"] if k.startswith("withheld_")}
    assert sum(report.value("三", k, "total") for k in withheld) == 3
    unable = {k for k, _ in report.tables["三"] if k.startswith("unable_")}
    assert sum(report.value("三", k, "total") for k in unable) == 13
    t4 = [report.cell("四", "cases", c).text for c in T4_COLUMNS]
    assert t4 == "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0".split()
    written = [lab.written for lab in report.labels if lab.table == "三" and lab.kind == "row"]
    assert "2.其他法律行政止公开" in written
    # The prose pages are framed like a table; the sections are still found.
    assert [s.key for s in report.sections][:2] == ["overview", "proactive"]
    assert "受理政府信息公开申请 21 件" in report.section("overview").text


def test_hongze_2024() -> None:
    report, _ = read(pdf("hongze_district_gov_2024.pdf"))
    assert report.meta.agency == "淮安市洪泽区人民政府" and report.meta.year == 2024
    for row, value in {"new": "95", "disclosed": "50", "partial": "9", "total": "95", "carried_out": "0"}.items():
        assert total(report, row) == value, row
    assert "受理政府信息公开申请 17 件" in report.section("overview").text.replace("\n", "")


def test_front_end_blocks_are_in_document_order() -> None:
    blocks = pdf_reader.blocks(pdf("huaian_city_gov_2024.pdf").read_bytes())
    kinds = ["T" if isinstance(b, TableBlock) else b.text[:7] for b in blocks]
    heading_3 = kinds.index("三、收到和处理")
    assert kinds[heading_3 + 1] == "T"
    assert all(isinstance(b, Paragraph | TableBlock) for b in blocks)


# --- generated PDFs --------------------------------------------------------------------------


def _weasy(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def _png(width: int = 40, height: int = 20) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    raw = b"".join(b"\x00" + bytes((x * 5) % 256 for x in range(width * 3)) for _ in range(height))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes((8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_pdf_that_is_not_a_report() -> None:
    data = _weasy("<html><body><p style='font-family: Noto Serif CJK SC'>今天天气很好，我们去公园散步，"
                  "看到湖边的柳树已经发芽。</p></body></html>")
    with pytest.raises(NotAReportError):
        read(data)


def test_scanned_pdf_without_text_layer() -> None:
    image = base64.b64encode(_png()).decode()
    data = _weasy(f"<html><body><img src='data:image/png;base64,{image}' width='400'></body></html>")
    with pytest.raises(ReadError, match="OCR"):
        read(data)


def test_truncated_pdf_is_a_read_error() -> None:
    data = pdf("hongze_district_gov_2024.pdf").read_bytes()
    with pytest.raises(ReadError):
        read(data[: len(data) // 3])


def test_not_a_pdf_after_the_magic() -> None:
    with pytest.raises(ReadError):
        read(b"%PDF-1.7\n" + b"garbage " * 100)


def test_pdf_text_is_read_from_bytes_and_paths_alike() -> None:
    path = pdf("hongze_district_gov_2024.pdf")
    by_path, _ = read(path)
    by_bytes, _ = read(io.BytesIO(path.read_bytes()).getvalue())
    assert by_path.tables == by_bytes.tables


def test_encryption_errors_are_named() -> None:
    # No encrypting tool is installed for the tests; check the mapping of pdfminer's error.
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    assert "加密" in str(pdf_reader._open_error(PdfminerException(PDFPasswordIncorrect())))
    assert "损坏" in str(pdf_reader._open_error(PdfminerException(ValueError("bad xref"))))
