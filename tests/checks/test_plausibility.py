"""Figures that add up but cannot be true."""

from __future__ import annotations

from gongkai.report.checks import Severity
from gongkai.report.model import Section
from tests.checks.conftest import check, consistent_report, only, put, rule_ids


def test_a_district_body_makes_no_regulations() -> None:
    report = consistent_report("2021", 2021)
    put(report, "二", "regulations", "issued", 2)
    put(report, "二", "regulations", "in_force", 14)
    (finding,) = only(check(report), "PL-REGULATIONS")
    assert finding.severity is Severity.WARNING
    assert "“第二十条第（一）项 / 规章”行“本年制发件数”列为 2" in finding.message


def test_2019_made_column_counts_too() -> None:
    report = consistent_report("2019", 2020, agency="淮安市洪泽区人民政府")
    put(report, "二", "regulations", "made", 1)
    assert only(check(report), "PL-REGULATIONS")


def test_a_city_government_may_make_regulations() -> None:
    report = consistent_report("2021", 2021, agency="淮安市人民政府")
    put(report, "二", "regulations", "issued", 1)
    put(report, "二", "regulations", "in_force", 13)
    assert not only(check(report), "PL-REGULATIONS")


def test_more_repealed_than_last_years_stock() -> None:
    previous = consistent_report("2021", 2021)
    report = consistent_report("2021", 2022)
    put(previous, "二", "normative_docs", "in_force", 3)
    put(report, "二", "normative_docs", "repealed", 5)
    put(report, "二", "normative_docs", "in_force", 0)
    findings = check(report, previous)
    (finding,) = only(findings, "PL-REPEALED")
    assert "本年废止 5 件，多于上一年度报告的现行有效件数 3" in finding.message


def test_empty_tables_while_the_text_reports_activity() -> None:
    report = consistent_report("2021", 2021)
    for table in ("三", "四"):
        for key in report.tables[table]:
            put(report, table, *key, 0)
    report.sections[0] = Section(
        "overview", "一、总体情况", "2021年，区残联共受理政府信息公开申请 5 件。被申请行政复议 2 件。"
    )
    findings = only(check(report), "PL-NO-ACTIVITY")
    assert [f.location.table for f in findings] == ["三", "四"]
    assert "受理政府信息公开申请5件" in findings[0].message
    assert not {"NARR-APPLICATIONS", "NARR-APPEALS"} & rule_ids(check(report))
