"""Publication deadlines (条例第四十九条)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.report.checks import Severity
from tests.checks.conftest import check, consistent_report, only


@pytest.mark.parametrize(
    ("agency", "published", "late"),
    [
        ("淄博市张店区残疾人联合会机关", date(2022, 1, 31), False),
        ("淄博市张店区残疾人联合会机关", date(2022, 2, 1), True),
        ("淮安市洪泽区人民政府", date(2022, 3, 31), False),
        ("淮安市洪泽区人民政府", date(2022, 4, 1), True),
        ("淄博市张店区湖田镇人民政府", date(2022, 3, 1), False),  # township: 31 March by default
    ],
)
def test_deadlines_by_level(agency: str, published: date, late: bool) -> None:
    report = consistent_report("2021", 2021, agency=agency)
    report.sections[0].text = report.sections[0].text.replace("区残联", "本机关")
    report.meta.published = published
    findings = only(check(report), "PUB-LATE")
    assert bool(findings) is late
    if late:
        assert findings[0].severity is Severity.WARNING and "逾期 1 天" in findings[0].message


def test_level_and_deadlines_are_configurable() -> None:
    report = consistent_report("2021", 2021)
    report.meta.published = date(2022, 2, 15)
    assert only(check(report), "PUB-LATE")
    assert not only(check(report, agency_level="government"), "PUB-LATE")
    assert only(check(report, agency_level="township", township_deadline=(2, 10)), "PUB-LATE")
    assert not only(check(report, agency_level="other"), "PUB-LATE")
    report.meta.agency_level = "government"
    assert not only(check(report), "PUB-LATE")


def test_unknown_publication_date_is_not_checked() -> None:
    assert not only(check(consistent_report("2021", 2021)), "PUB-LATE")
