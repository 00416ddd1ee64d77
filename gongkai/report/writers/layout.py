"""The official layout of a report, computed once for every writer.

Tables 二, 三 and 四 are laid out here as grids of merged cells, the way the official
Word template (国办公开办函〔2021〕30号, and the same structure in 2019) draws them:

* table 二: one band per item of Art 20, each with its 第二十条第（X）项 row spanning the
  table, its 信息内容 header row, and its data rows; a block with fewer columns than the
  widest block lets its cells span the remaining grid columns;
* table 三: the 勾稽关系 note spanning the three label columns × three header rows,
  申请人情况 spanning the seven value columns, 法人或其他组织 spanning five; in the body
  三、本年度办理结果 spans its rows in the first column and （三）（四）（五）（六） span
  theirs in the second;
* table 四: 行政复议 (5) and 行政诉讼 (10); then the review results (spanning two rows),
  未经复议直接起诉 (5) and 复议后起诉 (5); then the ten suit results; then one data row.

HTML uses the origin cells with rowspan/colspan; DOCX merges the same rectangles; the
Word-text writer emits one cell per Word table cell, including the empty cells that Word
leaves for a vertically merged cell. The structure is therefore defined in one place.

All labels come from ``gongkai.statute``; nothing statutory is typed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from gongkai.report.model import AnnualReport, Section
from gongkai.statute import ReportFormat
from gongkai.statute.formats.common import T3_APPLICANTS, T3_NOTE, T3_RESULTS
from gongkai.statute.structure import Column, Heading, TableSpec


class Kind(str, Enum):
    CORNER = "corner"  # the top-left header cell of table 三 (the 勾稽关系 note)
    COLUMN = "column"  # a column header or a header spanning columns
    BLOCK = "block"  # a table 二 block header (第二十条第（X）项)
    GROUP = "group"  # a row header spanning several data rows (三、本年度办理结果, （三）不予公开)
    ROW = "row"  # a data row's label
    VALUE = "value"  # a number cell


@dataclass(frozen=True)
class LayoutCell:
    """One cell of the grid: the origin of a merged rectangle, or its continuation.

    ``continued`` marks the placeholder that a vertical merge leaves in each later row
    (Word keeps it as a ``vMerge`` continuation cell and writes it out as an empty cell).
    """

    text: str
    kind: Kind
    row: int  # grid row of the origin, 0-based over the whole table
    col: int  # grid column, 0-based
    rowspan: int = 1
    colspan: int = 1
    continued: bool = False
    row_key: str | None = None
    column_key: str | None = None

    @property
    def is_header(self) -> bool:
        return self.kind is not Kind.VALUE

    @property
    def scope(self) -> str | None:
        """The HTML ``scope`` of a header cell."""
        if self.kind in (Kind.CORNER, Kind.COLUMN, Kind.BLOCK):
            return "colgroup" if self.colspan > 1 else "col"
        if self.kind is Kind.GROUP:
            return "rowgroup"
        if self.kind is Kind.ROW:
            return "row"
        return None


Row = tuple[LayoutCell, ...]


@dataclass(frozen=True)
class Band:
    """A run of header rows followed by data rows (table 二 has one per block)."""

    header: tuple[Row, ...]
    body: tuple[Row, ...]
    key: str = ""


@dataclass(frozen=True)
class TableLayout:
    key: str  # 二, 三, 四
    title: str
    ncols: int
    widths: tuple[float, ...]  # relative widths of the grid columns, summing to 1
    bands: tuple[Band, ...] = field(default_factory=tuple)

    @property
    def rows(self) -> list[Row]:
        """All rows in document order, header rows included."""
        return [row for band in self.bands for row in (*band.header, *band.body)]

    @property
    def nrows(self) -> int:
        return len(self.rows)

    def origins(self) -> list[LayoutCell]:
        return [cell for row in self.rows for cell in row if not cell.continued]


class LayoutError(ValueError):
    """The report has no known format, so it cannot be laid out."""


def report_format(report: AnnualReport) -> ReportFormat:
    fmt = report.format
    if fmt is None:
        raise LayoutError("报告未指定格式（2019 或 2021），无法按官方格式输出。")
    return fmt


# --- tables -----------------------------------------------------------------------------


def _assemble(origins: list[LayoutCell], nrows: int, ncols: int) -> list[Row]:
    """Add the continuation cells of vertical merges and check that the grid is tiled.

    The check turns a mistake in a layout function into an error here rather than a
    silently skewed table in one of the output formats.
    """
    owner: list[list[LayoutCell | None]] = [[None] * ncols for _ in range(nrows)]
    rows: list[list[LayoutCell]] = [[] for _ in range(nrows)]
    for cell in origins:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                if owner[r][c] is not None:
                    raise AssertionError(f"layout overlap at ({r}, {c}): {cell.text!r}")
                owner[r][c] = cell
        rows[cell.row].append(cell)
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            rows[r].append(replace(cell, text="", row=r, rowspan=1, continued=True))
    for r, line in enumerate(owner):
        missing = [c for c, o in enumerate(line) if o is None]
        if missing:
            raise AssertionError(f"layout gap in row {r}, columns {missing}")
    return [tuple(sorted(row, key=lambda c: c.col)) for row in rows]


def _column_headers(columns: tuple[Column, ...], top: int, first_col: int, depth: int) -> list[LayoutCell]:
    """Header cells for columns with groups: groups on top, each label filling down.

    A column's label always ends on the last header row and extends upward to just
    below its innermost group (自然人 under 申请人情况, the 行政复议 results under 行政复议),
    which is how the official template merges them.
    """
    cells: list[LayoutCell] = []
    for level in range(depth - 1):
        start = 0
        while start < len(columns):
            prefix = columns[start].group[: level + 1]
            end = start + 1
            if len(prefix) == level + 1:
                while end < len(columns) and columns[end].group[: level + 1] == prefix:
                    end += 1
                cells.append(LayoutCell(prefix[-1], Kind.COLUMN, top + level, first_col + start, colspan=end - start))
            start = end
    for i, column in enumerate(columns):
        row = top + len(column.group)
        cells.append(
            LayoutCell(column.label, Kind.COLUMN, row, first_col + i, rowspan=top + depth - row, column_key=column.key)
        )
    return cells


def _value(
    report: AnnualReport, table: str, row_key: str, column_key: str, r: int, c: int, span: int = 1
) -> LayoutCell:
    cell = report.cell(table, row_key, column_key)
    # Written as-is: a blank cell stays blank, never 0. Line breaks would break row layouts.
    text = " ".join(cell.text.split()) if cell else ""
    return LayoutCell(text, Kind.VALUE, r, c, colspan=span, row_key=row_key, column_key=column_key)


def _spans(n: int, width: int) -> list[int]:
    """Split ``width`` grid columns over ``n`` cells, the last taking the remainder."""
    base = width // n
    return [base] * (n - 1) + [width - base * (n - 1)]


def layout_table_2(report: AnnualReport, spec: TableSpec) -> TableLayout:
    value_cols = max(len(block.columns) for block in spec.blocks)
    ncols = 1 + value_cols
    content_label = spec.header_labels[0] if spec.header_labels else ""
    bands = []
    for block in spec.blocks:
        origins: list[LayoutCell] = [LayoutCell(block.label, Kind.BLOCK, 0, 0, colspan=ncols)]
        spans = _spans(len(block.columns), value_cols)
        starts = [1 + sum(spans[:i]) for i in range(len(spans))]
        origins.append(LayoutCell(content_label, Kind.COLUMN, 1, 0))
        for column, start, span in zip(block.columns, starts, spans, strict=True):
            origins.append(LayoutCell(column.label, Kind.COLUMN, 1, start, colspan=span, column_key=column.key))
        for i, row in enumerate(block.rows, start=2):
            origins.append(LayoutCell(row.label, Kind.ROW, i, 0, row_key=row.key))
            for column, start, span in zip(block.columns, starts, spans, strict=True):
                origins.append(_value(report, spec.key, row.key, column.key, i, start, span))
        rows = _assemble(origins, 2 + len(block.rows), ncols)
        bands.append(Band(tuple(rows[:2]), tuple(rows[2:]), key=block.key))
    # Offset each band's row numbers so that they count over the whole table.
    offset = 0
    placed = []
    for band in bands:
        shift = [tuple(replace(c, row=c.row + offset) for c in row) for row in (*band.header, *band.body)]
        placed.append(Band(tuple(shift[: len(band.header)]), tuple(shift[len(band.header) :]), band.key))
        offset += len(shift)
    label_width = 0.34
    widths = (label_width, *([(1 - label_width) / value_cols] * value_cols))
    return TableLayout(spec.key, spec.title, ncols, widths, tuple(placed))


# Stable row keys of table 三 (statute/formats/common.py) that stand outside 三、本年度办理结果.
_T3_TOP_LEVEL = ("new", "carried_in", "carried_out")
_T3_LABEL_COLS = 3


def layout_table_3(report: AnnualReport, spec: TableSpec) -> TableLayout:
    columns = spec.columns
    lc = _T3_LABEL_COLS
    ncols = lc + len(columns)
    depth = 1 + max(len(c.group) for c in columns)
    header_rows = 1 + depth
    origins: list[LayoutCell] = [
        LayoutCell(T3_NOTE, Kind.CORNER, 0, 0, rowspan=header_rows, colspan=lc),
        LayoutCell(T3_APPLICANTS, Kind.COLUMN, 0, lc, colspan=len(columns)),
        *_column_headers(columns, 1, lc, depth),
    ]
    results = [row for row in spec.rows if row.key not in _T3_TOP_LEVEL]
    r = header_rows
    for row in spec.rows:
        if row.key in _T3_TOP_LEVEL:
            origins.append(LayoutCell(row.label, Kind.ROW, r, 0, colspan=lc, row_key=row.key))
        else:
            if row is results[0]:
                origins.append(LayoutCell(T3_RESULTS, Kind.GROUP, r, 0, rowspan=len(results)))
            if row.group is None:
                origins.append(LayoutCell(row.label, Kind.ROW, r, 1, colspan=lc - 1, row_key=row.key))
            else:
                members = [x for x in results if x.group == row.group]
                if row is members[0]:
                    origins.append(LayoutCell(row.group, Kind.GROUP, r, 1, rowspan=len(members)))
                origins.append(LayoutCell(row.label, Kind.ROW, r, 2, row_key=row.key))
        for i, column in enumerate(columns):
            origins.append(_value(report, spec.key, row.key, column.key, r, lc + i))
        r += 1
    rows = _assemble(origins, r, ncols)
    label_widths = (0.06, 0.10, 0.34)
    value_width = (1 - sum(label_widths)) / len(columns)
    widths = (*label_widths, *([value_width] * len(columns)))
    band = Band(tuple(rows[:header_rows]), tuple(rows[header_rows:]))
    return TableLayout(spec.key, spec.title, ncols, widths, (band,))


def layout_table_4(report: AnnualReport, spec: TableSpec) -> TableLayout:
    columns = spec.columns
    depth = 1 + max(len(c.group) for c in columns)
    origins = _column_headers(columns, 0, 0, depth)
    r = depth
    for row in spec.rows:  # one unlabelled row of 15 cells
        for i, column in enumerate(columns):
            origins.append(_value(report, spec.key, row.key, column.key, r, i))
        r += 1
    rows = _assemble(origins, r, len(columns))
    band = Band(tuple(rows[:depth]), tuple(rows[depth:]))
    return TableLayout(spec.key, spec.title, len(columns), (1 / len(columns),) * len(columns), (band,))


_LAYOUTS = {"二": layout_table_2, "三": layout_table_3, "四": layout_table_4}


def layout_table(report: AnnualReport, key: str) -> TableLayout:
    spec = report_format(report).tables[key]
    return _LAYOUTS[key](report, spec)


# --- the document -----------------------------------------------------------------------

# Which section of the format carries which table (the tables are the bodies of 二/三/四).
SECTION_TABLES = {"proactive": "二", "applications": "三", "appeals": "四"}


def title_lines(report: AnnualReport) -> list[str]:
    """The title as printed: the agency on one line, the year and the report name on the next.

    A title set in the meta data (as written in a source document) wins, as one line.
    """
    if report.meta.title:
        return [report.meta.title]
    fmt = report_format(report)
    year = f"{report.meta.year}年" if report.meta.year else ""
    lines = [report.meta.agency] if report.meta.agency else []
    return [*lines, f"{year}{fmt.title_suffix}"]


def title(report: AnnualReport) -> str:
    return "".join(title_lines(report))


@dataclass(frozen=True)
class PlannedSection:
    """A section as it will be written: its heading, its text and its table if any."""

    key: str | None
    heading: str
    text: str
    table: str | None = None
    canonical: Heading | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n") if p.strip()]


def plan_sections(report: AnnualReport) -> list[PlannedSection]:
    """The six sections in the format's order, then any unrecognised text where it was.

    Every one of the six headings is written even when the report lacks its text: a report
    in the official format has all six, and tables 二/三/四 need theirs. A text block the
    reader could not attribute (key None) stays after the section it followed.
    """
    fmt = report_format(report)
    known = {h.key for h in fmt.sections}
    by_key: dict[str, Section] = {}
    after: dict[str | None, list[Section]] = {}
    anchor: str | None = None
    for section in report.sections:
        if section.key in known:
            if section.key in by_key:  # a repeated heading: keep its text with the first one
                first = by_key[section.key]
                by_key[section.key] = Section(first.key, first.heading, f"{first.text}\n{section.text}".strip("\n"))
            else:
                by_key[section.key] = section
            anchor = section.key
        else:
            after.setdefault(anchor, []).append(section)
    planned = [PlannedSection(s.key, s.heading, s.text) for s in after.get(None, [])]
    for heading in fmt.sections:
        section = by_key.get(heading.key)
        planned.append(
            PlannedSection(
                heading.key,
                heading.label,
                section.text if section else "",
                SECTION_TABLES.get(heading.key),
                heading,
            )
        )
        planned.extend(PlannedSection(s.key, s.heading, s.text) for s in after.get(heading.key, []))
    return planned


def overview_subhead(report: AnnualReport, paragraph: str) -> Heading | None:
    """The sub-head of section 一 that a paragraph starts with, if any."""
    fmt = report_format(report)
    stripped = paragraph.lstrip()
    for head in fmt.overview_heads:
        for label in (head.label, *(f"{head.number}{a}" for a in head.aliases)):
            if stripped.startswith(label):
                return head
    return None


def split_subhead(report: AnnualReport, paragraph: str) -> tuple[str, str]:
    """Split a paragraph of section 一 into its sub-head (styled apart) and the rest.

    The sub-head runs to the first 「。」 when that closes it (「（一）主动公开情况。」),
    else it is the label alone. Without a sub-head the first part is empty.
    """
    head = overview_subhead(report, paragraph)
    if head is None:
        return "", paragraph
    start = len(paragraph) - len(paragraph.lstrip())
    end = paragraph.find("。", start)
    split = end + 1 if 0 <= end <= start + len(head.label) + 8 else start + len(head.label)
    return paragraph[:split], paragraph[split:]


def chart_anchor(report: AnnualReport, paragraphs: list[str]) -> int:
    """Index of the paragraph of section 一 after which the category chart goes.

    It goes with the （一）主动公开情况 text: after the last paragraph before the next
    sub-head; without sub-heads, at the end of the section.
    """
    start = None
    for i, paragraph in enumerate(paragraphs):
        head = overview_subhead(report, paragraph)
        if head is not None and start is None and head.key == "overview.proactive":
            start = i
        elif head is not None and start is not None:
            return i - 1
    return len(paragraphs) - 1


def categories_total(report: AnnualReport) -> int:
    if report.categories_total is not None:
        return report.categories_total
    return sum(report.categories.values())


def categories_title(report: AnnualReport) -> str:
    """The heading of the category breakdown, worded as in the seed report."""
    year = f"{report.meta.year}年" if report.meta.year else ""
    return f"{year}主动公开{categories_total(report)}条（次）"
