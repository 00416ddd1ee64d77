"""Per-applicant request counts for 条例第三十五条 (数量、频次明显超过合理范围).

Whether requests are excessive is a legal judgment for the agency, so nothing here blocks an
application: staff see the counts, over every channel, grouped the way casework identifies an
applicant for fees (the ID document, else the name), with SQL aggregates.

Setting ``PORTAL_EXCESSIVE_MONTHLY_NOTICE`` (default 10: the free band of 按件计收 in
国办函〔2020〕109号) marks applicants who reached that many requests in the current month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Max, Q

from gongkai.agencies.models import Agency
from gongkai.casework.models import Application, IdDocument

DEFAULT_MONTHLY_NOTICE = 10


def monthly_notice() -> int:
    return int(getattr(settings, "PORTAL_EXCESSIVE_MONTHLY_NOTICE", DEFAULT_MONTHLY_NOTICE))


@dataclass(frozen=True)
class ApplicantCount:
    name: str
    id_label: str  # "居民身份证 3703…1234" or "（未提供身份证明）"
    this_month: int
    this_year: int
    last_12_months: int
    latest: date
    notable: bool


def _mask(number: str) -> str:
    # Enough to tell applicants apart on screen; the full number is in the case record.
    return number if len(number) <= 8 else f"{number[:4]}…{number[-4:]}"


def applicant_counts(agency: Agency, today: date) -> list[ApplicantCount]:
    month_start = today.replace(day=1)
    year_start = today.replace(month=1, day=1)
    twelve_ago = date(today.year - 1, today.month, 1)
    base = Application.objects.real().filter(agency=agency, received_on__gte=min(year_start, twelve_ago))
    counts = {
        "this_month": Count("pk", filter=Q(received_on__gte=month_start)),
        "this_year": Count("pk", filter=Q(received_on__gte=year_start)),
        "last_12_months": Count("pk", filter=Q(received_on__gte=twelve_ago)),
        "latest": Max("received_on"),
        "name": Max("applicant_name"),
    }
    with_id = base.exclude(id_number="").values("id_type", "id_number").annotate(**counts)
    without_id = base.filter(id_number="").values("applicant_name").annotate(**counts)
    id_labels = dict(IdDocument.choices)
    threshold = monthly_notice()
    rows = [
        ApplicantCount(
            name=r["name"],
            id_label=f"{id_labels.get(r['id_type'], '身份证明')} {_mask(r['id_number'])}",
            this_month=r["this_month"],
            this_year=r["this_year"],
            last_12_months=r["last_12_months"],
            latest=r["latest"],
            notable=r["this_month"] >= threshold,
        )
        for r in with_id
    ]
    rows += [
        ApplicantCount(
            name=r["applicant_name"],
            id_label="（未提供身份证明）",
            this_month=r["this_month"],
            this_year=r["this_year"],
            last_12_months=r["last_12_months"],
            latest=r["latest"],
            notable=r["this_month"] >= threshold,
        )
        for r in without_id
    ]
    rows.sort(key=lambda r: (-r.this_month, -r.last_12_months, r.name))
    return rows
