"""Tables 二, 三 and 四 of EVERY agency for one year, in one pass per register.

``build.build_report`` computes one agency's report with a handful of queries; a region of
thousands of agencies (a supervisor's overview, a bulk export, the benchmark in
``bench/annual.py``) would run those queries thousands of times. Here each register is read by
ONE ``GROUP BY agency_id, …`` query for all the agencies, in agency order, taken into Python
2,000 aggregate rows at a time (``_raw_rows``; ``server_side=True`` for server-side cursors),
and the streams are merged agency by agency. Python touches only aggregate rows — a few per
agency — never an application or an item, so memory does not grow with the number of records
(bench/README.md: 3 MB peak for 5,000 agencies, at 100,000 and at 1,000,000 applications).

The figures are exactly those of ``build_report`` (tests/web/annual/test_bulk.py checks it
cell by cell): the same conditions as ``casework.stats`` (table 三), ``publishing.stats``
(table 二) and ``appeals.stats`` (table 四), as conditional aggregates. Each agency's own
records are counted; a government's roll-up is the sum of its agencies (``combine``).

Queries: applications; 规章 and 规范性文件; decision counts; fee income; appeal cases; and the
published items (the total quoted in section 一 and under the chart) — six, whatever the
number of agencies. Demo data (``is_sample``) is never counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from itertools import compress
from typing import Any, NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.sql.constants import MULTI

from gongkai.agencies.models import Agency
from gongkai.annual.build import check_year, format_number
from gongkai.appeals import stats as appeals_stats
from gongkai.appeals.models import AppealCase
from gongkai.casework.models import Application
from gongkai.publishing import stats as publishing_stats
from gongkai.publishing.models import FeeIncome, Item, ItemState, NormativeDocument, YearlyDecisionCount
from gongkai.statute.applicants import TOTAL_COLUMN
from gongkai.statute.outcomes import Outcome, outcome_row
from gongkai.statute.remedies import TOTAL, column_key
from gongkai.statute.structure import ReportFormat

Values = dict[tuple[str, str], int | Decimal]
Tables = dict[str, Values]
CHUNK = 2000  # aggregate rows per fetch
TABLES = ("二", "三", "四")


class AgencyFigures(NamedTuple):
    """One agency's figures for a year; unpacks as ``agency_id, tables, published``."""

    agency_id: int
    tables: Tables  # {"二": {...}, "三": {...}, "四": {...}}, keyed (row key, column key) like build_report's
    published: int  # items published in the year (section 一's total, the chart's total)


# --- the queries, one per register ---------------------------------------------------------------


def _scope(qs: QuerySet, agencies: QuerySet[Agency] | None) -> QuerySet:
    qs = qs.filter(is_sample=False)
    return qs if agencies is None else qs.filter(agency_id__in=agencies.values("pk"))


def outcome_rows(fmt: ReportFormat) -> dict[str, list[str]]:
    """{table 三 row key: the outcome codes counted in it} for ``fmt`` (2019 folds （六）)."""
    rows: dict[str, list[str]] = {}
    for outcome in Outcome:
        rows.setdefault(outcome_row(outcome, fmt), []).append(outcome.value)
    return rows


def applications_query(
    year: int, fmt: ReportFormat, agencies: QuerySet[Agency] | None = None
) -> tuple[QuerySet, list[str]]:
    """Table 三: one row per (agency, applicant kind) with a count per table row; the row keys
    in column order after ``agency_id, applicant_kind``.

    ``casework.stats``' conditions, written for the rows that can count at all — received by
    31 December and not decided before 1 January — so that each count tests one or two
    columns: there, 本年新收 is "received on or after 1 January", 上年结转 "received before it",
    结转下年度 "not decided by 31 December", and an outcome row "this outcome, decided by
    31 December" (an outcome is stored exactly with its decision date: a database constraint).
    This relies on a decision never predating its receipt, which ``lifecycle.replay`` enforces
    (events in date order, the receipt first); the tests compare with ``casework.stats``.
    """
    jan1, dec31 = date(year, 1, 1), date(year, 12, 31)
    aggregates: dict[str, Count] = {
        "c0": Count("pk", filter=Q(received_on__gte=jan1)),
        "c1": Count("pk", filter=Q(received_on__lt=jan1)),
        "c2": Count("pk", filter=Q(decided_on__isnull=True) | Q(decided_on__gt=dec31)),
    }
    keys = ["new", "carried_in", "carried_out"]
    for row, codes in outcome_rows(fmt).items():
        chosen = Q(outcome=codes[0]) if len(codes) == 1 else Q(outcome__in=codes)
        aggregates[f"c{len(keys)}"] = Count("pk", filter=chosen & Q(decided_on__lte=dec31))
        keys.append(row)
    qs = (
        _scope(Application.objects.all(), agencies)
        .filter(Q(received_on__lte=dec31) & (Q(decided_on__isnull=True) | Q(decided_on__gte=jan1)))
        .values("agency_id", "applicant_kind")
        .annotate(**aggregates)
        .order_by("agency_id")
        .values_list("agency_id", "applicant_kind", *aggregates)
    )
    return qs, keys


