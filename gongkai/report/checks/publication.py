"""Publication on time (条例第四十九条, spec §1.5 and §5.4 rule 13)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from gongkai.report.checks.context import CheckContext
from gongkai.report.checks.findings import FindingLocation, Severity
from gongkai.report.checks.registry import Issue, rule

LEVEL_NAMES = {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）", "other": "其他机关"}


def deadline(ctx: CheckContext) -> date | None:
    """The last day of publication for the report's year and the agency's level."""
    config, year = ctx.config, ctx.report.meta.year
    by_level = {
        "department": config.department_deadline,
        "government": config.government_deadline,
        "township": config.township_deadline,
        "other": config.other_deadline,
    }
    month_day = by_level.get(ctx.agency_level)
    if not year or month_day is None:
        return None
    return date(year + 1, *month_day)


@rule(
    "PUB-LATE",
    Severity.WARNING,
    "逾期公布",
    "政府部门应在每年1月31日前、人民政府应在每年3月31日前公布上一年度的年度报告（乡镇的期限按本地规定配置）。",
    "publication",
    "条例第四十九条; spec §1.5, §5.4 rule 13",
)
def late(ctx: CheckContext) -> Iterator[Issue]:
    published, due = ctx.report.meta.published, deadline(ctx)
    if published is None or due is None or published <= due:
        return
    yield Issue(
        f"本报告于 {published.isoformat()} 公布，晚于{LEVEL_NAMES[ctx.agency_level]}的公布期限"
        f" {due.isoformat()}（逾期 {(published - due).days} 天）。",
        FindingLocation(),
    )
