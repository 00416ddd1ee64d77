"""Builders for consistent reports: every sum holds, every section is there.

Each test takes such a report, breaks exactly one thing, and asserts that the rule for
that thing fires. Values are set through ``put`` so that each cell gets its column's unit.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from gongkai.report.checks import CheckConfig, Finding, run_checks
from gongkai.report.model import AnnualReport, Cell, Section, empty_report
from gongkai.statute import format_for_year
from gongkai.statute.structure import Unit

AGENCY = "淄博市张店区残疾人联合会机关"
NON_OUTCOME = ("new", "carried_in", "total", "carried_out")


def unit_of(report: AnnualReport, table: str, row: str, column: str) -> Unit:
    spec = report.format.table(table)  # type: ignore[union-attr]
    try:
        return spec.column(column, spec.row(row)).unit
    except KeyError:
        return Unit.COUNT


def put(report: AnnualReport, table: str, row: str, column: str, value: object) -> None:
    """Set a cell as written: a number, or "" for blank, or any text."""
    text = "" if value is None else str(value)
    report.set_cell(table, row, column, Cell(text, unit=unit_of(report, table, row, column)))


def applicant_columns(report: AnnualReport) -> list[str]:
    return [c.key for c in report.format.table("三").columns if c.key != "total"]  # type: ignore[union-attr]


def outcome_rows(report: AnnualReport) -> list[str]:
    return [r.key for r in report.format.table("三").rows if r.key not in NON_OUTCOME]  # type: ignore[union-attr]


def fill_t3(
    report: AnnualReport,
    outcomes: Mapping[tuple[str, str], int],
    carried_in: Mapping[str, int],
    carried_out: Mapping[str, int],
) -> None:
    """Table 三 from outcomes per (row, applicant column): 一 is derived so that the
    勾稽关系 holds, every 总计 is the sum of its parts."""
    columns = applicant_columns(report)
    rows = outcome_rows(report)
    for row in rows:
        for column in columns:
            put(report, "三", row, column, outcomes.get((row, column), 0))
    for column in columns:
        done = sum(outcomes.get((row, column), 0) for row in rows)
        put(report, "三", "total", column, done)
        put(report, "三", "carried_in", column, carried_in.get(column, 0))
        put(report, "三", "carried_out", column, carried_out.get(column, 0))
        new = done + carried_out.get(column, 0) - carried_in.get(column, 0)
        assert new >= 0, "carried_in larger than what was done and carried out"
        put(report, "三", "new", column, new)
    for row in (*rows, *NON_OUTCOME):
        put(report, "三", row, "total", sum(report.value("三", row, c) for c in columns))  # type: ignore[misc]


def fill_t4(report: AnnualReport, results: Mapping[str, tuple[int, int, int, int]]) -> None:
    for kind in ("review", "suit_direct", "suit_after_review"):
        parts = results.get(kind, (0, 0, 0, 0))
        for name, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            put(report, "四", "cases", f"{kind}.{name}", value)
        put(report, "四", "cases", f"{kind}.total", sum(parts))


def fill_t2(report: AnnualReport) -> None:
    spec = report.format.table("二")  # type: ignore[union-attr]
    for row, column in spec.cells():
        if column.unit is Unit.WANYUAN or column.unit is Unit.AMOUNT:
            put(report, "二", row.key, column.key, "1.5")
        elif row.key == "regulations":
            put(report, "二", row.key, column.key, 0)  # a 区 body makes no 规章
        elif column.key == "in_force":
            put(report, "二", row.key, column.key, 12)
        else:
            put(report, "二", row.key, column.key, 2)


def default_outcomes(report: AnnualReport) -> dict[tuple[str, str], int]:
    columns = applicant_columns(report)
    return {
        (row, column): (i + j) % 3 if j in (0, 1) else 0
        for i, row in enumerate(outcome_rows(report))
        for j, column in enumerate(columns)
    }


def add_sections(report: AnnualReport) -> None:
    fmt = report.format
    year = report.meta.year
    assert fmt is not None
    report.preamble = (
        f"本报告由区残联按照《中华人民共和国政府信息公开条例》要求编制。"
        f"所列数据的统计期限是{year}年1月1日至{year}年12月31日。"
    )
    overview = "\n".join(
        f"{h.label}。{year}年，区残联认真做好{h.title.removesuffix('情况')}工作。" for h in fmt.overview_heads
    )
    bodies = {
        "overview": f"{year}年区残联机关政务公开工作运行正常。\n{overview}",
        "proactive": "",
        "applications": "",
        "appeals": "",
        "problems": "政务信息公开意识有待增强。下一步，区残联将创新工作，真抓实干。",
        "other": "没有需要报告的其他事项。",
    }
    report.sections = [Section(h.key, h.label, bodies[h.key]) for h in fmt.sections]


def consistent_report(format_id: str | None = None, year: int = 2021, agency: str = AGENCY) -> AnnualReport:
    """A report in which every rule is satisfied."""
    format_id = format_id or format_for_year(year).id
    report = empty_report(format_id, year=year, agency=agency, title=f"{agency}\n{year}年政府信息公开工作年度报告")
    fill_t2(report)
    fill_t3(report, default_outcomes(report), {"natural": 1}, {"commercial": 1})
    fill_t4(report, {"review": (1, 0, 1, 0), "suit_direct": (0, 1, 0, 0), "suit_after_review": (0, 0, 0, 1)})
    add_sections(report)
    return report


def check(report: AnnualReport, previous: AnnualReport | None = None, **config: object) -> list[Finding]:
    return run_checks(report, previous, CheckConfig(strict=True, **config))  # type: ignore[arg-type]


def rule_ids(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


@pytest.fixture
def report2021() -> AnnualReport:
    return consistent_report("2021", 2021)


@pytest.fixture
def report2019() -> AnnualReport:
    return consistent_report("2019", 2020)
