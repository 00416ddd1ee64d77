"""Text extracted from PDF: one row per line (pypdf) and column by column (pdfminer).

The expected figures are the ones printed in the PDFs (see corpus/README.md).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.readers import NotAReportError, ReadError, pdf_text, pdfminer_text, read, read_text
from gongkai.report.readers.base import Note, Paragraph, TableBlock
from tests.conftest import shared_path

PDF_TEXT = shared_path("corpus", "pdf-text")
SEED = shared_path("seed", "000_4f0b4356af47fe62.txt")
HUAIAN_ROWS = PDF_TEXT / "huaian_city_gov_2024.pypdf.txt"
HUAIAN_COLUMNS = PDF_TEXT / "huaian_city_gov_2024.pdfminer.txt"
HONGZE_2023 = PDF_TEXT / "hongze_district_gov_2023.pypdf.txt"
HONGZE_2024 = PDF_TEXT / "hongze_district_gov_2024.pypdf.txt"
ALL_FILES = (HUAIAN_ROWS, HUAIAN_COLUMNS, HONGZE_2023, HONGZE_2024)
COLUMNS = ("natural", "commercial", "research", "public_interest", "legal_services", "other_org", "total")

# Table 三 of the 淮安市 2024 report, row by row as printed in the PDF.
HUAIAN_T3 = {
    "new": (3001, 53, 0, 0, 61, 4, 3119),
    "carried_in": (34, 0, 0, 0, 0, 0, 34),
    "disclosed": (1288, 21, 0, 0, 50, 3, 1362),
    "partial": (447, 7, 0, 0, 0, 0, 454),
    "withheld_state_secret": (2, 0, 0, 0, 0, 0, 2),
    "withheld_law_forbids": (30, 1, 0, 0, 0, 0, 31),
    "withheld_3s1s": (5, 0, 0, 0, 0, 0, 5),
    "withheld_third_party": (6, 0, 0, 0, 0, 0, 6),
    "withheld_internal": (7, 1, 0, 0, 0, 0, 8),
    "withheld_process": (12, 0, 0, 0, 0, 0, 12),
    "withheld_enforcement_file": (9, 0, 0, 0, 0, 0, 9),
    "withheld_admin_query": (105, 0, 0, 0, 0, 0, 105),
    "unable_not_held": (746, 12, 0, 0, 10, 1, 769),
    "unable_needs_creation": (11, 0, 0, 0, 0, 0, 11),
    "unable_still_unclear": (1, 0, 0, 0, 0, 0, 1),
    "not_handled_petition": (56, 6, 0, 0, 0, 0, 62),
    "not_handled_repeat": (25, 0, 0, 0, 0, 0, 25),
    "not_handled_publication": (0, 0, 0, 0, 0, 0, 0),
    "not_handled_excessive": (0, 0, 0, 0, 0, 0, 0),
    "not_handled_confirm": (1, 0, 0, 0, 0, 0, 1),
    "other_no_supplement": (67, 3, 0, 0, 1, 0, 71),
    "other_fee_unpaid": (6, 0, 0, 0, 0, 0, 6),
    "other_misc": (108, 2, 0, 0, 0, 0, 110),
    "total": (2932, 53, 0, 0, 61, 4, 3050),
    "carried_out": (103, 0, 0, 0, 0, 0, 103),
}
T4_HUAIAN = (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)
T4_COLUMNS = tuple(
    f"{kind}.{result}"
    for kind in ("review", "suit_direct", "suit_after_review")
    for result in ("upheld", "corrected", "other", "pending", "total")
)


@pytest.fixture(scope="module")
def reports():
    return {path.name: read(path) for path in ALL_FILES}


def _t3(report, row):
    return tuple(report.value("三", row, column) for column in COLUMNS)


def _sum_rows(report, prefix, column="total"):
    return sum(v for (row, col), c in report.tables["三"].items() if row.startswith(prefix) and col == column
               for v in [c.value])


# --- detection -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_layout_is_detected(path, reports):
    text = path.read_text(encoding="utf-8")
    assert pdf_text.looks_like_pdf_text(text)
    columns = "pdfminer" in path.name
    assert pdfminer_text.looks_like_column_text(text) is columns
    report, _ = reports[path.name]
    assert report.meta.source_layout == ("pdf-text-columns" if columns else "pdf-text")


def test_the_word_text_seed_is_not_pdf_text():
    assert not pdf_text.looks_like_pdf_text(SEED.read_text(encoding="utf-8"))


# --- 淮安市 2024, both layouts ---------------------------------------------------------


@pytest.mark.parametrize("path", (HUAIAN_ROWS, HUAIAN_COLUMNS), ids=lambda p: p.name)
def test_huaian_meta_and_sections(path, reports):
    report, notes = reports[path.name]
    assert report.meta.agency == "淮安市人民政府"
    assert report.meta.year == 2024
    assert report.meta.format_id == "2021"
    assert [s.key for s in report.sections] == ["overview", "proactive", "applications", "appeals", "problems", "other"]
    assert "统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日" in report.preamble
    # Wrapped body lines are joined into paragraphs, across the page break too.
    overview = report.section("overview").text
    assert "政府信息公开行政复议 351 件，其中结果维持 72 件" in overview
    assert "建设‘四最’一流营商环境高质量推进产业发展" in overview
    assert report.section("other").text.endswith("信息处理费 3940 元。")
    assert not [n for n in notes if n.level == "warning"]


@pytest.mark.parametrize("path", (HUAIAN_ROWS, HUAIAN_COLUMNS), ids=lambda p: p.name)
def test_huaian_table_3_every_cell(path, reports):
    report, _ = reports[path.name]
    assert set(HUAIAN_T3) <= {row for row, _ in report.tables["三"]}
    for row, expected in HUAIAN_T3.items():
        assert _t3(report, row) == expected, row
    # The totals of the groups as the README reads them off the PDF.
    assert _sum_rows(report, "withheld_") == 178
    assert _sum_rows(report, "unable_") == 781
    assert _sum_rows(report, "not_handled_") == 88
    assert _sum_rows(report, "other_") == 187
    assert report.value("三", "unable_not_held", "legal_services") == 10


@pytest.mark.parametrize("path", (HUAIAN_ROWS, HUAIAN_COLUMNS), ids=lambda p: p.name)
def test_huaian_table_2(path, reports):
    report, _ = reports[path.name]
    cells = {key: report.cell("二", *key).text for key in report.tables["二"]}
    assert cells == {
        ("regulations", "issued"): "1",
        ("regulations", "repealed"): "0",
        ("regulations", "in_force"): "11",
        ("normative_docs", "issued"): "8",
        ("normative_docs", "repealed"): "26",
        ("normative_docs", "in_force"): "66",
        ("licensing", "decisions"): "447228",
        ("penalty", "decisions"): "3985758",
        ("enforcement", "decisions"): "88283",
        ("fees", "amount"): "96171.6",
    }
    columns = [lab.written for lab in report.labels if lab.table == "二" and lab.kind == "column"]
    assert columns == ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年处理决定数量",
                       "本年收费金额（单位：万元）"]


@pytest.mark.parametrize("path", (HUAIAN_ROWS, HUAIAN_COLUMNS), ids=lambda p: p.name)
def test_huaian_table_4(path, reports):
    report, _ = reports[path.name]
    assert tuple(report.value("四", "cases", c) for c in T4_COLUMNS) == T4_HUAIAN


def test_both_layouts_give_identical_tables(reports):
    rows, _ = reports[HUAIAN_ROWS.name]
    columns, _ = reports[HUAIAN_COLUMNS.name]
    for table in ("二", "三", "四"):
        assert {k: c.text for k, c in rows.tables[table].items()} == {
            k: c.text for k, c in columns.tables[table].items()
        }, table
    assert [s.text for s in rows.sections] == [s.text for s in columns.sections]


# --- 洪泽区 2023 and 2024 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "year", "totals"),
    [
        (HONGZE_2023, 2023, dict(new=21, carried_in=0, disclosed=0, partial=4, total=21, carried_out=0)),
        (HONGZE_2024, 2024, dict(new=95, carried_in=0, disclosed=50, partial=9, total=95, carried_out=0)),
    ],
    ids=("2023", "2024"),
)
def test_hongze_table_3(path, year, totals, reports):
    report, _ = reports[path.name]
    assert report.meta.year == year
    assert report.meta.format_id == "2021"
    assert report.meta.agency.endswith("洪泽区人民政府")
    for row, value in totals.items():
        assert report.value("三", row, "total") == value, row
    assert _sum_rows(report, "withheld_") == 3
    assert _sum_rows(report, "unable_") == (13 if year == 2023 else 32)
    assert _sum_rows(report, "not_handled_") == 1
    # （六）其他处理 is a single row here, as in the 2019 format.
    assert _t3(report, "other") == (0,) * 7
    assert not any(row.startswith("other_") for row, _ in report.tables["三"])
    # The typo 「2.其他法律行政止公开」 resolves as a known variant.
    seen = [lab for lab in report.labels if lab.table == "三" and lab.key == "withheld_law_forbids"]
    assert [(lab.written, lab.match) for lab in seen] == [("2.其他法律行政止公开", "alias")]
    assert len({row for row, _ in report.tables["三"]}) == 23


def test_hongze_2023_tables_2_and_4(reports):
    report, _ = reports[HONGZE_2023.name]
    assert tuple(report.value("四", "cases", c) for c in T4_COLUMNS) == (10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0)
    assert report.cell("二", "fees", "amount").text == "7730.28"
    assert str(report.value("二", "fees", "amount")) == "7730.28"
    assert report.value("二", "normative_docs", "in_force") == 5


def test_hongze_2023_row_labels_wrapped_and_split(reports):
    report, _ = reports[HONGZE_2023.name]
    written = {lab.key: lab.written for lab in report.labels if lab.table == "三" and lab.kind == "row"}
    assert written["partial"] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert written["not_handled_confirm"] == "5.要求行政机关确认或重新出具已获取信息"
    assert written["not_handled_excessive"] == "4.无正当理由大量反复申请"


# --- what must never happen ------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_page_numbers_never_reach_text_or_labels(path, reports):
    report, _ = reports[path.name]
    page = re.compile(r"-\s*\d+\s*-")
    assert not page.search(report.preamble)
    for section in report.sections:
        assert not page.search(section.text), section.key
    for label in report.labels:
        assert not page.search(label.written), label


def test_a_body_line_inside_table_3_does_not_break_resolution():
    text = HONGZE_2024.read_text(encoding="utf-8").replace(
        "（一）予以公开 50", "本表数据来源于依申请公开系统\n（一）予以公开 50"
    )
    report, _ = read_text(text)
    assert report.value("三", "disclosed", "total") == 50
    assert report.value("三", "new", "total") == 95


def test_numbers_of_table_4_over_several_lines():
    text = HONGZE_2023.read_text(encoding="utf-8").replace(
        "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0", "10 1 0 0 0\n0 0 0 0 0\n5 0 0 0 0"
    )
    report, _ = read_text(text)
    assert tuple(report.value("四", "cases", c) for c in T4_COLUMNS) == (10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0)


def test_column_text_whose_counts_do_not_fit_leaves_cells_blank_with_a_note():
    lines = HUAIAN_COLUMNS.read_text(encoding="utf-8").splitlines()
    # Drop one number of the first chunk of table 三 (the natural-person 新收 cell).
    index = lines.index("3001")
    damaged = "\n".join(lines[:index] + lines[index + 1 :])
    report, notes = read_text(damaged)
    assert report.cell("三", "new", "total").is_blank
    assert report.cell("三", "unable_not_held", "natural").is_blank
    assert any("7×13" in n.message for n in notes)
    # The rows after the damaged chunk are still read.
    assert report.value("三", "total", "total") == 3050


def test_blocks_of_row_text_keep_header_rows_apart():
    blocks = pdf_text.blocks(HUAIAN_ROWS.read_text(encoding="utf-8"))
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    assert len(tables) == 3
    table_3 = tables[1]
    first_data = next(r for r in table_3.rows if r.values)
    assert first_data.label_text == "一、本年新收政府信息公开申请数量"
    assert all(not r.values for r in table_3.rows[: table_3.rows.index(first_data)])
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "二、主动公开政府信息情况" in paragraphs


def test_front_end_notes_are_returned():
    notes: list[Note] = []
    lines = HUAIAN_COLUMNS.read_text(encoding="utf-8").splitlines()
    index = lines.index("88283")
    pdfminer_text.blocks("\n".join(lines[:index] + lines[index + 1 :]), notes)
    assert notes and all(n.level in ("info", "warning") for n in notes)


# --- robustness ------------------------------------------------------------------------------

_CORPUS_LINES = [line for path in ALL_FILES for line in path.read_text(encoding="utf-8").splitlines()]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_CORPUS_LINES), min_size=0, max_size=150),
    st.lists(st.text(max_size=40), max_size=10),
    st.booleans(),
)
def test_shuffled_corpus_lines_never_crash(lines, noise, blank_lines):
    text = ("\n\n" if blank_lines else "\n").join(lines + noise)
    _read_or_refuse(text)
    pdf_text.blocks(text, [])
    pdfminer_text.blocks(text, [])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_FILES), st.integers(0, 400), st.integers(0, 400), st.data())
def test_truncated_and_damaged_reports_never_crash(path, start, length, data):
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = lines[:start] + lines[start + length :]
    if kept:
        i = data.draw(st.integers(0, len(kept) - 1))
        kept[i] = data.draw(st.text(max_size=30))
    text = "\n".join(kept)
    _read_or_refuse(text)
    pdf_text.blocks(text, [])
    pdfminer_text.blocks(text, [])


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_never_crashes(text):
    _read_or_refuse(text)
    pdf_text.looks_like_pdf_text(text)
    pdf_text.blocks(text, [])
    pdfminer_text.blocks(text, [])


def _read_or_refuse(text: str) -> None:
    try:
        read_text(text)
    except (ReadError, NotAReportError):
        pass


def test_every_label_on_its_own_line_before_its_numbers():
    """Rows whose label and numbers the extraction put on separate lines read the same."""
    lines = HUAIAN_ROWS.read_text(encoding="utf-8").splitlines()
    start = lines.index("三、收到和处理政府信息公开申请情况")
    end = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    split: list[str] = []
    for line in lines[start:end]:
        label, values = pdf_text.split_values(line)
        split.extend([label, " ".join(values)] if label and values else [line])
    report, _ = read_text("\n".join(lines[:start] + split + lines[end:]))
    for row, expected in HUAIAN_T3.items():
        assert _t3(report, row) == expected, row


def test_numbers_without_a_label_are_reported_not_guessed():
    text = HONGZE_2024.read_text(encoding="utf-8").replace(
        "（一）予以公开 50 0 0 0 0 0 50", "（一）予以公开 50 0 0 0 0 0 50\n7 7 7 7 7 7 7"
    )
    report, notes = read_text(text)
    assert report.value("三", "disclosed", "total") == 50
    assert any("7 7 7 7 7 7 7" in n.message and "没有行标签" in n.message for n in notes)


def test_a_heading_wrapped_over_two_lines():
    text = HONGZE_2024.read_text(encoding="utf-8").replace(
        "四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情\n况"
    )
    report, _ = read_text(text)
    assert [s.key for s in report.sections][3] == "appeals"
    assert report.value("四", "cases", "suit_after_review.total") == 3


# --- the same PDFs through other extractors ---------------------------------------------------

PDFS = [shared_path("corpus", "pdf", f"{name}.pdf") for name in
        ("huaian_city_gov_2024", "hongze_district_gov_2023", "hongze_district_gov_2024")]


def _tables(report):
    return {t: {k: c.text for k, c in report.tables.get(t, {}).items()} for t in ("二", "三", "四")}


def _pypdf_twin(pdf):
    return read(PDF_TEXT / pdf.name.replace(".pdf", ".pypdf.txt"))[0]


@pytest.mark.slow
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pdfminer_and_pdfplumber_text_give_the_tables_of_the_pypdf_text(pdf):
    """Other extractors order a table's boxes differently (pdfminer may put 总计 before 其他,
    pdfplumber sorts by height so numbers come before or inside a wrapped label)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    from pdfminer.high_level import extract_text

    expected = _tables(_pypdf_twin(pdf))
    by_columns, _ = read_text(extract_text(str(pdf)))
    assert by_columns.meta.source_layout == "pdf-text-columns"
    assert _tables(by_columns) == expected
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    by_height, _ = read_text(text)
    assert by_height.meta.source_layout == "pdf-text"
    assert _tables(by_height) == expected


@pytest.mark.slow
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pdftotext_raw_order_gives_blanks_and_notes_never_wrong_numbers(pdf, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    expected = _tables(_pypdf_twin(pdf))
    for options in ([], ["-layout"]):
        out = tmp_path / "out.txt"
        subprocess.run(["pdftotext", *options, str(pdf), str(out)], check=True)
        report, notes = read_text(out.read_text(encoding="utf-8"))
        got = _tables(report)
        for table, cells in got.items():
            for key, text in cells.items():
                assert not text or text == expected[table].get(key), (options, table, key)
        if options:
            assert got == expected
        elif got != expected:
            assert any(n.level == "warning" for n in notes)
