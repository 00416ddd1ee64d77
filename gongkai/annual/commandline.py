"""``gongkai report build``: the report of an agency and a year from the records, for scripts
and cron. Called by ``gongkai.cli`` after it has set Django up."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.report.model import AnnualReport


class AgencyLookupError(ValueError):
    """No agency, or more than one, answers to the name given."""


def find_agency(name: str) -> Agency:
    """The agency whose full or short name is ``name``; else the only one whose name contains it."""
    name = name.strip()
    if not name:
        raise AgencyLookupError("请用 --agency 给出机构全称或简称。")
    exact = list(Agency.objects.filter(Q(name=name) | Q(short_name=name)).order_by("name")[:11])
    if len(exact) == 1:
        return exact[0]
    candidates = exact or list(
        Agency.objects.filter(Q(name__contains=name) | Q(short_name__contains=name)).order_by("name")[:11]
    )
    if not candidates:
        raise AgencyLookupError(f"没有名为“{name}”的机构。")
    if len(candidates) > 1:
        shown = "、".join(a.name for a in candidates[:10]) + ("等" if len(candidates) > 10 else "")
        raise AgencyLookupError(f"“{name}”对应多个机构：{shown}。请写出机构全称。")
    return candidates[0]


def build_for_cli(agency_name: str, year: int, include_departments: bool | None = None) -> AnnualReport:
    """The built report; ``AgencyLookupError`` or ``ValueError`` (Chinese) on bad input."""
    from gongkai.annual.build import build_report

    agency = find_agency(agency_name)
    try:
        return build_report(agency, year, include_departments=include_departments)
    except ValidationError as exc:
        raise ValueError("；".join(exc.messages)) from None
