"""Draft sections 一 to 六 from the figures of a built report.

The figures are quoted in the phrasings that the report engine's narrative rules read
(``report.checks.claims``), so a figure edited by hand into disagreement with the tables
is caught by NARR-APPLICATIONS, NARR-APPEALS and NARR-PUBLISHED. What the records cannot
say (how information is managed, the platform, supervision, last year's problems) is
drafted as a sentence to fill in, marked with ``PLACEHOLDER``: the report cannot be
submitted while one is left.

Headings come from the format (``statute``); only the drafting sentences are typed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.report.model import AnnualReport, Section
from gongkai.statute import ReportFormat
from gongkai.statute.applicants import TOTAL_COLUMN

PLACEHOLDER = "【请填写"  # every sentence to fill in starts with this mark


def placeholder(what: str) -> str:
    return f"{PLACEHOLDER}：{what}】"


def has_placeholder(text: str) -> bool:
    return PLACEHOLDER in text


@dataclass(frozen=True)
class Drafted:
    section: Section
    needs_edit: bool


def _n(report: AnnualReport, table: str, row: str, column: str) -> int | Decimal | None:
    return report.value(table, row, column)


def _count(value: int | Decimal | None) -> str:
    return "—" if value is None else str(value)


def proactive_paragraph(report: AnnualReport) -> str:
    year, name = report.meta.year, report.meta.agency
    total = report.categories_total if report.categories_total is not None else sum(report.categories.values())
    if not report.categories and report.categories_total is None:
        return f"（一）主动公开情况。{placeholder('本年度主动公开政府信息的总数和分类情况')}"
    text = f"（一）主动公开情况。{year}年，{name}共主动公开政府信息{total}条。"
    parts = [f"{category}{count}条" for category, count in report.categories.items() if count]
    if parts:
        text += "其中" + "、".join(parts) + "。"
    return text


def applications_paragraph(report: AnnualReport) -> str:
    year, name = report.meta.year, report.meta.agency
    new = _n(report, "三", "new", TOTAL_COLUMN)
    carried_in = _n(report, "三", "carried_in", TOTAL_COLUMN)
    decided = _n(report, "三", "total", TOTAL_COLUMN)
    carried_out = _n(report, "三", "carried_out", TOTAL_COLUMN)
    if not new and not carried_in:
        return f"（二）依申请公开情况。{year}年，{name}未收到政府信息公开申请，也没有上年结转的申请。"
    text = f"（二）依申请公开情况。{year}年，{name}新收政府信息公开申请{_count(new)}件"
    if carried_in:
        text += f"，上年结转政府信息公开申请{_count(carried_in)}件"
    text += f"；本年度办结{_count(decided)}件"
    if carried_out:
        text += f"，结转下年度继续办理{_count(carried_out)}件"
    return text + "。"


def overview(report: AnnualReport, *, rollup: bool) -> tuple[str, bool]:
    year, name = report.meta.year, report.meta.agency
    fmt: ReportFormat = report.format  # type: ignore[assignment]
    heads = {h.key: h for h in fmt.overview_heads}
    scope = "（含所属部门和乡镇（街道））" if rollup else ""
    lines = [
        f"{year}年，{name}{scope}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "依法做好主动公开、依申请公开、政府信息管理、平台建设和监督保障各项工作。",
        proactive_paragraph(report),
        applications_paragraph(report),
        f"{heads['overview.management'].label}。{placeholder('政府信息管理情况，如公开前审查、保密审查、动态更新')}",
        f"{heads['overview.platform'].label}。{placeholder('政府信息公开平台建设情况')}",
        f"{heads['overview.supervision'].label}。{placeholder('监督保障情况，如培训、考核、社会评议')}",
    ]
    if report.meta.agency_level == "government":
        # Art 50(4): a government's report also covers 工作考核、社会评议和责任追究结果情况.
        lines.append(f"工作考核、社会评议和责任追究结果情况：{placeholder('本年度工作考核、社会评议和责任追究结果')}")
    return "\n".join(lines), True


def proactive_section(report: AnnualReport) -> str:
    """The table 二 figures in words, row by row, labels from the format."""
    fmt: ReportFormat = report.format  # type: ignore[assignment]
    spec = fmt.table("二")
    if not report.tables.get("二") or all(c.is_blank for c in report.tables["二"].values()):
        return ""
    parts = []
    for row in spec.rows:
        values = [f"{column.label}{_count(_n(report, '二', row.key, column.key))}" for column in spec.columns_of(row)]
        parts.append(f"{row.label}：" + "，".join(values))
    return f"{report.meta.year}年主动公开政府信息情况如下表（" + "；".join(parts) + "）。"


def appeals_section(report: AnnualReport) -> str:
    if not report.tables.get("四") or all(c.is_blank for c in report.tables["四"].values()):
        return ""
    year, name = report.meta.year, report.meta.agency

    def kind(prefix: str, *kinds: str) -> str:
        def total(part: str) -> int:
            return sum(int(_n(report, "四", "cases", f"{k}.{part}") or 0) for k in kinds)

        return (
            f"{prefix}{total('total')}件，其中结果维持{total('upheld')}件、结果纠正{total('corrected')}件、"
            f"其他结果{total('other')}件、尚未审结{total('pending')}件"
        )

    review = int(_n(report, "四", "cases", "review.total") or 0)
    suits = sum(int(_n(report, "四", "cases", f"{k}.total") or 0) for k in ("suit_direct", "suit_after_review"))
    if not review and not suits:
        return f"{year}年，{name}未发生因政府信息公开工作引起的行政复议、行政诉讼。"
    return (
        f"{year}年，{name}因政府信息公开工作被申请" + kind("行政复议", "review") + "。"
        + kind("被提起行政诉讼", "suit_direct", "suit_after_review") + "。"
    )


def problems_section(previous: AnnualReport | None) -> str:
    """Section 五: last year's problems quoted, and what was done about them — to fill in."""
    last = previous.section("problems") if previous else None
    if last and last.text.strip():
        return (
            "上一年度报告提出的问题：" + " ".join(p.strip() for p in last.text.split("\n") if p.strip()) + "\n"
            f"本年度改进情况：{placeholder('针对上述问题采取的改进措施及成效')}\n"
            f"本年度存在的主要问题及下一步工作：{placeholder('本年度存在的主要问题和改进计划')}"
        )
    return (
        f"本年度存在的主要问题及改进情况：{placeholder('本年度存在的主要问题、上一年度问题的改进情况和下一步工作')}"
    )


