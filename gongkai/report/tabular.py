"""The report's cells in the format's order, with their official labels.

Used by the CSV export (``gongkai parse --to csv``), which is meant for spreadsheets and
diffs: the order and the labels are stable. Cells a report holds outside its own format
(e.g. 2019 columns inside a 2021 report) follow, labelled from the format they belong to.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.report.model import AnnualReport, Cell
from gongkai.statute import FORMATS, ReportFormat
from gongkai.statute.formats import find_row_column

CSV_HEADER = ("table", "row", "column", "value")
TABLE_ORDER = ("二", "三", "四")


@dataclass(frozen=True)
class LabelledCell:
    table: str
    row: str  # official row label, sub-rows as 'group / label'
    column: str  # official column label, grouped columns as 'group / label'
    cell: Cell


def cell_labels(table: str, row_key: str, column_key: str, fmt: ReportFormat | None = None) -> tuple[str, str]:
    """Official row and column labels of a cell, from ``fmt`` first, then any format."""
    row, column = find_row_column(table, row_key, column_key, fmt)
    return (row.path if row else row_key, column.path if column else column_key)


def iter_cells(report: AnnualReport) -> Iterator[LabelledCell]:
    fmt = report.format or FORMATS[max(FORMATS)]
    for table in TABLE_ORDER:
        cells = report.tables.get(table, {})
        done: set[tuple[str, str]] = set()
        spec = fmt.tables[table]
        for row, column in spec.cells():
            cell = cells.get((row.key, column.key))
            if cell is not None:
                done.add((row.key, column.key))
                yield LabelledCell(table, row.path, column.path, cell)
        for (row_key, column_key), cell in cells.items():
            if (row_key, column_key) in done:
                continue
            yield LabelledCell(table, *cell_labels(table, row_key, column_key, fmt), cell)


def to_csv(report: AnnualReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for item in iter_cells(report):
        writer.writerow((item.table, item.row, item.column, item.cell.text))
    return buffer.getvalue()
