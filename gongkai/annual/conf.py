"""Settings of the annual app, each with its default, read when used (tests override them).

- ``ANNUAL_ROLLUP_DEPARTMENTS`` (default False): whether a government's report includes the
  records of its departments and townships (streets) unless a build says otherwise.
- ``ANNUAL_DEADLINES``: {agency level: (month, day) of the year after the report year, or
  None}. Art 49 fixes 31 January for departments and 31 March for governments; the 条例
  fixes no date for townships (spec §1.5, UNCONFIRMED nationally), so the default there is
  the latest statutory date, 31 March; bodies under Arts 54/55 (level "other") follow the
  departments' 31 January.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

DEFAULT_DEADLINES: dict[str, tuple[int, int] | None] = {
    "government": (3, 31),
    "department": (1, 31),
    "township": (3, 31),
    "other": (1, 31),
}


def rollup_departments_default() -> bool:
    return bool(getattr(settings, "ANNUAL_ROLLUP_DEPARTMENTS", False))


def deadlines() -> dict[str, tuple[int, int] | None]:
    return {**DEFAULT_DEADLINES, **getattr(settings, "ANNUAL_DEADLINES", {})}


def deadline_for(level: str, year: int) -> date | None:
    """The last day to publish the report of ``year`` for an agency of ``level``."""
    month_day = deadlines().get(level)
    return date(year + 1, *month_day) if month_day else None
