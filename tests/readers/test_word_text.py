"""The example report: text extracted from Word, read as written."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.readers import ReadError, read, read_text
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed():
    return read(SEED)


def test_title_year_and_format(seed):
    report, _ = seed
    assert report.meta.agency == "淄博市张店区残疾人联合会机关"
    assert report.meta.year == 2021
    assert report.meta.format_id == "2021"
    assert report.meta.source_layout == "word-text"
    assert "统计期限是2021年1月1日至2021年12月31日" in report.preamble


def test_six_sections_with_headings_as_written(seed):
    report, _ = seed
    assert [s.key for s in report.sections] == ["overview", "proactive", "applications", "appeals", "problems", "other"]
    assert report.section("appeals").heading == "4、 政府信息公开行政复议、行政诉讼情况"
    assert "张店区机关事务服务中心" in report.section("overview").text
    assert report.section("other").text == "没有需要报告的其他事项。"


def test_table_2_keeps_the_2019_columns_it_was_written_with(seed):
    report, _ = seed
    assert report.cell("二", "normative_docs", "made").text == "0"
    assert report.cell("二", "normative_docs", "issued") is None
    assert report.cell("二", "fees", "amount").text == "0"
    columns = {lab.written: lab.formats for lab in report.labels if lab.table == "二" and lab.kind == "column"}
    assert columns["本年新制作数量"] == ("2019",)
    assert columns["本年处理决定数量"] == ("2021",)


def test_table_3_blank_cells_stay_blank(seed):
    report, _ = seed
    cells = report.tables["三"]
    assert len(cells) == 25 * 7
    assert report.cell("三", "new", "total").text == "0"
    assert report.cell("三", "new", "natural").is_blank
    assert report.cell("三", "other_fee_unpaid", "total").is_blank
    assert report.cell("三", "other_misc", "total").is_blank
    assert report.cell("三", "carried_out", "total").location.line is not None


def test_table_3_labels_as_written(seed):
    report, _ = seed
    groups = [lab.written for lab in report.labels if lab.table == "三" and lab.kind == "group"]
    assert "（6） 其他处理" in groups
    rows = {lab.key: lab for lab in report.labels if lab.table == "三" and lab.kind == "row"}
    assert rows["other_no_supplement"].match == "fuzzy"  # the seed writes 「无不正当理由」


def test_table_4_as_written(seed):
    report, _ = seed
    values = [report.cell("四", "cases", c).text for c in
              ("review.upheld", "review.corrected", "review.other", "review.pending", "review.total")]
    assert values == ["0", "", "0", "", "0"]
    assert report.cell("四", "cases", "suit_after_review.total").text == "0"


def test_categories_at_the_end(seed):
    report, _ = seed
    assert report.categories == {"履职依据": 1, "会议公开": 3, "建议提案": 1, "财政信息": 3, "重点领域信息公开": 4,
                                 "政策解读": 1, "业务动态": 6}
    assert report.categories_total == 19


def test_gb18030_bytes_read_the_same(seed):
    report, _ = seed
    again, _ = read(SEED.read_text(encoding="utf-8").encode("gb18030"))
    assert again.tables == report.tables
    assert again.meta.agency == report.meta.agency


def test_crlf_and_nbsp_are_tolerated(seed):
    report, _ = seed
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    again, _ = read_text(text)
    assert {k: c.text for k, c in again.tables["三"].items()} == {k: c.text for k, c in report.tables["三"].items()}


SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(SEED_LINES), min_size=0, max_size=200),
    st.text(alphabet="\t\n 0123456789一二三（）、.总计其他", max_size=200),
)
def test_shuffled_and_damaged_word_text_never_crashes(lines, noise):
    text = "\n".join(lines) + noise
    try:
        report, _notes = read_text(text)
    except ReadError:
        return
    for cells in report.tables.values():
        for cell in cells.values():
            assert isinstance(cell.text, str)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_clear_error(data):
    try:
        read(data)
    except ReadError as exc:
        assert str(exc)
