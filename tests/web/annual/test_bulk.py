"""Every agency's tables in one pass (``gongkai.annual.bulk``) give exactly ``build_report``'s
figures: cell by cell, over straddling cases, withdrawals, lapsed 补正, registers, appeals on
both counting bases, demo data and agencies without records; with a fixed number of queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.models import Agency
from gongkai.annual import bulk, sources
from gongkai.annual.build import build, build_report
from gongkai.annual.rollup import report_agency_ids
from gongkai.appeals.models import AppealCase
from gongkai.casework import actions as act
from gongkai.publishing.models import FeeIncome, Item, NormativeDocument, YearlyDecisionCount
from gongkai.statute import format_for_year
from gongkai.statute.applicants import TOTAL_COLUMN

pytestmark = pytest.mark.django_db

D = date
YEARS = (2020, 2023, 2024, 2025)  # 2020 uses the 2019 format, which folds （六） into one row


def decide(app, outcome, on):
    act.do_decide(app, outcome, on=on)
    return app


@pytest.fixture
def department(region):
    return Agency.objects.create(name="淄博市张店区教育和体育局", level=Agency.Level.DEPARTMENT, parent=region.county)


@pytest.fixture
def records(region, department, receive):
    """Records over 2020–2025 in several agencies; one agency (淄川区教体局) has none."""
    county, street = region.county, region.street
    # Straddling years, withdrawals, lapsed 补正, 2019-format (六) outcomes, demo data.
    unpaid = receive(D(2020, 3, 2), kind="natural")
    act.do_send_fee_notice(unpaid, method="per_page", pages=120, on=D(2020, 3, 5))
    act.do_lapse_fee(unpaid, on=D(2020, 5, 6))
    withdrawn_2020 = receive(D(2020, 11, 2), kind="commercial")
    act.do_withdraw(withdrawn_2020, on=D(2020, 11, 3))
    receive(D(2020, 12, 28), kind="research")  # open ever since: carried through every year
    decide(receive(D(2023, 12, 20), kind="natural"), "DISCLOSED", D(2024, 1, 10))
    decide(receive(D(2023, 12, 28), kind="commercial"), "PARTIAL", D(2024, 1, 5))
    decide(receive(D(2024, 3, 1), kind="natural"), "UNABLE_NOT_HELD", D(2024, 3, 20))
    decide(receive(D(2024, 5, 6), kind="research"), "WITHHELD_STATE_SECRET", D(2024, 5, 10))
    withdrawn = receive(D(2024, 6, 3), kind="legal_services")
    act.do_withdraw(withdrawn, on=D(2024, 6, 4))
    lapsed = receive(D(2024, 7, 1), kind="natural")
    act.do_request_supplement(lapsed, deadline=D(2024, 7, 15), items="文号", on=D(2024, 7, 2))
    act.do_lapse_supplement(lapsed, on=D(2024, 7, 16))
    decide(receive(D(2024, 12, 25), kind="public_interest"), "NOT_HANDLED_REPEAT", D(2025, 1, 8))
    waiting = receive(D(2024, 12, 30), kind="natural")
    act.do_request_supplement(waiting, deadline=D(2025, 1, 20), items="用途", on=D(2024, 12, 31))
    act.do_withdraw(waiting, on=D(2025, 1, 6))
    receive(D(2025, 12, 30), kind="commercial")
    decide(receive(D(2024, 12, 20), kind="research"), "DISCLOSED", D(2024, 12, 31))  # decided on the last day
    decide(receive(D(2025, 2, 3), kind="natural"), "NOT_HANDLED_PETITION", D(2025, 2, 10))
    decide(receive(D(2024, 4, 1), kind="natural", is_sample=True), "DISCLOSED", D(2024, 4, 2))
    # Other agencies: the street and the department, with cases across 2024/2025.
    decide(receive(D(2024, 12, 31), kind="other_org", agency=street), "PARTIAL", D(2025, 1, 2))
    decide(receive(D(2025, 4, 1), kind="natural", agency=street), "DISCLOSED", D(2025, 4, 9))
    receive(D(2025, 4, 1), kind="natural", agency=department)
    decide(receive(D(2024, 9, 9), kind="commercial", agency=department), "WITHHELD_THIRD_PARTY", D(2024, 9, 30))
    # Registers (table 二), in two agencies, with repeals across years and demo rows.
    for agency, kind in ((county, "normative_docs"), (department, "regulations"), (department, "normative_docs")):
        NormativeDocument.objects.create(agency=agency, kind=kind, title="甲", issued_on=D(2023, 3, 1))
        NormativeDocument.objects.create(agency=agency, kind=kind, title="乙", issued_on=D(2025, 3, 1))
        NormativeDocument.objects.create(agency=agency, kind=kind, title="丙", issued_on=D(2022, 3, 1),
                                         repealed_on=D(2025, 6, 1))
        NormativeDocument.objects.create(agency=agency, kind=kind, title="丁", issued_on=D(2024, 3, 1),
                                         repealed_on=D(2024, 12, 31))
    NormativeDocument.objects.create(agency=county, kind="normative_docs", title="样", issued_on=D(2025, 3, 1),
                                     is_sample=True)
    for month, count in ((1, 5), (2, 7)):
        YearlyDecisionCount.objects.create(agency=county, year=2025, month=month, kind="licensing", count=count)
    YearlyDecisionCount.objects.create(agency=department, year=2025, month=3, kind="penalty", count=4)
    YearlyDecisionCount.objects.create(agency=department, year=2024, month=3, kind="penalty", count=9)
    YearlyDecisionCount.objects.create(agency=department, year=2025, month=4, kind="penalty", count=99,
                                       is_sample=True)
    FeeIncome.objects.create(agency=county, year=2025, month=3, amount=Decimal("1.2500"))
    FeeIncome.objects.create(agency=county, year=2025, month=4, amount=Decimal("0.7500"))
    FeeIncome.objects.create(agency=department, year=2025, month=1, amount=Decimal("0.0125"))
    # Appeals (table 四): decided in and after the year, pending, a suit after review, demo.
    review = AppealCase.objects.create(agency=county, kind="review", body="淄博市人民政府", filed_on=D(2025, 2, 1),
                                       unlinked_note="电话申请", decided_on=D(2025, 4, 1), result="upheld")
    AppealCase.objects.create(agency=county, kind="suit_after_review", body="张店区人民法院", filed_on=D(2025, 5, 1),
                              unlinked_note="来信申请", review_case=review, decided_on=D(2026, 1, 5),
                              result="corrected")
    AppealCase.objects.create(agency=county, kind="review", body="淄博市人民政府", filed_on=D(2024, 11, 1),
                              unlinked_note="来信申请", decided_on=D(2025, 1, 20), result="corrected")
    AppealCase.objects.create(agency=department, kind="suit_direct", body="张店区人民法院", filed_on=D(2025, 6, 1),
                              unlinked_note="来信申请")
    AppealCase.objects.create(agency=department, kind="review", body="张店区人民政府", filed_on=D(2025, 6, 1),
                              unlinked_note="来信申请", is_sample=True)
    # Published items: in the year, withdrawn later (still counted), draft, other year, demo.
    for agency, state, on, sample in ((county, "published", D(2025, 3, 1), False),
                                      (county, "withdrawn", D(2025, 5, 1), False),
                                      (county, "draft", None, False),
                                      (county, "published", D(2024, 5, 1), False),
                                      (street, "published", D(2025, 7, 1), False),
                                      (street, "published", D(2025, 7, 2), True)):
        Item.objects.create(agency=agency, title="某信息", formed_on=D(2024, 1, 2), published_on=on, state=state,
                            is_sample=sample)
    return region


def texts(report):
    return {table: {key: cell.text for key, cell in report.tables.get(table, {}).items()} for table in bulk.TABLES}


@pytest.mark.parametrize("year", YEARS)
def test_every_agency_gets_exactly_build_reports_figures(records, year):
    fmt = format_for_year(year)
    seen = []
    for agency_id, tables, published in bulk.region_tables(year):
        agency = Agency.objects.get(pk=agency_id)
        assert bulk.cell_texts(fmt, tables) == texts(build_report(agency, year)), agency.name
        one = Agency.objects.filter(pk=agency_id)
        assert tables["三"] == sources.table_3_values(one, year, fmt)
        assert tables["二"] == sources.table_2_values(one, year, fmt)
        assert tables["四"] == sources.table_4_values(one, year, fmt)
        assert published == sources.categories(one, year)[1]
        seen.append(agency_id)
    assert seen == sorted(Agency.objects.values_list("pk", flat=True))
    assert list(bulk.region_tables(year, server_side=True)) == list(bulk.region_tables(year))


def test_the_fixture_is_not_trivial(records):
    """The comparison above is worth something only if the figures are not all zero."""
    by_id = {a: (t, p) for a, t, p in bulk.region_tables(2025)}
    county = by_id[records.county.pk]
    assert county[0]["三"][("carried_in", TOTAL_COLUMN)] == 3
    assert county[0]["三"][("other_misc", "natural")] == 1  # withdrawn across new year
    assert county[0]["二"][("fees", "amount")] == Decimal("2")
    assert county[0]["二"][("normative_docs", "in_force")] == 2
    assert county[0]["四"][("cases", "review.upheld")] == 1
    assert county[0]["四"][("cases", "suit_after_review.pending")] == 1  # decided only in 2026
    assert county[1] == 2
    idle = by_id[records.other_department.pk]
    assert idle[0]["三"] == {} and idle[1] == 0
    assert set(idle[0]["四"].values()) == {0}
    fold = {a: t for a, t, _ in bulk.region_tables(2020)}[records.county.pk]["三"]
    assert fold[("other", TOTAL_COLUMN)] == 2  # fee unpaid + withdrawal: one row in the 2019 format


def test_counting_basis_concluded(records):
    fmt = format_for_year(2025)
    for agency_id, tables, _ in bulk.region_tables(2025, basis="concluded"):
        expected = sources.appeals_stats().table_4_values(Agency.objects.filter(pk=agency_id), 2025, fmt,
                                                          basis="concluded")
        assert tables["四"] == expected
    county = {a: t for a, t, _ in bulk.region_tables(2025, basis="concluded")}[records.county.pk]
    assert county["四"][("cases", "review.corrected")] == 1  # filed in 2024, decided in 2025


def test_a_fixed_number_of_queries_whatever_the_number_of_agencies(records):
    with CaptureQueriesContext(connection) as few:
        list(bulk.region_tables(2025))
    for i in range(30):
        Agency.objects.create(name=f"某部门{i}", level=Agency.Level.DEPARTMENT, parent=records.county)
    with CaptureQueriesContext(connection) as many:
        result = list(bulk.region_tables(2025))
    assert len(result) == Agency.objects.count()
    assert len(many.captured_queries) == len(few.captured_queries) <= 8


def test_a_subset_of_agencies_by_queryset_or_ids(records, department):
    wanted = [records.street.pk, department.pk]
    by_queryset = list(bulk.region_tables(2025, Agency.objects.filter(pk__in=wanted)))
    by_ids = list(bulk.region_tables(2025, reversed(wanted)))
    assert [f.agency_id for f in by_queryset] == sorted(wanted)
    assert by_queryset == by_ids
    whole = {f.agency_id: f for f in bulk.region_tables(2025)}
    assert all(whole[f.agency_id] == f for f in by_queryset)
    assert list(bulk.region_tables(2025, [])) == []


def test_combined_agencies_give_the_rolled_up_report(records, department):
    ids = report_agency_ids(records.county, True)
    assert len(ids) == 3  # the county, its department and its street
    fmt = format_for_year(2025)
    combined = bulk.combine(t for _, t, _ in bulk.region_tables(2025, ids))
    rolled = build(records.county, 2025, include_departments=True).report
    assert bulk.cell_texts(fmt, combined) == texts(rolled)
    assert combined["二"][("fees", "amount")] == Decimal("2.0125")


@pytest.mark.parametrize("year, message", [(2018, "没有已知的年度报告格式"), (date.today().year + 1, "尚未开始")])
def test_a_year_without_a_report_is_refused_in_chinese_before_any_query(records, year, message):
    with CaptureQueriesContext(connection) as ctx, pytest.raises(ValidationError, match=message):
        bulk.region_tables(year)
    assert not ctx.captured_queries


def test_an_unknown_counting_basis_is_refused(records):
    with pytest.raises(ValueError, match="统计口径"):
        bulk.region_tables(2025, basis="filed")