def documents_query(year: int, agencies: QuerySet[Agency] | None = None) -> QuerySet:
    """Table 二 第二十条第（一）项: (agency, kind, issued, repealed, in force)."""
    conditions = publishing_stats._document_conditions(year)
    return (
        _scope(NormativeDocument.objects.all(), agencies)
        .values("agency_id", "kind")
        .annotate(**{name: Count("pk", filter=cond) for name, cond in conditions.items()})
        .order_by("agency_id")
        .values_list("agency_id", "kind", *conditions)
    )


def decisions_query(year: int, agencies: QuerySet[Agency] | None = None) -> QuerySet:
    """Table 二 第二十条第（五）（六）项: (agency, kind, decisions in the year)."""
    return (
        _scope(YearlyDecisionCount.objects.filter(year=year), agencies)
        .values("agency_id", "kind")
        .annotate(total=Sum("count"))
        .order_by("agency_id")
        .values_list("agency_id", "kind", "total")
    )


def fees_query(year: int, agencies: QuerySet[Agency] | None = None) -> QuerySet:
    """Table 二 第二十条第（八）项: (agency, 万元 in the year)."""
    return (
        _scope(FeeIncome.objects.filter(year=year), agencies)
        .values("agency_id")
        .annotate(total=Sum("amount"))
        .order_by("agency_id")
        .values_list("agency_id", "total")
    )


def appeals_query(year: int, agencies: QuerySet[Agency] | None = None, basis: str | None = None) -> QuerySet:
    """Table 四: (agency, kind, result as counted, cases), on ``appeals.stats``' counting basis."""
    basis = appeals_stats.table_4_basis(basis)
    jan1, dec31 = date(year, 1, 1), date(year, 12, 31)
    received = Q(filed_on__gte=jan1, filed_on__lte=dec31)
    if basis == appeals_stats.RECEIVED:
        condition = received
    else:
        decided = Q(decided_on__gte=jan1, decided_on__lte=dec31)
        condition = decided | (received & (Q(decided_on__isnull=True) | Q(decided_on__gt=dec31)))
    return (
        _scope(AppealCase.objects.all(), agencies)
        .filter(condition)
        .annotate(counted_result=appeals_stats.result_on(dec31))
        .values("agency_id", "kind", "counted_result")
        .annotate(n=Count("pk"))
        .order_by("agency_id")
        .values_list("agency_id", "kind", "counted_result", "n")
    )


def published_query(year: int, agencies: QuerySet[Agency] | None = None) -> QuerySet:
    """Items published in the year (withdrawn later still count), per agency."""
    return (
        _scope(Item.objects.all(), agencies)
        .filter(state__in=[ItemState.PUBLISHED, ItemState.WITHDRAWN],
                published_on__gte=date(year, 1, 1), published_on__lte=date(year, 12, 31))
        .values("agency_id")
        .annotate(n=Count("pk"))
        .order_by("agency_id")
        .values_list("agency_id", "n")
    )


# --- assembling one agency's tables from its aggregate rows ---------------------------------------


