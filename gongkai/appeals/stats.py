"""Table 四 from the records: SQL aggregates over 复议 and 诉讼 cases (one GROUP BY).

Which cases a year counts is UNCONFIRMED (spec §4.5, §9 item 1), so it is a setting,
``APPEALS_TABLE4_BASIS`` (see docs/appeals.md):

- ``"received"`` (default): the cases received in the year — 复议 applications and complaints
  whose ``filed_on`` falls in it — each under its result **as at 31 December**: a case decided
  after the year ends is 尚未审结 in that year's table. A report rebuilt later therefore shows the
  same numbers, and 尚未审结 means "pending at the end of the year".
- ``"concluded"``: the cases decided in the year, under their result, plus the cases received
  in the year and still pending on 31 December (尚未审结).

Either way each column group's 总计 is the sum of its four results, so table 四's arithmetic holds
by construction; ``appeal_records`` returns the cases behind any cell, built from the same
query, so a drill-down always lists exactly the cases counted. Demo data is never counted.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When

from gongkai.agencies.models import Agency
from gongkai.appeals.models import AppealCase
from gongkai.statute.remedies import TOTAL, RemedyKind, RemedyResult, column_key
from gongkai.statute.structure import ReportFormat

RECEIVED = "received"
CONCLUDED = "concluded"
BASES = {
    RECEIVED: "按本年收到的案件统计（结果以年末为准）",
    CONCLUDED: "按本年审结的案件统计（另加本年收到、年末未审结的案件）",
}
TABLE = "四"


def table_4_basis(basis: str | None = None) -> str:
    """The counting basis: ``basis`` if given, else the setting ``APPEALS_TABLE4_BASIS``."""
    chosen = basis if basis is not None else getattr(settings, "APPEALS_TABLE4_BASIS", RECEIVED)
    if chosen not in BASES:
        known = "、".join(f"“{b}”" for b in BASES)
        raise ValueError(f"表四的统计口径“{chosen}”无效，可选：{known}（设置 APPEALS_TABLE4_BASIS）")
    return chosen


def result_on(day: date) -> Case:
    """SQL CASE: a case's result as known at the end of ``day`` (尚未审结 if decided later)."""
    return Case(
        When(decided_on__isnull=False, decided_on__lte=day, then=F("result")),
        default=Value(RemedyResult.PENDING.value),
        output_field=CharField(),
    )


def counted_cases(agencies: QuerySet[Agency], year: int, basis: str | None = None) -> QuerySet[AppealCase]:
    """The cases a year's table 四 counts, each annotated with ``counted_result``."""
    basis = table_4_basis(basis)
    jan1, dec31 = date(year, 1, 1), date(year, 12, 31)
    qs = AppealCase.objects.real().filter(agency__in=agencies)
    received = Q(filed_on__gte=jan1, filed_on__lte=dec31)
    if basis == RECEIVED:
        qs = qs.filter(received)
    else:
        decided = Q(decided_on__gte=jan1, decided_on__lte=dec31)
        pending_at_end = received & (Q(decided_on__isnull=True) | Q(decided_on__gt=dec31))
        qs = qs.filter(decided | pending_at_end)
    return qs.annotate(counted_result=result_on(dec31))


def table_4_values(
    agencies: QuerySet[Agency], year: int, fmt: ReportFormat, basis: str | None = None
) -> dict[tuple[str, str], int]:
    """Every cell of ``fmt.table("四")``: {(row key, column key): count}, zeros and totals included."""
    spec = fmt.table(TABLE)
    (row,) = spec.rows
    cells = {(row.key, column.key): 0 for column in spec.columns}
    grouped = (
        counted_cases(agencies, year, basis).values("kind", "counted_result").annotate(n=Count("pk")).order_by()
    )
    for item in grouped:
        for key in (column_key(item["kind"], item["counted_result"]), column_key(item["kind"], TOTAL)):
            if (row.key, key) not in cells:
                raise KeyError(f"format {fmt.id} table 四 has no column {key!r}")
            cells[(row.key, key)] += item["n"]
    return cells


def appeal_records(
    agencies: QuerySet[Agency],
    year: int,
    kind: RemedyKind | str,
    result: RemedyResult | str,
    basis: str | None = None,
) -> QuerySet[AppealCase]:
    """The cases behind one cell of table 四; ``result`` may be ``"total"`` for a kind's 总计."""
    kind = RemedyKind(kind)
    qs = counted_cases(agencies, year, basis).filter(kind=kind.value)
    if result != TOTAL:
        qs = qs.filter(counted_result=RemedyResult(result).value)
    return qs.select_related("agency", "application").order_by("filed_on", "pk")
