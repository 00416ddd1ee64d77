"""What every rule sees: the report, last year's report, the configuration, and helpers
that name a cell by the format's own labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from gongkai.report.checks.agency import infer_level
from gongkai.report.checks.claims import Claim, find_claims
from gongkai.report.checks.findings import FindingLocation
from gongkai.report.checks.text import narrative
from gongkai.report.model import AnnualReport, Cell, CellState, Number
from gongkai.statute import ReportFormat, UnknownFormatError, format_for_year, get_format
from gongkai.statute.formats import find_row_column
from gongkai.statute.structure import Column, Row, TableSpec

AGENCY_LEVELS = ("government", "department", "township", "other")
_NO_NUMBERS: dict[tuple[str, str], Number] = {}
TABLE_ORDER = ("二", "三", "四")


@dataclass(frozen=True)
class CheckConfig:
    """Settings of a check run.

    Deadlines are (month, day) of the year after the report year. Art 49 fixes 31 January
    for departments and 31 March for governments; for townships the 条例 fixes no date
    (spec §1.5, UNCONFIRMED nationally), so the default is the latest statutory date,
    31 March, and a region that sets an earlier one (e.g. 怀化: 20 February) configures
    it. ``other_deadline`` (bodies under Art 54/55) is None: not checked.
    """

    agency_level: str | None = None  # government, department, township, other
    similarity_warning: float = 0.6  # share of sentences identical to last year's report
    disabled: frozenset[str] = frozenset()
    department_deadline: tuple[int, int] = (1, 31)
    government_deadline: tuple[int, int] = (3, 31)
    township_deadline: tuple[int, int] | None = (3, 31)
    other_deadline: tuple[int, int] | None = None
    strict: bool = False  # re-raise a rule's internal error instead of reporting it

    def __post_init__(self) -> None:
        if self.agency_level is not None and self.agency_level not in AGENCY_LEVELS:
            raise ValueError(f"agency_level must be one of {AGENCY_LEVELS}, not {self.agency_level!r}")


def resolve_format(report: AnnualReport) -> ReportFormat | None:
    """The report's format: as declared, else the one its year calls for."""
    try:
        if report.meta.format_id:
            return get_format(report.meta.format_id)
        if report.meta.year:
            return format_for_year(report.meta.year)
    except UnknownFormatError:
        return None
    return None


def is_number(cell: Cell | None) -> bool:
    return cell is not None and cell.state is CellState.NUMBER