class _Table3:
    """Like ``casework.stats.table_3_counts``: every non-zero cell, 总计 column and （七）总计 row.

    The (row, column) keys are made once per applicant kind, and the non-zero counts picked
    with ``itertools.compress``: this is the innermost Python of a region's build."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.pairs: dict[str, list[tuple[str, str]]] = {}
        self.totals = [(key, TOTAL_COLUMN) for key in keys]

    def values(self, rows: list[tuple]) -> Values:
        cells: Values = {}
        if not rows:
            return cells
        decided_all = 0
        for row in rows:
            kind = row[1]
            pairs = self.pairs.get(kind)
            if pairs is None:
                pairs = self.pairs[kind] = [(key, kind) for key in self.keys]
            counts = row[2:]
            cells.update(compress(zip(pairs, counts, strict=True), counts))
            decided = sum(row[5:])  # after agency, kind, new, carried in, carried out: the outcome rows
            if decided:
                cells[("total", kind)] = decided
                decided_all += decided
        sums = rows[0][2:] if len(rows) == 1 else list(map(sum, zip(*[row[2:] for row in rows], strict=True)))
        cells.update(compress(zip(self.totals, sums, strict=True), sums))
        if decided_all:
            cells[("total", TOTAL_COLUMN)] = decided_all
        return cells


class _Table2:
    """Table 二's cells that the registers determine, as ``publishing.stats.table_2_values``."""

    def __init__(self, fmt: ReportFormat) -> None:
        self.cells = [(r.key, c.key) for r, c in fmt.table("二").cells()
                      if publishing_stats.determinable(r.key, c.key)]
        self.documents = any(r in publishing_stats.DOCUMENT_ROWS for r, _ in self.cells)
        self.decisions = any(r in publishing_stats.DECISION_ROWS for r, _ in self.cells)
        self.fees = (publishing_stats.FEE_ROW, publishing_stats.FEE_COLUMN) in self.cells
        self.figure = {"issued": 2, "repealed": 3, "in_force": 4}

        # (cell, where its figure is): a document row's column, a decision kind, or the fees.
        self.plan = []
        for row_key, column in self.cells:
            if row_key in publishing_stats.DOCUMENT_ROWS:
                figure = publishing_stats.DOCUMENT_COLUMNS[column]
                self.plan.append(((row_key, column), "document", self.figure[figure]))
            elif row_key in publishing_stats.DECISION_ROWS:
                self.plan.append(((row_key, column), "decision", 0))
            else:
                self.plan.append(((row_key, column), "fee", 0))
        self.no_fee = publishing_stats._plain(Decimal(0))

    def values(self, documents: list[tuple], decisions: list[tuple], fees: list[tuple]) -> Values:
        docs = {row[1]: row for row in documents}
        made = {row[1]: row[2] for row in decisions}
        fee = publishing_stats._plain(Decimal(fees[0][1] or 0)) if fees else self.no_fee
        out: Values = {}
        for cell, source, position in self.plan:
            if source == "document":
                doc = docs.get(cell[0])
                out[cell] = int(doc[position]) if doc else 0
            elif source == "decision":
                out[cell] = int(made.get(cell[0]) or 0)
            else:
                out[cell] = fee
        return out


class _Table4:
    """Like ``appeals.stats.table_4_values``: every cell, zeros and totals included."""

    def __init__(self, fmt: ReportFormat) -> None:
        spec = fmt.table("四")
        (row,) = spec.rows
        self.fmt = fmt
        self.row = row.key
        self.zeros: Values = {(row.key, column.key): 0 for column in spec.columns}

    def values(self, rows: list[tuple]) -> Values:
        cells = dict(self.zeros)
        for _, kind, result, n in rows:
            for key in ((self.row, column_key(kind, result)), (self.row, column_key(kind, TOTAL))):
                if key not in cells:
                    raise KeyError(f"format {self.fmt.id} table 四 has no column {key[1]!r}")
                cells[key] += n
        return cells


# --- merging the streams ----------------------------------------------------------------------------


def _raw_rows(qs: QuerySet, server_side: bool) -> Iterator[tuple]:
    """The query's rows as the database sends them, turned into Python ``CHUNK`` at a time.

    Only for counts and codes — ints and strings that need no conversion: Django's per-value
    converters would otherwise be most of the Python time (35,000 rows × 27 counts for 5,000
    agencies). By default a plain cursor: PostgreSQL never runs a ``DECLARE CURSOR`` query in
    parallel and plans it for the first rows, which made the largest aggregates twice as slow;
    the client library then holds the aggregate rows (a few per agency, whatever the number of
    records) and Python takes them a chunk at a time. ``server_side`` streams from a
    server-side cursor instead, as ``QuerySet.iterator()`` does, for regions so large that even
    the aggregate rows should not be held at once."""
    connection = connections[qs.db]
    compiler = qs.query.get_compiler(using=qs.db)
    if server_side and not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        for chunk in compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=CHUNK):
            yield from chunk
        return
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK):
            yield from rows


