"""Blank cells (spec §5.1 rule 6): blank is not 0, and a published figure is missing.

Three rules, so that each blank is reported once and with the weight it deserves:
a 总计 left blank although its row or parts hold numbers (an error: the published total
is missing and the sums cannot be checked), a whole row left blank (a warning: nothing
was filled in, perhaps a row overlooked), and every other blank cell (a warning,
one finding per table).
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.report.checks.context import CheckContext, is_number
from gongkai.report.checks.findings import Severity
from gongkai.report.checks.registry import Issue, rule
from gongkai.report.checks.tables import T3_TOTAL, T4_KINDS, T4_ROW, TOTAL, t3_outcome_rows, t4_columns
from gongkai.report.checks.text import short_count, short_list
from gongkai.report.model import Cell, CellState

TABLES = ("二", "三", "四")


def _row_cells(ctx: CheckContext, table: str, row_key: str) -> list[tuple[str, Cell]]:
    return ctx.row_cells(table, row_key)


def _blank_keys(ctx: CheckContext, table: str) -> list[tuple[str, str]]:
    """(row, column) of the table's blank cells, in the report's order; every rule here
    starts from them, and most tables have none."""
    key = ("blank-keys", table)
    found = ctx.memo.get(key)
    if found is None:
        blank = CellState.BLANK
        found = ctx.memo[key] = [k for k, cell in ctx.report.tables.get(table, {}).items() if cell.state is blank]
    return found  # type: ignore[return-value]


def _blank_total_cells(ctx: CheckContext) -> list[tuple[str, str, str]]:
    """(table, row, column) of every blank total whose row or parts hold a number."""
    found = ctx.memo.get("blank-totals")
    if found is None:
        found = ctx.memo["blank-totals"] = _find_blank_totals(ctx)
    return found  # type: ignore[return-value]


def _find_blank_totals(ctx: CheckContext) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []
    cells3 = ctx.report.tables.get("三", {})
    if ctx.table("三") and cells3 and _blank_keys(ctx, "三"):
        for row in ctx.present_rows("三"):
            cell = cells3.get((row.key, TOTAL))
            if cell is not None and cell.is_blank and any(is_number(c) for _, c in _row_cells(ctx, "三", row.key)):
                found.append(("三", row.key, TOTAL))
        outcomes = t3_outcome_rows(ctx)
        for column in ctx.table("三").columns:  # type: ignore[union-attr]
            cell = cells3.get((T3_TOTAL, column.key))
            if cell is None or not cell.is_blank or ("三", T3_TOTAL, column.key) in found:
                continue
            if any(is_number(cells3.get((row, column.key))) for row in outcomes):
                found.append(("三", T3_TOTAL, column.key))
    cells4 = ctx.report.tables.get("四", {})
    if ctx.table("四") and cells4 and _blank_keys(ctx, "四"):
        for kind in T4_KINDS:
            parts, total = t4_columns(kind)
            cell = cells4.get((T4_ROW, total))
            if cell is not None and cell.is_blank and any(is_number(cells4.get((T4_ROW, p))) for p in parts):
                found.append(("四", T4_ROW, total))
    return found


def _blank_rows(ctx: CheckContext, table: str) -> list[str]:
    """Data rows of a table that are present and entirely blank."""
    key = ("blank-rows", table)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = []
        if _blank_keys(ctx, table):
            # A present row has cells; it is blank when none of them is filled.
            blank = CellState.BLANK
            filled = {row for (row, _), cell in ctx.report.tables[table].items() if cell.state is not blank}
            found.extend(row.key for row in ctx.present_rows(table) if row.key not in filled)
    return list(found)  # type: ignore[arg-type]


@rule(
    "BLANK-TOTAL",
    Severity.ERROR,
    "总计空白",
    "“总计”是报告必须公布的数字；本行或其组成部分已填有数字而“总计”空白，说明漏填了总数。",
    "blank",
    "spec §5.1 rule 6",
)
def blank_total(ctx: CheckContext) -> Iterator[Issue]:
    by_table: dict[str, list[tuple[str, str]]] = {}
    for table, row, column in _blank_total_cells(ctx):
        by_table.setdefault(table, []).append((row, column))
    for table, cells in by_table.items():
        names = [ctx.cell_label(table, r, c) for r, c in cells]
        yield Issue(
            f"表{table}有 {len(cells)} 个“总计”单元格空白，而其所在行或组成部分已填有数字：{short_list(names)}。",
            ctx.location(table, *cells[0]),
        )


@rule(
    "BLANK-ROW",
    Severity.WARNING,
    "整行空白",
    "表格中某一行连同“总计”全部空白；空白不等于 0，没有发生的应填 0。",
    "blank",
    "spec §5.1 rule 6",
)
def blank_row(ctx: CheckContext) -> Iterator[Issue]:
    for table in TABLES:
        rows = _blank_rows(ctx, table)
        if not rows:
            continue
        present = ctx.present_rows(table)
        if table == "四":
            message = "表四整行空白，行政复议和行政诉讼情况都没有填写。"
        elif len(rows) == len(present) and len(rows) > 2:
            message = f"表{table}全部 {len(rows)} 行均为空白，表格没有填写（可能是未填写的模板）。"
        else:
            names = [f"“{ctx.row_label(table, r)}”" for r in rows]
            message = f"表{table}有 {len(rows)} 行整行空白（连“总计”也未填写）：{short_list(names)}。"
        yield Issue(message, ctx.location(table, rows[0]) if table != "四" else ctx.location(table))


@rule(
    "BLANK-CELL",
    Severity.WARNING,
    "单元格空白",
    "应填数字的单元格空白；空白不等于 0，没有发生的应填 0。",
    "blank",
    "spec §5.1 rule 6",
)
def blank_cell(ctx: CheckContext) -> Iterator[Issue]:
    reported = set(_blank_total_cells(ctx))
    for table in TABLES:
        blank_rows = set(_blank_rows(ctx, table))
        if table == "四" and blank_rows:
            continue  # the whole row is blank: BLANK-ROW said so
        cells = [
            (row, column)
            for row, column in _blank_keys(ctx, table)
            if row not in blank_rows and (table, row, column) not in reported
        ]
        if not cells:
            continue
        cells.sort(key=lambda rc: ctx.cell_order(table, *rc))
        names = [ctx.cell_label(table, r, c) for r, c in cells[:3]]  # only these are shown
        yield Issue(
            f"表{table}有 {len(cells)} 个单元格空白（空白不等于 0，应填写数字）：{short_count(names, len(cells), 3)}。",
            ctx.location(table, *cells[0]),
        )
