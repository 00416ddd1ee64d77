"""The registry of annual-report formats, newest last.

A new format from the State Council is a new module here and one line in ``FORMATS``.
"""

from __future__ import annotations

from gongkai.statute.formats.f2019 import FORMAT_2019
from gongkai.statute.formats.f2021 import FORMAT_2021
from gongkai.statute.structure import Column, ReportFormat, Row

FORMATS: dict[str, ReportFormat] = {f.id: f for f in (FORMAT_2019, FORMAT_2021)}


class UnknownFormatError(ValueError):
    """No report format is known for the year asked."""


def format_for_year(year: int) -> ReportFormat:
    for fmt in FORMATS.values():
        if fmt.applies_to(year):
            return fmt
    first = min(f.first_year for f in FORMATS.values())
    raise UnknownFormatError(
        f"{year}年没有已知的年度报告格式：现行《条例》的报告格式自{first}年度起适用。"
    )


def get_format(format_id: str) -> ReportFormat:
    try:
        return FORMATS[format_id]
    except KeyError:
        known = "、".join(FORMATS)
        raise UnknownFormatError(f"未知的报告格式“{format_id}”，已知格式：{known}。") from None


def find_row_column(
    table: str, row_key: str | None, column_key: str | None, prefer: ReportFormat | None = None
) -> tuple[Row | None, Column | None]:
    """The row and column a pair of keys names: in ``prefer`` first, then in any format, so
    that a cell of another format (a 2019 column in a 2021 report) is still named by its label.
    Either key may be None; (None, None) when no format has them."""
    formats = [prefer] if prefer else []
    formats += [f for f in FORMATS.values() if f is not prefer]
    for fmt in formats:
        spec = fmt.tables.get(table)
        if spec is None:
            continue
        try:
            row = spec.row(row_key) if row_key else None
            column = spec.column(column_key, row) if column_key else None
        except KeyError:
            continue
        return row, column
    return None, None


__all__ = ["FORMATS", "ReportFormat", "UnknownFormatError", "find_row_column", "format_for_year", "get_format"]
