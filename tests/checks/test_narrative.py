"""The narrative against the tables, on real text (spec §5.4 rules 15-16)."""

from __future__ import annotations

from gongkai.report.checks import Severity
from gongkai.report.checks.claims import find_claims
from gongkai.report.model import Section
from tests.checks.conftest import check, consistent_report, only, put, rule_ids
from tests.checks.seed_like import HUAIAN_2024, hongze_2024, huaian_2024, read_text, seed_report

NARRATIVE = {"NARR-APPLICATIONS", "NARR-APPEALS", "NARR-PUBLISHED"}


def test_hongze_2024_text_says_17_where_the_table_says_95() -> None:
    (finding,) = only(check(hongze_2024()), "NARR-APPLICATIONS")
    assert finding.severity is Severity.WARNING
    assert "受理政府信息公开申请17件" in finding.message
    assert finding.message.endswith("但表三“一、本年新收政府信息公开申请数量”行“总计”列为 95。")
    assert finding.location.row_key == "new" and finding.location.column_key == "total"


def test_huaian_2024_quotes_agree_with_its_tables() -> None:
    assert not NARRATIVE & rule_ids(check(huaian_2024()))


def test_claims_are_read_across_pdf_line_wraps() -> None:
    from gongkai.report.checks.text import flatten

    claims = {(c.kind, c.part, c.value) for c in find_claims(flatten(read_text(HUAIAN_2024)))}
    assert {("received", None, 3119), ("decided", None, 3050), ("carried_in", None, 34)} <= claims
    assert ("carried_out", None, 103) in claims
    assert {("review", None, 351), ("review", "upheld", 72), ("review", "corrected", 64)} <= claims
    assert {("review", "other", 178), ("review", "pending", 37), ("suit", None, 46), ("suit", "pending", 7)} <= claims


def _huaian_with(paragraph: str):
    report = huaian_2024()
    report.sections[0].text += "\n" + paragraph
    return report


def test_review_and_litigation_figures() -> None:
    findings = check(
        _huaian_with("政府信息公开行政复议 350 件，其中结果维持 72 件；政府信息公开行政诉讼 46 件，其中结果纠正 6 件。")
    )
    messages = [f.message for f in only(findings, "NARR-APPEALS")]
    assert len(messages) == 2
    assert any("行政复议350件" in m and "表四“行政复议 / 总计”为 351" in m for m in messages)
    assert any("结果纠正6件" in m and "之和为 5" in m for m in messages)


def test_decided_and_carried_figures() -> None:
    findings = only(check(_huaian_with("全年答复 3000 件，另有 100 件顺延到下年度答复。")), "NARR-APPLICATIONS")
    assert {f.location.row_key for f in findings} == {"total", "carried_out"}


def test_none_stated_but_the_table_has_applications() -> None:
    report = consistent_report("2021", 2021)
    report.sections[0] = Section("overview", "一、总体情况", "2021年度，无依申请公开的信息。")
    findings = only(check(report), "NARR-APPLICATIONS")
    assert len(findings) == 1 and "无依申请公开" in findings[0].message


def test_seed_none_stated_and_none_in_table() -> None:
    assert not NARRATIVE & rule_ids(check(seed_report()))


def test_published_items_against_the_category_breakdown() -> None:
    report = seed_report()
    report.categories_total = 20
    (finding,) = only(check(report), "NARR-PUBLISHED")
    assert "共公开政务信息19次" in finding.message and "合计为 20" in finding.message


def test_overview_aspects() -> None:
    report = consistent_report("2021", 2021)
    report.sections[0] = Section("overview", "一、总体情况", "（一）主动公开情况。区残联认真公开。")
    (finding,) = only(check(report), "NARR-OVERVIEW-ASPECTS")
    assert finding.severity is Severity.NOTICE and "“（五）监督保障情况”" in finding.message


def test_government_reports_cover_accountability() -> None:
    report = huaian_2024()
    (finding,) = only(check(report), "NARR-GOV-ACCOUNTABILITY")
    assert finding.severity is Severity.NOTICE
    report.sections[0].text += "\n将政务公开纳入绩效考核。"
    assert not only(check(report), "NARR-GOV-ACCOUNTABILITY")
    department = consistent_report("2021", 2021)
    assert not only(check(department), "NARR-GOV-ACCOUNTABILITY")


def test_an_empty_table_is_left_to_the_activity_rule() -> None:
    report = hongze_2024()
    for key in report.tables["三"]:
        put(report, "三", *key, 0)
    fired = rule_ids(check(report))
    assert "PL-NO-ACTIVITY" in fired and "NARR-APPLICATIONS" not in fired
