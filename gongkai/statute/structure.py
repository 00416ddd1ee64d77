"""The building blocks a report format is declared with.

A format is a tree of frozen dataclasses: sections, and for each of tables 二, 三 and 四
its rows and columns. Every label carries the source it was taken from, and the label
variants seen in real reports (typos, older wording) that must resolve to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property


class Unit(str, Enum):
    """What a numeric cell holds."""

    COUNT = "count"  # a non-negative integer (件, 个)
    WANYUAN = "wanyuan"  # a non-negative decimal amount in 万元
    SIGNED = "signed"  # a signed integer, the 2019 format's 本年增/减
    AMOUNT = "amount"  # a non-negative decimal whose unit the format leaves open


@dataclass(frozen=True)
class Heading:
    """A section heading, or one of the sub-heads of section 一."""

    key: str
    number: str  # 一、 or （一）: the numbering the format prescribes
    title: str  # the heading without its numbering
    aliases: tuple[str, ...] = ()
    source: str = ""

    @property
    def label(self) -> str:
        return f"{self.number}{self.title}"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: tuple[str, ...] = ()  # the header cells spanning this column, outermost first
    unit: Unit = Unit.COUNT
    aliases: tuple[str, ...] = ()
    source: str = ""

    @property
    def path(self) -> str:
        """The column's label with its groups, as written in CSV output."""
        return " / ".join((*self.group, self.label))


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    group: str | None = None  # e.g. （三）不予公开 for its numbered sub-rows
    aliases: tuple[str, ...] = ()
    source: str = ""
    columns: tuple[Column, ...] = ()  # table 二 only: the block's own columns

    @property
    def path(self) -> str:
        return f"{self.group} / {self.label}" if self.group else self.label


@dataclass(frozen=True)
class Block:
    """A block of table 二: one item of Art 20 with its own column header."""

    key: str
    label: str  # 第二十条第（一）项
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    aliases: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class TableSpec:
    """One of tables 二, 三 and 四.

    ``rows`` are the data rows, in order; ``groups`` are the header cells that carry no
    numbers (e.g. 三、本年度办理结果, （三）不予公开); ``columns`` are the shared columns
    (tables 三 and 四) while table 二 gives each row its block's columns.
    """

    key: str  # 二, 三, 四
    title: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...] = ()
    groups: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    header_labels: tuple[str, ...] = ()  # other header text, e.g. the 勾稽关系 note
    source: str = ""

    def columns_of(self, row: Row) -> tuple[Column, ...]:
        return row.columns or self.columns

    @cached_property
    def _rows_by_key(self) -> dict[str, Row]:
        return {row.key: row for row in self.rows}

    @cached_property
    def _columns_by_key(self) -> dict[str, Column]:
        return {column.key: column for column in self.all_columns()}

    def row(self, key: str) -> Row:
        try:
            return self._rows_by_key[key]
        except KeyError:
            raise KeyError(f"table {self.key} has no row {key!r}") from None

    def column(self, key: str, row: Row | None = None) -> Column:
        if row is not None:
            for column in self.columns_of(row):
                if column.key == key:
                    return column
        elif key in self._columns_by_key:
            return self._columns_by_key[key]
        raise KeyError(f"table {self.key} has no column {key!r}")

    def all_columns(self) -> tuple[Column, ...]:
        seen: dict[str, Column] = {}
        for row in self.rows:
            for column in self.columns_of(row):
                seen.setdefault(column.key, column)
        for column in self.columns:
            seen.setdefault(column.key, column)
        return tuple(seen.values())

    def cells(self) -> list[tuple[Row, Column]]:
        return [(row, column) for row in self.rows for column in self.columns_of(row)]


@dataclass(frozen=True)
class ReportFormat:
    id: str  # "2021", "2019"
    name: str
    document: str  # the notice that issued it
    issued: str  # its date, as far as known
    first_year: int
    last_year: int | None
    title_suffix: str  # 政府信息公开工作年度报告
    sections: tuple[Heading, ...]
    overview_heads: tuple[Heading, ...]
    tables: dict[str, TableSpec] = field(default_factory=dict)
    source: str = ""

    def table(self, key: str) -> TableSpec:
        return self.tables[key]

    def section(self, key: str) -> Heading:
        for heading in self.sections:
            if heading.key == key:
                return heading
        raise KeyError(key)

    def applies_to(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)
