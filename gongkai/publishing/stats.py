"""Table 二 and the 主动公开 figures of the annual report, computed from the records with SQL
aggregates (one GROUP BY query per register), and the querysets behind each figure for
drill-down.

Table 二 cells (2021 format, 国办公开办函〔2021〕30号):

- 第二十条第（一）项 (规章、行政规范性文件) from ``NormativeDocument``:
  本年制发 = issued in the year; 本年废止 = repealed in the year; 现行有效 = issued on or before
  31 December and not repealed by then (a document repealed on 31 December is not in force).
- 第二十条第（五）（六）项 本年处理决定数量 = the sum of the monthly ``YearlyDecisionCount`` rows.
- 第二十条第（八）项 本年收费金额 = the sum of the monthly ``FeeIncome`` rows, in 万元.

A register with no rows yields 0, not blank: the records say nothing happened.

2019 format (国办公开办函〔2019〕60号): the registers determine 本年新制作数量 and 本年新公开数量
(both = documents issued in the year: a 规章 or 规范性文件 takes effect only when published) and
处理决定数量 of 行政许可、行政处罚、行政强制. They cannot determine, and these cells are left
out: 对外公开总数量 (its counting basis is not stated in the sources), 上一年项目数量 and 本年增/减
(the number of 事项 in the agency's list of powers, not kept here), 其他对外管理服务事项, and
第二十条第（九）项 政府集中采购.

Demo data (``is_sample``) is left out unless ``include_samples=True``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When

from gongkai.agencies.models import Agency
from gongkai.publishing.models import (
    Category,
    DecisionKind,
    DocumentKind,
    FeeIncome,
    Item,
    ItemState,
    NormativeDocument,
    YearlyDecisionCount,
)
from gongkai.statute.structure import ReportFormat

DOCUMENT_ROWS = frozenset(DocumentKind.values)
DECISION_ROWS = frozenset(DecisionKind.values)
FEE_ROW = "fees"
# Column key → which document figure fills it.
DOCUMENT_COLUMNS = {"issued": "issued", "repealed": "repealed", "in_force": "in_force", "made": "issued",
                    "published": "issued"}
DECISION_COLUMN = "decisions"
FEE_COLUMN = "amount"
UNCATEGORISED = "未分类"


def _span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _filter(qs: QuerySet, agencies: QuerySet[Agency] | list[Agency], include_samples: bool) -> QuerySet:
    qs = qs.filter(agency__in=agencies)
    return qs if include_samples else qs.filter(is_sample=False)


def _document_conditions(year: int) -> dict[str, Q]:
    first, last = _span(year)
    return {
        "issued": Q(issued_on__range=(first, last)),
        "repealed": Q(repealed_on__range=(first, last)),
        "in_force": Q(issued_on__lte=last) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=last)),
    }


def _plain(amount: Decimal) -> Decimal:
    """1.5000 → 1.5, 2.0000 → 2 (no exponent): how reports write 万元."""
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1))
    return amount.normalize()


def determinable(row_key: str, column_key: str) -> bool:
    """Whether the registers determine this table 二 cell (in any format)."""
    if row_key in DOCUMENT_ROWS:
        return column_key in DOCUMENT_COLUMNS
    if row_key in DECISION_ROWS:
        return column_key == DECISION_COLUMN
    return row_key == FEE_ROW and column_key == FEE_COLUMN


def table_2_values(
    agencies: QuerySet[Agency], year: int, fmt: ReportFormat, *, include_samples: bool = False
) -> dict[tuple[str, str], int | Decimal]:
    """The table 二 cells of ``fmt`` that the registers determine, keyed (row key, column key).

    Three queries: documents grouped by kind, decision counts grouped by kind, fees summed.
    """
    cells = [(r.key, c.key) for r, c in fmt.table("二").cells() if determinable(r.key, c.key)]
    out: dict[tuple[str, str], int | Decimal] = {}
    docs: dict[str, dict] = {}
    decisions: dict[str, int] = {}
    fees: Decimal | None = None
    if any(r in DOCUMENT_ROWS for r, _ in cells):
        conditions = _document_conditions(year)
        docs = {
            row["kind"]: row
            for row in _filter(NormativeDocument.objects.all(), agencies, include_samples)
            .values("kind")
            .annotate(**{name: Count("pk", filter=cond) for name, cond in conditions.items()})
            .order_by()
        }
    if any(r in DECISION_ROWS for r, _ in cells):
        decisions = dict(
            _filter(YearlyDecisionCount.objects.filter(year=year), agencies, include_samples)
            .values("kind")
            .annotate(total=Sum("count"))
            .order_by()
            .values_list("kind", "total")
        )
    if (FEE_ROW, FEE_COLUMN) in cells:
        fees = _filter(FeeIncome.objects.filter(year=year), agencies, include_samples).aggregate(
            total=Sum("amount")
        )["total"]
    for row_key, column_key in cells:
        if row_key in DOCUMENT_ROWS:
            out[(row_key, column_key)] = int(docs.get(row_key, {}).get(DOCUMENT_COLUMNS[column_key], 0))
        elif row_key in DECISION_ROWS:
            out[(row_key, column_key)] = int(decisions.get(row_key) or 0)
        else:
            out[(row_key, column_key)] = _plain(Decimal(fees or 0))
    return out


def published_in_year(
    agencies: QuerySet[Agency] | list[Agency], year: int, *, include_samples: bool = False
) -> QuerySet[Item]:
    """Items published in the year. An item withdrawn later still counts: it was published."""
    return _filter(Item.objects.all(), agencies, include_samples).filter(
        state__in=[ItemState.PUBLISHED, ItemState.WITHDRAWN], published_on__range=_span(year)
    )


def _top_level_map(agencies: QuerySet[Agency] | list[Agency]) -> tuple[dict[int, int], list[Category]]:
    """Each category id → its top-level category id, and the top-level categories in order.
    Catalogues are small configuration (tens of rows per agency), read once."""
    categories = list(Category.objects.filter(agency__in=agencies).order_by("order", "pk"))
    parent = {c.pk: c.parent_id for c in categories}

    def top(pk: int) -> int:
        seen = set()
        while parent.get(pk) is not None and pk not in seen:
            seen.add(pk)
            pk = parent[pk]
        return pk

    mapping = {c.pk: top(c.pk) for c in categories}
    tops = [c for c in categories if c.parent_id is None]
    return mapping, tops


def published_by_category(
    agencies: QuerySet[Agency], year: int, *, include_samples: bool = False
) -> list[tuple[str, int]]:
    """(top-level category name, items published in the year), in catalogue order.

    An item filed under several sub-categories of one top-level category counts once there.
    Agencies' categories of the same name are added together (a region's roll-up). Items
    without a category come last as “未分类”, so the counts add up to ``published_total``
    unless an item sits in several top-level categories. Categories with no items are left out.
    """
    mapping, tops = _top_level_map(agencies)
    items = published_in_year(agencies, year, include_samples=include_samples)
    through = Item.categories.through
    links = through.objects.filter(item__in=items.values("pk"))
    if mapping:
        top_expr = Case(
            *(When(category_id=pk, then=Value(top)) for pk, top in mapping.items()),
            default=Value(0),
            output_field=IntegerField(),
        )
        counts = dict(
            links.annotate(top=top_expr).values("top").annotate(n=Count("item_id", distinct=True)).order_by()
            .values_list("top", "n")
        )
    else:
        counts = {}
    by_name: dict[str, int] = {}
    for category in tops:
        n = counts.get(category.pk, 0)
        if n:
            by_name[category.name] = by_name.get(category.name, 0) + n
    out = list(by_name.items())
    uncategorised = items.filter(categories__isnull=True).count()
    if uncategorised:
        out.append((UNCATEGORISED, uncategorised))
    return out


def published_total(agencies: QuerySet[Agency], year: int, *, include_samples: bool = False) -> int:
    return published_in_year(agencies, year, include_samples=include_samples).count()


def item_records(
    agencies: QuerySet[Agency],
    year: int,
    *,
    category: str | None = None,
    include_samples: bool = False,
) -> QuerySet[Item]:
    """The items behind ``published_total`` or, with ``category`` (a top-level category name
    as ``published_by_category`` gives it), behind one of its figures."""
    items = published_in_year(agencies, year, include_samples=include_samples)
    if category is None:
        return items.order_by("published_on", "pk")
    if category == UNCATEGORISED:
        return items.filter(categories__isnull=True).order_by("published_on", "pk")
    mapping, tops = _top_level_map(agencies)
    top_ids = {c.pk for c in tops if c.name == category}
    ids = [pk for pk, top in mapping.items() if top in top_ids]
    return items.filter(pk__in=through_items(ids)).order_by("published_on", "pk")


def through_items(category_ids: list[int]) -> QuerySet:
    return Item.categories.through.objects.filter(category_id__in=category_ids).values("item_id")


def register_records(
    agencies: QuerySet[Agency], year: int, row_key: str, column_key: str, *, include_samples: bool = False
) -> QuerySet:
    """The register rows behind one table 二 cell: documents, monthly counts or monthly fees."""
    if not determinable(row_key, column_key):
        raise KeyError(f"表二 {row_key}/{column_key} 不由登记簿计算")
    if row_key in DOCUMENT_ROWS:
        condition = _document_conditions(year)[DOCUMENT_COLUMNS[column_key]]
        qs = NormativeDocument.objects.filter(kind=row_key).filter(condition)
        return _filter(qs, agencies, include_samples).order_by("issued_on", "pk")
    if row_key in DECISION_ROWS:
        qs = YearlyDecisionCount.objects.filter(year=year, kind=row_key)
        return _filter(qs, agencies, include_samples).order_by("agency", "month")
    return _filter(FeeIncome.objects.filter(year=year), agencies, include_samples).order_by("agency", "month")
