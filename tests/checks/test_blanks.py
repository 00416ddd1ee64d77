"""Blank cells (spec §5.1 rule 6): blank is not 0."""

from __future__ import annotations

from gongkai.report.checks import Severity
from tests.checks.conftest import check, consistent_report, only, put, rule_ids
from tests.checks.seed_like import seed_report


def test_blank_parts_under_a_filled_total_are_one_warning_per_table() -> None:
    report = consistent_report("2021", 2021)
    for row in ("new", "disclosed", "partial", "withheld_state_secret"):
        put(report, "三", row, "research", "")
    put(report, "四", "cases", "review.pending", "")
    findings = check(report)
    assert rule_ids(findings) == {"BLANK-CELL"}
    three, four = findings
    assert three.severity is Severity.WARNING and three.location.table == "三"
    assert three.message.startswith("表三有 4 个单元格空白")
    assert "“一、本年新收政府信息公开申请数量”行“法人或其他组织 / 科研机构”列" in three.message
    assert "等 4 处" in three.message
    assert four.message.startswith("表四有 1 个单元格空白") and "“行政复议 / 尚未审结”列" in four.message


def test_blank_total_with_numbers_in_its_row_is_an_error() -> None:
    report = consistent_report("2021", 2021)
    put(report, "三", "disclosed", "total", "")
    put(report, "四", "cases", "suit_direct.total", "")
    findings = check(report)
    assert rule_ids(findings) == {"BLANK-TOTAL"}
    assert {f.location.table for f in findings} == {"三", "四"}
    assert all(f.severity is Severity.ERROR for f in findings)
    assert "“（一）予以公开”行“总计”列" in findings[0].message


def test_blank_outcome_total_with_filled_outcomes() -> None:
    report = consistent_report("2021", 2021)
    put(report, "三", "total", "commercial", "")
    assert [f.location.column_key for f in only(check(report), "BLANK-TOTAL")] == ["commercial"]


def test_whole_blank_rows_are_named() -> None:
    """The seed leaves （六）2 and （六）3 blank, 总计 included."""
    findings = check(seed_report())
    (row,) = only(findings, "BLANK-ROW")
    assert row.severity is Severity.WARNING
    assert "表三有 2 行整行空白" in row.message
    assert "“（六）其他处理 / 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”" in row.message
    assert "“（六）其他处理 / 3.其他”" in row.message
    # The seed fills only 总计 in table 三 and leaves blanks in table 四: one warning each.
    assert [f.location.table for f in only(findings, "BLANK-CELL")] == ["三", "四"]
    assert not only(findings, "BLANK-TOTAL")


def test_an_empty_table_is_called_a_template() -> None:
    report = consistent_report("2021", 2021)
    for key in list(report.tables["三"]):
        put(report, "三", *key, "")
    (finding,) = only(check(report), "BLANK-ROW")
    assert finding.message == "表三全部 25 行均为空白，表格没有填写（可能是未填写的模板）。"


def test_an_empty_table_4() -> None:
    report = consistent_report("2021", 2021)
    for key in list(report.tables["四"]):
        put(report, "四", *key, "")
    findings = check(report)
    assert [f.message for f in only(findings, "BLANK-ROW")] == ["表四整行空白，行政复议和行政诉讼情况都没有填写。"]
    assert not only(findings, "BLANK-CELL")