def other_section(report: AnnualReport, fees: tuple[Decimal, int]) -> str:
    amount, payments = fees
    year, name = report.meta.year, report.meta.agency
    if payments:
        fee = (
            f"依据《政府信息公开信息处理费管理办法》规定，{year}年{name}收取信息处理费{payments}笔，"
            f"共计{amount}元。"
        )
    else:
        fee = f"依据《政府信息公开信息处理费管理办法》规定，{year}年{name}未收取信息处理费。"
    return fee + "\n没有需要报告的其他事项。"


def draft_sections(
    report: AnnualReport,
    *,
    rollup: bool = False,
    fees: tuple[Decimal, int] = (Decimal(0), 0),
    previous: AnnualReport | None = None,
) -> list[Drafted]:
    """Sections 一 to 六 in the format's order, each marked when it holds text to fill in."""
    fmt: ReportFormat = report.format  # type: ignore[assignment]
    overview_text, _ = overview(report, rollup=rollup)
    texts = {
        "overview": overview_text,
        "proactive": proactive_section(report),
        "applications": "",
        "appeals": appeals_section(report),
        "problems": problems_section(previous),
        "other": other_section(report, fees),
    }
    return [
        Drafted(Section(h.key, h.label, texts.get(h.key, "")), has_placeholder(texts.get(h.key, "")))
        for h in fmt.sections
    ]
