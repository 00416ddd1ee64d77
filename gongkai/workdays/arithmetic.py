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
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import Enum

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
    steps: tuple[Step, ...]
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    explanation: tuple[str, ...] = field(default=(), compare=False)

    @property
    def total_workdays(self) -> int:
        return self.workdays + sum(e.workdays for e in self.extensions)


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
    _check_days(n, "工作日数")
    extensions = tuple(extensions)
    for e in extensions:
        _check_days(e.workdays, "延长的工作日数")
    pauses = _normalise_pauses(pauses)
    first, counts_start = _first_day(calendar, start, count_start_day)
    thresholds = [n]
    for e in extensions:
        thresholds.append(thresholds[-1] + e.workdays)
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
    due_date = steps[-1].last
    unloaded = calendar.unloaded_years(first, due_date)
    due = DueDate(
        date=due_date,
        start=start,
        workdays=n,
        count_start_day=counts_start,
        provisional=bool(unloaded),
        unloaded_years=unloaded,
        steps=tuple(steps),
        pauses=pauses,
        extensions=extensions,
    )
    from gongkai.workdays.explanation import explanation_lines

    return replace(due, explanation=tuple(explanation_lines(due)))


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
    total = 0
    d = first
    while d <= end:
        if calendar.is_workday(d) and not any(d in p for p in pauses):
            total += 1
        d += ONE_DAY
    return total
