"""This year's report against last year's (spec §5.2)."""

from __future__ import annotations

from gongkai.report.checks import Severity
from tests.checks.conftest import check, consistent_report, only, put, rule_ids


def _pair():
    previous = consistent_report("2021", 2021)
    report = consistent_report("2021", 2022)
    # This year's 上年结转 is last year's 结转下年度 (the builder carries out 1 commercial).
    return report, previous


def test_consistent_pair_is_clean() -> None:
    report, previous = _pair()
    _rewrite(previous)
    # 现行有效 12 = 12 + 制发 2 - 废止 2 already; align 上年结转 with last year's 结转下年度.
    put(report, "三", "carried_in", "natural", 0)
    put(report, "三", "carried_in", "commercial", 1)
    put(report, "三", "new", "natural", report.value("三", "new", "natural") + 1)  # type: ignore[operator]
    put(report, "三", "new", "commercial", report.value("三", "new", "commercial") - 1)  # type: ignore[operator]
    assert check(report, previous) == []


def test_carried_over_must_match_last_year() -> None:
    report, previous = _pair()  # carried_in natural 1 / commercial 0; last year carried out commercial 1
    findings = only(check(report, previous), "XY-CARRIED")
    assert [f.location.column_key for f in findings] == ["natural", "commercial"]
    assert findings[0].severity is Severity.WARNING
    assert "上一年度报告的“四、结转下年度继续办理”该列为 0" in findings[0].message


def test_stock_in_force() -> None:
    report, previous = _pair()
    put(report, "二", "normative_docs", "in_force", 20)  # 12 + 2 - 2 would be 12
    (finding,) = only(check(report, previous), "XY-IN-FORCE")
    assert "“第二十条第（一）项 / 行政规范性文件”现行有效件数为 20" in finding.message
    assert "应为 12" in finding.message


def test_no_stock_rule_against_a_2019_report() -> None:
    previous = consistent_report("2019", 2020)
    report = consistent_report("2021", 2021)
    assert not {"XY-IN-FORCE", "PL-REPEALED"} & rule_ids(check(report, previous))


def test_copied_text() -> None:
    report, previous = _pair()
    findings = only(check(report, previous), "XY-SIMILAR")
    assert len(findings) == 1 and "与上一年度报告相同（数字除外）" in findings[0].message
    assert not only(check(report, previous, similarity_warning=1.01), "XY-SIMILAR")


def _rewrite(previous) -> None:
    for i, section in enumerate(previous.sections):
        section.text = f"上年度第{i}部分写的是完全不同的事情，与今年的文字毫无关系。" if section.text else ""


def test_different_text_is_not_similar() -> None:
    report, previous = _pair()
    _rewrite(previous)
    assert not only(check(report, previous), "XY-SIMILAR")


def test_previous_of_another_year_or_agency_is_not_compared() -> None:
    report = consistent_report("2021", 2023)
    previous = consistent_report("2021", 2021)
    findings = check(report, previous)
    assert rule_ids(findings) == {"XY-PREVIOUS"}
    assert findings[0].severity is Severity.NOTICE
