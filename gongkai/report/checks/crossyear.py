"""This year's report against last year's (spec §5.2, §5.4 rule 14).

These rules are derived from the row definitions or taken from reviewers' practice, not
stated by the format, so they warn rather than err: a body may have corrected last
year's figures, or changed how it counts.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.report.checks.agency import core_name
from gongkai.report.checks.context import CheckContext
from gongkai.report.checks.findings import FindingLocation, Severity
from gongkai.report.checks.registry import Issue, rule
from gongkai.report.checks.tables import T3_CARRIED_IN, T3_CARRIED_OUT, t3_columns
from gongkai.report.checks.text import DIGITS, sentences
from gongkai.report.model import AnnualReport

T2_DOC_ROWS = ("regulations", "normative_docs")  # 第二十条第（一）项: 规章, 行政规范性文件
T2_ISSUED, T2_REPEALED, T2_IN_FORCE = "issued", "repealed", "in_force"


def comparable(ctx: CheckContext) -> AnnualReport | None:
    """Last year's report, when it is last year's report of the same agency."""
    previous, meta = ctx.previous, ctx.report.meta
    if previous is None:
        return None
    if meta.year and previous.meta.year and previous.meta.year != meta.year - 1:
        return None
    if meta.agency and previous.meta.agency and core_name(meta.agency) != core_name(previous.meta.agency):
        return None
    return previous


@rule(
    "XY-PREVIOUS",
    Severity.NOTICE,
    "上年报告不匹配",
    "用于跨年度核对的报告应是同一机关上一年度的报告，否则不做跨年度核对。",
    "cross-year",
    "spec §5.2",
)
def previous_mismatch(ctx: CheckContext) -> Iterator[Issue]:
    if ctx.previous is None or comparable(ctx) is not None:
        return
    prev, meta = ctx.previous.meta, ctx.report.meta
    yield Issue(
        f"作为上一年度提供的报告是“{prev.agency}”{prev.year}年度的报告，"
        f"而本报告是“{meta.agency}”{meta.year}年度的报告，未做跨年度核对。",
        FindingLocation(),
    )


@rule(
    "XY-CARRIED",
    Severity.WARNING,
    "上年结转与上年报告不符",
    "表三“二、上年结转”每一列应等于上一年度报告“四、结转下年度继续办理”的同一列。",
    "cross-year",
    "spec §5.2 rule 7 (derived)",
)
def carried_over(ctx: CheckContext) -> Iterator[Issue]:
    previous = comparable(ctx)
    if previous is None or not ctx.table("三"):
        return
    for column in t3_columns(ctx):
        now = ctx.number("三", T3_CARRIED_IN, column.key)
        before = ctx.number("三", T3_CARRIED_OUT, column.key, previous)
        if now is not None and before is not None and now != before:
            yield Issue(
                f"{ctx.cell_name('三', T3_CARRIED_IN, column.key)}为 {now}，但上一年度报告的"
                f"“{ctx.row_label('三', T3_CARRIED_OUT)}”该列为 {before}。",
                ctx.location("三", T3_CARRIED_IN, column.key),
            )


def has_stock_columns(report: AnnualReport) -> bool:
    """Whether a report's table 二 has 现行有效件数 (the 2021 format does, 2019 does not)."""
    return all(report.cell("二", row, T2_IN_FORCE) for row in T2_DOC_ROWS)


@rule(
    "XY-IN-FORCE",
    Severity.WARNING,
    "现行有效件数不衔接",
    "一般而言，本年现行有效件数应等于上年现行有效件数加本年制发件数减本年废止件数；修订或统计口径变化可能例外。",
    "cross-year",
    "spec §5.2 rule 8 (heuristic, not official)",
)
def in_force(ctx: CheckContext) -> Iterator[Issue]:
    previous = comparable(ctx)
    if previous is None or not has_stock_columns(ctx.report) or not has_stock_columns(previous):
        return
    for row in T2_DOC_ROWS:
        stock = ctx.number("二", row, T2_IN_FORCE)
        issued = ctx.number("二", row, T2_ISSUED)
        repealed = ctx.number("二", row, T2_REPEALED)
        before = ctx.number("二", row, T2_IN_FORCE, previous)
        if None in (stock, issued, repealed, before):
            continue
        expected = before + issued - repealed  # type: ignore[operator]
        if stock != expected:
            yield Issue(
                f"表二“{ctx.row_label('二', row)}”现行有效件数为 {stock}，但上年现行有效 {before} 加本年制发 {issued}"
                f" 减本年废止 {repealed} 应为 {expected}。",
                ctx.location("二", row, T2_IN_FORCE),
            )


def _comparable_sentences(report: AnnualReport) -> list[str]:
    # Section bodies only: the preamble (legal basis, contact block) is rightly the same
    # every year. Digits are masked so that a copy with this year's figures still counts.
    text = "\n".join(s.text for s in report.sections)
    return [DIGITS.sub("#", s) for s in sentences(text, min_length=10)]


@rule(
    "XY-SIMILAR",
    Severity.WARNING,
    "与上年报告雷同",
    "正文与上一年度报告大段相同，可能是照搬上年报告，属于应当避免的“内容雷同”。",
    "cross-year",
    "spec §4.2 (30号 有关要求), §5.4 rule 14",
)
def similar(ctx: CheckContext) -> Iterator[Issue]:
    previous = comparable(ctx)
    if previous is None:
        return
    now = _comparable_sentences(ctx.report)
    before = set(_comparable_sentences(previous))
    if len(now) < 3 or not before:
        return
    same = sum(1 for s in now if s in before)
    share = same / len(now)
    if share >= ctx.config.similarity_warning:
        yield Issue(
            f"正文 {len(now)} 句中有 {same} 句（{share:.0%}）与上一年度报告相同（数字除外），"
            f"达到 {ctx.config.similarity_warning:.0%} 的提示线，疑为照搬上年报告。",
            FindingLocation(),
        )
