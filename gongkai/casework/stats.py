"""Table 三 from the records: SQL aggregates over applications (GROUP BY, no loops over rows).

- 一、本年新收: received in the year (``received_on``, the Art 31 receipt date);
- 二、上年结转: received before 1 January and not decided by then (still open on 1 January);
- 三、办理结果: decided in the year, counted by applicant kind and outcome row — the row comes
  from ``statute.outcomes.outcome_row`` for the report's format, mapped inside the SQL, so the
  2019 format folds the three （六） codes into its single row in the GROUP BY;
- 四、结转下年度: received by 31 December and not decided by then (open on 31 December).

So for every column 一 + 二 = （七） + 四 holds by construction: an application counted as
new or carried in is either decided in the year or carried out, exactly once. Demo data
(``is_sample``) is left out by ``base()``.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from gongkai.agencies.models import Agency
from gongkai.casework.models import Application
from gongkai.statute.applicants import TOTAL_COLUMN
from gongkai.statute.outcomes import Outcome, outcome_row
from gongkai.statute.structure import ReportFormat


def base(agency: Agency | None = None, *, include_samples: bool = False) -> QuerySet[Application]:
    qs = Application.objects.all()
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs if include_samples else qs.real()


def _open_on(day: date) -> Q:
    """Received by ``day`` and not decided by the end of it."""
    return Q(received_on__lte=day) & (Q(decided_on__isnull=True) | Q(decided_on__gt=day))


def new_in_year(qs: QuerySet[Application], year: int) -> QuerySet[Application]:
    return qs.filter(received_on__year=year)


def carried_in(qs: QuerySet[Application], year: int) -> QuerySet[Application]:
    """Received before 1 January of ``year`` and still open on that day (= carried out of year-1)."""
    jan1 = date(year, 1, 1)
    return qs.filter(Q(received_on__lt=jan1) & (Q(decided_on__isnull=True) | Q(decided_on__gte=jan1)))


def carried_out(qs: QuerySet[Application], year: int) -> QuerySet[Application]:
    """Open on 31 December of ``year``."""
    return qs.filter(_open_on(date(year, 12, 31)))


def decided_in_year(qs: QuerySet[Application], year: int) -> QuerySet[Application]:
    return qs.filter(decided_on__year=year).exclude(outcome="")


def outcome_row_expression(fmt: ReportFormat) -> Case:
    """SQL CASE mapping the stored outcome code to the format's table 三 row key."""
    return Case(
        *(When(outcome=o.value, then=Value(outcome_row(o, fmt))) for o in Outcome),
        output_field=CharField(),
    )


def decided_counts(qs: QuerySet[Application], year: int, fmt: ReportFormat) -> dict[tuple[str, str], int]:
    """{(row key, column key): count} of applications decided in ``year``, with the 总计 column."""
    grouped = (
        decided_in_year(qs, year)
        .annotate(row=outcome_row_expression(fmt))
        .values("row", "applicant_kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: Counter[tuple[str, str]] = Counter()
    for item in grouped:
        counts[(item["row"], item["applicant_kind"])] += item["n"]
        counts[(item["row"], TOTAL_COLUMN)] += item["n"]
    return dict(counts)


def counts_by_kind(qs: QuerySet[Application]) -> dict[str, int]:
    """{column key: count} with the 总计 column, one GROUP BY."""
    grouped = qs.values("applicant_kind").annotate(n=Count("pk")).order_by()
    result = {item["applicant_kind"]: item["n"] for item in grouped}
    result[TOTAL_COLUMN] = sum(result.values())
    return result


def table_3_counts(qs: QuerySet[Application], year: int, fmt: ReportFormat) -> dict[tuple[str, str], int]:
    """The numbers of table 三 for ``year``: {(row key, column key): count}, zero cells left out.

    Rows: ``new``, ``carried_in``, each outcome row, ``total`` (（七）总计) and ``carried_out``.
    """
    cells: dict[tuple[str, str], int] = {}
    for row, subset in (("new", new_in_year(qs, year)), ("carried_in", carried_in(qs, year)),
                        ("carried_out", carried_out(qs, year))):
        for column, n in counts_by_kind(subset).items():
            if n:
                cells[(row, column)] = n
    decided = decided_counts(qs, year, fmt)
    cells.update(decided)
    for (_, column), n in decided.items():
        cells[("total", column)] = cells.get(("total", column), 0) + n
    return cells
