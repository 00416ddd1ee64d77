"""What every reader produces before assembly, and the errors readers raise.

A layout front-end (Word text, PDF text, DOCX, HTML …) turns its input into a list of
``Paragraph`` and ``TableBlock`` items in document order. ``assemble`` then does the part
that is the same for every layout: title, sections, and mapping table rows to the
format's cells. So the knowledge of the format lives in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai.report.model import Location

MAX_BYTES = 50 * 1024 * 1024  # refuse larger files: no real annual report comes near it


class ReadError(Exception):
    """The input cannot be read as a report. The message is Chinese and meant for users."""


class NotAReportError(ReadError):
    """The input was read, but it is not a 政府信息公开工作年度报告."""


@dataclass
class Note:
    """Something a reader inferred or could not do, for a person to confirm."""

    level: str  # "info", "warning"
    message: str
    location: Location | None = None

    def __str__(self) -> str:
        where = self.location.describe() if self.location else ""
        return f"{where}：{self.message}" if where else self.message


@dataclass(slots=True)
class Fragment:
    text: str
    location: Location | None = None


@dataclass(slots=True)
class Paragraph:
    text: str
    location: Location | None = None


@dataclass
class TableRow:
    """A table row as found: label fragments (group and row labels, possibly vertical text
    or wrapped pieces) and value cells in order. A header row has no values."""

    labels: list[Fragment] = field(default_factory=list)
    values: list[Fragment] = field(default_factory=list)
    location: Location | None = None

    @property
    def label_text(self) -> str:
        return "".join(f.text for f in self.labels)


@dataclass
class TableBlock:
    rows: list[TableRow] = field(default_factory=list)
    hint: str | None = None  # 二/三/四 when the front-end knows which table this is
    location: Location | None = None


Block = Paragraph | TableBlock


@lru_cache(maxsize=4096)
def cell_location(table: int, row: int, col: int) -> Location:
    """The location of a table cell. Shared: a Location is immutable, documents repeat the
    same table positions, and building a frozen dataclass per cell costs more than the rest
    of reading the cell."""
    return Location(table=table, row=row, col=col)

_VALUE = re.compile(r"^[+\-−]?\s*[\d０-９]+(?:[.．][\d０-９]+)?(?:万元)?$")
_BLANKISH = re.compile(r"^[\s\u3000\u00a0\u200b]*$")


@lru_cache(maxsize=65536)
def is_value_text(text: str) -> bool:
    """A cell that holds a number (as a table value, not a label). Memoised: every reader
    asks it of every cell, and cells repeat the same few texts."""
    return bool(_VALUE.match(text.strip().replace(",", "").replace("，", "")))


def is_blank_text(text: str) -> bool:
    return bool(_BLANKISH.match(text))


def grid_row(cells: list[Fragment], location: Location | None = None) -> TableRow:
    """Split a row of cells into labels and values: the values are the trailing run of
    cells that are numbers or blank; the labels are the non-blank cells before them."""
    split = len(cells)
    while split > 0 and (is_value_text(cells[split - 1].text) or is_blank_text(cells[split - 1].text)):
        split -= 1
    labels = [c for c in cells[:split] if not is_blank_text(c.text)]
    values = cells[split:]
    # A row of only blank cells is neither; a row whose labels end in blank cells keeps them
    # as values so that the assembler can count positions.
    return TableRow(labels, values, location or (cells[0].location if cells else None))
