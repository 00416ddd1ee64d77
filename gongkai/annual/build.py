"""``build_report``: an agency's annual report for a year, computed from the records.

The format follows the year (``statute.format_for_year``). Tables 二, 三 and 四 come from SQL
aggregates over the publishing, casework and appeals records (demo data excluded), every
cell of the format filled; the sections are drafted from the figures by ``narrative``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.annual import narrative, sources
from gongkai.annual.rollup import includes_departments, report_agencies
from gongkai.report.model import AnnualReport, Cell, empty_report
from gongkai.statute import ReportFormat, UnknownFormatError, format_for_year


@dataclass
class Build:
    """A built report and what the build has to say about it."""

    report: AnnualReport
    include_departments: bool
    agency_ids: list[int]
    notes: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)  # section keys drafted with text to fill in


def report_format(year: int) -> ReportFormat:
    """The format of ``year``'s report; ValidationError in Chinese for a year without one."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValidationError(f"年度应为整数，实为“{year}”。")
    try:
        return format_for_year(year)
    except UnknownFormatError as exc:
        raise ValidationError(str(exc)) from None


def check_year(year: int) -> ReportFormat:
    fmt = report_format(year)
    this_year = timezone.localdate().year
    if year > this_year:
        raise ValidationError(f"{year}年度尚未开始，不能生成年度报告（今年是{this_year}年）。")
    return fmt


def format_number(value: int | Decimal) -> str:
    """A cell's text: integers as they are, amounts in 万元 without trailing zeros."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(value.quantize(Decimal(1)))
        return format(value.normalize(), "f")
    return str(int(value))


def _fill(
    report: AnnualReport, fmt: ReportFormat, table: str, values: sources.Values | None, *, zeros: bool
) -> None:
    """Fill the table's cells from ``values``. A missing source leaves the table blank; with
    ``zeros`` a cell the source left out is 0 (nothing counted), without it the cell stays
    blank (the source cannot determine it, e.g. the 2019 format's 对外公开总数量)."""
    if values is None:
        return
    spec = fmt.table(table)
    for row, column in spec.cells():
        value = values.get((row.key, column.key))
        if value is None and not zeros:
            continue
        report.set_cell(table, row.key, column.key, Cell(format_number(value or 0), unit=column.unit))


def values_known(report: AnnualReport, table: str) -> bool:
    return any(not cell.is_blank for cell in report.tables.get(table, {}).values())


def preamble(agency: Agency, year: int) -> str:
    office = agency.disclosure_office or agency.name
    contact = "；".join(
        f"{label}：{value}"
        for label, value in (
            ("地址", agency.office_address),
            ("邮编", agency.postcode),
            ("电话", agency.phone),
            ("电子邮箱", agency.email),
        )
        if value
    )
    text = (
        f"本报告由{agency.name}按照《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"
        f"所列数据的统计期限是{year}年1月1日至{year}年12月31日。"
    )
    if agency.website:
        text += f"本报告电子版可在{agency.website}查阅或下载。"
    text += f"如对报告内容有疑问，请与{office}联系" + (f"（{contact}）。" if contact else "。")
    return text


def build(
    agency: Agency,
    year: int,
    *,
    include_departments: bool | None = None,
    previous: AnnualReport | None = None,
) -> Build:
    """The report with the build's notes; ``previous`` (last year's report) feeds section 五."""
    fmt = check_year(year)
    rollup = includes_departments(agency, include_departments)
    agencies = report_agencies(agency, rollup)
    ids = list(agencies.values_list("pk", flat=True))
    report = empty_report(fmt.id, agency=agency.name, year=year, agency_level=agency.level)
    report.meta.source_name = "Gongkai"
    report.meta.source_layout = "records"
    notes: list[str] = []
    for table, values in (
        ("二", sources.table_2_values(agencies, year, fmt)),
        ("三", sources.table_3_values(agencies, year, fmt)),
        ("四", sources.table_4_values(agencies, year, fmt)),
    ):
        if values is None:
            notes.append(sources.MISSING_SOURCE[table])
        _fill(report, fmt, table, values, zeros=table != "二")
    blank = [key for key, cell in report.tables.get("二", {}).items() if cell.is_blank]
    if values_known(report, "二") and blank:
        notes.append(f"表二有 {len(blank)} 个单元格无法由登记簿确定（如 2019 年格式的对外公开总数量），"
                     "留空，请在报告中补充说明。")
    report.categories, report.categories_total = sources.categories(agencies, year)
    if rollup and len(ids) > 1:
        notes.append(f"本报告汇总了本级和所属部门、乡镇（街道）共 {len(ids)} 个机构的记录。")
    report.preamble = preamble(agency, year)
    fees = sources.fees_collected(agencies, year)
    drafted = narrative.draft_sections(report, rollup=rollup and len(ids) > 1, fees=fees, previous=previous)
    report.sections = [d.section for d in drafted]
    return Build(report, rollup, ids, notes, [d.section.key for d in drafted if d.needs_edit])


def build_report(agency: Agency, year: int, *, include_departments: bool | None = None) -> AnnualReport:
    """The report of ``agency`` for ``year`` from the records (see module docstring)."""
    return build(agency, year, include_departments=include_departments).report
