"""Arithmetic within one report (spec §5.1 rules 1-5).

The sum rules compare only cells that hold numbers: a blank part is the blank rules'
business. The one exception is a sum that no filling of the blanks can repair — the
filled parts of non-negative counts already exceed the total — which is reported here.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.report.checks.context import CheckContext
from gongkai.report.checks.findings import Severity
from gongkai.report.checks.registry import Issue, rule
from gongkai.report.checks.tables import (
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_NEW,
    T3_TOTAL,
    T4_KINDS,
    T4_ROW,
    TOTAL,
    SumCheck,
    sum_check,
    t3_applicant_columns,
    t3_columns,
    t3_outcome_rows,
    t4_columns,
)
from gongkai.report.model import CellState, Number
from gongkai.statute.structure import Unit


def _fmt(value: object) -> str:
    return str(value)


def _holds(numbers: dict[tuple[str, str], Number], total: tuple[str, str], parts: list[tuple[str, str]]) -> bool:
    """The common case, decided without a ``SumCheck``: every part and the total hold
    numbers and add up (so ``SumCheck.broken`` is False)."""
    value = numbers.get(total)
    if value is None:
        return True  # no total: nothing to break
    values = [numbers.get(part) for part in parts]
    return None not in values and sum(values) == value  # type: ignore[arg-type]


def _shortfall(check: SumCheck, what: str) -> str:
    """The tail of a message: 「但{what}之和为 20」, or the filled parts' sum when some are blank."""
    if check.complete:
        return f"但{what}之和为 {_fmt(check.filled_sum)}"
    return f"但{what}中已填写部分之和已达 {_fmt(check.filled_sum)}（其余为空白）"


@rule(
    "T3-ROW-TOTAL",
    Severity.ERROR,
    "表三行合计不符",
    "表三每一行的“总计”应等于自然人和五类法人或其他组织各列之和。",
    "arithmetic",
    "spec §5.1 rule 1",
)
def t3_row_total(ctx: CheckContext) -> Iterator[Issue]:
    parts = t3_applicant_columns(ctx)
    if not parts:
        return
    kinds = list(dict.fromkeys(c.group[0] if c.group else c.label for c in parts))
    what = "、".join(f"“{k}”" for k in kinds) + "各列"
    numbers = ctx.numbers("三")
    part_keys = [c.key for c in parts]
    for row in ctx.present_rows("三"):
        if _holds(numbers, (row.key, TOTAL), [(row.key, key) for key in part_keys]):
            continue
        check = sum_check(ctx, "三", (row.key, TOTAL), [(row.key, c.key) for c in parts])
        if check.broken():
            yield Issue(
                f"{ctx.cell_name('三', row.key, TOTAL)}为 {_fmt(check.total)}，{_shortfall(check, what)}。",
                ctx.location("三", row.key, TOTAL),
            )


@rule(
    "T3-OUTCOME-TOTAL",
    Severity.ERROR,
    "表三办理结果合计不符",
    "表三“（七）总计”行每一列应等于（一）至（六）各项办理结果之和。",
    "arithmetic",
    "spec §5.1 rule 2",
)
def t3_outcome_total(ctx: CheckContext) -> Iterator[Issue]:
    outcomes = t3_outcome_rows(ctx)
    if not outcomes or not ctx.present_rows("三"):
        return
    numbers = ctx.numbers("三")
    for column in t3_columns(ctx):
        if _holds(numbers, (T3_TOTAL, column.key), [(row, column.key) for row in outcomes]):
            continue
        check = sum_check(ctx, "三", (T3_TOTAL, column.key), [(row, column.key) for row in outcomes])
        if check.broken():
            yield Issue(
                f"{ctx.cell_name('三', T3_TOTAL, column.key)}为 {_fmt(check.total)}，"
                f"{_shortfall(check, '各项办理结果')}。",
                ctx.location("三", T3_TOTAL, column.key),
            )


