"""The narrative against the tables (spec §5.4 rules 15-16), and what the text must cover
(spec §5.3 rule 12).

Figures in the text are compared with the tables only when both are there. A mismatch is
a warning, not an error: the text may count another way (e.g. 「区政府办代表区政府受理…
17件」 may be the office's share of a government's 95), but the reader sees two figures
for one fact and one of them needs explaining.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.report.checks.claims import Claim
from gongkai.report.checks.context import CheckContext
from gongkai.report.checks.findings import FindingLocation, Severity
from gongkai.report.checks.registry import Issue, rule
from gongkai.report.checks.tables import (
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_NEW,
    T3_TOTAL,
    T4_ROW,
    TOTAL,
    numbers_in,
)
from gongkai.report.checks.text import quote
from gongkai.report.model import Number
from gongkai.statute.labels import fold


def table_is_empty(ctx: CheckContext, table: str) -> bool:
    """All zero or blank: the activity rule (PL-NO-ACTIVITY) speaks for such a table."""
    return all(v == 0 for v in numbers_in(ctx, table))


def _said(text: str, claim: Claim) -> str:
    return f"正文称“{quote(text, claim.start, claim.end, 6)}”"


def _t3(ctx: CheckContext, row: str) -> tuple[Number | None, str]:
    return ctx.number("三", row, TOTAL), ctx.cell_name("三", row, TOTAL)


@rule(
    "NARR-APPLICATIONS",
    Severity.WARNING,
    "正文申请数与表三不符",
    "正文中关于收到、办理、结转政府信息公开申请的数字应与表三一致。",
    "narrative",
    "spec §5.4 rules 15-16",
)
def narrative_applications(ctx: CheckContext) -> Iterator[Issue]:
    if not ctx.table("三") or not ctx.has_table("三"):
        return
    text = ctx.narrative
    empty = table_is_empty(ctx, "三")
    new, new_name = _t3(ctx, T3_NEW)
    carried_in, _ = _t3(ctx, T3_CARRIED_IN)
    rows = {"decided": T3_TOTAL, "carried_in": T3_CARRIED_IN, "carried_out": T3_CARRIED_OUT}
    for claim in ctx.claims:
        if claim.value and empty:
            continue  # PL-NO-ACTIVITY
        if claim.kind == "received" and new is not None:
            allowed = {new} | ({new + carried_in} if carried_in is not None else set())
            if claim.value not in allowed:
                also = f"（加上年结转也只有 {new + carried_in}）" if carried_in else ""
                yield Issue(f"{_said(text, claim)}，但{new_name}为 {new}{also}。", ctx.location("三", T3_NEW, TOTAL))
        elif claim.kind in rows:
            value, name = _t3(ctx, rows[claim.kind])
            if value is not None and claim.value != value:
                yield Issue(f"{_said(text, claim)}，但{name}为 {value}。", ctx.location("三", rows[claim.kind], TOTAL))


def _t4(ctx: CheckContext, kinds: tuple[str, ...], part: str) -> Number | None:
    values = [ctx.number("四", T4_ROW, f"{kind}.{part}") for kind in kinds]
    return None if None in values else sum(values)  # type: ignore[arg-type]


@rule(
    "NARR-APPEALS",
    Severity.WARNING,
    "正文复议诉讼数与表四不符",
    "正文中关于行政复议、行政诉讼的件数及结果应与表四一致。",
    "narrative",
    "spec §5.4 rules 15-16",
)
def narrative_appeals(ctx: CheckContext) -> Iterator[Issue]:
    if not ctx.table("四") or not ctx.has_table("四") or table_is_empty(ctx, "四"):
        return  # an empty table 四 against figures in the text: PL-NO-ACTIVITY
    text = ctx.narrative
    # 诉讼 may be counted in the text as both kinds together or as either one.
    choices = {
        "review": (("review",),),
        "suit": (("suit_direct", "suit_after_review"), ("suit_direct",), ("suit_after_review",)),
    }
    for claim in ctx.claims:
        if claim.kind not in choices:
            continue
        part = claim.part or TOTAL
        values = [_t4(ctx, kinds, part) for kinds in choices[claim.kind]]
        if values[0] is None or claim.value in values:
            continue
        kinds = choices[claim.kind][0]
        columns = [f"{kind}.{part}" for kind in kinds]
        names = "与".join(f"“{ctx.column_label('四', c)}”" for c in columns)
        yield Issue(
            f"{_said(text, claim)}，但表四{names}{'之和' if len(columns) > 1 else ''}为 {values[0]}。",
            ctx.location("四", T4_ROW, columns[0]),
        )


@rule(
    "NARR-PUBLISHED",
    Severity.WARNING,
    "正文主动公开数不一致",
    "正文中主动公开信息的条数应与报告所附的分类统计一致。",
    "narrative",
    "spec §8 (分类统计)",
)
def narrative_published(ctx: CheckContext) -> Iterator[Issue]:
    total = ctx.report.categories_total
    if total is None and ctx.report.categories:
        total = sum(ctx.report.categories.values())
    if total is None:
        return
    text = ctx.narrative
    for claim in ctx.claims:
        if claim.kind == "published" and claim.value != total:
            yield Issue(f"{_said(text, claim)}，但报告所附主动公开分类统计合计为 {total}。", FindingLocation())


@rule(
    "NARR-OVERVIEW-ASPECTS",
    Severity.NOTICE,
    "总体情况缺少方面",
    "“一、总体情况”应写明主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面。",
    "narrative",
    "spec §4.2, §5.3 rule 12 (国办公开办函〔2021〕30号)",
)
def overview_aspects(ctx: CheckContext) -> Iterator[Issue]:
    section = ctx.report.section("overview")
    if not ctx.fmt or section is None:
        return
    text = fold(section.heading + section.text)
    seen = {lab.key for lab in ctx.report.labels if lab.kind == "subhead"}
    missing = []
    for head in ctx.fmt.overview_heads:
        topic = fold(head.title).removesuffix("情况")
        if head.key not in seen and topic not in text:
            missing.append(f"“{head.label}”")
    if missing:
        yield Issue(f"“一、总体情况”中没有找到{'、'.join(missing)}的内容。", FindingLocation(source=section.location))


# Art 50: a government's report also covers 工作考核、社会评议和责任追究结果情况.
_ACCOUNTABILITY = ("考核", "评议", "追究", "问责")


@rule(
    "NARR-GOV-ACCOUNTABILITY",
    Severity.NOTICE,
    "未见考核评议追责情况",
    "各级人民政府的年度报告还应报告工作考核、社会评议和责任追究结果情况（条例第五十条）。",
    "narrative",
    "条例第五十条; spec §1.5, §5.3 rule 12",
)
def government_accountability(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.agency_level != "government" or not ctx.report.sections:
        return
    text = ctx.narrative
    if not any(word in text for word in _ACCOUNTABILITY):
        yield Issue(
            "本报告是人民政府的年度报告，但正文中没有找到工作考核、社会评议和责任追究结果情况。",
            FindingLocation(),
        )
