"""Deadline arithmetic: add N working days, count the working days between two dates.

Both walk the same days in the same way, so ``count_workdays(start, add_workdays(start,
n).date) == n`` holds by construction.  The walk records every day as a ``Step`` run, from
which the Chinese explanation is written (``explanation``).

Rules (see docs/workdays.md):
- the start day is not counted unless ``Calendar.count_start_day`` (spec §2: UNCONFIRMED;
  default from the 民事诉讼法 Art 85 analogy);
- 调休上班 days count as working days (the natural reading; UNCONFIRMED);
- pauses (Arts 32/34 consultations) are inclusive date ranges whose working days are not
  counted;
- an extension (Art 33) is more working days added to the same count: ``extend``.

Speed: lists compute thousands of due dates per page. The date itself comes from an index
of the calendar's working days (``_WorkdayIndex``: a running count per day), so adding or
counting is a few list look-ups whatever the span; the day-by-day walk that records the
steps runs only when ``steps`` or ``explanation`` is read, and gives the same date. A due
date without pauses or extensions is memoised per calendar: it is immutable, and a list
has many cases received on the same day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from functools import cached_property

from gongkai.workdays.model import Calendar, Day

ONE_DAY = timedelta(days=1)
DEFAULT_EXTENSION_REASON = "经政府信息公开工作机构负责人同意延长答复期限（条例第三十三条）"


class StepKind(str, Enum):
    WORKDAY = "workday"
    MAKEUP = "makeup"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    PAUSED = "paused"


@dataclass(frozen=True)
class Pause:
    """Days excluded from the count, both ends included (e.g. a third-party consultation)."""

    first: date
    last: date
    reason: str

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise ValueError(f"暂停期间起止日期颠倒：{self.first.isoformat()} 晚于 {self.last.isoformat()}")

    def __contains__(self, d: date) -> bool:
        return self.first <= d <= self.last


@dataclass(frozen=True)
class Extension:
    workdays: int
    reason: str = DEFAULT_EXTENSION_REASON


@dataclass(frozen=True)
class Step:
    """A run of consecutive days treated alike; ``total`` is the running count after it."""

    kind: StepKind
    first: date
    last: date
    reason: str  # the holiday's name, the pause's reason; empty otherwise
    counted: int  # working days counted in this run
    total: int
    provisional: bool  # the run lies in a year whose notice is not loaded
    segment: int  # 0 for the original period, k for the k-th extension
    paused_workdays: int = 0  # working days a pause run took out of the count

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class DueDate:
    date: date
    start: date
    workdays: int  # the original period, without extensions
    count_start_day: bool
    provisional: bool
    unloaded_years: tuple[int, ...]
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    calendar: Calendar | None = field(default=None, repr=False, compare=False)

    @property
    def total_workdays(self) -> int:
        return self.workdays + sum(e.workdays for e in self.extensions)

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """Every day from the first counted one to the due date, in runs of days treated
        alike: what the explanation is written from. Walked on first use."""
        if self.calendar is None:
            return ()
        first = self.start if self.count_start_day else self.start + ONE_DAY
        thresholds = [self.workdays]
        for e in self.extensions:
            thresholds.append(thresholds[-1] + e.workdays)
        return _walk_steps(self.calendar, first, self.pauses, thresholds)

    @cached_property
    def explanation(self) -> tuple[str, ...]:
        from gongkai.workdays.explanation import explanation_lines

        return tuple(explanation_lines(self))


def _check_days(n: object, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{what}必须是正整数，实际为 {n!r}")
    return n


def _normalise_pauses(pauses: Iterable[Pause | tuple[date, date, str]]) -> tuple[Pause, ...]:
    return tuple(p if isinstance(p, Pause) else Pause(*p) for p in pauses)


def _first_day(calendar: Calendar, start: date, count_start_day: bool | None) -> tuple[date, bool]:
    counts = calendar.count_start_day if count_start_day is None else count_start_day
    return (start if counts else start + ONE_DAY), counts


def _walk(calendar: Calendar, first: date, pauses: tuple[Pause, ...]) -> Iterator[tuple[Day, int | None]]:
    """Every day from ``first`` on, with the index of the pause covering it (if any)."""
    d = first
    while True:
        yield calendar.day(d), next((i for i, p in enumerate(pauses) if d in p), None)
        d += ONE_DAY


def _step_key(day: Day, pause: int | None) -> tuple:
    if pause is not None:
        return (StepKind.PAUSED, pause)
    kind = StepKind(day.kind.value)
    name = day.name if kind in (StepKind.HOLIDAY, StepKind.MAKEUP) else ""
    return (kind, name)


def add_workdays(
    calendar: Calendar,
    start: date,
    n: int,
    pauses: Iterable[Pause | tuple[date, date, str]] = (),
    *,
    extensions: Iterable[Extension] = (),
    count_start_day: bool | None = None,
) -> DueDate:
    """The day on which the ``n``-th working day after ``start`` ends (plus any extensions).

    ``count_start_day`` overrides the calendar's setting for this one computation.
    """
    plain = not pauses and not extensions and type(n) is int  # a bool must still be refused
    if plain:
        index = _index(calendar)
        key = (start, n, calendar.count_start_day if count_start_day is None else count_start_day)
        memo = index.memo.get(key)
        if memo is not None:
            return memo
    _check_days(n, "工作日数")
    extensions = tuple(extensions)
    for e in extensions:
        _check_days(e.workdays, "延长的工作日数")
    pauses = _normalise_pauses(pauses)
    first, counts_start = _first_day(calendar, start, count_start_day)
    target = n + sum(e.workdays for e in extensions)
    due_date = _index(calendar).nth_workday(first, target, pauses)
    eager: tuple[Step, ...] | None = None
    if due_date is None:  # beyond the index: walk
        thresholds = [n]
        for e in extensions:
            thresholds.append(thresholds[-1] + e.workdays)
        eager = _walk_steps(calendar, first, pauses, thresholds)
        due_date = eager[-1].last
    unloaded = calendar.unloaded_years(first, due_date)
    due = DueDate(
        date=due_date,
        start=start,
        workdays=n,
        count_start_day=counts_start,
        provisional=bool(unloaded),
        unloaded_years=unloaded,
        pauses=pauses,
        extensions=extensions,
        calendar=calendar,
    )
    if eager is not None:
        due.__dict__["steps"] = eager  # what the cached property would compute
    if plain:
        index.remember(key, due)
    return due


def _walk_steps(calendar: Calendar, first: date, pauses: tuple[Pause, ...], thresholds: list[int]) -> tuple[Step, ...]:
    """The day-by-day walk from ``first`` until the last threshold is counted, as runs."""
    target = thresholds[-1]
    steps: list[Step] = []
    run: dict | None = None
    total = segment = 0
    for day, pause in _walk(calendar, first, pauses):
        key = (*_step_key(day, pause), day.provisional, segment)
        counted = day.is_workday and pause is None
        if run is None or run["key"] != key:
            if run is not None:
                steps.append(_close(run, total))
            run = {"key": key, "first": day.date, "last": day.date, "counted": 0, "paused": 0,
                   "pause": pauses[pause].reason if pause is not None else ""}
        run["last"] = day.date
        if counted:
            total += 1
            run["counted"] += 1
        elif pause is not None and day.is_workday:
            run["paused"] += 1
        if counted and total == thresholds[segment]:
            if total == target:
                break
            segment += 1
    assert run is not None
    steps.append(_close(run, total))
    return tuple(steps)


def _close(run: dict, total: int) -> Step:
    kind, name, provisional, segment = run["key"][0], run["key"][1], run["key"][-2], run["key"][-1]
    reason = run["pause"] if kind is StepKind.PAUSED else name
    return Step(kind, run["first"], run["last"], reason, run["counted"], total, provisional, segment,
                run["paused"])


def extend(calendar: Calendar, due: DueDate, n: int, reason: str = DEFAULT_EXTENSION_REASON) -> DueDate:
    """The due date after an extension of ``n`` more working days (Art 33: at most 20 — the
    caller enforces that limit, since the arithmetic is the same for any clock)."""
    return add_workdays(
        calendar,
        due.start,
        due.workdays,
        due.pauses,
        extensions=(*due.extensions, Extension(_check_days(n, "延长的工作日数"), reason)),
        count_start_day=due.count_start_day,
    )


def count_workdays(
    calendar: Calendar,
    start: date,
    end: date,
    pauses: Iterable[Pause | tuple[date, date, str]] = (),
    *,
    count_start_day: bool | None = None,
) -> int:
    """Working days after ``start`` (or from it, with the setting) up to and including ``end``,
    leaving out pauses.  ``calendar.unloaded_years(start, end)`` says whether it is provisional."""
    if end < start:
        raise ValueError(f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}")
    pauses = _normalise_pauses(pauses)
    first, _ = _first_day(calendar, start, count_start_day)
    counted = _index(calendar).count(first, end, pauses)
    if counted is not None:
        return counted
    total = 0
    d = first
    while d <= end:
        if calendar.is_workday(d) and not any(d in p for p in pauses):
            total += 1
        d += ONE_DAY
    return total


# --- the index of working days ---------------------------------------------------------------

_INDEX_YEARS_BEFORE = 2  # the index covers the loaded years and a few either side
_INDEX_YEARS_AFTER = 5
_MEMO_SIZE = 100_000


class _WorkdayIndex:
    """The working days of a span of years as lists: ``before[i]`` is the number of working
    days before day ``base + i``, ``ordinals`` the working days in order. Built once per
    calendar from ``Calendar.is_workday``, so it says exactly what the walk says."""

    def __init__(self, calendar: Calendar) -> None:
        years = list(calendar.years) or [date.today().year]
        begin = date(min(years) - _INDEX_YEARS_BEFORE, 1, 1)
        end = date(max(years) + _INDEX_YEARS_AFTER, 12, 31)
        self.base = begin.toordinal()
        self.last = end.toordinal()
        self.before: list[int] = [0]
        self.ordinals: list[int] = []
        for ordinal in range(self.base, self.last + 1):
            if calendar.is_workday(date.fromordinal(ordinal)):
                self.ordinals.append(ordinal)
            self.before.append(len(self.ordinals))
        self.memo: dict[tuple[date, int, bool], DueDate] = {}

    def remember(self, key: tuple[date, int, bool], due: DueDate) -> None:
        if len(self.memo) >= _MEMO_SIZE:
            self.memo.clear()
        self.memo[key] = due

    def _paused(self, first: int, last: int, spans: list[tuple[int, int]]) -> int:
        """Working days in [first, last] covered by the (merged) pause spans."""
        before, base = self.before, self.base
        total = 0
        for a, b in spans:
            if a > last:
                break
            lo, hi = max(a, first), min(b, last)
            if lo <= hi:
                total += before[hi + 1 - base] - before[lo - base]
        return total

    def nth_workday(self, first: date, target: int, pauses: tuple[Pause, ...]) -> date | None:
        """The day the ``target``-th working day from ``first`` (not in a pause) is counted;
        None outside the index."""
        start = first.toordinal()
        if not self.base <= start <= self.last:
            return None
        already = self.before[start - self.base]
        spans = _merged(pauses)
        skipped = 0
        # The answer is the working day with ``target`` unpaused working days up to it; each
        # round moves the guess past the paused ones found so far, never beyond the answer.
        while True:
            position = already + target - 1 + skipped
            if position >= len(self.ordinals):
                return None
            due = self.ordinals[position]
            paused = self._paused(start, due, spans) if spans else 0
            if paused == skipped:
                return date.fromordinal(due)
            skipped = paused

    def count(self, first: date, end: date, pauses: tuple[Pause, ...]) -> int | None:
        """Working days in [first, end] outside the pauses; None outside the index."""
        a, b = first.toordinal(), end.toordinal()
        if a > b:
            return 0
        if a < self.base or b > self.last:
            return None
        total = self.before[b + 1 - self.base] - self.before[a - self.base]
        return total - self._paused(a, b, _merged(pauses)) if pauses else total


def _merged(pauses: tuple[Pause, ...]) -> list[tuple[int, int]]:
    """Pauses as sorted, non-overlapping ordinal spans (a day in two pauses is one day)."""
    spans: list[tuple[int, int]] = []
    for a, b in sorted((p.first.toordinal(), p.last.toordinal()) for p in pauses):
        if spans and a <= spans[-1][1] + 1:
            if b > spans[-1][1]:
                spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def _index(calendar: Calendar) -> _WorkdayIndex:
    # Kept on the calendar itself: a Calendar is not changed after it is made (loading a
    # year makes a new one, ``with_year``), so its index never goes stale.
    index = calendar.__dict__.get("_workday_index")
    if index is None:
        index = calendar.__dict__["_workday_index"] = _WorkdayIndex(calendar)
    return index
