"""The expected findings on the example report and on the real corpus, read from the files."""

from __future__ import annotations

import pytest

from gongkai.report.checks import run_checks
from gongkai.report.readers import NotAReportError, read
from tests.conftest import CORPUS, SEED


def findings_of(path):
    report, _ = read(path)
    return report, run_checks(report)


def rules(findings, severity=None):
    return [f.rule for f in findings if severity is None or f.severity == severity]


@pytest.fixture(scope="module")
def seed():
    return findings_of(SEED)


def test_example_report_other_agency_named(seed):
    _, findings = seed
    messages = " ".join(f.message for f in findings if f.rule in ("ID-OTHER-AGENCY", "ID-SELF-REFERENCE"))
    assert "机关事务服务中心" in messages
    assert "全中心" in messages


def test_example_report_format_mixture_in_table_2(seed):
    _, findings = seed
    mixed = [f for f in findings if f.rule == "FMT-MIXED"]
    assert mixed and mixed[0].location.table == "二"
    assert "本年新制作数量" in mixed[0].message


def test_example_report_numbering_faults(seed):
    _, findings = seed
    numbering = " ".join(f.message for f in findings if f.rule == "FMT-NUMBERING")
    for written in ("(5)", "4、", "（6）"):
        assert written in numbering


def test_example_report_blank_cells_including_blank_totals(seed):
    _, findings = seed
    blank_tables = {f.location.table for f in findings if f.rule == "BLANK-CELL"}
    assert {"三", "四"} <= blank_tables
    blank_rows = " ".join(f.message for f in findings if f.rule == "BLANK-ROW")
    assert "2.申请人逾期未按收费通知要求缴纳费用" in blank_rows and "3.其他" in blank_rows


def test_example_report_balance_holds(seed):
    _, findings = seed
    assert "T3-BALANCE" not in rules(findings)


HUAIAN = [CORPUS / "pdf" / "huaian_city_gov_2024.pdf", CORPUS / "pdf-text" / "huaian_city_gov_2024.pypdf.txt",
          CORPUS / "pdf-text" / "huaian_city_gov_2024.pdfminer.txt"]


@pytest.mark.parametrize("path", HUAIAN, ids=lambda p: p.name)
def test_huaian_2024_has_no_error_and_no_warning(path):
    report, findings = findings_of(path)
    assert report.value("三", "new", "total") == 3119
    assert report.value("三", "total", "total") == 3050
    assert rules(findings, "error") == []
    assert rules(findings, "warning") == []


@pytest.mark.parametrize("folder, suffix", [("pdf", ".pdf"), ("pdf-text", ".pypdf.txt")])
def test_hongze_2023_table_4_totals_and_label_typo(folder, suffix):
    report, findings = findings_of(CORPUS / folder / f"hongze_district_gov_2023{suffix}")
    totals = [f for f in findings if f.rule == "T4-TOTAL"]
    assert {f.location.column for f in totals} == {"行政复议 / 总计", "行政诉讼 / 复议后起诉 / 总计"}
    assert all(f.severity == "error" for f in totals)
    variants = " ".join(f.message for f in findings if f.rule == "FMT-LABEL-VARIANT")
    assert "其他法律行政止公开" in variants
    assert report.value("三", "new", "total") == 21


@pytest.mark.parametrize("folder, suffix", [("pdf", ".pdf"), ("pdf-text", ".pypdf.txt")])
def test_hongze_2024_narrative_17_against_95(folder, suffix):
    _report, findings = findings_of(CORPUS / folder / f"hongze_district_gov_2024{suffix}")
    narrative = [f for f in findings if f.rule == "NARR-APPLICATIONS"]
    assert narrative and "17" in narrative[0].message and "95" in narrative[0].message
    assert "其他法律行政止公开" in " ".join(f.message for f in findings if f.rule == "FMT-LABEL-VARIANT")


def test_blank_template_is_refused_as_a_template():
    with pytest.raises(NotAReportError, match="空白的年度报告模板"):
        read(CORPUS / "docx" / "blank_template_2021_format.docx")
