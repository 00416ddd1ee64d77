"""Business actions on the stored calendar: the only code path that changes a year's rows.

The command (``load_holiday_year``) and the admin page call ``do_load_year``; it validates,
replaces the year's rows in one transaction, and sends ``signals.year_loaded`` once the
transaction commits.  Permission checks belong to the caller.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.holidays.models import HolidayRange, HolidayYear, MakeupDay
from gongkai.holidays.rows import MakeupRow, RangeRow, makeups_of, ranges_of, same_days, year_calendar_from_rows
from gongkai.holidays.signals import year_loaded
from gongkai.workdays.model import YearCalendar
from gongkai.workdays.yearfile import YearNotice

logger = logging.getLogger("gongkai.holidays")


class YearExistsError(ValueError):
    """The year is loaded already and the caller did not ask to replace it."""

    def __init__(self, holiday_year: HolidayYear) -> None:
        self.holiday_year = holiday_year
        when = timezone.localtime(holiday_year.loaded_at).strftime("%Y-%m-%d %H:%M")
        super().__init__(
            f"{holiday_year.year}年的节假日安排已经载入（来源：{holiday_year.source}，{when}载入）。"
        )


def _acting_user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def do_load_year(
    year_data: YearCalendar | YearNotice,
    user: Any = None,
    *,
    replace: bool = True,
    notice_number: str | None = None,
    notice_date: date | None = None,
    source_name: str = "",
    source_text: str = "",
) -> HolidayYear:
    """Store one year's notice, replacing the year's rows if it is loaded already.

    ``year_data`` is a ``YearNotice`` (a file read with ``read_year_notice``: its ranges are
    kept as the notice writes them) or a bare ``YearCalendar`` (ranges are then the runs of
    consecutive holidays of one name).  With ``replace=False`` a loaded year raises
    ``YearExistsError``.  ``year_loaded`` is sent after commit.
    """
    if isinstance(year_data, YearNotice):
        year_calendar = year_data.year_calendar
        ranges: list[RangeRow] = [(r.name, r.first, r.last) for r in year_data.ranges]
        makeups: list[MakeupRow] = list(year_data.makeups)
        notice_number = year_data.notice if notice_number is None else notice_number
        notice_date = notice_date or year_data.notice_date
    else:
        year_calendar = year_data
        ranges, makeups = ranges_of(year_calendar), makeups_of(year_calendar)
    # The rows must say exactly what the calendar says: what is stored is what is computed.
    if not same_days(year_calendar_from_rows(year_calendar.year, year_calendar.source, ranges, makeups), year_calendar):
        raise ValueError(f"{year_calendar.year}年的放假区间与放假日不一致")

    existing = HolidayYear.objects.select_for_update().filter(year=year_calendar.year).first()
    if existing is not None and not replace:
        raise YearExistsError(existing)
    holiday_year = existing or HolidayYear(year=year_calendar.year)
    holiday_year.notice_number = notice_number or ""
    holiday_year.notice_date = notice_date
    holiday_year.source = year_calendar.source
    holiday_year.source_name = source_name
    holiday_year.source_text = source_text
    holiday_year.loaded_at = timezone.now()
    holiday_year.loaded_by = _acting_user(user)
    holiday_year.revision = uuid.uuid4()
    holiday_year.full_clean()
    holiday_year._history_user = _acting_user(user)  # type: ignore[attr-defined]
    holiday_year.save()

    holiday_year.ranges.all().delete()
    holiday_year.makeup_days.all().delete()
    range_rows = [HolidayRange(holiday_year=holiday_year, name=n, start=s, end=e) for n, s, e in ranges]
    makeup_rows = [MakeupDay(holiday_year=holiday_year, date=d, name=n) for d, n in makeups]
    for row in (*range_rows, *makeup_rows):
        row.full_clean(validate_unique=False, validate_constraints=False)
    HolidayRange.objects.bulk_create(range_rows)
    MakeupDay.objects.bulk_create(makeup_rows)

    replaced = existing is not None
    acting = _acting_user(user)
    transaction.on_commit(lambda: _send_year_loaded(holiday_year, replaced, acting))
    return holiday_year


def _send_year_loaded(holiday_year: HolidayYear, replaced: bool, user: Any) -> None:
    for receiver, result in year_loaded.send_robust(
        HolidayYear, year=holiday_year.year, holiday_year=holiday_year, replaced=replaced, user=user
    ):
        if isinstance(result, Exception):
            logger.error(
                "year_loaded receiver %r failed for %s", receiver, holiday_year.year, exc_info=result
            )
