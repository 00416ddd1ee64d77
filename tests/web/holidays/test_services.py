"""current_calendar(): the database's calendar, the same as gongkai.workdays' own, and
correct when another process changes a year."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.db import connection

from gongkai.holidays import services
from gongkai.holidays.actions import do_load_year
from gongkai.holidays.models import HolidayRange, HolidayYear, MakeupDay
from gongkai.holidays.services import calendar_status, current_calendar
from gongkai.workdays import add_workdays, count_workdays, default_calendar
from gongkai.workdays.yearfile import read_year_notice

from .conftest import EXAMPLE_2027

pytestmark = pytest.mark.django_db


def test_same_due_dates_as_the_library_calendar():
    calendar, library = current_calendar(), default_calendar()
    assert list(calendar.years) == list(library.years)
    due = add_workdays(calendar, date(2024, 9, 27), 20)
    assert due.date == date(2024, 10, 30) and not due.provisional
    assert due == add_workdays(library, date(2024, 9, 27), 20)
    assert add_workdays(calendar, date(2024, 12, 31), 20).date == date(2025, 2, 5)
    d = date(2019, 1, 1)
    while d.year < 2027:  # every day of the seeded years
        assert calendar.day(d) == library.day(d), d
        d = date.fromordinal(d.toordinal() + 1)


def test_loading_2027_turns_a_provisional_due_date_final():
    start = date(2026, 12, 20)
    before = add_workdays(current_calendar(), start, 20)
    assert before.provisional and before.unloaded_years == (2027,)
    assert "暂定" in "".join(before.explanation)

    do_load_year(read_year_notice(EXAMPLE_2027))

    after = add_workdays(current_calendar(), start, 20)
    assert not after.provisional and after.unloaded_years == ()
    assert after == add_workdays(default_calendar(extra_files=[EXAMPLE_2027]), start, 20)
    # 2027-01-01 (a Friday) was counted as a working day while 2027 was not loaded.
    assert after.date > before.date
    assert count_workdays(current_calendar(), start, after.date) == 20


def test_cached_calendar_costs_one_query(django_assert_num_queries):
    with django_assert_num_queries(4):  # version, then years, ranges, make-up days
        first = current_calendar()
    with django_assert_num_queries(1):
        assert current_calendar() is first


def test_count_start_day_setting(settings):
    assert current_calendar().count_start_day is False
    assert current_calendar(count_start_day=True).count_start_day is True
    # 2024-09-27 is a Friday: counted as day 1, the due date comes one working day earlier.
    assert add_workdays(current_calendar(count_start_day=True), date(2024, 9, 27), 20).date == date(2024, 10, 29)
    settings.GONGKAI_COUNT_START_DAY = True
    services.clear_calendar_cache()
    assert current_calendar().count_start_day is True


def test_a_change_made_by_another_process_is_seen_on_the_next_call():
    """Another process (a second web worker, the command) changes the database behind this
    process's cache: raw SQL here, so that nothing in this process is told about it."""
    warm = current_calendar()
    assert warm.status(date(2024, 2, 4)) == (True, "调休上班日")
    year_id = HolidayYear.objects.get(year=2024).pk
    table, year_table = MakeupDay._meta.db_table, HolidayYear._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE holiday_year_id = %s AND date = %s", [year_id, date(2024, 2, 4)])
        cursor.execute(f"UPDATE {year_table} SET revision = %s WHERE id = %s", [uuid.uuid4().hex, year_id])
    fresh = current_calendar()
    assert fresh is not warm
    assert fresh.status(date(2024, 2, 4)) == (False, "周日")
    assert current_calendar() is fresh


def test_a_year_removed_by_another_process_becomes_provisional():
    assert not add_workdays(current_calendar(), date(2026, 3, 1), 20).provisional
    with connection.cursor() as cursor:  # ranges and make-up days go with it (ON DELETE CASCADE in Django)
        cursor.execute(f"DELETE FROM {MakeupDay._meta.db_table} WHERE holiday_year_id IN "
                       f"(SELECT id FROM {HolidayYear._meta.db_table} WHERE year = 2026)")
        cursor.execute(f"DELETE FROM {HolidayRange._meta.db_table} WHERE holiday_year_id IN "
                       f"(SELECT id FROM {HolidayYear._meta.db_table} WHERE year = 2026)")
        cursor.execute(f"DELETE FROM {HolidayYear._meta.db_table} WHERE year = 2026")
    due = add_workdays(current_calendar(), date(2026, 3, 1), 20)
    assert due.provisional and due.unloaded_years == (2026,)


def test_an_inconsistent_year_is_provisional_not_an_error(monkeypatch):
    logged: list[tuple] = []
    monkeypatch.setattr(services.logger, "exception", lambda *args, **kwargs: logged.append(args))
    year = HolidayYear.objects.get(year=2025)
    year.ranges.all().delete()  # behind do_load_year's back: no holidays left
    HolidayYear.objects.filter(pk=year.pk).update(revision=uuid.uuid4())
    calendar = current_calendar()
    assert not calendar.is_loaded(2025) and calendar.is_loaded(2024)
    assert add_workdays(calendar, date(2025, 9, 20), 20).unloaded_years == (2025,)
    assert logged and logged[0][1] == 2025


def test_calendar_status_warns_about_a_missing_next_year():
    status = calendar_status(date(2026, 11, 27))
    assert status.loaded_years == tuple(range(2019, 2027))
    assert status.missing_years == (2027,) and not status.ok
    assert status.warning == "2027年的节假日安排尚未载入：涉及2027年的期限均为暂定。"
    assert calendar_status(date(2028, 3, 1)).warning == "2028年、2029年的节假日安排尚未载入：涉及这些年份的期限均为暂定。"
    do_load_year(read_year_notice(EXAMPLE_2027))
    loaded = calendar_status(date(2026, 11, 27))
    assert loaded.ok and loaded.warning == "" and 2027 in loaded.loaded_years
    assert calendar_status(date(2027, 6, 1)).warning == "2028年的节假日安排尚未载入：涉及2028年的期限均为暂定。"
