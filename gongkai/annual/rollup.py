"""Which agencies' records a report counts.

A department's report counts its own records. A government's report may also count its
departments' and its townships' (streets') records (``ANNUAL_ROLLUP_DEPARTMENTS``, or per
build): the walk goes down through departments and townships and stops at a lower
government, whose own report covers its part of the region.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.regions import descendants
from gongkai.annual.conf import rollup_departments_default

ROLLUP_LEVELS = frozenset({Agency.Level.DEPARTMENT.value, Agency.Level.TOWNSHIP.value})


def includes_departments(agency: Agency, include_departments: bool | None = None) -> bool:
    """Whether a report of ``agency`` rolls up its departments (governments only)."""
    if agency.level != Agency.Level.GOVERNMENT:
        return False
    return rollup_departments_default() if include_departments is None else bool(include_departments)


def report_agency_ids(agency: Agency, include_departments: bool | None = None) -> list[int]:
    if not includes_departments(agency, include_departments):
        return [agency.pk]
    # One query for the whole subtree; the walk below is over agencies, not records.
    children: dict[int, list[tuple[int, str]]] = {}
    for pk, parent_id, level in descendants(agency).values_list("pk", "parent_id", "level"):
        children.setdefault(parent_id, []).append((pk, level))
    found, stack = [agency.pk], [agency.pk]
    while stack:
        for pk, level in children.get(stack.pop(), []):
            if level in ROLLUP_LEVELS and pk not in found:
                found.append(pk)
                stack.append(pk)
    return found


def report_agencies(agency: Agency, include_departments: bool | None = None) -> QuerySet[Agency]:
    """The government plus (when rolling up) its departments and townships, as a queryset."""
    return Agency.objects.filter(pk__in=report_agency_ids(agency, include_departments))
