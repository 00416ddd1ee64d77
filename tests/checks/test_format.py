"""Format and version (spec §5.3)."""

from __future__ import annotations

from gongkai.report.checks import Severity
from gongkai.report.model import LabelSeen, Section
from tests.checks.conftest import check, consistent_report, only, rule_ids
from tests.checks.seed_like import hongze_2024, seed_report


def test_format_must_match_the_year() -> None:
    report = consistent_report("2019", 2020)
    report.meta.year = 2021
    report.meta.title = "2021年政府信息公开工作年度报告"
    (finding,) = only(check(report), "FMT-VERSION")
    assert finding.severity is Severity.ERROR
    assert "应使用2021年格式（国办公开办函〔2021〕30号）" in finding.message


def test_seed_mixes_2019_columns_into_table_2() -> None:
    (finding,) = only(check(seed_report()), "FMT-MIXED")
    assert finding.severity is Severity.ERROR and finding.location.table == "二"
    for label in ("本年新制作数量", "本年新公开数量", "对外公开总数量", "规范性文件"):
        assert f"“{label}”" in finding.message
    assert "2019年格式" in finding.message


def test_2019_single_other_row_in_a_2021_report_is_a_mixture_not_missing_rows() -> None:
    findings = check(hongze_2024())
    (mixed,) = only(findings, "FMT-MIXED")
    assert mixed.location.table == "三" and "“（六）其他处理”" in mixed.message
    assert not only(findings, "FMT-ROW-MISSING")
    assert not only(findings, "T3-OUTCOME-TOTAL")


def test_missing_table() -> None:
    report = consistent_report("2021", 2021)
    del report.tables["四"]
    (finding,) = only(check(report), "FMT-TABLE-MISSING")
    assert finding.location.table == "四" and "政府信息公开行政复议、行政诉讼情况" in finding.message


def test_missing_rows() -> None:
    report = consistent_report("2021", 2021)
    for key in [k for k in report.tables["三"] if k[0] == "withheld_admin_query"]:
        del report.tables["三"][key]
    findings = check(report)
    (finding,) = only(findings, "FMT-ROW-MISSING")
    assert "“（三）不予公开 / 8.属于行政查询事项”" in finding.message


def test_missing_and_unordered_sections() -> None:
    report = consistent_report("2021", 2021)
    report.sections = [s for s in report.sections if s.key != "problems"]
    report.sections[1], report.sections[2] = report.sections[2], report.sections[1]
    findings = check(report)
    assert [f.message for f in only(findings, "FMT-SECTION-MISSING")] == [
        "报告缺少第五部分“五、存在的主要问题及改进情况”。"
    ]
    assert len(only(findings, "FMT-SECTION-ORDER")) == 1


def test_no_sections_at_all() -> None:
    report = consistent_report("2021", 2021)
    report.sections = []
    (finding,) = only(check(report), "FMT-SECTION-MISSING")
    assert "没有识别出任何章节标题" in finding.message


def test_seed_numbering_faults_are_each_found() -> None:
    """（5） in section 一, 4、 for section 四, （6） for table 三's group."""
    messages = [f.message for f in only(check(seed_report()), "FMT-NUMBERING")]
    assert len(messages) == 3
    assert any("小标题“（5）监督保障情况。”的编号“（5）”有误" in m and "应为“（五）”" in m for m in messages)
    assert any(
        "章节标题“4、政府信息公开行政复议、行政诉讼情况”的编号“4、”有误" in m and "应为“四、”" in m for m in messages
    )
    assert any("表三分组标签“（6）其他处理”的编号“（6）”有误" in m and "应为“（六）”" in m for m in messages)


def test_numbering_from_section_headings_without_labels() -> None:
    report = consistent_report("2021", 2021)
    report.sections[1] = Section("proactive", "三、主动公开政府信息情况", "")
    report.sections[4] = Section("problems", "存在的主要问题及改进情况", "问题。")
    messages = [f.message for f in only(check(report), "FMT-NUMBERING")]
    assert any("编号“三、”有误" in m and "应为“二、”" in m for m in messages)
    assert any("没有编号，应编号为“五、”" in m for m in messages)


def test_unresolved_labels_and_headings() -> None:
    report = consistent_report("2021", 2021)
    report.labels.append(LabelSeen("三", "row", "9.其他不予公开情形", None, None, None))
    report.sections.append(Section(None, "七、附件", "见附件。"))
    findings = only(check(report), "FMT-LABEL-UNRESOLVED")
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]
    # Text comes before the tables in reading order.
    assert "章节标题“七、附件”" in findings[0].message
    assert "表三行标签“9.其他不予公开情形”" in findings[1].message


def test_typo_labels_are_notices_naming_both_forms() -> None:
    (finding,) = only(check(hongze_2024()), "FMT-LABEL-VARIANT")
    assert finding.severity is Severity.NOTICE
    assert (
        finding.message == "表三行标签“2.其他法律行政止公开”与格式规定的“2.其他法律行政法规禁止公开”不一致，"
        "应改为规定写法。"
    )


def test_longer_wording_and_wrapped_fragments_are_not_typos() -> None:
    report = consistent_report("2021", 2021)
    report.labels += [
        LabelSeen(
            "", "subhead", "（五）政府信息公开监督保障情况", "overview.supervision", "（五）监督保障情况", "alias"
        ),
        LabelSeen("三", "group", "法提供", "unable", "（四）无法提供", "fuzzy"),
    ]
    assert not {"FMT-LABEL-VARIANT", "FMT-NUMBERING"} & rule_ids(check(report))
