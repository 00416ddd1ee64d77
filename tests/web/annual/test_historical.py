"""Historical reports imported through the engine's readers as last year's baseline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from gongkai.annual import actions as A
from gongkai.annual.baseline import previous_report
from gongkai.annual.build import build_report
from gongkai.annual.models import HistoricalReport
from gongkai.report.jsonio import to_json
from gongkai.report.model import Cell

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed" / "000_4f0b4356af47fe62.txt"


def test_the_example_report_imports_with_its_notes_and_findings(region, officer):
    historical = A.do_import_historical(region.county_department, None, SEED.name, SEED.read_bytes(), actor=officer)
    assert historical.year == 2021 and not historical.is_confirmed
    rules = {f["rule"] for f in historical.findings}
    assert {"ID-OTHER-AGENCY", "FMT-MIXED"} <= rules
    assert previous_report(region.county_department, 2022) == (None, "")  # not until confirmed
    A.do_confirm_historical(historical, actor=officer)
    report, where = previous_report(region.county_department, 2022)
    assert report.meta.year == 2021 and SEED.name in where
    with pytest.raises(ValidationError, match="已确认"):
        A.do_confirm_historical(historical, actor=officer)


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "这是一封普通的信，不是年度报告。".encode(), b"%PDF-1.4 broken"],
)
def test_a_file_that_is_not_a_report_is_refused_and_nothing_saved(region, officer, content):
    with pytest.raises(ValidationError) as exc:
        A.do_import_historical(region.county, 2024, "x.bin", content, actor=officer)
    assert "无法读取为年度报告" in str(exc.value)
    assert not HistoricalReport.objects.exists()


def test_empty_file_and_wrong_year(region, officer):
    with pytest.raises(ValidationError, match="空的"):
        A.do_import_historical(region.county, 2024, "x.txt", b"", actor=officer)
    with pytest.raises(ValidationError, match="2021年度的报告"):
        A.do_import_historical(region.county_department, 2022, SEED.name, SEED.read_bytes(), actor=officer)
    assert not HistoricalReport.objects.exists()


def test_confirmed_historical_report_feeds_the_cross_year_checks(region, officer, receive):
    agency = region.county
    receive(date(2025, 3, 3))
    last_year = build_report(agency, 2024)
    # Last year's (imported) report says 5 applications were carried over; the records say 0.
    last_year.set_cell("三", "carried_out", "natural", Cell("5"))
    last_year.set_cell("三", "carried_out", "total", Cell("5"))
    historical = A.do_import_historical(agency, 2024, "2024.json", to_json(last_year).encode(), actor=officer)
    A.do_confirm_historical(historical, actor=officer)
    draft = A.do_build_draft(agency, 2025, actor=officer)
    carried = [f for f in draft.checks if f["rule"] == "XY-CARRIED"]
    assert carried and carried[0]["location"]["row_key"] == "carried_in"


def test_our_published_report_is_preferred_as_baseline(region, officer):
    from gongkai.annual.models import ReportVersion, Status

    historical = A.do_import_historical(region.county, 2024, "2024.json",
                                        to_json(build_report(region.county, 2024)).encode(), actor=officer)
    A.do_confirm_historical(historical, actor=officer)
    assert "导入" in previous_report(region.county, 2025)[1]
    version = A.do_build_draft(region.county, 2024, actor=officer)
    ReportVersion.objects.filter(pk=version.pk).update(status=Status.PUBLISHED, published_on=date(2025, 3, 1))
    assert "已公开的报告" in previous_report(region.county, 2025)[1]
