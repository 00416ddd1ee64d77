"""The working-day index that makes due dates fast gives what the day-by-day walk gives."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import Extension, Pause, add_workdays, count_workdays, default_calendar
from gongkai.workdays.arithmetic import _walk_steps

CALENDAR = default_calendar()
CALENDARS = {False: CALENDAR, True: CALENDAR.with_setting(True)}
# From well before the seeded years to well after them, so that some spans leave the index.
starts = st.dates(min_value=date(2014, 1, 1), max_value=date(2033, 12, 1))


@st.composite
def pauses(draw, start: date) -> list[Pause]:
    result = []
    for _ in range(draw(st.integers(0, 3))):
        first = start + timedelta(days=draw(st.integers(-10, 80)))
        result.append(Pause(first, first + timedelta(days=draw(st.integers(0, 40))), "征求意见"))
    return result


def _walked_count(start: date, end: date, paused: list[Pause], counts_start: bool) -> int:
    d, total = (start if counts_start else start + timedelta(days=1)), 0
    while d <= end:
        total += CALENDAR.is_workday(d) and not any(d in p for p in paused)
        d += timedelta(days=1)
    return total


@settings(max_examples=400, deadline=None)
@given(st.data(), starts, st.integers(1, 60), st.lists(st.integers(1, 20), max_size=2), st.booleans())
def test_indexed_due_date_is_the_walked_one(data, start, n, more, counts_start):
    calendar = CALENDARS[counts_start]
    paused = data.draw(pauses(start))
    due = add_workdays(calendar, start, n, paused, extensions=[Extension(m) for m in more])
    first = start if counts_start else start + timedelta(days=1)
    thresholds = [n]
    for m in more:
        thresholds.append(thresholds[-1] + m)
    walked = _walk_steps(calendar, first, tuple(paused), thresholds)
    assert due.date == walked[-1].last
    assert due.steps == walked
    assert due.explanation[-1].startswith(f"期限届满日：{due.date.year}年{due.date.month}月{due.date.day}日")


@settings(max_examples=400, deadline=None)
@given(st.data(), starts, st.integers(0, 120), st.booleans())
def test_indexed_count_is_the_walked_one(data, start, days, counts_start):
    paused = data.draw(pauses(start))
    end = start + timedelta(days=days)
    assert count_workdays(CALENDARS[counts_start], start, end, paused) == _walked_count(start, end, paused,
                                                                                        counts_start)


def test_memoised_due_dates_are_shared_and_still_refuse_bad_input():
    first = add_workdays(CALENDAR, date(2024, 9, 27), 20)
    assert add_workdays(CALENDAR, date(2024, 9, 27), 20) is first
    assert first.date == date(2024, 10, 30)
    # The setting is part of the memo's key: counting the start day is one working day earlier.
    assert add_workdays(CALENDAR, date(2024, 9, 27), 20, count_start_day=True).date == date(2024, 10, 29)
    try:
        add_workdays(CALENDAR, date(2024, 9, 27), True)  # True == 1, but it is not a number of days
    except ValueError as exc:
        assert "工作日数必须是正整数" in str(exc)
    else:
        raise AssertionError("a bool was accepted as a number of working days")
