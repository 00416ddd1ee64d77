"""The life of an application as a sequence of events, and the state it is in after them.

Plain Python, no Django: the models store events, this module says which sequences are
lawful and what state, outcome and decision date they lead to. ``replay`` is the single
source of both the state cached on the model and the checks the business actions make
before appending an event (they replay the log with the new event added).

Events are any objects with ``kind`` (an ``EventKind`` value), ``date`` and ``details``
(a mapping); the model ``ApplicationEvent`` and ``CaseEvent`` below both qualify.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Protocol

from gongkai.statute.outcomes import Outcome


class EventKind(str, Enum):
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_RECEIVED = "supplement_received"
    SUPPLEMENT_LAPSED = "supplement_lapsed"
    CONSULTATION_SENT = "consultation_sent"
    CONSULTATION_RETURNED = "consultation_returned"
    EXTENSION_APPROVED = "extension_approved"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_PAID = "fee_paid"
    FEE_LAPSED = "fee_lapsed"
    DECIDED = "decided"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS = {
    EventKind.RECEIVED: "收到申请",
    EventKind.SUPPLEMENT_REQUESTED: "告知补正",
    EventKind.SUPPLEMENT_RECEIVED: "收到补正材料",
    EventKind.SUPPLEMENT_LAPSED: "逾期未补正",
    EventKind.CONSULTATION_SENT: "征求意见",
    EventKind.CONSULTATION_RETURNED: "征求意见办结",
    EventKind.EXTENSION_APPROVED: "批准延期答复",
    EventKind.FEE_NOTICE_SENT: "发出收费通知",
    EventKind.FEE_PAID: "缴纳费用",
    EventKind.FEE_LAPSED: "逾期未缴费",
    EventKind.DECIDED: "作出答复",
    EventKind.DELIVERED: "送达",
    EventKind.WITHDRAWN: "申请人撤回申请",
    EventKind.ARCHIVED: "归档",
}


class State(str, Enum):
    PROCESSING = "processing"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    CONSULTING = "consulting"
    AWAITING_FEE = "awaiting_fee"
    DECIDED = "decided"
    TERMINATED = "terminated"  # 视为放弃（逾期不补正、逾期不缴费）或撤回：不再处理
    DELIVERED = "delivered"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.PROCESSING: "办理中",
    State.AWAITING_SUPPLEMENT: "待补正",
    State.CONSULTING: "征求意见中",
    State.AWAITING_FEE: "待缴费",
    State.DECIDED: "已答复",
    State.TERMINATED: "已终止办理",
    State.DELIVERED: "已送达",
    State.ARCHIVED: "已归档",
}

# States in which the application is still being handled (counted as 结转 at a year end).
OPEN_STATES = frozenset({State.PROCESSING, State.AWAITING_SUPPLEMENT, State.CONSULTING, State.AWAITING_FEE})

# A terminating event is followed, in the same action, by the decision carrying its outcome,
# so that every closed application has exactly one ``decided`` event with one outcome code.
TERMINATING_OUTCOME = {
    EventKind.SUPPLEMENT_LAPSED: Outcome.OTHER_NO_SUPPLEMENT,
    EventKind.FEE_LAPSED: Outcome.OTHER_FEE_UNPAID,
    EventKind.WITHDRAWN: Outcome.OTHER,
}
# Outcomes that only a terminating event may lead to (the officer cannot pick them directly).
RESERVED_OUTCOMES = {
    Outcome.OTHER_NO_SUPPLEMENT: EventKind.SUPPLEMENT_LAPSED,
    Outcome.OTHER_FEE_UNPAID: EventKind.FEE_LAPSED,
}

MAX_EXTENSION_WORKDAYS = 20  # 条例第三十三条第二款


class TransitionError(ValueError):
    """An event that may not follow the ones before it; the message is for the officer."""


class EventLike(Protocol):
    kind: Any
    date: date
    details: Mapping[str, Any]


@dataclass(frozen=True)
class CaseEvent:
    """An event as plain data (tests, and events not yet saved)."""

    kind: EventKind | str
    date: date
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Status:
    state: State
    outcome: Outcome | None
    decided_on: date | None
    received_on: date
    open_consultations: tuple[int, ...]  # numbers of consultations not yet returned
    supplement_requested: bool
    extension_workdays: int
    fee_notice_sent: bool
    terminated_by: EventKind | None


def full_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def outcome_of(details: Mapping[str, Any]) -> Outcome:
    try:
        return Outcome(details["outcome"])
    except (KeyError, ValueError):
        raise TransitionError(f"答复事件缺少有效的办理结果代码（{details.get('outcome')!r}）") from None


def replay(events: Iterable[EventLike]) -> Status:
    """The state after ``events`` (in order), or ``TransitionError`` naming the first unlawful one."""
    state: State | None = None
    outcome: Outcome | None = None
    decided_on: date | None = None
    received_on: date | None = None
    last_date: date | None = None
    open_consultations: list[int] = []
    consultations = 0
    supplement_requested = False
    extension = 0
    fee_notice = False
    pending_termination: EventKind | None = None
    terminated_by: EventKind | None = None

    for event in events:
        try:
            kind = EventKind(event.kind)
        except ValueError:
            raise TransitionError(f"未知的事件类型：{event.kind!r}") from None
        what = kind.label
        if state is None:
            if kind is not EventKind.RECEIVED:
                raise TransitionError(f"第一个事件必须是“收到申请”，而不是“{what}”")
            state, received_on, last_date = State.PROCESSING, event.date, event.date
            continue
        if kind is EventKind.RECEIVED:
            raise TransitionError("该申请已登记收到，不能重复登记")
        assert last_date is not None
        if event.date < last_date:
            raise TransitionError(f"“{what}”的日期 {full_date(event.date)} 早于上一事件的日期 {full_date(last_date)}")
        last_date = event.date
        if state is State.ARCHIVED:
            raise TransitionError(f"该申请已归档，不能再登记“{what}”")
        if pending_termination is not None and kind is not EventKind.DECIDED:
            raise TransitionError(f"“{pending_termination.label}”之后须登记终止办理的答复，而不是“{what}”")

        if kind is EventKind.SUPPLEMENT_REQUESTED:
            _require(state, {State.PROCESSING}, what)
            if supplement_requested:
                raise TransitionError("补正只能一次性告知（条例第三十条），该申请已告知过补正")
            if fee_notice:
                raise TransitionError("已发出收费通知，不能再告知补正")
            supplement_requested, state = True, State.AWAITING_SUPPLEMENT
        elif kind is EventKind.SUPPLEMENT_RECEIVED:
            _require(state, {State.AWAITING_SUPPLEMENT}, what)
            state = State.PROCESSING
        elif kind is EventKind.SUPPLEMENT_LAPSED:
            _require(state, {State.AWAITING_SUPPLEMENT}, what)
            pending_termination = kind
        elif kind is EventKind.CONSULTATION_SENT:
            _require(state, {State.PROCESSING, State.CONSULTING}, what)
            consultations += 1
            open_consultations.append(consultations)
            state = State.CONSULTING
        elif kind is EventKind.CONSULTATION_RETURNED:
            _require(state, {State.CONSULTING}, what)
            number = event.details.get("consultation")
            if number is None and len(open_consultations) == 1:
                number = open_consultations[0]
            if number not in open_consultations:
                message = f"没有尚未办结的第{number}次征求意见" if number else "请指明办结的是哪一次征求意见"
                raise TransitionError(message)
            open_consultations.remove(number)
            state = State.CONSULTING if open_consultations else State.PROCESSING
        elif kind is EventKind.EXTENSION_APPROVED:
            _require(state, {State.PROCESSING, State.CONSULTING, State.AWAITING_FEE}, what)
            if extension:
                raise TransitionError("答复期限只能延长一次（条例第三十三条），该申请已延长过")
            days = event.details.get("workdays")
            if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_WORKDAYS:
                raise TransitionError(
                    f"延长期限应为1至{MAX_EXTENSION_WORKDAYS}个工作日（条例第三十三条），实为 {days!r}"
                )
            extension = days
        elif kind is EventKind.FEE_NOTICE_SENT:
            _require(state, {State.PROCESSING}, what)
            if fee_notice:
                raise TransitionError("该申请已发出过收费通知（每件申请只能选择一种计收方式收费一次）")
            fee_notice, state = True, State.AWAITING_FEE
        elif kind is EventKind.FEE_PAID:
            _require(state, {State.AWAITING_FEE}, what)
            state = State.PROCESSING
        elif kind is EventKind.FEE_LAPSED:
            _require(state, {State.AWAITING_FEE}, what)
            pending_termination = kind
        elif kind is EventKind.WITHDRAWN:
            _require(state, OPEN_STATES, what)
            pending_termination = kind
        elif kind is EventKind.DECIDED:
            new_outcome = outcome_of(event.details)
            if state in (State.DECIDED, State.TERMINATED, State.DELIVERED):
                raise TransitionError(f"该申请已于{full_date(decided_on)}作出答复，每件申请只能有一个办理结果")  # type: ignore[arg-type]
            if pending_termination is not None:
                expected = TERMINATING_OUTCOME[pending_termination]
                if new_outcome is not expected:
                    raise TransitionError(f"“{pending_termination.label}”的办理结果应为 {expected.value}")
                terminated_by, pending_termination, state = pending_termination, None, State.TERMINATED
            else:
                if new_outcome in RESERVED_OUTCOMES:
                    via = RESERVED_OUTCOMES[new_outcome].label
                    raise TransitionError(f"办理结果 {new_outcome.value} 只能通过“{via}”登记")
                if state is State.AWAITING_SUPPLEMENT:
                    raise TransitionError("申请人尚未补正：请先登记收到补正材料或逾期未补正")
                if state is State.CONSULTING:
                    raise TransitionError("尚有征求意见未办结：请先登记征求意见办结（对方逾期未答复的，也登记办结）")
                if state is State.AWAITING_FEE:
                    raise TransitionError("收费通知尚未了结：请先登记缴费或逾期未缴费")
                state = State.DECIDED
            outcome, decided_on = new_outcome, event.date
        elif kind is EventKind.DELIVERED:
            if state not in (State.DECIDED, State.TERMINATED):
                raise TransitionError(f"尚未作出答复，不能送达（当前状态：{state.label}）")
            state = State.DELIVERED
        elif kind is EventKind.ARCHIVED:
            if state is State.DECIDED:
                raise TransitionError("答复尚未送达，不能归档（条例第四十五条：登记、审核、办理、答复、归档）")
            _require(state, {State.DELIVERED, State.TERMINATED}, what)
            state = State.ARCHIVED

    if state is None or received_on is None:
        raise TransitionError("没有“收到申请”事件")
    if pending_termination is not None:
        raise TransitionError(f"“{pending_termination.label}”之后缺少终止办理的答复")
    return Status(
        state=state,
        outcome=outcome,
        decided_on=decided_on,
        received_on=received_on,
        open_consultations=tuple(open_consultations),
        supplement_requested=supplement_requested,
        extension_workdays=extension,
        fee_notice_sent=fee_notice,
        terminated_by=terminated_by,
    )


def _require(state: State, allowed: Iterable[State], what: str) -> None:
    if state not in allowed:
        names = "、".join(s.label for s in State if s in set(allowed))
        raise TransitionError(f"当前状态为“{state.label}”，不能登记“{what}”（只能在{names}时登记）")
