"""Table structure the rules share: which rows are outcomes, which cells are totals.

Only row and column *keys* appear here; every label comes from the format.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.report.checks.context import CheckContext
from gongkai.report.model import Number
from gongkai.statute import FORMATS
from gongkai.statute.structure import Column, Row

# Table 三 rows that are not outcomes (statute.formats.common T3_HEAD_ROWS/T3_TAIL_ROWS).
T3_NEW, T3_CARRIED_IN, T3_TOTAL, T3_CARRIED_OUT = "new", "carried_in", "total", "carried_out"
T3_NON_OUTCOME = (T3_NEW, T3_CARRIED_IN, T3_TOTAL, T3_CARRIED_OUT)
TOTAL = "total"  # the 总计 column of table 三, and the result key of each table 四 block
T4_ROW = "cases"
T4_KINDS = ("review", "suit_direct", "suit_after_review")
T4_PARTS = ("upheld", "corrected", "other", "pending")


def t3_applicant_columns(ctx: CheckContext) -> list[Column]:
    spec = ctx.table("三")
    return [c for c in spec.columns if c.key != TOTAL] if spec else []


def t3_columns(ctx: CheckContext) -> list[Column]:
    spec = ctx.table("三")
    return list(spec.columns) if spec else []


def t3_outcome_rows(ctx: CheckContext) -> list[str]:
    """The outcome rows to add up for （七）总计, as the report has them.

    A 2021 report written with the 2019 single （六）其他处理 row has no cells for （六）1-3;
    if its reader stored the single row (under the 2019 key), that row stands in for them.
    """
    spec = ctx.table("三")
    if not spec:
        return []
    cells = ctx.report.tables.get("三", {})
    present = {row for row, _ in cells}
    keys: list[str] = []
    for row in spec.rows:
        if row.key in T3_NON_OUTCOME:
            continue
        if row.key in present or not row.group:
            keys.append(row.key)
            continue
        stand_in = _stand_in(row, present)
        if stand_in and stand_in not in keys:
            keys.append(stand_in)
        elif not stand_in:
            keys.append(row.key)
    return keys


def _stand_in(row: Row, present: set[str]) -> str | None:
    for fmt in FORMATS.values():
        for other in fmt.table("三").rows:
            if other.label == row.group and other.key in present:
                return other.key
    return None


def t4_columns(kind: str) -> tuple[list[str], str]:
    """The four result columns of a table 四 block and its total column."""
    return [f"{kind}.{part}" for part in T4_PARTS], f"{kind}.{TOTAL}"


@dataclass
class SumCheck:
    """A total against its parts, over the cells that hold numbers."""

    total: Number | None
    values: list[Number | None]  # None where a part is blank, invalid or absent

    @property
    def complete(self) -> bool:
        return self.total is not None and all(v is not None for v in self.values)

    @property
    def filled_sum(self) -> Number:
        return sum(v for v in self.values if v is not None)

    def broken(self) -> bool:
        """The sum provably fails: all parts filled and unequal, or the filled parts of
        non-negative counts already exceed the total (no filling of the blanks can fix it)."""
        if self.total is None:
            return False
        if self.complete:
            return self.filled_sum != self.total
        filled = [v for v in self.values if v is not None]
        return bool(filled) and all(v >= 0 for v in filled) and self.filled_sum > self.total


def sum_check(ctx: CheckContext, table: str, total: tuple[str, str], parts: list[tuple[str, str]]) -> SumCheck:
    numbers = ctx.numbers(table)  # what ctx.number() reads, without a call per cell
    return SumCheck(numbers.get(total), [numbers.get(part) for part in parts])


def numbers_in(ctx: CheckContext, table: str) -> Iterator[Number]:
    yield from ctx.numbers(table).values()
