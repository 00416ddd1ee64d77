"""Seed years 2019–2026 from chinesecalendar (through ``gongkai.workdays.seed``).

Run after every ``migrate`` and ``flush`` (``post_migrate``): a missing seed year is added,
a year already present is left alone (it may have been replaced from a notice file).  It
works on the migration state's models, so it does not depend on the current model code.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, router, transaction
from django.utils import timezone

from gongkai.holidays.rows import makeups_of, ranges_of


def seed_missing_years(apps: Apps = global_apps, using: str = DEFAULT_DB_ALIAS) -> list[int]:
    """Add the seed years that are not in the database; returns the years added."""
    from gongkai.workdays.seed import KNOWN_NOTICES, SEED_YEARS, chinesecalendar_year

    try:
        year_model = apps.get_model("holidays", "HolidayYear")
        range_model = apps.get_model("holidays", "HolidayRange")
        makeup_model = apps.get_model("holidays", "MakeupDay")
    except LookupError:  # migrated back to before the tables existed
        return []
    if not router.allow_migrate_model(using, year_model):
        return []
    added = []
    with transaction.atomic(using=using):
        present = set(year_model.objects.using(using).values_list("year", flat=True))
        now = timezone.now()
        for year in SEED_YEARS:
            if year in present:
                continue
            yc = chinesecalendar_year(year)
            row = year_model.objects.using(using).create(
                year=year,
                notice_number=KNOWN_NOTICES.get(year, ""),
                source=yc.source,
                loaded_at=now,
                revision=uuid.uuid4(),
            )
            range_model.objects.using(using).bulk_create(
                range_model(holiday_year=row, name=name, start=first, end=last) for name, first, last in ranges_of(yc)
            )
            makeup_model.objects.using(using).bulk_create(
                makeup_model(holiday_year=row, date=d, name=name) for d, name in makeups_of(yc)
            )
            added.append(year)
    return added


def seed_after_migrate(sender: Any, *, apps: Apps = global_apps, using: str = DEFAULT_DB_ALIAS, verbosity: int = 1,
                       **kwargs: Any) -> None:
    added = seed_missing_years(apps, using)
    if added and verbosity >= 1:
        print(f"  已从 chinesecalendar 载入节假日安排：{'、'.join(str(y) for y in added)}年")