class _Stream:
    """Aggregate rows ordered by agency id (first column), taken one agency at a time."""

    def __init__(self, rows: Iterable[tuple] = ()) -> None:
        self.rows: Iterator[tuple] = iter(rows)
        self.head: tuple | None = next(self.rows, None)

    def take(self, agency_id: int) -> list[tuple]:
        # Rows of an agency outside the driver (none when both use the same scope) are skipped.
        while self.head is not None and self.head[0] < agency_id:
            self.head = next(self.rows, None)
        out = []
        while self.head is not None and self.head[0] == agency_id:
            out.append(self.head)
            self.head = next(self.rows, None)
        return out


def _agency_scope(agencies: QuerySet[Agency] | Iterable[int] | None) -> QuerySet[Agency] | None:
    if agencies is None or isinstance(agencies, QuerySet):
        return agencies
    return Agency.objects.filter(pk__in=list(agencies))


def region_tables(
    year: int,
    agencies: QuerySet[Agency] | Iterable[int] | None = None,
    *,
    basis: str | None = None,
    server_side: bool = False,
) -> Iterator[AgencyFigures]:
    """Every agency's own tables 二, 三 and 四 for ``year``, in agency id order, streamed.

    ``agencies``: a queryset or ids (default: every agency). An agency without records gets
    the zeros ``build_report`` writes. ``basis``: table 四's counting basis (default the
    setting ``APPEALS_TABLE4_BASIS``). ``server_side``: read the aggregates through
    server-side cursors (see ``_raw_rows``). A year without a format, or not yet begun, raises
    the same Chinese ``ValidationError`` as ``build_report`` — before any query runs.
    """
    fmt = check_year(year)
    scope = _agency_scope(agencies)
    return _figures(year, fmt, scope, appeals_stats.table_4_basis(basis), server_side)


def _figures(
    year: int, fmt: ReportFormat, scope: QuerySet[Agency] | None, basis: str, server_side: bool
) -> Iterator[AgencyFigures]:
    apps_qs, keys = applications_query(year, fmt, scope)
    table_2, table_3, table_4 = _Table2(fmt), _Table3(keys), _Table4(fmt)

    def stream(qs: QuerySet | None) -> _Stream:
        return _Stream(() if qs is None else _raw_rows(qs, server_side))

    driver = (Agency.objects.all() if scope is None else scope).order_by("pk").values_list("pk")
    apps = stream(apps_qs)
    documents = stream(documents_query(year, scope) if table_2.documents else None)
    decisions = stream(decisions_query(year, scope) if table_2.decisions else None)
    # One row per agency at most, and amounts need Django's conversion to Decimal.
    fees = _Stream(fees_query(year, scope) if table_2.fees else ())
    appeals = stream(appeals_query(year, scope, basis))
    published = stream(published_query(year, scope))
    for (agency_id,) in _raw_rows(driver, server_side):
        tables = {
            "二": table_2.values(documents.take(agency_id), decisions.take(agency_id), fees.take(agency_id)),
            "三": table_3.values(apps.take(agency_id)),
            "四": table_4.values(appeals.take(agency_id)),
        }
        items = published.take(agency_id)
        yield AgencyFigures(agency_id, tables, items[0][1] if items else 0)


# --- using the figures -------------------------------------------------------------------------------


def combine(tables: Iterable[Tables]) -> Tables:
    """The sum of several agencies' tables: a government's roll-up over its departments
    (``rollup.report_agency_ids``) gives the figures ``build_report`` gives with
    ``include_departments=True``. Every figure of tables 二, 三 and 四 is a count or a sum."""
    out: dict[str, dict[tuple[str, str], Any]] = {}
    for one in tables:
        for table, values in one.items():
            into = out.setdefault(table, {})
            for key, value in values.items():
                into[key] = into.get(key, 0) + value
    for key, value in out.get("二", {}).items():
        if isinstance(value, Decimal):
            out["二"][key] = publishing_stats._plain(value)
    return out


def cell_texts(fmt: ReportFormat, tables: Tables) -> dict[str, dict[tuple[str, str], str]]:
    """Every cell's text as ``build_report`` writes it: 0 where the records counted nothing,
    except table 二's cells the registers do not determine, which stay blank ("": blank is not 0)."""
    out: dict[str, dict[tuple[str, str], str]] = {}
    for table in TABLES:
        values = tables.get(table, {})
        zeros = table != "二"
        cells: dict[tuple[str, str], str] = {}
        for row, column in fmt.table(table).cells():
            value = values.get((row.key, column.key))
            cells[(row.key, column.key)] = "" if value is None and not zeros else format_number(value or 0)
        out[table] = cells
    return out
