"""Last year's report for the cross-year checks and section 五: our own published version,
else a confirmed historical report imported from a file."""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.report.jsonio import from_dict
from gongkai.report.model import AnnualReport


def previous_report(agency: Agency, year: int) -> tuple[AnnualReport | None, str]:
    """(report, where it came from) for ``year - 1``; (None, "") when there is none."""
    from gongkai.annual.models import HistoricalReport, ReportVersion, Status
    from gongkai.annual.versions import version_report

    published = (
        ReportVersion.objects.filter(agency=agency, year=year - 1, status=Status.PUBLISHED).order_by("-number").first()
    )
    if published is not None:
        return version_report(published), f"{year - 1}年度已公开的报告（第{published.number}版）"
    historical = (
        HistoricalReport.objects.filter(agency=agency, year=year - 1, confirmed_at__isnull=False)
        .order_by("-confirmed_at")
        .first()
    )
    if historical is not None:
        return from_dict(historical.parsed), f"导入的{year - 1}年度报告（{historical.filename}）"
    return None, ""
