"""do_load_year: validation, replacement, history, and the year_loaded signal after commit."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from gongkai.holidays import actions
from gongkai.holidays.actions import YearExistsError, do_load_year
from gongkai.holidays.models import HolidayYear
from gongkai.holidays.services import current_calendar
from gongkai.holidays.signals import year_loaded
from gongkai.workdays.model import YearCalendar
from gongkai.workdays.seed import chinesecalendar_year
from gongkai.workdays.yearfile import read_year_notice

from .conftest import EXAMPLE_2027

pytestmark = pytest.mark.django_db


def test_load_a_notice_file(make_user, django_capture_on_commit_callbacks):
    officer = make_user("officer")
    notice = read_year_notice(EXAMPLE_2027)
    with django_capture_on_commit_callbacks(execute=True):
        year = do_load_year(notice, officer, source_name="2027.json", source_text=EXAMPLE_2027.read_text("utf-8"))
    year.refresh_from_db()
    assert (year.year, year.notice_number, year.notice_date) == (2027, notice.notice, date(2026, 11, 1))
    assert year.loaded_by == officer and year.source_name == "2027.json" and '"year": 2027' in year.source_text
    assert [(r.name, r.start, r.end) for r in year.ranges.all()] == [(r.name, r.first, r.last) for r in notice.ranges]
    assert [(m.date, m.name) for m in year.makeup_days.all()] == list(notice.makeups)
    record = year.history.get()
    assert record.history_type == "+" and record.history_user == officer
    assert current_calendar().years[2027] == notice.year_calendar


def test_replace_needs_to_be_asked_for(django_capture_on_commit_callbacks, loaded_signals):
    notice = read_year_notice(EXAMPLE_2027)
    with django_capture_on_commit_callbacks(execute=True):
        first = do_load_year(notice)
    with pytest.raises(YearExistsError, match="2027年的节假日安排已经载入"):
        do_load_year(notice, replace=False)
    assert HolidayYear.objects.get(year=2027).revision == first.revision
    with django_capture_on_commit_callbacks(execute=True):
        second = do_load_year(notice)
    assert second.pk == first.pk and second.revision != first.revision
    assert second.ranges.count() == len(notice.ranges)
    assert second.history.count() == 2
    assert [s["replaced"] for s in loaded_signals] == [False, True]


def test_a_bare_year_calendar_round_trips():
    seeded = chinesecalendar_year(2024)
    before = list(HolidayYear.objects.get(year=2024).ranges.values_list("name", "start", "end"))
    do_load_year(seeded)
    year = HolidayYear.objects.get(year=2024)
    assert list(year.ranges.values_list("name", "start", "end")) == before
    assert year.notice_number == ""  # a bare calendar carries no notice; the seed's came from KNOWN_NOTICES


def test_invalid_rows_are_refused():
    with pytest.raises(ValueError, match="不是周末"):
        YearCalendar(2027, frozenset({date(2027, 1, 1)}), frozenset({date(2027, 1, 4)}), "x")
    long_name = YearCalendar(2027, frozenset({date(2027, 1, 1)}), frozenset(), "x", {date(2027, 1, 1): "节" * 101})
    with pytest.raises(Exception, match="100"):
        do_load_year(long_name)
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_signal_is_sent_once_on_commit(django_capture_on_commit_callbacks, loaded_signals, make_user):
    officer = make_user("officer")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        year = do_load_year(read_year_notice(EXAMPLE_2027), officer)
    assert loaded_signals == []  # not before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert loaded_signals == [
        {"sender": HolidayYear, "signal": year_loaded, "year": 2027, "holiday_year": year, "replaced": False,
         "user": officer}
    ]


def test_no_signal_on_rollback(django_capture_on_commit_callbacks, loaded_signals):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            do_load_year(read_year_notice(EXAMPLE_2027))
            raise RuntimeError("rolled back")
    assert callbacks == [] and loaded_signals == []
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_receivers_see_the_new_calendar_and_a_failing_one_is_logged(
    django_capture_on_commit_callbacks, monkeypatch
):
    seen: list[bool] = []
    logged: list[tuple] = []

    def recompute(sender, *, year, **kwargs):
        seen.append(current_calendar().is_loaded(year))

    def broken(sender, **kwargs):
        raise RuntimeError("casework is down")

    monkeypatch.setattr(actions.logger, "error", lambda *args, **kwargs: logged.append(args))
    year_loaded.connect(broken, dispatch_uid="tests.broken")
    year_loaded.connect(recompute, dispatch_uid="tests.recompute")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            do_load_year(read_year_notice(EXAMPLE_2027))
    finally:
        year_loaded.disconnect(dispatch_uid="tests.broken")
        year_loaded.disconnect(dispatch_uid="tests.recompute")
    assert seen == [True]
    assert len(logged) == 1 and logged[0][2] == 2027
    assert HolidayYear.objects.filter(year=2027).exists()


@pytest.mark.django_db(transaction=True)
def test_signal_after_a_real_commit(loaded_signals):
    do_load_year(read_year_notice(EXAMPLE_2027))  # autocommit: its own transaction
    assert [s["year"] for s in loaded_signals] == [2027]
    loaded_signals.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        do_load_year(read_year_notice(EXAMPLE_2027))
        raise RuntimeError
    assert loaded_signals == []
    assert HolidayYear.objects.get(year=2027).history.count() == 1