@rule(
    "T3-BALANCE",
    Severity.ERROR,
    "表三勾稽关系不成立",
    "表三每一列都应满足表头所载勾稽关系：第一项加第二项之和，等于第三项（七）总计加第四项之和。",
    "arithmetic",
    "spec §5.1 rule 3 (表三表头)",
)
def t3_balance(ctx: CheckContext) -> Iterator[Issue]:
    spec = ctx.table("三")
    if not spec or not ctx.present_rows("三"):
        return
    new, carried_in, total, carried_out = (spec.row(k) for k in (T3_NEW, T3_CARRIED_IN, T3_TOTAL, T3_CARRIED_OUT))
    for column in t3_columns(ctx):
        a, b, c, d = (ctx.number("三", row.key, column.key) for row in (new, carried_in, total, carried_out))
        if None in (a, b, c, d) or a + b == c + d:  # type: ignore[operator]
            continue
        yield Issue(
            f"表三“{column.path}”列勾稽关系不成立：“{new.label}”{a}加“{carried_in.label}”{b}之和为 {a + b}，"  # type: ignore[operator]
            f"但“{total.label}”{c}加“{carried_out.label}”{d}之和为 {c + d}。",  # type: ignore[operator]
            ctx.location("三", T3_TOTAL, column.key),
        )


@rule(
    "T4-TOTAL",
    Severity.ERROR,
    "表四合计不符",
    "表四行政复议、未经复议直接起诉、复议后起诉三部分的“总计”各应等于结果维持、结果纠正、其他结果、尚未审结之和。",
    "arithmetic",
    "spec §5.1 rule 4",
)
def t4_total(ctx: CheckContext) -> Iterator[Issue]:
    if not ctx.table("四") or not ctx.has_table("四"):
        return
    for kind in T4_KINDS:
        parts, total = t4_columns(kind)
        check = sum_check(ctx, "四", (T4_ROW, total), [(T4_ROW, p) for p in parts])
        if not check.broken():
            continue
        named = "、".join(
            f"{ctx.column_label('四', p).split(' / ')[-1]} {_fmt(v) if v is not None else '空白'}"
            for p, v in zip(parts, check.values, strict=True)
        )
        summed = f"{'合计' if check.complete else '已填写部分合计已达'} {_fmt(check.filled_sum)}"
        yield Issue(
            f"{ctx.cell_name('四', T4_ROW, total)}为 {_fmt(check.total)}，但{named}，{summed}。",
            ctx.location("四", T4_ROW, total),
        )


@rule(
    "CELL-NOT-NUMBER",
    Severity.ERROR,
    "单元格不是数字",
    "表格中应填数字的单元格写了文字或符号（如“无”“—”），应填写数字，没有的填 0。",
    "arithmetic",
    "spec §5.1 rule 5",
)
def cell_not_number(ctx: CheckContext) -> Iterator[Issue]:
    for table, cells in ctx.report.tables.items():
        invalid = CellState.INVALID
        bad = [(key, cell) for key, cell in cells.items() if cell.state is invalid]
        if not bad:
            continue
        where = "、".join(f"{ctx.cell_label(table, r, c)}写作“{cell.text}”" for (r, c), cell in bad[:5])
        more = f"等 {len(bad)} 处" if len(bad) > 5 else ""
        (row, column), _ = bad[0]
        yield Issue(f"表{table}有 {len(bad)} 个单元格不是数字：{where}{more}。", ctx.location(table, row, column))


@rule(
    "CELL-NEGATIVE",
    Severity.ERROR,
    "数值为负",
    "件数和金额不能为负数（只有2019年格式的“本年增/减”可以为负）。",
    "arithmetic",
    "spec §5.1 rule 5",
)
def cell_negative(ctx: CheckContext) -> Iterator[Issue]:
    for table, cells in ctx.report.tables.items():
        # Only the cells that hold a number, and of them only the negative ones, need a look.
        for (row, column), value in ctx.numbers(table).items():
            if value >= 0:
                continue
            cell = cells[row, column]
            if cell.unit is not Unit.SIGNED:
                name = ctx.cell_name(table, row, column)
                yield Issue(f"{name}为 {cell.text}，不能为负数。", ctx.location(table, row, column))


@rule(
    "CELL-NOT-INTEGER",
    Severity.ERROR,
    "件数不是整数",
    "件数、数量只能是整数，只有金额可以有小数。",
    "arithmetic",
    "spec §5.1 rule 5",
)
def cell_not_integer(ctx: CheckContext) -> Iterator[Issue]:
    for table, cells in ctx.report.tables.items():
        for (row, column), value in ctx.numbers(table).items():
            if isinstance(value, int):
                continue
            cell = cells[row, column]
            if cell.unit in (Unit.COUNT, Unit.SIGNED):
                name = ctx.cell_name(table, row, column)
                yield Issue(f"{name}为 {cell.text}，件数应为整数。", ctx.location(table, row, column))
