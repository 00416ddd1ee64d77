"""Random valid reports, for property tests, the benchmark corpus and demos.

A report made here satisfies every arithmetic rule of the format: row totals, the
（七）总计 sums, the 勾稽关系 and table 四's totals; its narrative quotes its own figures.
"""

from __future__ import annotations

import random
from decimal import Decimal

from gongkai.report.model import AnnualReport, Cell, ReportMeta, Section
from gongkai.statute import get_format
from gongkai.statute.structure import Unit

AGENCIES = (
    ("某市生态环境局", "department"),
    ("某县人民政府", "government"),
    ("某区教育局", "department"),
    ("某市人民政府办公室", "department"),
    ("某市人民政府", "government"),
    ("某县市场监督管理局", "department"),
)
CATEGORIES = ("履职依据", "会议公开", "建议提案", "财政信息", "重点领域信息公开", "政策解读", "业务动态")


def _count(rng: random.Random, scale: int) -> int:
    # Most cells of a real report are 0; the rest are small, with a long tail.
    roll = rng.random()
    if roll < 0.55:
        return 0
    if roll < 0.9:
        return rng.randint(1, max(1, scale // 10))
    return rng.randint(1, scale)


def random_report(rng: random.Random, format_id: str = "2021", scale: int = 200) -> AnnualReport:
    fmt = get_format(format_id)
    year = rng.randint(fmt.first_year, fmt.last_year or fmt.first_year + 4)
    agency, level = rng.choice(AGENCIES)
    report = AnnualReport(meta=ReportMeta(agency=agency, year=year, format_id=format_id,
                                          title=f"{agency}{year}年{fmt.title_suffix}", agency_level=level))
    _table_2(rng, report, scale)
    _table_3(rng, report, scale)
    _table_4(rng, report, scale)
    report.categories = {name: _count(rng, 40) for name in rng.sample(CATEGORIES, rng.randint(0, len(CATEGORIES)))}
    report.categories = {k: v for k, v in report.categories.items() if v}
    report.categories_total = sum(report.categories.values()) if report.categories else None
    report.preamble = (
        f"本报告由{agency}根据《中华人民共和国政府信息公开条例》编制。"
        f"所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
    report.sections = _sections(report)
    return report


def _set(report: AnnualReport, table: str, row: str, column: str, value: int | Decimal | str,
         unit: Unit = Unit.COUNT) -> None:
    report.set_cell(table, row, column, Cell(str(value), unit=unit))


def _table_2(rng: random.Random, report: AnnualReport, scale: int) -> None:
    table = report.format.table("二")
    for row, column in table.cells():
        if column.unit is Unit.WANYUAN or column.unit is Unit.AMOUNT:
            value: int | Decimal | str = Decimal(rng.randint(0, 10_000_000)) / 100 if rng.random() < 0.5 else 0
        elif column.unit is Unit.SIGNED:
            change = rng.randint(-5, 5)
            value = f"+{change}" if change > 0 else str(change)
        else:
            value = _count(rng, scale * 10)
        _set(report, "二", row.key, column.key, value, column.unit)


def _table_3(rng: random.Random, report: AnnualReport, scale: int) -> None:
    table = report.format.table("三")
    outcome_rows = [r for r in table.rows if r.key not in ("new", "carried_in", "total", "carried_out")]
    applicant_columns = [c for c in table.columns if c.key != "total"]
    totals: dict[str, int] = {}
    for column in applicant_columns:
        small = column.key != "natural"
        decided = 0
        for row in outcome_rows:
            value = _count(rng, scale // 10 if small else scale)
            decided += value
            _set(report, "三", row.key, column.key, value)
        carried_out = _count(rng, max(1, scale // 20))
        carried_in = rng.randint(0, decided + carried_out) if rng.random() < 0.4 else 0
        new = decided + carried_out - carried_in
        for key, value in (("new", new), ("carried_in", carried_in), ("total", decided),
                           ("carried_out", carried_out)):
            _set(report, "三", key, column.key, value)
    for row in table.rows:
        totals[row.key] = sum(report.value("三", row.key, c.key) or 0 for c in applicant_columns)
        _set(report, "三", row.key, "total", totals[row.key])


def _table_4(rng: random.Random, report: AnnualReport, scale: int) -> None:
    columns = report.format.table("四").columns
    for kind in ("review", "suit_direct", "suit_after_review"):
        parts = [c for c in columns if c.key.startswith(kind + ".") and not c.key.endswith(".total")]
        values = [_count(rng, max(1, scale // 10)) for _ in parts]
        for column, value in zip(parts, values, strict=True):
            _set(report, "四", "cases", column.key, value)
        _set(report, "四", "cases", f"{kind}.total", sum(values))


def _sections(report: AnnualReport) -> list[Section]:
    fmt = report.format
    year = report.meta.year
    t3 = {key: report.value("三", key, "total") for key in ("new", "carried_in", "total", "carried_out")}
    review = report.value("四", "cases", "review.total")
    suits = (report.value("四", "cases", "suit_direct.total") or 0) + (
        report.value("四", "cases", "suit_after_review.total") or 0
    )
    heads = {h.key: h.label for h in fmt.overview_heads}
    published = (
        f"{year}年共主动公开政府信息{report.categories_total}条。" if report.categories_total else ""
    )
    texts = {
        "overview": "\n".join(
            [
                f"{year}年，{report.meta.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。",
                f"{heads['overview.proactive']}。{published}",
                f"{heads['overview.applications']}。{year}年共收到政府信息公开申请{t3['new']}件，"
                f"上年结转{t3['carried_in']}件，办结{t3['total']}件，结转下年度继续办理{t3['carried_out']}件。",
                f"{heads['overview.management']}。严格执行保密审查制度。",
                f"{heads['overview.platform']}。持续优化政府网站信息公开专栏。",
                f"{heads['overview.supervision']}。加强考核和社会评议。",
            ]
        ),
        "proactive": "",
        "applications": "",
        "appeals": f"{year}年，因政府信息公开被申请行政复议{review}件，提起行政诉讼{suits}件。",
        "problems": "个别栏目更新不够及时。下一步将加强培训，完善制度。",
        "other": "本年度未收取信息处理费。",
    }
    return [Section(h.key, h.label, texts[h.key]) for h in fmt.sections]
