"""Properties of the deadline arithmetic over random starts, lengths, holidays and pauses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import Calendar, Pause, add_workdays, count_workdays, default_calendar, extend

CALENDAR = default_calendar()
CALENDARS = {False: CALENDAR, True: CALENDAR.with_setting(True)}

# From before the first seeded year to after the last, so that some spans leave them.
starts = st.dates(min_value=date(2018, 11, 1), max_value=date(2027, 3, 1))
lengths = st.integers(min_value=1, max_value=60)
settings_ = st.booleans()


@st.composite
def pauses(draw, start: date) -> list[Pause]:
    result = []
    for _ in range(draw(st.integers(0, 2))):
        first = start + timedelta(days=draw(st.integers(-5, 60)))
        result.append(Pause(first, first + timedelta(days=draw(st.integers(0, 30))), "征求意见"))
    return result


@settings(max_examples=300, deadline=None)
@given(starts, lengths, settings_)
def test_due_date_is_always_a_working_day(start, n, counts_start):
    due = add_workdays(CALENDARS[counts_start], start, n)
    assert CALENDAR.is_workday(due.date)
    assert due.date >= start


@settings(max_examples=300, deadline=None)
@given(starts, lengths, settings_)
def test_count_inverts_add(start, n, counts_start):
    calendar = CALENDARS[counts_start]
    due = add_workdays(calendar, start, n)
    assert count_workdays(calendar, start, due.date) == n
    # The due date is the first day the count reaches n.
    if due.date > start:
        assert count_workdays(calendar, start, due.date - timedelta(days=1)) == n - 1


@settings(max_examples=200, deadline=None)
@given(st.data(), starts, lengths, settings_)
def test_pauses_never_make_the_due_date_earlier_and_count_agrees(data, start, n, counts_start):
    calendar = CALENDARS[counts_start]
    paused = data.draw(pauses(start))
    with_pauses = add_workdays(calendar, start, n, paused)
    assert with_pauses.date >= add_workdays(calendar, start, n).date
    assert count_workdays(calendar, start, with_pauses.date, paused) == n
    assert not any(with_pauses.date in p for p in paused)


@settings(max_examples=200, deadline=None)
@given(starts, lengths, st.integers(min_value=0, max_value=90))
def test_adding_a_holiday_never_makes_a_due_date_earlier(start, n, offset):
    extra = start + timedelta(days=offset)
    if not CALENDAR.is_loaded(extra.year):
        return
    year = CALENDAR.years[extra.year]
    more = replace(year, holidays=year.holidays | {extra}, makeup_workdays=year.makeup_workdays - {extra})
    before = add_workdays(CALENDAR, start, n)
    after = add_workdays(CALENDAR.with_year(more), start, n)
    assert after.date >= before.date


@settings(max_examples=300, deadline=None)
@given(starts, lengths, settings_)
def test_provisional_iff_the_span_leaves_the_loaded_years(start, n, counts_start):
    due = add_workdays(CALENDARS[counts_start], start, n)
    first = start if counts_start else start + timedelta(days=1)
    left = any(not CALENDAR.is_loaded(y) for y in range(first.year, due.date.year + 1))
    assert due.provisional == left
    assert ("暂定" in due.explanation[-1]) == left


@settings(max_examples=300, deadline=None)
@given(starts, lengths)
def test_counting_the_start_day_shifts_by_exactly_one_working_day(start, n):
    not_counted = add_workdays(CALENDARS[False], start, n).date
    counted = add_workdays(CALENDARS[True], start, n).date
    if CALENDAR.is_workday(start):
        assert counted < not_counted
        assert count_workdays(CALENDAR, counted, not_counted) == 1
    else:
        assert counted == not_counted


@settings(max_examples=200, deadline=None)
@given(starts, lengths, st.integers(min_value=1, max_value=20), settings_)
def test_an_extension_is_the_same_as_asking_for_the_total(start, n, more, counts_start):
    calendar = CALENDARS[counts_start]
    extended = extend(calendar, add_workdays(calendar, start, n), more)
    assert extended.date == add_workdays(calendar, start, n + more).date
    assert extended.total_workdays == n + more


@settings(max_examples=100, deadline=None)
@given(starts, lengths)
def test_steps_cover_every_day_once(start, n):
    due = add_workdays(CALENDAR, start, n)
    day = start + timedelta(days=1)
    for step in due.steps:
        assert step.first == day
        day = step.last + timedelta(days=1)
    assert due.steps[-1].last == due.date
    assert sum(s.counted for s in due.steps) == n


def test_calendar_rejects_a_mislabelled_year():
    import pytest

    with pytest.raises(ValueError, match="年份不一致"):
        Calendar({2025: CALENDAR.years[2024]})
