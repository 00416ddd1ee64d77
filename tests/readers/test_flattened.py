"""Flattened web text: cells run together, recovered from the format's arithmetic."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.model import AnnualReport, Cell, empty_report
from gongkai.report.readers import NotAReportError, ReadError, read_text
from gongkai.report.readers.digit_split import Run, TooManyCandidates, split_run
from gongkai.report.readers.flattened import looks_like_flattened, read_flattened
from gongkai.report.sample import random_report
from gongkai.statute import get_format
from gongkai.statute.structure import Unit
from tests.conftest import CORPUS, SEED
from tests.readers.flatten_helper import flatten, table_3_header

T3_COLUMNS = [c.key for c in get_format("2021").table("三").columns]
OUTCOMES_2021 = [r.key for r in get_format("2021").table("三").rows
                 if r.key not in ("new", "carried_in", "total", "carried_out")]


def _report(rows: dict[str, list[int]], fmt: str = "2021", year: int = 2023) -> AnnualReport:
    """A report whose table 三 has the given rows (7 values) and zeros elsewhere; tables 二
    and 四 are all zeros."""
    report = empty_report(fmt, year=year, agency="某某局")
    report.meta.title = f"某某局{year}年政府信息公开工作年度报告"
    for (table, row, column), cell in [((t, r, c), cell) for t, cells in report.tables.items()
                                       for (r, c), cell in cells.items()]:
        value = rows.get(row, [0] * 7)[T3_COLUMNS.index(column)] if table == "三" else 0
        report.set_cell(table, row, column, Cell(str(value), unit=cell.unit))
    return report


def _consistent(outcomes: dict[str, list[int]], carried_in: list[int], carried_out: list[int]) -> dict[str, list[int]]:
    """Complete a table 三 from outcome rows (6 applicant values each): totals per row,
    （七）总计 per column, and 一 from the 勾稽关系."""
    rows = {key: [*values, sum(values)] for key, values in outcomes.items()}
    total = [sum(rows.get(k, [0] * 7)[c] for k in OUTCOMES_2021) for c in range(7)]
    cin = [*carried_in, sum(carried_in)]
    cout = [*carried_out, sum(carried_out)]
    new = [total[c] + cout[c] - cin[c] for c in range(7)]
    rows.update(new=new, carried_in=cin, total=total, carried_out=cout)
    return rows


def _cells(report: AnnualReport, table: str) -> dict[tuple[str, str], str]:
    return {key: cell.text for key, cell in report.tables.get(table, {}).items()}


# --- the solver alone --------------------------------------------------------------------


def test_split_run_respects_row_sums_and_leading_zeros():
    count = [Unit.COUNT] * 7
    assert split_run(Run("640020470"), count, [7]) == [("64", "0", "0", "2", "0", "4", "70")]
    assert split_run(Run("300153006143119"), count, [7]) == [("3001", "53", "0", "0", "61", "4", "3119")]
    assert split_run(Run("0000000"), count, [7]) == [("0",) * 7]
    assert split_run(Run("000000"), count, [7]) == []  # fewer digits than cells
    assert sorted(split_run(Run("1011"), [Unit.COUNT] * 3)) == [("1", "0", "11"), ("10", "1", "1")]


def test_split_run_decimals_signs_and_white_space():
    assert split_run(Run("96171.6"), [Unit.WANYUAN]) == [("96171.6",)]
    assert split_run(Run("10+32"), [Unit.COUNT, Unit.SIGNED, Unit.COUNT], None) == [("10", "+3", "2")]
    # White space in the source is a certain cut.
    assert split_run(Run("1011", frozenset({1})), [Unit.COUNT] * 3) == [("1", "0", "11")]


def test_split_run_caps_pathological_input():
    with pytest.raises(TooManyCandidates):
        split_run(Run("1" * 200), [Unit.COUNT] * 7, [7])
    with pytest.raises(TooManyCandidates):
        split_run(Run("12" * 12), [Unit.COUNT] * 3, None, limit=20)


# --- detection ---------------------------------------------------------------------------


def test_detection():
    text = flatten(random_report(random.Random(3)))
    assert looks_like_flattened(text)
    assert not looks_like_flattened(SEED.read_text(encoding="utf-8"))
    assert not looks_like_flattened((CORPUS / "pdf-text" / "huaian_city_gov_2024.pypdf.txt").read_text())
    assert not looks_like_flattened("<html><body><table><tr><td>" + text + "</td></tr></table></body></html>")
    assert not looks_like_flattened("随便一段文字。" * 200)


# --- the example row and whole reports ---------------------------------------------------


def test_example_row_recovered_with_the_other_rows():
    rows = _consistent({"disclosed": [60, 0, 0, 2, 0, 4], "partial": [4, 0, 0, 0, 0, 0]}, [0] * 6, [0] * 6)
    assert rows["new"] == [64, 0, 0, 2, 0, 4, 70]
    text = flatten(_report(rows))
    assert "一、本年新收政府信息公开申请数量640020470二、" in text
    report, notes = read_text(text)
    assert report.meta.source_layout == "flattened"
    assert report.meta.agency == "某某局" and report.meta.year == 2023
    assert [report.cell("三", "new", c).text for c in T3_COLUMNS] == ["64", "0", "0", "2", "0", "4", "70"]
    cell = report.cell("三", "new", "natural")
    assert cell.inferred
    assert cell.location.line == 1 and text[cell.location.col - 1 : cell.location.col + 1] == "64"
    assert not [n for n in notes if "多种拆分" in n.message]


def test_genuine_ambiguity_is_reported_and_left_blank():
    # 1|11|0, 11|1|0 and 1|1|10 give the same digits, and every column relation holds
    # with each of them.
    rows = _consistent({"disclosed": [1, 11, 0, 0, 0, 0]}, [0] * 6, [0] * 6)
    report, notes = read_text(flatten(_report(rows)))
    for key in ("new", "disclosed", "total"):
        assert report.cell("三", key, "natural").text == ""
        assert report.cell("三", key, "commercial").text == ""
        assert report.cell("三", key, "natural").inferred
        assert report.cell("三", key, "total").text == "12"  # the candidates agree on it
        assert report.cell("三", key, "other_org").text == "0"
    ambiguous = [n.message for n in notes if "多种拆分" in n.message and "表三" in n.message]
    assert any("予以公开" in m and "111000012" in m and "1|11|0|0|0|0|12" in m and "11|1|0|0|0|0|12" in m
               for m in ambiguous)


def test_table_2_ambiguity():
    report = _report({})
    report.set_cell("二", "regulations", "issued", Cell("1"))
    report.set_cell("二", "regulations", "repealed", Cell("0"))
    report.set_cell("二", "regulations", "in_force", Cell("11"))
    report.set_cell("二", "fees", "amount", Cell("7730.28", unit=Unit.WANYUAN))
    report.set_cell("二", "licensing", "decisions", Cell("447228"))
    parsed, notes = read_text(flatten(report))
    assert parsed.cell("二", "regulations", "issued").text == ""
    assert parsed.cell("二", "regulations", "issued").inferred
    assert any("规章" in n.message and "1011" in n.message for n in notes)
    assert parsed.cell("二", "normative_docs", "in_force").text == "0"  # 000: one split only
    assert parsed.cell("二", "fees", "amount").text == "7730.28"
    assert parsed.cell("二", "licensing", "decisions").text == "447228"
    assert not parsed.cell("二", "licensing", "decisions").inferred  # one cell: nothing inferred


HUAIAN_T3 = [  # 淮安市人民政府 2024, table 三 as printed (corpus/pdf-text/huaian_city_gov_2024.pypdf.txt)
    ("一、本年新收政府信息公开申请数量", "3001 53 0 0 61 4 3119"),
    ("二、上年结转政府信息公开申请数量", "34 0 0 0 0 0 34"),
    ("三、本年度办理结果（一）予以公开", "1288 21 0 0 50 3 1362"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "447 7 0 0 0 0 454"),
    ("（三）不予公开1.属于国家秘密", "2 0 0 0 0 0 2"),
    ("2.其他法律行政法规禁止公开", "30 1 0 0 0 0 31"),
    ("3.危及“三安全一稳定”", "5 0 0 0 0 0 5"),
    ("4.保护第三方合法权益", "6 0 0 0 0 0 6"),
    ("5.属于三类内部事务信息", "7 1 0 0 0 0 8"),
    ("6.属于四类过程性信息", "12 0 0 0 0 0 12"),
    ("7.属于行政执法案卷", "9 0 0 0 0 0 9"),
    ("8.属于行政查询事项", "105 0 0 0 0 0 105"),
    ("（四）无法提供1.本机关不掌握相关政府信息", "746 12 0 0 10 1 769"),
    ("2.没有现成信息需要另行制作", "11 0 0 0 0 0 11"),
    ("3.补正后申请内容仍不明确", "1 0 0 0 0 0 1"),
    ("（五）不予处理1.信访举报投诉类申请", "56 6 0 0 0 0 62"),
    ("2.重复申请", "25 0 0 0 0 0 25"),
    ("3.要求提供公开出版物", "0 0 0 0 0 0 0"),
    ("4.无正当理由大量反复申请", "0 0 0 0 0 0 0"),
    ("5.要求行政机关确认或重新出具已获取信息", "1 0 0 0 0 0 1"),
    ("（六）其他处理1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "67 3 0 0 1 0 71"),
    ("2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "6 0 0 0 0 0 6"),
    ("3、其他", "108 2 0 0 0 0 110"),
    ("（七）总计", "2932 53 0 0 61 4 3050"),
    ("四、结转下年度继续办理", "103 0 0 0 0 0 103"),
]
HUAIAN_T4 = "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"


def _huaian_text() -> str:
    t2 = ("第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章1011行政规范性文件82666"
          "第二十条第（五）项信息内容本年处理决定数量行政许可447228"
          "第二十条第（六）项信息内容本年处理决定数量行政处罚3985758行政强制88283"
          "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费96171.6")
    t3 = table_3_header(empty_report("2021")) + "".join(label + d.replace(" ", "") for label, d in HUAIAN_T3)
    t4 = ("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
          + "结果维持结果纠正其他结果尚未审结总计" * 2 + HUAIAN_T4.replace(" ", ""))
    return ("首页 > 政务公开 > 年报 淮安市人民政府2024年政府信息公开工作年度报告 发布时间：2025-01-20"
            "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》规定编制。"
            "一、总体情况2024年，我市严格落实《条例》各项规定。（一）主动公开情况。全年主动公开政府信息5500余条。"
            "（二）依申请公开情况。全市共受理政府信息公开申请3119件。"
            "二、主动公开政府信息情况" + t2 + "三、收到和处理政府信息公开申请情况" + t3
            + "四、政府信息公开行政复议、行政诉讼情况" + t4
            + "五、存在的主要问题及改进情况政策解读质量仍需提升。六、其他需要报告的事项"
            "2024年，全年收取政府信息公开信息处理费3940元。")


def test_huaian_2024_table_3_recovered_completely():
    report, _ = read_text(_huaian_text())
    assert report.meta.agency == "淮安市人民政府" and report.meta.year == 2024
    assert [s.key for s in report.sections] == ["overview", "proactive", "applications", "appeals", "problems",
                                                "other"]
    rows = [r.key for r in get_format("2021").table("三").rows]
    for (label, digits), key in zip(HUAIAN_T3, rows, strict=True):
        assert [report.cell("三", key, c).text for c in T3_COLUMNS] == digits.split(), label
        assert all(report.cell("三", key, c).inferred for c in T3_COLUMNS)
    assert report.cell("二", "penalty", "decisions").text == "3985758"
    assert report.cell("二", "fees", "amount").text == "96171.6"
    assert "3940元" in report.section("other").text
    assert report.section("overview").text.count("\n") >= 2  # split at the sub-heads


def test_huaian_2024_table_4_partly_ambiguous():
    report, notes = read_text(_huaian_text())
    columns = [c.key for c in get_format("2021").table("四").columns]
    got = [report.cell("四", "cases", c).text for c in columns]
    expected = HUAIAN_T4.split()
    # 行政复议 and 未经复议直接起诉 are certain; 复议后起诉's 12|1|1|6 could be 1|2|11|6 or 1|2|1|16.
    assert got[:10] == expected[:10]
    assert got[10:14] == ["", "", "", ""] and got[14] == "20"
    note = next(n.message for n in notes if n.message.startswith("表四的数字串"))
    assert "72641783735113481261211620" in note and "12|1|1|6|20" in note and "复议后起诉" in note


def test_blank_cells_in_the_source_are_not_guessed():
    # The seed fills only 总计: flattened, the row is a single digit.
    report = _report({})
    report.set_cell("三", "new", "total", Cell("5"))
    for column in T3_COLUMNS[:-1]:
        report.set_cell("三", "new", column, Cell(""))
    parsed, notes = read_text(flatten(report))
    assert all(parsed.cell("三", "new", c).text == "" and parsed.cell("三", "new", c).inferred for c in T3_COLUMNS)
    assert any("本年新收" in n.message and "少于 7 列" in n.message for n in notes)
    # The other rows are still solved, by their own totals.
    assert parsed.cell("三", "disclosed", "total").text == "0"


def test_inconsistent_report_falls_back_and_says_so():
    rows = _consistent({"disclosed": [3, 0, 0, 0, 0, 0]}, [0] * 6, [0] * 6)
    rows["total"] = [4, 0, 0, 0, 0, 0, 4]  # （七）总计 does not match the outcome rows
    report, notes = read_text(flatten(_report(rows)))
    assert report.cell("三", "total", "natural").text == "4"
    assert report.cell("三", "disclosed", "total").text == "3"
    assert any("数字可能本身有误" in n.message for n in notes)


def test_format_2019_round_trip():
    for seed in range(6):
        original = random_report(random.Random(seed), "2019", scale=50)
        report, _ = read_text(flatten(original))
        assert report.meta.format_id == "2019"
        _assert_never_wrong(original, report)
        assert report.cell("三", "other", "total").text == original.cell("三", "other", "total").text


def test_random_reports_round_trip_with_text_after_the_tables():
    for seed in range(12):
        original = random_report(random.Random(seed), "2021", scale=random.Random(seed).choice([10, 100, 1000]))
        text = flatten(original, newline_every_section=seed % 2 == 1)
        report, notes = read_text(text)
        assert [s.key for s in report.sections] == [s.key for s in original.sections]
        assert report.meta.agency == original.meta.agency and report.meta.year == original.meta.year
        # The appeals text starts with the year: it must not be read as table 四's digits.
        assert report.section("appeals").text.startswith(str(original.meta.year))
        _assert_never_wrong(original, report, notes)


def _assert_never_wrong(original: AnnualReport, report: AnnualReport, notes=()) -> None:
    for table, cells in original.tables.items():
        for key, cell in cells.items():
            got = report.cell(table, *key)
            assert got is not None, (table, key)
            if got.text:
                assert got.text == cell.text, (table, key)
            else:
                assert got.inferred, (table, key)


# --- properties --------------------------------------------------------------------------

_small = st.integers(0, 30) | st.integers(0, 3000)
_vector = st.lists(_small, min_size=6, max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outcomes=st.dictionaries(st.sampled_from(OUTCOMES_2021), _vector, max_size=6),
       carried_in=_vector, carried_out=_vector)
def test_property_resolved_cells_are_right_and_open_cells_are_reported(outcomes, carried_in, carried_out):
    rows = _consistent(outcomes, carried_in, carried_out)
    if any(v < 0 for values in rows.values() for v in values):
        carried_in = [0] * 6
        rows = _consistent(outcomes, carried_in, carried_out)
    original = _report(rows)
    report, notes = read_flattened(flatten(original))
    labels = {r.key: r.label for r in get_format("2021").table("三").rows}
    for row, values in rows.items():
        for column, value in zip(T3_COLUMNS, values, strict=True):
            cell = report.cell("三", row, column)
            assert cell.inferred
            if cell.text:
                assert cell.text == str(value)
            else:
                name = labels[row]
                assert any(name in n.message and "表三" in n.message for n in notes), (row, column)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789一二三四、（）.。总计结果维持本年新收政府信息公开申请数量情况 \n"
                                        "第二十条项规章行政许可其他"), max_size=400))
def test_fuzz_random_text_only_raises_read_errors(text):
    for reader in (read_text, read_flattened):
        try:
            reader(text)
        except (ReadError, NotAReportError):
            pass


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.tuples(st.integers(0, 10_000), st.text(max_size=4)), max_size=6))
def test_fuzz_mutated_reports_only_raise_read_errors(seed, edits):
    text = flatten(random_report(random.Random(seed)))
    for position, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + len(insert):]
    try:
        read_flattened(text)
    except (ReadError, NotAReportError):
        pass


def test_pathological_rows_are_reported_not_solved():
    report = _report({})
    label = get_format("2021").table("三").rows[0].label
    text = flatten(report).replace(label + "0000000", label + "1" * 200)
    parsed, notes = read_text(text)
    assert all(parsed.cell("三", "new", c).text == "" for c in T3_COLUMNS)
    assert any("本年新收" in n.message and "拆分过多" in n.message for n in notes)
    assert parsed.cell("三", "disclosed", "total").text == "0"
