"""The reply clock of an application, derived from its events (never stored as truth).

Plain Python, no database: ``compute_clock(events, calendar, today)`` reads the event log and
returns the due date (a ``gongkai.workdays.DueDate`` with its Chinese explanation), the days
used and left, the overdue and provisional flags, and the side deadlines (补正 notice, fee
payment, consultation replies). Load a new holiday year and the next call gives the new
answer; nothing has to be recomputed in the database.

Rules (docs/casework.md):
- the period is 20 working days from the receipt date (条例第三十一条、第三十三条第一款);
- a 补正 restarts it from the day the supplemented application is received (第三十条); while
  the applicant has not supplemented, no reply period runs;
- consultations of a third party or another organ are left out (第三十二条、第三十四条、第三十三条
  第三款): the days from sending the letter to the reply, both ends included; one still open
  pauses the clock up to today;
- one extension of at most 20 working days (第三十三条第二款);
- the fee period — from the notice to payment — is left out as well (``ClockRules.fee_pauses_clock``;
  whether 109号 says so is UNCONFIRMED, so it is a setting);
- the clock stops on the day of the decision (答复).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from gongkai.casework.lifecycle import OPEN_STATES, EventKind, EventLike, State, full_date, replay
from gongkai.workdays.arithmetic import (
    DEFAULT_EXTENSION_REASON,
    DueDate,
    Extension,
    Pause,
    add_workdays,
    count_workdays,
)
from gongkai.workdays.model import Calendar


@dataclass(frozen=True)
class ClockRules:
    reply_workdays: int = 20  # 条例第三十三条第一款
    supplement_notice_workdays: int = 7  # 第三十条
    consultation_workdays: int = 15  # 第三十二条、第三十四条
    fee_payment_workdays: int = 20  # 109号 / 四川省通知（spec §6）
    fee_pauses_clock: bool = True  # UNCONFIRMED (spec §6): the fee period is left out of the reply period


CONSULTATION_REASONS = {
    "third_party": "征求第三方意见（条例第三十二条）",
    "other_organ": "征求其他机关意见（条例第三十四条）",
}
FEE_PAUSE_REASON = "收费通知发出至缴纳费用（国办函〔2020〕109号；是否不计入答复期限未经确认，可在设置中更改）"


@dataclass(frozen=True)
class SideDeadline:
    """A deadline beside the reply period: the 补正 notice, a consultation reply, fee payment."""

    label: str
    due: DueDate
    done_on: date | None  # when it was met (notice sent, reply received, fee paid)
    overdue: bool  # met late, or not met and past due while it still matters
    note: str = ""


@dataclass(frozen=True)
class Clock:
    state: State
    received_on: date
    start: date  # receipt, or the day the 补正 arrived
    start_reason: str
    due: DueDate | None  # None while waiting for the applicant's 补正: no reply period runs
    stopped_on: date | None  # the decision date
    paused: bool  # a consultation or the fee period is running now
    days_used: int
    days_left: int | None
    overdue: bool
    provisional: bool
    supplement_notice: SideDeadline
    supplement_deadline: date | None  # the period the organ set for the applicant
    consultations: tuple[SideDeadline, ...]
    fee_payment: SideDeadline | None
    summary: tuple[str, ...]

    @property
    def explanation(self) -> tuple[str, ...]:
        return (*self.summary, *(self.due.explanation if self.due else ()))


def parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def fee_receipt_date(notice_on: date, details: Mapping[str, Any]) -> tuple[date, str]:
    """The day the applicant received the fee notice: as recorded, else the day after sending."""
    recorded = parse_date(details.get("received_on"))
    if recorded is not None:
        return recorded, "申请人收到收费通知之日"
    return notice_on + timedelta(days=1), "未登记申请人收到通知的日期，按发出次日视为收到"


def compute_clock(
    events: Iterable[EventLike],
    calendar: Calendar,
    today: date,
    rules: ClockRules | None = None,
) -> Clock:
    rules = rules or ClockRules()
    events = list(events)
    status = replay(events)
    received = status.received_on
    start, start_reason = received, "收到申请之日（条例第三十一条）"
    pauses: list[Pause] = []
    extensions: list[Extension] = []
    open_consultations: dict[int, EventLike] = {}
    consultations: list[SideDeadline] = []
    consultation_count = 0
    supplement_requested_on: date | None = None
    supplement_deadline: date | None = None
    supplement_received = False
    fee_notice: EventLike | None = None
    fee_done: date | None = None
    stopped_on = status.decided_on
    # An open pause runs up to today, or to the decision if a withdrawal ended the case.
    open_end = stopped_on or today

    for event in events:
        kind = EventKind(event.kind)
        if kind is EventKind.SUPPLEMENT_REQUESTED:
            supplement_requested_on = event.date
            supplement_deadline = parse_date(event.details.get("deadline"))
        elif kind is EventKind.SUPPLEMENT_RECEIVED:
            # Art 30: the period is counted afresh from this day; earlier pauses no longer matter.
            start, start_reason = event.date, "收到补正材料之日（条例第三十条：自收到补正后的申请之日起计算）"
            pauses, supplement_received = [], True
        elif kind is EventKind.CONSULTATION_SENT:
            consultation_count += 1
            open_consultations[consultation_count] = event
        elif kind is EventKind.CONSULTATION_RETURNED:
            number = event.details.get("consultation") or next(iter(open_consultations))
            sent = open_consultations.pop(number)
            pauses.append(Pause(sent.date, event.date, _consultation_reason(sent)))
            consultations.append(_consultation_deadline(calendar, rules, number, sent, event.date, today))
        elif kind is EventKind.EXTENSION_APPROVED:
            reason = event.details.get("reason") or DEFAULT_EXTENSION_REASON
            extensions.append(Extension(event.details["workdays"], reason))
        elif kind is EventKind.FEE_NOTICE_SENT:
            fee_notice = event
        elif kind in (EventKind.FEE_PAID, EventKind.FEE_LAPSED):
            assert fee_notice is not None
            fee_done = event.date if kind is EventKind.FEE_PAID else None
            if rules.fee_pauses_clock:
                pauses.append(Pause(fee_notice.date, event.date, FEE_PAUSE_REASON))

    paused = False
    for number, sent in open_consultations.items():
        pauses.append(Pause(sent.date, max(open_end, sent.date), _consultation_reason(sent) + "，尚未答复，暂计至今日"))
        consultations.append(_consultation_deadline(calendar, rules, number, sent, None, today))
        paused = stopped_on is None
    fee_payment = None
    if fee_notice is not None:
        fee_open = status.state is State.AWAITING_FEE
        if fee_open and rules.fee_pauses_clock:
            reason = FEE_PAUSE_REASON + "，尚未缴费，暂计至今日"
            pauses.append(Pause(fee_notice.date, max(open_end, fee_notice.date), reason))
            paused = stopped_on is None
        fee_payment = _fee_deadline(calendar, rules, fee_notice, fee_done, fee_open, today)

    supplement_notice = _supplement_notice_deadline(calendar, rules, received, supplement_requested_on)
    waiting_for_supplement = supplement_requested_on is not None and not supplement_received
    summary: list[str] = []
    if waiting_for_supplement:
        due = None
        days_used, days_left, overdue, provisional = 0, None, False, supplement_notice.due.provisional
        summary.append(f"已于{full_date(supplement_requested_on)}告知补正：答复期限自收到补正材料之日起重新计算（条例第三十条）")  # type: ignore[arg-type]
        if supplement_deadline is not None:
            summary.append(f"补正期限：{full_date(supplement_deadline)}")
    else:
        due = add_workdays(calendar, start, rules.reply_workdays, pauses, extensions=extensions)
        end = stopped_on or today
        days_used = count_workdays(calendar, start, end, pauses) if end >= start else 0
        days_left = due.total_workdays - days_used
        overdue = end > due.date
        provisional = due.provisional
        summary.append(f"答复期限自{full_date(start)}起算：{start_reason}")
        summary.append(f"期限届满日：{full_date(due.date)}" + ("（暂定）" if provisional else ""))
        if stopped_on is not None:
            verdict = f"逾期{-days_left}个工作日" if overdue else f"在期限内，剩余{days_left}个工作日"
            summary.append(f"已于{full_date(stopped_on)}答复，用时{days_used}个工作日，{verdict}")
        elif overdue:
            summary.append(f"已逾期：截至{full_date(today)}已用{days_used}个工作日，超过{-days_left}个工作日")
        else:
            summary.append(f"截至{full_date(today)}已用{days_used}个工作日，剩余{days_left}个工作日")
        if paused:
            summary.append("计时暂停中：征求意见或缴费期间不计入答复期限，届满日按今日结束暂停计算，之后逐日顺延")

    return Clock(
        state=status.state,
        received_on=received,
        start=start,
        start_reason=start_reason,
        due=due,
        stopped_on=stopped_on,
        paused=paused and status.state in OPEN_STATES,
        days_used=days_used,
        days_left=days_left,
        overdue=overdue,
        provisional=provisional,
        supplement_notice=supplement_notice,
        supplement_deadline=supplement_deadline,
        consultations=tuple(sorted(consultations, key=lambda c: c.label)),
        fee_payment=fee_payment,
        summary=tuple(summary),
    )


def _consultation_reason(sent: EventLike) -> str:
    return CONSULTATION_REASONS.get(sent.details.get("party", ""), "征求意见（条例第三十二条、第三十四条）")


def supplement_notice_due(calendar: Calendar, received: date, rules: ClockRules | None = None) -> DueDate:
    """Art 30: the 补正 notice is due within 7 working days of receipt."""
    return add_workdays(calendar, received, (rules or ClockRules()).supplement_notice_workdays)


def _supplement_notice_deadline(
    calendar: Calendar, rules: ClockRules, received: date, sent_on: date | None
) -> SideDeadline:
    due = supplement_notice_due(calendar, received, rules)
    late = sent_on is not None and sent_on > due.date
    note = f"补正告知晚于法定期限（{full_date(due.date)}）" if late else ""
    return SideDeadline("补正告知期限（条例第三十条）", due, sent_on, late, note)


def consultation_due(calendar: Calendar, sent: EventLike, rules: ClockRules | None = None) -> tuple[DueDate, str]:
    """Arts 32/34: 15 working days from the day the other side receives the letter (the
    sending date when that day is not recorded)."""
    rules = rules or ClockRules()
    received = parse_date(sent.details.get("received_on"))
    note = "" if received else "未登记对方收到征求意见函的日期，按发函之日计算"
    return add_workdays(calendar, received or sent.date, rules.consultation_workdays), note


def _consultation_deadline(
    calendar: Calendar, rules: ClockRules, number: int, sent: EventLike, returned: date | None, today: date
) -> SideDeadline:
    due, note = consultation_due(calendar, sent, rules)
    party = sent.details.get("party", "")
    name = sent.details.get("name", "")
    what = "第三方" if party == "third_party" else "其他机关" if party == "other_organ" else ""
    label = f"第{number}次征求{what}意见答复期限" + (f"（{name}）" if name else "")
    if party == "other_organ":
        note = "；".join(filter(None, [note, "逾期未答复的，视为同意公开（条例第三十四条）"]))
    elif party == "third_party":
        note = "；".join(filter(None, [note, "逾期未提出意见的，由行政机关依照条例规定决定（条例第三十二条）"]))
    return SideDeadline(label, due, returned, (returned or today) > due.date, note)


def fee_payment_due(calendar: Calendar, notice: EventLike, rules: ClockRules | None = None) -> tuple[DueDate, str]:
    """20 working days from the day after the applicant received the fee notice."""
    rules = rules or ClockRules()
    received, how = fee_receipt_date(notice.date, notice.details)
    # "自收到收费通知次日起": the count begins the day after receipt whatever the calendar's
    # start-day setting says.
    return add_workdays(calendar, received, rules.fee_payment_workdays, count_start_day=False), how


def _fee_deadline(
    calendar: Calendar, rules: ClockRules, notice: EventLike, paid_on: date | None, still_open: bool, today: date
) -> SideDeadline:
    due, how = fee_payment_due(calendar, notice, rules)
    overdue = (paid_on is not None and paid_on > due.date) or (still_open and today > due.date)
    return SideDeadline("缴费期限", due, paid_on, overdue, how)
