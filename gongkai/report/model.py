"""``AnnualReport``: one annual report, whether read from a file or built from records.

A cell is a number as written or blank; blank is not 0. Each cell keeps its text as
written and where it was found, so that a finding can point at the line or the table
cell. Money is ``Decimal`` in 万元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache

from gongkai.statute import ReportFormat, get_format
from gongkai.statute.structure import Unit

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was found in the source document. Every part is optional."""

    line: int | None = None  # 1-based line in a text source
    page: int | None = None  # 1-based page in a PDF
    table: int | None = None  # 1-based index of the table in the document
    row: int | None = None  # 1-based row within that table
    col: int | None = None  # 1-based column within that row

    def describe(self) -> str:
        """A short Chinese description, e.g. 第3页 表2 第4行第1列."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.table is not None:
            parts.append(f"表格{self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行" + (f"第{self.col}列" if self.col is not None else ""))
        return " ".join(parts)

    def to_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}

    @classmethod
    def from_dict(cls, data: dict | None) -> Location | None:
        return cls(**data) if data else None


class CellState(str, Enum):
    NUMBER = "number"
    BLANK = "blank"
    INVALID = "invalid"  # text that is not a number, e.g. 「无」 or 「—」


_NUMBER = re.compile(r"^[+\-−]?\d+(?:\.\d+)?$")
_CLEAN = re.compile(r"[\s\u3000\u00a0\u200b,，]")


@lru_cache(maxsize=65536)
def parse_number(text: str, unit: Unit = Unit.COUNT) -> tuple[CellState, Number | None]:
    """Read a cell's text as a number of its unit. Signs are kept; checks judge them.

    Memoised: tables repeat the same few texts (0, 1, …) in every report, and the result
    (a state and an int or Decimal) is immutable."""
    cleaned = _CLEAN.sub("", text.translate(_FULLWIDTH)).replace("−", "-")
    if cleaned.endswith("万元"):
        cleaned = cleaned[:-2]
    if not cleaned:
        return CellState.BLANK, None
    if not _NUMBER.match(cleaned):
        return CellState.INVALID, None
    if unit in (Unit.COUNT, Unit.SIGNED) and "." not in cleaned:
        return CellState.NUMBER, int(cleaned)
    try:
        return CellState.NUMBER, Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return CellState.INVALID, None


_FULLWIDTH = str.maketrans("０１２３４５６７８９．＋－", "0123456789.+-")


@dataclass(slots=True, init=False)
class Cell:
    text: str  # as written, trimmed; "" for a blank cell
    location: Location | None = None
    unit: Unit = Unit.COUNT
    inferred: bool = False  # recovered by a reader from constraints (flattened text)
    # Derived from (text, unit) whenever either is set: checks read each cell many times.
    state: CellState = field(init=False, repr=False, compare=False)
    value: Number | None = field(init=False, repr=False, compare=False)

    def __init__(
        self, text: str, location: Location | None = None, unit: Unit = Unit.COUNT, inferred: bool = False
    ) -> None:
        # Readers make hundreds of cells per report: set the slots through their descriptors
        # and parse once, rather than through __setattr__ for each field.
        state, number = parse_number(text, unit)
        _set_text(self, text)
        _set_location(self, location)
        _set_unit(self, unit)
        _set_inferred(self, inferred)
        _set_state(self, state)
        _set_value(self, number)

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        if name == "unit" or (name == "text" and hasattr(self, "unit")):
            state, number = parse_number(self.text, self.unit)
            object.__setattr__(self, "state", state)
            object.__setattr__(self, "value", number)

    @property
    def is_blank(self) -> bool:
        return self.state is CellState.BLANK


# The slot descriptors of Cell (made by the dataclass), for ``Cell.__init__``.
_set_text = Cell.text.__set__  # type: ignore[attr-defined]
_set_location = Cell.location.__set__  # type: ignore[attr-defined]
_set_unit = Cell.unit.__set__  # type: ignore[attr-defined]
_set_inferred = Cell.inferred.__set__  # type: ignore[attr-defined]
_set_state = Cell.state.__set__  # type: ignore[attr-defined]
_set_value = Cell.value.__set__  # type: ignore[attr-defined]


@dataclass
class LabelSeen:
    """A label as written in the document, and what it was resolved to.

    ``formats`` lists the format ids whose own label this is, so that a checker can see a
    2019 column header inside a 2021 report.
    """

    table: str  # 二, 三, 四, or "" for headings
    kind: str  # row, column, group, block, heading, subhead
    written: str
    key: str | None  # the row, column or section key; None when unresolved
    canonical: str | None
    match: str | None  # statute.labels.MatchKind value
    formats: tuple[str, ...] = ()
    location: Location | None = None


@dataclass
class Section:
    key: str | None  # canonical section key (statute), None for unrecognised text blocks
    heading: str  # as written, including its numbering
    text: str  # body text, paragraphs separated by "\n"
    location: Location | None = None


@dataclass
class ReportMeta:
    agency: str = ""
    year: int | None = None
    format_id: str | None = None
    title: str = ""
    published: date | None = None
    agency_level: str | None = None  # government, department, township, other
    source_name: str = ""  # file name or URL
    source_layout: str = ""  # the reader's name for the layout it found


TableCells = dict[tuple[str, str], Cell]  # (row key, column key) -> cell


@dataclass
class AnnualReport:
    meta: ReportMeta = field(default_factory=ReportMeta)
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, TableCells] = field(default_factory=dict)  # 二/三/四 -> cells
    labels: list[LabelSeen] = field(default_factory=list)
    categories: dict[str, int] = field(default_factory=dict)  # 主动公开 per category
    categories_total: int | None = None

    @property
    def format(self) -> ReportFormat | None:
        return get_format(self.meta.format_id) if self.meta.format_id else None

    def cell(self, table: str, row: str, column: str) -> Cell | None:
        return self.tables.get(table, {}).get((row, column))

    def value(self, table: str, row: str, column: str) -> Number | None:
        cell = self.cell(table, row, column)
        return cell.value if cell else None

    def set_cell(self, table: str, row: str, column: str, cell: Cell) -> None:
        self.tables.setdefault(table, {})[(row, column)] = cell

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def text(self) -> str:
        """All narrative text: preamble and section bodies."""
        return "\n".join([self.preamble, *(f"{s.heading}\n{s.text}" for s in self.sections)])


def empty_report(format_id: str, **meta: object) -> AnnualReport:
    """A report of a format with every cell present and blank."""
    fmt = get_format(format_id)
    report = AnnualReport(meta=ReportMeta(format_id=format_id, **meta))  # type: ignore[arg-type]
    for key, table in fmt.tables.items():
        for row, column in table.cells():
            report.set_cell(key, row.key, column.key, Cell("", unit=column.unit))
    return report
