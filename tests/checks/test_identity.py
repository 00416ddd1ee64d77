"""The agency and the year (spec §5.4 rule 14), on real text."""

from __future__ import annotations

import pytest

from gongkai.report.checks import Severity
from gongkai.report.checks.agency import infer_level, may_make_regulations, refers_to
from gongkai.report.model import Section
from tests.checks.conftest import check, consistent_report, only, rule_ids
from tests.checks.seed_like import hongze_2023, hongze_2024, huaian_2024, seed_report

IDENTITY = {"ID-OTHER-AGENCY", "ID-SELF-REFERENCE", "ID-PERIOD", "ID-TITLE-YEAR", "ID-YEAR-MENTION"}


def test_seed_names_another_agency_as_the_actor() -> None:
    (finding,) = only(check(seed_report()), "ID-OTHER-AGENCY")
    assert finding.severity is Severity.ERROR
    assert "“淄博市张店区机关事务服务中心”" in finding.message
    assert "共公开政务信息19次" in finding.message
    assert "“淄博市张店区残疾人联合会机关”" in finding.message


def test_seed_refers_to_itself_as_a_centre() -> None:
    (finding,) = only(check(seed_report()), "ID-SELF-REFERENCE")
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("正文中的自称“全中心”（1 处")


@pytest.mark.parametrize("build", [huaian_2024, hongze_2024, hongze_2023])
def test_corpus_reports_name_only_themselves(build) -> None:
    """按照党中央国务院、省委省政府决策部署; 区政府办代表区政府受理; 本报告由…人民政府办公室编制."""
    assert not IDENTITY & rule_ids(check(build()))


def test_the_clean_report_has_no_error_and_no_warning() -> None:
    findings = check(huaian_2024())
    assert [f.rule for f in findings if f.severity is not Severity.NOTICE] == []


def _with_text(text: str, agency: str = "淮安市洪泽区人民政府", year: int = 2024):
    report = consistent_report("2021", year, agency=agency)
    report.sections[0] = Section("overview", "一、总体情况", text)
    return report


@pytest.mark.parametrize(
    "text",
    [
        "2024年，淮阴区人民政府共受理政府信息公开申请3件。",
        "本报告由淮安市淮阴区人民政府办公室根据《条例》要求编制。",
    ],
)
def test_other_government_as_actor(text: str) -> None:
    assert only(check(_with_text(text)), "ID-OTHER-AGENCY")


@pytest.mark.parametrize(
    "text",
    [
        "按照国务院、省政府要求，区政府办代表区政府受理政府信息公开申请。",
        "在省办2024年四个季度政务新媒体检查抽查中，合格率均为100%。",
        "2024年，我区在政府网站平台主动发布各类政府信息2428条。",
        "2024年，市政府网站主动公开各类政府信息5500余条。",
        "国务院办公厅发布通知，全区各部门共公开信息。",
    ],
)
def test_non_actors_and_self_forms_are_not_flagged(text: str) -> None:
    assert not {"ID-OTHER-AGENCY", "ID-SELF-REFERENCE"} & rule_ids(check(_with_text(text)))


@pytest.mark.parametrize(
    ("text", "agency", "flagged"),
    [
        ("全局上下高度重视政务公开。", "淄博市张店区残疾人联合会机关", True),
        ("本局严格落实条例。", "淮安市洪泽区人民政府", True),
        ("本局严格落实条例。", "淮安市洪泽区交通运输局", False),
        ("服务全局，统筹推进。", "淄博市张店区残疾人联合会机关", False),
        ("本办法自印发之日起施行。", "淄博市张店区残疾人联合会机关", False),
        ("我会同有关部门加强协作。", "淮安市洪泽区交通运输局", False),
        ("全中心干部职工积极参与。", "淄博市张店区机关事务服务中心", False),
    ],
)
def test_self_references(text: str, agency: str, flagged: bool) -> None:
    assert bool(only(check(_with_text(text, agency)), "ID-SELF-REFERENCE")) is flagged


def test_statistics_period_must_be_the_report_year() -> None:
    report = consistent_report("2021", 2022)
    report.preamble = "本报告所列数据的统计期限自 2021 年 1 月 1 日至 2021 年\n12 月 31 日。"
    (finding,) = only(check(report), "ID-PERIOD")
    assert finding.severity is Severity.ERROR
    assert "“2021年1月1日至2021年12月31日”" in finding.message and "应为2022年1月1日至2022年12月31日" in finding.message
    assert not only(check(report), "ID-YEAR-MENTION")  # the period is reported once, as a period


def test_title_year() -> None:
    report = consistent_report("2021", 2022)
    report.meta.title = "淄博市张店区残疾人联合会机关2021年政府信息公开工作年度报告"
    assert only(check(report), "ID-TITLE-YEAR")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("2021年，区残联共公开政务信息19条。", True),  # last year, not compared: copied?
        ("2019年以来，区残联不断完善制度。", True),
        ("2023年区残联将继续做好政务公开工作。", False),  # plans for next year
        ("与2021年相比，申请数量有所下降。", False),  # a comparison with last year
        ("依据《淄博市2020年政务公开工作要点》开展工作。", False),  # a document name
        ("根据鲁政办字〔2019〕60号文件要求。", False),
    ],
)
def test_year_mentions(text: str, flagged: bool) -> None:
    findings = only(check(_with_text(text, "淄博市张店区残疾人联合会机关", 2022)), "ID-YEAR-MENTION")
    assert bool(findings) is flagged
    assert all(f.severity is Severity.NOTICE for f in findings)


@pytest.mark.parametrize(
    ("name", "level", "rules"),
    [
        ("淄博市张店区残疾人联合会机关", "department", False),
        ("淮安市人民政府", "government", True),
        ("淮安市洪泽区人民政府", "government", False),
        ("沛县人民政府", "government", False),
        ("苏州市昆山市人民政府", "government", False),
        ("张店区马尚街道办事处", "township", False),
        ("淄博市张店区湖田镇人民政府", "township", False),
        ("淄博市市场监督管理局", "department", False),
    ],
)
def test_agency_levels(name: str, level: str, rules: bool) -> None:
    assert infer_level(name) == level
    assert may_make_regulations(name, level) is rules


@pytest.mark.parametrize(
    ("mention", "agency", "same"),
    [
        ("区残联", "淄博市张店区残疾人联合会机关", True),
        ("张店区残疾人联合会", "淄博市张店区残疾人联合会机关", True),
        ("淄博市张店区机关事务服务中心", "淄博市张店区残疾人联合会机关", False),
        ("区政府办", "淮安市洪泽区人民政府", True),
        ("洪泽区人民政府", "淮安市洪泽区人民政府", True),
        ("淮安市洪泽区人民政府办公室", "洪泽区人民政府", True),
        ("淮安市人民政府", "淮安市洪泽区人民政府", False),
        ("市政府", "淮安市人民政府", True),
    ],
)
def test_short_forms(mention: str, agency: str, same: bool) -> None:
    assert refers_to(mention, agency) is same
