"""Migrating fills in 2019–2026 from chinesecalendar, through gongkai.workdays' seed."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps

from gongkai.holidays.actions import do_load_year
from gongkai.holidays.models import HolidayRange, HolidayYear, MakeupDay
from gongkai.holidays.rows import makeups_of, ranges_of, same_days
from gongkai.holidays.seeding import seed_after_migrate, seed_missing_years
from gongkai.holidays.services import current_calendar
from gongkai.workdays.model import YearCalendar
from gongkai.workdays.seed import SEED_YEARS, chinesecalendar_year

pytestmark = pytest.mark.django_db


def test_migrate_seeds_2019_to_2026():
    assert list(HolidayYear.objects.order_by("year").values_list("year", flat=True)) == list(SEED_YEARS)
    for year in SEED_YEARS:
        seeded = chinesecalendar_year(year)
        row = HolidayYear.objects.get(year=year)
        assert row.source == seeded.source
        assert row.ranges.count() == len(ranges_of(seeded))
        assert row.makeup_days.count() == len(makeups_of(seeded))
    assert HolidayRange.objects.count() == sum(len(ranges_of(chinesecalendar_year(y))) for y in SEED_YEARS)


def test_known_2024_notice():
    year = HolidayYear.objects.get(year=2024)
    assert year.notice_number == "国办发明电〔2023〕7号"
    assert year.loaded_by is None
    assert MakeupDay.objects.get(holiday_year=year, date=date(2024, 2, 4)).name == "春节"
    assert set(year.makeup_days.values_list("date", flat=True)) == {
        date(2024, 2, 4), date(2024, 2, 18), date(2024, 4, 7), date(2024, 4, 28),
        date(2024, 5, 11), date(2024, 9, 14), date(2024, 9, 29), date(2024, 10, 12),
    }
    spring = year.ranges.get(name="春节")
    assert (spring.start, spring.end, spring.days) == (date(2024, 2, 10), date(2024, 2, 17), 8)
    # 2025: 国庆节 and 中秋节 share one range, as the notice writes it.
    national = HolidayRange.objects.get(holiday_year__year=2025, start=date(2025, 10, 1))
    assert (national.name, national.end) == ("国庆节、中秋节", date(2025, 10, 8))


def test_stored_years_say_what_the_seed_says():
    calendar = current_calendar()
    for year in SEED_YEARS:
        assert same_days(calendar.years[year], chinesecalendar_year(year)), year


def test_seeding_is_idempotent_and_fills_gaps_only():
    assert seed_missing_years() == []
    HolidayYear.objects.filter(year=2020).delete()
    assert seed_missing_years() == [2020]
    assert HolidayYear.objects.get(year=2020).ranges.count() == len(ranges_of(chinesecalendar_year(2020)))
    assert seed_missing_years() == []


def test_seeding_leaves_a_replaced_year_alone():
    do_load_year(YearCalendar(
        year=2026,
        holidays=frozenset({date(2026, 1, 1)}),
        makeup_workdays=frozenset(),
        source="测试用文件",
        holiday_names={date(2026, 1, 1): "元旦"},
    ))
    seed_after_migrate(apps.get_app_config("holidays"), apps=apps, using="default", verbosity=0)
    assert HolidayYear.objects.get(year=2026).source == "测试用文件"
    assert HolidayYear.objects.get(year=2026).ranges.count() == 1


@pytest.mark.django_db(transaction=True)
def test_seed_survives_the_flush_between_transactional_tests():
    # pytest-django flushes every table after a transactional test; flush sends post_migrate,
    # so the seed years are back for the next test whatever order the tests run in.
    assert HolidayYear.objects.filter(year__in=SEED_YEARS).count() == len(SEED_YEARS)
