"""The annual demo: 张店区残联's 2021 report published right, 教体局's 2025 draft with one finding
(fixed from its record), the district's roll-up; loading twice adds nothing."""

from __future__ import annotations

import pytest

from gongkai.annual import actions as A
from gongkai.annual.models import ReportVersion, Status
from gongkai.annual.public import published_reports

pytestmark = pytest.mark.django_db


def test_annual_demo(db):
    """One test: loading the whole demo takes a while (it renders the published report)."""
    from gongkai.demodata import load_demo

    load_demo(note=lambda _: None)
    example_agency_2021_is_the_example_report_done_right()
    district_report_rolls_up_and_loading_again_adds_nothing()
    department_draft_has_one_finding_fixed_from_its_record()


def example_agency_2021_is_the_example_report_done_right():
    version = ReportVersion.objects.get(agency__short_name="张店区残联", year=2021)
    assert version.status == Status.PUBLISHED and version.format_id == "2021"
    assert not [f for f in version.checks if f["severity"] in ("error", "warning")]
    report = A.version_report(version)
    assert report.categories_total == 19 and report.categories["业务动态"] == 6
    assert all(not cell.is_blank for table in report.tables.values() for cell in table.values())
    assert "机关事务服务中心" not in report.text and "全中心" not in report.text
    assert list(published_reports(version.agency)) == [version]


def department_draft_has_one_finding_fixed_from_its_record():
    from gongkai.publishing.models import NormativeDocument

    version = ReportVersion.objects.get(agency__short_name="张店区教体局", year=2025)
    assert version.status == Status.DRAFT
    assert [f["rule"] for f in version.checks] == ["PL-REGULATIONS"]
    document = NormativeDocument.objects.get(agency=version.agency, kind="regulations")
    document.kind = "normative_docs"
    document.save()
    A.do_run_checks(version)
    assert version.checks == []


def district_report_rolls_up_and_loading_again_adds_nothing():
    from gongkai.demodata import load_demo

    district = ReportVersion.objects.get(agency__short_name="张店区政府", year=2025)
    assert district.include_departments and len(district.agency_ids) > 1
    report = A.version_report(district)
    assert report.value("三", "new", "total") == 7
    assert report.value("三", "carried_out", "total") == 1
    before = ReportVersion.objects.count()
    load_demo(note=lambda _: None)
    assert ReportVersion.objects.count() == before
