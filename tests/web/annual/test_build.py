"""The report built from the records: formats, table 三 and its 勾稽关系 over straddling cases,
roll-up, tables 二 and 四 from the registers and cases, the drafted texts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.annual import sources
from gongkai.annual.build import build, build_report
from gongkai.annual.rollup import report_agency_ids
from gongkai.casework import actions as act
from gongkai.report.checks import run_checks
from gongkai.statute import get_format
from gongkai.statute.applicants import TOTAL_COLUMN, ApplicantKind

pytestmark = pytest.mark.django_db

COLUMNS = [k.value for k in ApplicantKind] + [TOTAL_COLUMN]
D = date


def decide(app, outcome, on):
    act.do_decide(app, outcome, on=on)
    return app


@pytest.fixture
def straddling(receive, region):
    """Applications over 2023–2025: decided across new year, withdrawn, lapsed 补正 and fee."""
    decide(receive(D(2023, 12, 20), kind="natural"), "DISCLOSED", D(2024, 1, 10))
    decide(receive(D(2023, 12, 28), kind="commercial"), "PARTIAL", D(2024, 1, 5))
    decide(receive(D(2024, 3, 1), kind="natural"), "UNABLE_NOT_HELD", D(2024, 3, 20))
    decide(receive(D(2024, 5, 6), kind="research"), "WITHHELD_STATE_SECRET", D(2024, 5, 10))
    withdrawn = receive(D(2024, 6, 3), kind="legal_services")
    act.do_withdraw(withdrawn, on=D(2024, 6, 4))
    lapsed = receive(D(2024, 7, 1), kind="natural")
    act.do_request_supplement(lapsed, deadline=D(2024, 7, 15), items="文号", on=D(2024, 7, 2))
    act.do_lapse_supplement(lapsed, on=D(2024, 7, 16))
    # 2024 → 2025: one decided in January, one waiting for 补正 over new year then withdrawn.
    decide(receive(D(2024, 12, 25), kind="public_interest"), "NOT_HANDLED_REPEAT", D(2025, 1, 8))
    waiting = receive(D(2024, 12, 30), kind="natural")
    act.do_request_supplement(waiting, deadline=D(2025, 1, 20), items="用途", on=D(2024, 12, 31))
    act.do_withdraw(waiting, on=D(2025, 1, 6))
    receive(D(2025, 12, 30), kind="commercial")  # open at the end of 2025
    decide(receive(D(2025, 2, 3), kind="natural"), "NOT_HANDLED_PETITION", D(2025, 2, 10))
    # Neither demo data nor another agency counts.
    decide(receive(D(2024, 4, 1), kind="natural", is_sample=True), "DISCLOSED", D(2024, 4, 2))
    receive(D(2024, 4, 1), kind="natural", agency=region.street)


def cells(report, table="三"):
    return {key: cell.value for key, cell in report.tables[table].items()}


def test_table_3_matches_hand_counts(straddling, agency):
    t = cells(build_report(agency, 2024))
    # Hand-counted from the fixture above.
    assert t[("new", "natural")] == 3 and t[("new", TOTAL_COLUMN)] == 6
    assert t[("new", "legal_services")] == 1 and t[("new", "public_interest")] == 1
    assert t[("carried_in", "natural")] == 1 and t[("carried_in", "commercial")] == 1
    assert t[("carried_in", TOTAL_COLUMN)] == 2
    assert t[("disclosed", "natural")] == 1 and t[("partial", "commercial")] == 1
    assert t[("unable_not_held", "natural")] == 1
    assert t[("withheld_state_secret", "research")] == 1
    assert t[("other_misc", "legal_services")] == 1  # withdrawal
    assert t[("other_no_supplement", "natural")] == 1  # lapsed 补正
    assert t[("total", TOTAL_COLUMN)] == 6
    assert t[("carried_out", TOTAL_COLUMN)] == 2  # 12-25, and 12-30 waiting for 补正 over new year
    assert t[("carried_out", "public_interest")] == 1 and t[("carried_out", "natural")] == 1
    # every cell is present and a number: blank is not 0, and the records leave none blank
    assert all(v is not None for v in t.values())


def test_balance_holds_by_construction_every_column(straddling, agency):
    for year in (2023, 2024, 2025):
        t = cells(build_report(agency, year))
        for column in COLUMNS:
            assert t[("new", column)] + t[("carried_in", column)] == t[("total", column)] + t[("carried_out", column)]
        findings = run_checks(build_report(agency, year))
        assert not [f for f in findings if f.rule.startswith(("T3-", "T4-", "BLANK", "CELL-"))]


def test_carried_out_is_next_years_carried_in(straddling, agency):
    out_2024 = cells(build_report(agency, 2024))
    in_2025 = cells(build_report(agency, 2025))
    for column in COLUMNS:
        assert out_2024[("carried_out", column)] == in_2025[("carried_in", column)]
    assert in_2025[("carried_in", TOTAL_COLUMN)] == 2
    assert in_2025[("carried_out", "commercial")] == 1


def test_2020_uses_the_2019_format_with_one_other_row(straddling, agency, receive):
    app = receive(D(2020, 5, 1))
    act.do_withdraw(app, on=D(2020, 5, 2))
    report = build_report(agency, 2020)
    assert report.meta.format_id == "2019"
    assert report.value("三", "other", TOTAL_COLUMN) == 1
    assert ("other_misc", TOTAL_COLUMN) not in report.tables["三"]


@pytest.mark.parametrize("year", [2018, 2007])
def test_unknown_year_format_is_a_chinese_error(agency, year):
    with pytest.raises(ValidationError) as exc:
        build_report(agency, year)
    assert "没有已知的年度报告格式" in exc.value.messages[0]


def test_future_year_is_refused(agency):
    with pytest.raises(ValidationError, match="尚未开始"):
        build_report(agency, date.today().year + 1)


def test_rollup_counts_departments_and_townships_but_stops_at_lower_governments(region, receive, settings):
    department = Agency.objects.create(name="淄博市张店区教育和体育局", level=Agency.Level.DEPARTMENT,
                                       parent=region.county)
    receive(D(2025, 3, 3), agency=region.county)
    receive(D(2025, 3, 4), agency=department)
    receive(D(2025, 3, 5), agency=region.street)
    receive(D(2025, 3, 6), agency=region.county_department)  # level "other": its own report
    receive(D(2025, 3, 7), agency=region.other_county)
    own = build_report(region.county, 2025)
    assert own.value("三", "new", TOTAL_COLUMN) == 1
    rolled = build(region.county, 2025, include_departments=True)
    assert rolled.report.value("三", "new", TOTAL_COLUMN) == 3
    assert set(rolled.agency_ids) == {region.county.pk, department.pk, region.street.pk}
    assert "汇总了本级和所属部门" in rolled.notes[-1]
    assert "含所属部门" in rolled.report.section("overview").text
    # the setting turns it on by default; a department never rolls up
    settings.ANNUAL_ROLLUP_DEPARTMENTS = True
    assert build_report(region.county, 2025).value("三", "new", TOTAL_COLUMN) == 3
    assert report_agency_ids(department, True) == [department.pk]
    # a city government stops at its county governments
    assert set(report_agency_ids(region.city, True)) == {region.city.pk}


def test_table_2_and_categories_from_the_publishing_registers(agency):
    from gongkai.publishing.models import FeeIncome, NormativeDocument, YearlyDecisionCount

    NormativeDocument.objects.create(agency=agency, kind="normative_docs", title="甲", issued_on=D(2023, 3, 1))
    NormativeDocument.objects.create(agency=agency, kind="normative_docs", title="乙", issued_on=D(2025, 3, 1))
    NormativeDocument.objects.create(
        agency=agency, kind="normative_docs", title="丙", issued_on=D(2022, 3, 1), repealed_on=D(2025, 6, 1)
    )
    NormativeDocument.objects.create(agency=agency, kind="normative_docs", title="样", issued_on=D(2025, 3, 1),
                                     is_sample=True)
    YearlyDecisionCount.objects.create(agency=agency, year=2025, month=1, kind="licensing", count=5)
    YearlyDecisionCount.objects.create(agency=agency, year=2025, month=2, kind="licensing", count=7)
    FeeIncome.objects.create(agency=agency, year=2025, month=3, amount=Decimal("1.2500"))
    build_ = build(agency, 2025)
    t = cells(build_.report, "二")
    assert t[("normative_docs", "issued")] == 1
    assert t[("normative_docs", "repealed")] == 1
    assert t[("normative_docs", "in_force")] == 2
    assert t[("licensing", "decisions")] == 12
    assert t[("fees", "amount")] == Decimal("1.25")
    assert t[("regulations", "issued")] == 0
    assert "行政规范性文件：本年制发件数1" in build_.report.section("proactive").text
    # the drill-down lists exactly the documents counted
    fmt = get_format("2021")
    records = sources.cell_records(Agency.objects.filter(pk=agency.pk), 2025, fmt, "二", "normative_docs", "in_force")
    assert sorted(records.values_list("title", flat=True)) == ["乙", "甲"]


def test_table_4_from_the_appeal_cases(agency):
    pytest.importorskip("gongkai.appeals.stats")
    from gongkai.appeals.models import AppealCase

    AppealCase.objects.create(agency=agency, kind="review", body="淄博市人民政府", filed_on=D(2025, 2, 1), unlinked_note="电话申请",
                              decided_on=D(2025, 4, 1), result="upheld")
    AppealCase.objects.create(agency=agency, kind="suit_direct", body="张店区人民法院", filed_on=D(2025, 5, 1),
                              unlinked_note="来信申请")
    report = build_report(agency, 2025)
    t = cells(report, "四")
    assert t[("cases", "review.upheld")] == 1 and t[("cases", "review.total")] == 1
    assert t[("cases", "suit_direct.pending")] == 1 and t[("cases", "suit_after_review.total")] == 0
    text = report.section("appeals").text
    assert "被申请行政复议1件，其中结果维持1件" in text and "被提起行政诉讼1件" in text
    assert not [f for f in run_checks(report) if f.rule.startswith("NARR-")]
    records = sources.cell_records(Agency.objects.filter(pk=agency.pk), 2025, get_format("2021"), "四", "cases",
                                   "review.total")
    assert records.count() == 1


def test_drafted_texts_quote_the_tables_and_mark_what_to_fill_in(straddling, agency):
    built = build(agency, 2024)
    report = built.report
    overview = report.section("overview").text
    assert "新收政府信息公开申请6件，上年结转政府信息公开申请2件；本年度办结6件，结转下年度继续办理2件" in overview
    assert {"overview", "problems"} <= set(built.placeholders)
    # the engine's narrative rules read the drafted figures and find them consistent
    findings = run_checks(report)
    assert not [f for f in findings if f.rule.startswith(("NARR-APPLICATIONS", "ID-"))]
    # and would catch a figure edited into disagreement
    section = report.section("overview")
    section.text = section.text.replace("新收政府信息公开申请6件", "新收政府信息公开申请17件")
    assert [f for f in run_checks(report) if f.rule == "NARR-APPLICATIONS"]


def test_fees_collected_go_into_section_six(agency, receive):
    app = receive(D(2025, 3, 3))
    act.do_send_fee_notice(app, method="per_page", pages=40, on=D(2025, 3, 10))
    act.do_record_payment(app, on=D(2025, 3, 20))
    text = build_report(agency, 2025).section("other").text
    assert "收取信息处理费1笔，共计100.00元" in text
    assert "未收取信息处理费" in build_report(agency, 2024).section("other").text
