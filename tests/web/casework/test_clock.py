"""The reply clock, derived from events alone (pure: no database)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.casework.clock import ClockRules, compute_clock
from gongkai.casework.lifecycle import CaseEvent, State
from gongkai.workdays import default_calendar

D = date


@pytest.fixture(scope="module")
def cal():
    return default_calendar()


def E(kind, on, **details):
    return CaseEvent(kind, on, details)


RECEIVED = E("received", D(2024, 9, 27))


def test_twenty_workdays_across_2024_national_day(cal):
    clock = compute_clock([RECEIVED], cal, D(2024, 10, 30))
    assert clock.due.date == D(2024, 10, 30)
    assert (clock.days_used, clock.days_left, clock.overdue, clock.provisional) == (20, 0, False, False)
    assert any("国庆节假期" in line for line in clock.explanation)
    assert clock.start_reason.startswith("收到申请之日")


def test_overdue_the_next_day_and_not_after_a_timely_decision(cal):
    late = compute_clock([RECEIVED], cal, D(2024, 10, 31))
    assert late.overdue and late.days_left == -1
    decided = [RECEIVED, E("decided", D(2024, 10, 30), outcome="DISCLOSED")]
    on_time = compute_clock(decided, cal, D(2025, 3, 1))
    assert not on_time.overdue and on_time.stopped_on == D(2024, 10, 30) and on_time.days_used == 20
    decided_late = compute_clock([RECEIVED, E("decided", D(2024, 11, 1), outcome="DISCLOSED")], cal, D(2025, 3, 1))
    assert decided_late.overdue and decided_late.days_left == -2


def test_supplement_restarts_the_clock(cal):
    events = [
        E("received", D(2024, 9, 2)),
        E("supplement_requested", D(2024, 9, 5), deadline="2024-09-30", items="文号"),
    ]
    waiting = compute_clock(events, cal, D(2024, 9, 20))
    assert waiting.due is None and waiting.state is State.AWAITING_SUPPLEMENT
    assert waiting.supplement_deadline == D(2024, 9, 30)
    assert waiting.supplement_notice.due.date == D(2024, 9, 11)  # 7 WD after 9-2
    assert not waiting.supplement_notice.overdue
    restarted = compute_clock([*events, E("supplement_received", D(2024, 9, 27))], cal, D(2024, 10, 8))
    assert restarted.start == D(2024, 9, 27)
    assert restarted.due.date == D(2024, 10, 30)
    assert "第三十条" in restarted.start_reason


def test_late_supplement_notice_is_flagged(cal):
    events = [E("received", D(2024, 9, 2)), E("supplement_requested", D(2024, 9, 12), deadline="2024-09-30")]
    clock = compute_clock(events, cal, D(2024, 9, 13))
    assert clock.supplement_notice.overdue and "晚于法定期限" in clock.supplement_notice.note


def test_consultation_pause_and_third_party_deadline(cal):
    events = [
        RECEIVED,
        E("consultation_sent", D(2024, 10, 8), party="third_party", name="某公司"),
        E("consultation_returned", D(2024, 10, 10)),
    ]
    clock = compute_clock(events, cal, D(2024, 10, 15))
    # 8–10 October are three working days left out: 30 October + 3 WD.
    assert clock.due.date == D(2024, 11, 4)
    assert not clock.paused
    [third] = clock.consultations
    assert third.due.date == D(2024, 10, 28)  # 15 WD from the sending day (receipt not recorded)
    assert third.done_on == D(2024, 10, 10) and not third.overdue
    assert "按发函之日" in third.note


def test_open_consultation_pauses_up_to_today(cal):
    events = [RECEIVED, E("consultation_sent", D(2024, 10, 8), party="other_organ", received_on="2024-10-09")]
    clock = compute_clock(events, cal, D(2024, 10, 15))
    assert clock.paused and clock.state is State.CONSULTING
    assert clock.days_used == 2  # 29 and 30 September
    assert clock.due.date == D(2024, 11, 8)
    assert clock.consultations[0].due.date == D(2024, 10, 29)  # from the recorded receipt
    assert "视为同意" in clock.consultations[0].note
    later = compute_clock(events, cal, D(2024, 10, 30))
    assert later.consultations[0].overdue


def test_extension_adds_workdays(cal):
    events = [RECEIVED, E("extension_approved", D(2024, 10, 25), workdays=20, reason="材料较多")]
    clock = compute_clock(events, cal, D(2024, 11, 1))
    assert clock.due.date == D(2024, 11, 27)
    assert clock.due.total_workdays == 40
    assert any("延长20个工作日：材料较多" in line for line in clock.explanation)


def test_supplement_consultation_and_extension_together(cal):
    events = [
        E("received", D(2024, 9, 2)),
        E("supplement_requested", D(2024, 9, 4), deadline="2024-09-20"),
        E("supplement_received", D(2024, 9, 27)),
        E("consultation_sent", D(2024, 10, 8), party="third_party"),
        E("consultation_returned", D(2024, 10, 10)),
        E("extension_approved", D(2024, 10, 30), workdays=10),
    ]
    clock = compute_clock(events, cal, D(2024, 11, 5))
    assert clock.due.date == D(2024, 11, 18)  # 4 November + 10 WD
    assert clock.days_used == 21 and clock.days_left == 9


def test_fee_payment_deadline_and_pause(cal):
    events = [RECEIVED, E("fee_notice_sent", D(2024, 9, 27), method="per_page", amount="100")]
    clock = compute_clock(events, cal, D(2024, 10, 15))
    # Receipt taken as 28 September; 20 WD counted from the 29th (a 调休 working Sunday).
    assert clock.fee_payment.due.date == D(2024, 10, 30)
    assert "发出次日" in clock.fee_payment.note
    assert clock.paused and clock.days_used == 0
    paid = compute_clock([*events, E("fee_paid", D(2024, 10, 10))], cal, D(2024, 10, 15))
    assert not paid.paused and paid.fee_payment.done_on == D(2024, 10, 10)
    # 27 September to 10 October left out: the count starts again on 11 October.
    assert paid.due.date == D(2024, 11, 6)
    unpaused = compute_clock([*events, E("fee_paid", D(2024, 10, 10))], cal, D(2024, 10, 15),
                             ClockRules(fee_pauses_clock=False))
    assert unpaused.due.date == D(2024, 10, 30)


def test_recorded_fee_notice_receipt(cal):
    events = [RECEIVED, E("fee_notice_sent", D(2024, 9, 27), received_on="2024-10-08")]
    clock = compute_clock(events, cal, D(2024, 10, 15))
    assert clock.fee_payment.due.date == D(2024, 11, 4)
    assert clock.fee_payment.note == "申请人收到收费通知之日"


def test_provisional_when_the_period_reaches_an_unloaded_year(cal):
    clock = compute_clock([E("received", D(2026, 12, 20))], cal, D(2026, 12, 21))
    assert clock.provisional and clock.due.unloaded_years == (2027,)
    assert any("暂定" in line for line in clock.explanation)


def test_withdrawal_stops_the_clock(cal):
    events = [RECEIVED, E("withdrawn", D(2024, 10, 9)), E("decided", D(2024, 10, 9), outcome="OTHER", via="withdrawn")]
    clock = compute_clock(events, cal, D(2025, 1, 1))
    assert clock.state is State.TERMINATED and clock.stopped_on == D(2024, 10, 9)
    assert not clock.overdue and clock.days_used == 4
