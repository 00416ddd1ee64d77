"""The legal periods of a case (spec §2), each with its start, due date, article and state.

The periods are data in ``gongkai.statute.remedies``; this module maps each period's start and
end to the dates recorded on a case and does the arithmetic:

- working-day periods (复议法第八十八条: its 三日、五日、七日、十日) use ``gongkai.workdays`` with the
  statutory calendar, so a Spring Festival or a 调休 Saturday is handled as for applications;
- calendar-day and month periods follow 民事诉讼法第八十五条 (applied by 复议法第八十八条 and
  行政诉讼法第一百零一条): the start day is not counted, and a period whose last day is not a
  working day ends on the next working day. A month period ends on the same day of the month
  N months later, or that month's last day when it has none (民法典第二百零二条).

Nothing here writes to the database; ``legal_periods`` reads the case and its linked records.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from typing import Any

from gongkai.casework.calendar import calendar as statutory_calendar
from gongkai.casework.lifecycle import full_date
from gongkai.statute.remedies import (
    CALENDAR_PERIOD_RULE,
    Duty,
    End,
    LegalPeriod,
    PeriodUnit,
    RemedyKind,
    Start,
    duty_label,
    periods_for,
    start_label,
)
from gongkai.workdays.arithmetic import add_workdays
from gongkai.workdays.model import Calendar

# A period due within this many calendar days is flagged as due soon on the list.
SOON_DAYS = 3


class PeriodState(str, Enum):
    MET = "met"  # done on or before the due date
    LATE = "late"  # done after the due date
    RUNNING = "running"  # not done yet, due date ahead
    OVERDUE = "overdue"  # not done, due date passed
    DEEMED = "deemed"  # 复议 acceptance review lapsed: deemed accepted (复议法第三十条)
    UNRECORDED = "unrecorded"  # the case is decided but the event was not recorded
    UNKNOWN = "unknown"  # the start date is not recorded


STATE_LABELS = {
    PeriodState.MET: "按期",
    PeriodState.LATE: "逾期完成",
    PeriodState.RUNNING: "进行中",
    PeriodState.OVERDUE: "已逾期",
    PeriodState.DEEMED: "视为受理",
    PeriodState.UNRECORDED: "未登记",
    PeriodState.UNKNOWN: "起算日未登记",
}
STATE_BADGES = {
    PeriodState.MET: "badge-ok",
    PeriodState.LATE: "badge-warn",
    PeriodState.RUNNING: "badge-info",
    PeriodState.OVERDUE: "badge-bad",
    PeriodState.DEEMED: "badge-info",
    PeriodState.UNRECORDED: "badge-warn",
    PeriodState.UNKNOWN: "badge-warn",
}
END_LABELS = {
    End.FILED: "申请（起诉）日期",
    End.ACCEPTED: "受理（立案）日期",
    End.ANSWERED: "提交答复（答辩）日期",
    End.DECIDED: "审结日期",
}


@dataclass(frozen=True)
class Due:
    date: date
    provisional: bool  # a year on the way has no loaded holiday notice
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class PeriodStatus:
    period: LegalPeriod
    start: date | None
    start_note: str  # where the start date came from, when not recorded directly
    due: Due | None
    done_on: date | None
    state: PeriodState
    days_left: int | None  # calendar days until the due date, while running or overdue (negative)
    kind: RemedyKind = RemedyKind.REVIEW

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]

    @property
    def duty_label(self) -> str:
        return duty_label(self.period.duty, self.kind)

    @property
    def start_label(self) -> str:
        return start_label(self.period.start, self.kind)

    @property
    def end_label(self) -> str:
        return END_LABELS[self.period.end]

    @property
    def is_ours(self) -> bool:
        """The respondent agency must act within it (answer, defence)."""
        return self.period.duty is Duty.RESPONDENT

    @property
    def is_open(self) -> bool:
        return self.state in (PeriodState.RUNNING, PeriodState.OVERDUE)

    @property
    def is_soon(self) -> bool:
        return self.state is PeriodState.RUNNING and self.days_left is not None and self.days_left <= SOON_DAYS


# --- arithmetic ------------------------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day when it has none."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, _calendar.monthrange(year, month)[1]))


def _roll_to_workday(cal: Calendar, last: date) -> tuple[date, list[str]]:
    notes: list[str] = []
    day = last
    while not cal.is_workday(day):
        day += timedelta(days=1)
    if day != last:
        reason = cal.day(last).reason or "休息日"
        notes.append(f"{full_date(last)}为{reason}，顺延至其后第一个工作日{full_date(day)}")
    return day, notes


def due_date(cal: Calendar, start: date, length: int, unit: PeriodUnit) -> Due:
    """The last day of a period of ``length`` units starting on ``start``."""
    if unit is PeriodUnit.WORKDAYS:
        due = add_workdays(cal, start, length, count_start_day=False)
        return Due(due.date, due.provisional, due.explanation)
    if unit is PeriodUnit.DAYS:
        last = start + timedelta(days=length)
        what = f"{length}日"
    else:
        last = add_months(start, length)
        what = f"{length}个月"
    day, notes = _roll_to_workday(cal, last)
    lines = [
        f"起算日：{full_date(start)}，当日不计入",
        f"期间：{what}，届满于{full_date(last)}",
        *notes,
        f"期限届满日：{full_date(day)}",
        f"依据：{CALENDAR_PERIOD_RULE}",
    ]
    provisional = bool(cal.unloaded_years(start, day))
    if provisional:
        lines.append("该期间经过的年份尚未载入节假日安排，届满日为暂定")
    return Due(day, provisional, tuple(lines))


# --- the periods of a case ---------------------------------------------------------------------------


def _review_decided_on(case: Any) -> date | None:
    if case.review_case_id:
        return case.review_case.decided_on
    return case.review_decided_on


def _start(case: Any, period: LegalPeriod, acceptance: PeriodStatus | None) -> tuple[date | None, str]:
    start = period.start
    if start is Start.KNEW_ACT:
        if case.knew_on:
            return case.knew_on, ""
        if case.application_id and case.application.decided_on:
            return case.application.decided_on, "未登记知道之日，按所涉申请的答复日期起算"
        return None, ""
    if start is Start.FILED:
        return case.filed_on, ""
    if start is Start.ACCEPTED:
        if case.accepted_on:
            return case.accepted_on, ""
        if acceptance is not None and acceptance.state is PeriodState.DEEMED and acceptance.due:
            return acceptance.due.date, "审查期限届满未作出不予受理决定，自届满之日起视为受理"
        return None, ""
    if start is Start.COPY_RECEIVED:
        if case.copy_received_on:
            return case.copy_received_on, ""
        if case.accepted_on:
            return case.accepted_on, "未登记收到副本日期，暂按受理（立案）日期起算（偏早，从严提示）"
        return None, ""
    if start is Start.REVIEW_DECIDED:
        decided = _review_decided_on(case)
        if decided and case.review_case_id and not case.review_decided_on:
            return decided, "按行政复议决定日期起算（收到决定书之日可能更晚）"
        return decided, ""
    raise AssertionError(start)


def _done_on(case: Any, end: End) -> date | None:
    return {
        End.FILED: case.filed_on,
        End.ACCEPTED: case.accepted_on,
        End.ANSWERED: case.answered_on,
        End.DECIDED: case.decided_on,
    }[end]


def _status(
    case: Any, period: LegalPeriod, cal: Calendar, today: date, acceptance: PeriodStatus | None
) -> PeriodStatus:
    start, note = _start(case, period, acceptance)
    done = _done_on(case, period.end)
    if start is None:
        return PeriodStatus(period, None, note, None, done, PeriodState.UNKNOWN, None)
    length = period.length
    if period.extension and getattr(case, "decision_extended", False):
        length += period.extension
    due = due_date(cal, start, length, period.unit)
    if done is not None:
        state = PeriodState.MET if done <= due.date else PeriodState.LATE
        return PeriodStatus(period, start, note, due, done, state, None)
    days_left = (due.date - today).days
    if period.end is End.ACCEPTED and case.decided_on is None and days_left < 0:
        return PeriodStatus(period, start, note, due, None, PeriodState.DEEMED, None)
    if case.decided_on is not None and period.end is not End.DECIDED:
        # Decided: the step happened or no longer matters, but was not recorded.
        state = PeriodState.DEEMED if period.end is End.ACCEPTED else PeriodState.UNRECORDED
        return PeriodStatus(period, start, note, due, None, state, None)
    state = PeriodState.OVERDUE if days_left < 0 else PeriodState.RUNNING
    return PeriodStatus(period, start, note, due, None, state, days_left)


def legal_periods(case: Any, *, today: date | None = None, cal: Calendar | None = None) -> list[PeriodStatus]:
    """The periods that apply to ``case`` (its kind and procedure), in the order they run."""
    from django.utils import timezone

    today = today or timezone.localdate()
    cal = cal or statutory_calendar()
    result: list[PeriodStatus] = []
    acceptance: PeriodStatus | None = None
    kind = RemedyKind(case.kind)
    for period in periods_for(kind, case.procedure):
        status = replace(_status(case, period, cal, today, acceptance), kind=kind)
        if period.end is End.ACCEPTED:
            acceptance = status
        result.append(status)
    return result


def next_deadline(statuses: list[PeriodStatus]) -> PeriodStatus | None:
    """What the list flags for a case: the agency's own open period first, else the body's."""
    open_ = [s for s in statuses if s.is_open and s.due is not None]
    if not open_:
        return None
    ours = [s for s in open_ if s.is_ours]
    pool = ours or [s for s in open_ if s.period.duty is Duty.BODY] or open_
    return min(pool, key=lambda s: s.due.date if s.due else date.max)