@dataclass
class CheckContext:
    report: AnnualReport
    previous: AnnualReport | None = None
    config: CheckConfig = field(default_factory=CheckConfig)

    @cached_property
    def fmt(self) -> ReportFormat | None:
        return resolve_format(self.report)

    @cached_property
    def previous_fmt(self) -> ReportFormat | None:
        return resolve_format(self.previous) if self.previous else None

    @cached_property
    def agency_level(self) -> str:
        return self.config.agency_level or self.report.meta.agency_level or infer_level(self.report.meta.agency)

    # --- text --------------------------------------------------------------------------

    @cached_property
    def narrative(self) -> str:
        """The flattened narrative (``text.narrative``), which a dozen rules read."""
        return narrative(self.report)

    @cached_property
    def claims(self) -> tuple[Claim, ...]:
        """The figures the narrative states (``claims.find_claims``), found once."""
        return tuple(find_claims(self.narrative))

    # --- cells -------------------------------------------------------------------------

    def table(self, key: str) -> TableSpec | None:
        return self.fmt.tables.get(key) if self.fmt else None

    def has_table(self, key: str, report: AnnualReport | None = None) -> bool:
        return bool((report or self.report).tables.get(key))

    def number(self, table: str, row: str, column: str, report: AnnualReport | None = None) -> Number | None:
        """The cell's value when it holds a number; None when blank, invalid or absent."""
        if report is None or report is self.report:
            # The sum rules ask for the same cells hundreds of times per report.
            return self.numbers(table).get((row, column))
        cell = report.cell(table, row, column)
        return cell.value if is_number(cell) else None

    def numbers(self, table: str) -> dict[tuple[str, str], Number]:
        """(row key, column key) -> value of the report's cells that hold a number, in the
        order the report holds them."""
        return self._numbers.get(table, _NO_NUMBERS)

    @cached_property
    def _numbers(self) -> dict[str, dict[tuple[str, str], Number]]:
        """(row, column) -> value of every cell that holds a number, per table. Rules do
        not change the report, so this is taken once."""
        return {
            table: {key: cell.value for key, cell in cells.items() if cell.state is CellState.NUMBER}  # type: ignore[misc]
            for table, cells in self.report.tables.items()
        }

    @cached_property
    def _cells_by_row(self) -> dict[str, dict[str, list[tuple[str, Cell]]]]:
        index: dict[str, dict[str, list[tuple[str, Cell]]]] = {}
        for table, cells in self.report.tables.items():
            rows = index.setdefault(table, {})
            for (row, column), cell in cells.items():
                rows.setdefault(row, []).append((column, cell))
        return index

    def row_cells(self, table: str, row_key: str) -> list[tuple[str, Cell]]:
        """(column key, cell) of one row, in the order the report holds them."""
        return self._cells_by_row.get(table, {}).get(row_key, [])

    def present_rows(self, table: str) -> list[Row]:
        """The format's rows of a table that the report has cells for (do not modify)."""
        found = self._present_rows.get(table)
        if found is None:
            spec = self.table(table)
            # Any cell of the row counts: a 2021 report may hold its 规章 row under 2019 columns.
            keys = self._cells_by_row.get(table, {})
            found = self._present_rows[table] = [row for row in spec.rows if row.key in keys] if spec else []
        return found

    @cached_property
    def _present_rows(self) -> dict[str, list[Row]]:
        # A dozen rules ask for the same tables' rows.
        return {}

    @cached_property
    def memo(self) -> dict[object, object]:
        """Scratch space for what several rules of one module derive from the report:
        rules do not change the report, so a module may keep such results here."""
        return {}

    # --- naming ------------------------------------------------------------------------

    def _row_column(self, table: str, row_key: str | None, column_key: str | None) -> tuple[Row | None, Column | None]:
        # Every finding and every sort key names its cell: look each one up once.
        key = (table, row_key, column_key)
        try:
            return self._named[key]
        except KeyError:
            found = self._named[key] = self._find_row_column(table, row_key, column_key)
            return found

    @cached_property
    def _named(self) -> dict[tuple[str, str | None, str | None], tuple[Row | None, Column | None]]:
        return {}

    def _find_row_column(
        self, table: str, row_key: str | None, column_key: str | None
    ) -> tuple[Row | None, Column | None]:
        return find_row_column(table, row_key, column_key, self.fmt)

    def row_label(self, table: str, row_key: str) -> str:
        row, _ = self._row_column(table, row_key, None)
        return row.path if row else row_key

    def column_label(self, table: str, column_key: str, row_key: str | None = None) -> str:
        _, column = self._row_column(table, row_key, column_key)
        return column.path if column else column_key

    def location(
        self, table: str | None, row_key: str | None = None, column_key: str | None = None, source=None
    ) -> FindingLocation:
        """A location named by the format's labels; the source is the cell's unless given."""
        if table is None:
            return FindingLocation(source=source)
        row, column = self._row_column(table, row_key, column_key)
        if source is None and row_key and column_key:
            cell = self.report.cell(table, row_key, column_key)
            source = cell.location if cell else None
        return FindingLocation(
            table=table,
            row=(row.path or None) if row else row_key,
            column=column.path if column else column_key,
            source=source,
            row_key=row_key,
            column_key=column_key,
        )

    def cell_name(self, table: str, row_key: str | None, column_key: str | None) -> str:
        """E.g. 表三“（七）总计”行“总计”列; table 四 has one unlabelled row."""
        return self.location(table, row_key, column_key).describe_cell()

    def cell_label(self, table: str, row_key: str | None, column_key: str | None) -> str:
        """The cell's name within its table, for lists: “（七）总计”行“总计”列."""
        return self.cell_name(table, row_key, column_key).removeprefix(f"表{table}")

    # --- ordering ----------------------------------------------------------------------

    def order_key(self, location: FindingLocation) -> tuple[int, int, int]:
        """Document order of a location: text first, then tables 二, 三, 四 row by row."""
        if location.table not in TABLE_ORDER:
            return (0, location.source.line or 0 if location.source else 0, 0)
        return self.cell_order(location.table, location.row_key, location.column_key)

    def cell_order(self, table: str, row_key: str | None, column_key: str | None) -> tuple[int, int, int]:
        """``order_key`` of ``location(table, row_key, column_key)`` for a table 二, 三 or 四,
        without making the location."""
        table_index = 1 + TABLE_ORDER.index(table)
        positions = self._positions.get(table)
        row_index = column_index = 0
        if positions and row_key:
            rows = positions[0]
            row_index = rows.get(row_key, len(rows)) + 1
        if positions and column_key:
            columns = positions[1]
            column_index = columns.get(column_key, len(columns)) + 1
        return (table_index, row_index, column_index)

    @cached_property
    def _positions(self) -> dict[str, tuple[dict[str, int], dict[str, int]]]:
        """Per table of the format: the position of each row key and of each column key
        (the first, should a key repeat)."""
        positions: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
        for key, spec in (self.fmt.tables.items() if self.fmt else ()):
            rows: dict[str, int] = {}
            for i, row in enumerate(spec.rows):
                rows.setdefault(row.key, i)
            columns: dict[str, int] = {}
            for i, column in enumerate(spec.all_columns()):
                columns.setdefault(column.key, i)
            positions[key] = (rows, columns)
        return positions
