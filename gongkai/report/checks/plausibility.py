"""Figures that add up but cannot be true (spec §5.2 rule 8, §5.4 rule 16)."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.report.checks.agency import may_make_regulations
from gongkai.report.checks.context import CheckContext
from gongkai.report.checks.crossyear import T2_DOC_ROWS, T2_IN_FORCE, T2_REPEALED, comparable, has_stock_columns
from gongkai.report.checks.findings import FindingLocation, Severity
from gongkai.report.checks.narrative import table_is_empty
from gongkai.report.checks.registry import Issue, rule
from gongkai.report.checks.text import quote
from gongkai.statute import FORMATS

T2_REGULATIONS = "regulations"
# The column of newly made 规章 in each format: the first column of 第二十条第（一）项
# (2021 本年制发件数, 2019 本年新制作数量).
MADE_COLUMNS = {fmt.table("二").columns_of(fmt.table("二").row(T2_REGULATIONS))[0].key for fmt in FORMATS.values()}

LEVEL_NAMES = {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）", "other": "其他机关"}


@rule(
    "PL-REGULATIONS",
    Severity.WARNING,
    "无权制定规章却报告制发规章",
    "只有国务院部门和省、自治区、直辖市、设区的市、自治州的人民政府可以制定规章；区县政府、乡镇和地方政府部门制发规章的数字通常是填错了行。",
    "plausibility",
    "《立法法》第九十一条、第九十三条; spec §4.3",
)
def regulations(ctx: CheckContext) -> Iterator[Issue]:
    agency = ctx.report.meta.agency
    if not agency or may_make_regulations(agency, ctx.agency_level) is not False:
        return
    for row, column in ctx.report.tables.get("二", {}):
        if row != T2_REGULATIONS or column not in MADE_COLUMNS:
            continue
        value = ctx.number("二", row, column)
        if value is not None and value > 0:
            yield Issue(
                f"{ctx.cell_name('二', row, column)}为 {value}，但“{agency}”"
                f"（{LEVEL_NAMES.get(ctx.agency_level, '')}）无权制定规章，应核对是否误填了规范性文件。",
                ctx.location("二", row, column),
            )


@rule(
    "PL-REPEALED",
    Severity.WARNING,
    "废止件数超过上年存量",
    "本年废止的件数不应多于上一年度末现行有效的件数（本年制发又废止的除外）。",
    "plausibility",
    "spec §5.2 rule 8 (heuristic, not official)",
)
def repealed(ctx: CheckContext) -> Iterator[Issue]:
    previous = comparable(ctx)
    if previous is None or not has_stock_columns(previous):
        return
    for row in T2_DOC_ROWS:
        now = ctx.number("二", row, T2_REPEALED)
        before = ctx.number("二", row, T2_IN_FORCE, previous)
        if now is not None and before is not None and now > before:
            yield Issue(
                f"表二“{ctx.row_label('二', row)}”本年废止 {now} 件，多于上一年度报告的现行有效件数 {before}。",
                ctx.location("二", row, T2_REPEALED),
            )


@rule(
    "PL-NO-ACTIVITY",
    Severity.WARNING,
    "表格为空而正文有数字",
    "正文报告了收到申请或行政复议、行政诉讼的件数，但相应的表三或表四全部为 0 或空白。",
    "plausibility",
    "spec §5.4 rules 15-16",
)
def no_activity(ctx: CheckContext) -> Iterator[Issue]:
    text = ctx.narrative
    claims = [c for c in ctx.claims if c.value > 0 and c.part is None]
    checks = (("三", ("received", "decided")), ("四", ("review", "suit")))
    for table, kinds in checks:
        if not ctx.has_table(table) or not table_is_empty(ctx, table):
            continue
        claim = next((c for c in claims if c.kind in kinds), None)
        if claim:
            yield Issue(
                f"正文称“{quote(text, claim.start, claim.end, 6)}”，但表{table}的数字全部为 0 或空白。",
                FindingLocation(table=table),
            )
