"""The record sources of tables 二, 三 and 四, and the records behind each cell.

Table 三 comes from ``gongkai.casework.stats``; tables 二 and 四 from the publishing and
appeals apps' ``stats`` modules. Those are imported when used, so that a deployment (or a
test run) without one of them still builds the rest of the report: the missing table is
left blank — blank is not 0 — and the build says why.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from decimal import Decimal
from types import ModuleType

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.casework import stats as casework_stats
from gongkai.casework.models import Application
from gongkai.statute.applicants import TOTAL_COLUMN
from gongkai.statute.outcomes import Outcome, outcome_row
from gongkai.statute.structure import ReportFormat

Values = dict[tuple[str, str], int | Decimal]

MISSING_SOURCE = {
    "二": "主动公开（publishing）模块尚未提供统计，表二留空。",
    "四": "复议诉讼（appeals）模块尚未提供统计，表四留空。",
}


def _stats_module(app: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"gongkai.{app}.stats")
    except ImportError:
        return None


def publishing_stats() -> ModuleType | None:
    return _stats_module("publishing")


def appeals_stats() -> ModuleType | None:
    return _stats_module("appeals")


# --- table 三 -------------------------------------------------------------------------------


def applications(agencies: QuerySet[Agency] | Iterable[int]) -> QuerySet[Application]:
    """The real (non-sample) applications of the agencies."""
    return casework_stats.base().filter(agency__in=agencies)


def table_3_values(agencies: QuerySet[Agency], year: int, fmt: ReportFormat) -> Values:
    return dict(casework_stats.table_3_counts(applications(agencies), year, fmt))


def outcomes_of_row(row: str, fmt: ReportFormat) -> list[str]:
    return [o.value for o in Outcome if outcome_row(o, fmt) == row]


def table_3_records(
    agencies: QuerySet[Agency], year: int, fmt: ReportFormat, row: str, column: str
) -> QuerySet[Application]:
    """The applications counted in one cell of table 三."""
    qs = applications(agencies)
    if row == "new":
        qs = casework_stats.new_in_year(qs, year)
    elif row == "carried_in":
        qs = casework_stats.carried_in(qs, year)
    elif row == "carried_out":
        qs = casework_stats.carried_out(qs, year)
    elif row == "total":
        qs = casework_stats.decided_in_year(qs, year)
    else:
        codes = outcomes_of_row(row, fmt)
        if not codes:
            return qs.none()
        qs = casework_stats.decided_in_year(qs, year).filter(outcome__in=codes)
    if column != TOTAL_COLUMN:
        qs = qs.filter(applicant_kind=column)
    return qs.select_related("agency").order_by("received_on", "pk")


# --- tables 二 and 四 ---------------------------------------------------------------------------


def table_2_values(agencies: QuerySet[Agency], year: int, fmt: ReportFormat) -> Values | None:
    module = publishing_stats()
    return None if module is None else dict(module.table_2_values(agencies, year, fmt))


def table_4_values(agencies: QuerySet[Agency], year: int, fmt: ReportFormat) -> Values | None:
    module = appeals_stats()
    return None if module is None else dict(module.table_4_values(agencies, year, fmt))


def categories(agencies: QuerySet[Agency], year: int) -> tuple[dict[str, int], int | None]:
    """Published items per category (for the chart) and their total."""
    module = publishing_stats()
    if module is None:
        return {}, None
    by_category = {str(name): int(count) for name, count in module.published_by_category(agencies, year)}
    return by_category, int(module.published_total(agencies, year))


def table_2_records(
    agencies: QuerySet[Agency], year: int, fmt: ReportFormat, row: str, column: str
) -> QuerySet | None:
    """The register rows behind a table 二 cell; None for a cell the registers do not determine."""
    module = publishing_stats()
    if module is None:
        return None
    try:
        return module.register_records(agencies, year, row, column)
    except (KeyError, ValueError):
        return None


def category_records(agencies: QuerySet[Agency], year: int, category: str | None) -> QuerySet | None:
    """The items behind the published total, or behind one category's figure."""
    module = publishing_stats()
    return None if module is None else module.item_records(agencies, year, category=category)


def table_4_records(
    agencies: QuerySet[Agency], year: int, fmt: ReportFormat, row: str, column: str
) -> QuerySet | None:
    """Table 四's columns are ``kind.result`` (e.g. ``review.upheld``, ``suit_direct.total``)."""
    module = appeals_stats()
    if module is None or "." not in column:
        return None
    kind, result = column.split(".", 1)
    try:
        return module.appeal_records(agencies, year, kind, result)
    except (KeyError, ValueError):
        return None


def cell_records(
    agencies: QuerySet[Agency], year: int, fmt: ReportFormat, table: str, row: str, column: str
) -> QuerySet | None:
    """The records behind one cell, or None when its source cannot list them."""
    if table == "三":
        return table_3_records(agencies, year, fmt, row, column)
    if table == "二":
        return table_2_records(agencies, year, fmt, row, column)
    if table == "四":
        return table_4_records(agencies, year, fmt, row, column)
    return None


# --- fees (section 六) ----------------------------------------------------------------------------


def fees_collected(agencies: QuerySet[Agency], year: int) -> tuple[Decimal, int]:
    """信息处理费 paid in ``year`` (元) and the number of payments, from the casework events.

    The amount paid is the amount of the fee notice, copied onto the ``fee_paid`` event by
    ``casework.actions.do_record_payment``; summed in SQL."""
    from django.db.models import Count, DecimalField, Sum
    from django.db.models.fields.json import KT
    from django.db.models.functions import Cast

    from gongkai.casework.lifecycle import EventKind
    from gongkai.casework.models import ApplicationEvent

    paid = ApplicationEvent.objects.filter(
        kind=EventKind.FEE_PAID.value,
        date__year=year,
        application__agency__in=agencies,
        application__is_sample=False,
    )
    result = paid.aggregate(
        total=Sum(Cast(KT("details__amount"), DecimalField(max_digits=14, decimal_places=2))), n=Count("pk")
    )
    return Decimal(result["total"] or 0).quantize(Decimal("0.01")), result["n"]
