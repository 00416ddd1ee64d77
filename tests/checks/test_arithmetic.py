"""Arithmetic within one report (spec §5.1): each test breaks one sum."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.checks import Severity
from gongkai.report.model import AnnualReport, empty_report
from tests.checks.conftest import (
    AGENCY,
    add_sections,
    applicant_columns,
    check,
    consistent_report,
    fill_t2,
    fill_t3,
    fill_t4,
    only,
    outcome_rows,
    put,
    rule_ids,
)

ARITHMETIC = {"T3-ROW-TOTAL", "T3-OUTCOME-TOTAL", "T3-BALANCE", "T4-TOTAL", "CELL-NOT-NUMBER", "CELL-NEGATIVE"}


@pytest.mark.parametrize(("format_id", "year"), [("2021", 2021), ("2019", 2020)])
def test_row_total(format_id: str, year: int) -> None:
    report = consistent_report(format_id, year)
    # Move one 自然人 from （二） to （一） without touching 总计: every column still adds up.
    put(report, "三", "disclosed", "natural", report.value("三", "disclosed", "natural") + 1)  # type: ignore[operator]
    put(report, "三", "partial", "natural", report.value("三", "partial", "natural") - 1)  # type: ignore[operator]
    findings = check(report)
    assert rule_ids(findings) == {"T3-ROW-TOTAL"}
    assert [f.location.row_key for f in findings] == ["disclosed", "partial"]
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.location.row == "（一）予以公开" and finding.location.column == "总计"
    total = report.value("三", "disclosed", "total")
    assert finding.message == (
        f"表三“（一）予以公开”行“总计”列为 {total}，但“自然人”、“法人或其他组织”各列之和为 {total + 1}。"  # type: ignore[operator]
    )


def test_outcome_total_names_the_figures() -> None:
    report = consistent_report("2021", 2021)
    # One more 予以公开 by a natural person, counted in its row but not in （七）.
    for column in ("natural", "total"):
        put(report, "三", "disclosed", column, report.value("三", "disclosed", column) + 1)  # type: ignore[operator]
    findings = check(report)
    assert rule_ids(findings) == {"T3-OUTCOME-TOTAL"}
    total = report.value("三", "total", "total")
    assert len(findings) == 2  # the 自然人 column and the 总计 column
    assert f"表三“（七）总计”行“总计”列为 {total}，但各项办理结果之和为 {total + 1}。" in [f.message for f in findings]  # type: ignore[operator]


def test_outcome_total_of_2019_counts_the_single_other_row() -> None:
    report = consistent_report("2019", 2020)
    assert "other" in outcome_rows(report)
    put(report, "三", "other", "natural", report.value("三", "other", "natural") + 2)  # type: ignore[operator]
    put(report, "三", "other", "total", report.value("三", "other", "total") + 2)  # type: ignore[operator]
    assert rule_ids(check(report)) == {"T3-OUTCOME-TOTAL"}


def test_balance() -> None:
    report = consistent_report("2021", 2021)
    for column in ("natural", "total"):
        put(report, "三", "carried_out", column, report.value("三", "carried_out", column) + 3)  # type: ignore[operator]
    findings = check(report)
    assert rule_ids(findings) == {"T3-BALANCE"}
    message = only(findings, "T3-BALANCE")[0].message
    assert message.startswith("表三“自然人”列勾稽关系不成立：“一、本年新收政府信息公开申请数量”")
    assert "“（七）总计”" in message and "“四、结转下年度继续办理”" in message


@pytest.mark.parametrize("kind", ["review", "suit_direct", "suit_after_review"])
def test_table_4_totals(kind: str) -> None:
    report = consistent_report("2021", 2021)
    put(report, "四", "cases", f"{kind}.total", 0)
    put(report, "四", "cases", f"{kind}.upheld", 10)
    findings = check(report)
    assert rule_ids(findings) == {"T4-TOTAL"}
    assert "结果维持 10" in findings[0].message and findings[0].location.column.endswith("总计")  # type: ignore[union-attr]


def test_filled_parts_exceeding_a_total_are_reported_despite_blanks() -> None:
    """洪泽区 2023: 结果维持 10, 结果纠正 1 but 总计 0 — blanks cannot repair that."""
    report = consistent_report("2021", 2021)
    for column, value in (("upheld", 10), ("corrected", 1), ("other", ""), ("pending", ""), ("total", 0)):
        put(report, "四", "cases", f"review.{column}", value)
    findings = check(report)
    assert "T4-TOTAL" in rule_ids(findings)
    assert "已填写部分合计已达 11" in only(findings, "T4-TOTAL")[0].message


def test_sums_with_blank_parts_are_left_to_the_blank_rules() -> None:
    report = consistent_report("2021", 2021)
    put(report, "三", "disclosed", "natural", "")
    put(report, "四", "cases", "review.upheld", "")
    assert not ARITHMETIC & rule_ids(check(report))


def test_invalid_text_in_a_cell() -> None:
    report = consistent_report("2021", 2021)
    put(report, "三", "partial", "research", "无")
    put(report, "四", "cases", "review.other", "—")
    findings = only(check(report), "CELL-NOT-NUMBER")
    assert [f.location.table for f in findings] == ["三", "四"]
    assert (
        "“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行"
        "“法人或其他组织 / 科研机构”列写作“无”" in findings[0].message
    )
    assert findings[0].severity is Severity.ERROR


def test_negative_counts_and_amounts() -> None:
    report = consistent_report("2021", 2021)
    put(report, "二", "fees", "amount", "-0.5")
    put(report, "二", "licensing", "decisions", -3)
    assert {f.location.row_key for f in only(check(report), "CELL-NEGATIVE")} == {"fees", "licensing"}


def test_2019_change_may_be_negative() -> None:
    report = consistent_report("2019", 2020)
    put(report, "二", "licensing", "change", "-8")
    put(report, "二", "penalty", "change", "+3")
    assert check(report) == []


def test_counts_must_be_integers() -> None:
    report = consistent_report("2021", 2021)
    put(report, "二", "penalty", "decisions", "2.5")
    put(report, "二", "fees", "amount", "2.5")  # an amount may have decimals
    findings = check(report)
    assert rule_ids(findings) == {"CELL-NOT-INTEGER"}
    assert findings[0].location.row_key == "penalty"


# --- property tests ----------------------------------------------------------------------

COUNTS = st.integers(min_value=0, max_value=40)


@st.composite
def consistent_reports(draw: st.DrawFn) -> AnnualReport:
    format_id = draw(st.sampled_from(["2019", "2021"]))
    year = 2020 if format_id == "2019" else draw(st.integers(2021, 2025))
    report = empty_report(format_id, year=year, agency=AGENCY, title=f"{year}年政府信息公开工作年度报告")
    columns, rows = applicant_columns(report), outcome_rows(report)
    outcomes = {(r, c): draw(COUNTS) for r in rows for c in columns}
    carried_out = {c: draw(COUNTS) for c in columns}
    carried_in = {}
    for c in columns:
        available = sum(outcomes[(r, c)] for r in rows) + carried_out[c]
        carried_in[c] = draw(st.integers(0, available))
    fill_t3(report, outcomes, carried_in, carried_out)
    fill_t4(report, {k: tuple(draw(COUNTS) for _ in range(4)) for k in ("review", "suit_direct", "suit_after_review")})
    fill_t2(report)
    add_sections(report)
    return report


@settings(max_examples=60, deadline=None)
@given(consistent_reports())
def test_random_consistent_reports_have_no_arithmetic_errors(report: AnnualReport) -> None:
    findings = check(report)
    assert not ARITHMETIC & rule_ids(findings)
    assert not [f for f in findings if f.severity is Severity.ERROR]


TOTALS = [("三", row, "total") for row in ("new", "carried_in", "disclosed", "partial", "total", "carried_out")] + [
    ("四", "cases", f"{kind}.total") for kind in ("review", "suit_direct", "suit_after_review")
]


@settings(max_examples=60, deadline=None)
@given(consistent_reports(), st.sampled_from(TOTALS), st.integers(1, 5))
def test_perturbing_one_total_fires_the_right_rule(
    report: AnnualReport, target: tuple[str, str, str], delta: int
) -> None:
    table, row, column = target
    put(report, table, row, column, report.value(table, row, column) + delta)  # type: ignore[operator]
    fired = rule_ids(check(report))
    if table == "四":
        assert fired == {"T4-TOTAL"}
        return
    expected = {"T3-ROW-TOTAL", "T3-BALANCE"}  # a 总计 cell is also the 总计 column's figure
    if row == "total":
        expected.add("T3-OUTCOME-TOTAL")
    elif row in ("disclosed", "partial"):
        expected = {"T3-ROW-TOTAL", "T3-OUTCOME-TOTAL"}
    assert fired == expected
