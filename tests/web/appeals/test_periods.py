"""Legal periods on known dates: working days across the Spring Festival, calendar days rolled
past holidays, months, and the state of each period."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.appeals.actions import do_record_result, do_update_appeal
from gongkai.appeals.periods import PeriodState, add_months, legal_periods, next_deadline

pytestmark = pytest.mark.django_db


def by_key(case, today=date(2026, 11, 27)):
    return {s.period.key: s for s in legal_periods(case, today=today)}


def test_acceptance_review_spans_the_spring_festival(register, decided):
    # Received Monday 27 January 2025; 28 Jan – 4 Feb is the holiday, Saturday 8 Feb a make-up
    # working day: the 5 working days are 5, 6, 7, 8 and 10 February.
    application = decided(on=date(2024, 12, 20), decided_on=date(2025, 1, 10))
    case = register(application=application, filed_on=date(2025, 1, 27), accepted_on=date(2025, 2, 10))
    acceptance = by_key(case)["review_acceptance"]
    assert acceptance.start == date(2025, 1, 27)
    assert acceptance.due.date == date(2025, 2, 10)
    assert acceptance.state is PeriodState.MET
    assert any("春节" in line for line in acceptance.due.explanation)
    assert "第三十条" in acceptance.period.article and "第八十八条" in acceptance.period.article


def test_acceptance_not_recorded_and_lapsed_is_deemed_and_starts_the_decision(register, decided):
    application = decided(on=date(2024, 12, 20), decided_on=date(2025, 1, 10))
    case = register(application=application, filed_on=date(2025, 1, 27))
    periods = by_key(case, today=date(2025, 2, 11))
    assert periods["review_acceptance"].state is PeriodState.DEEMED
    decision = periods["review_decision_simple"]
    assert decision.start == date(2025, 2, 10)
    assert "视为受理" in decision.start_note
    # 10 February + 30 days = 12 March 2025, a Wednesday.
    assert decision.due.date == date(2025, 3, 12)
    assert decision.state is PeriodState.RUNNING and decision.days_left == 29
    # Before the review period ends it is simply running.
    assert by_key(case, today=date(2025, 2, 7))["review_acceptance"].state is PeriodState.RUNNING


def test_simple_review_answer_and_decision_rolled_past_labour_day(register):
    case = register(
        accepted_on=date(2025, 4, 3), copy_received_on=date(2025, 4, 7), answered_on=date(2025, 4, 15)
    )
    periods = by_key(case, today=date(2025, 4, 20))
    answer = periods["review_answer_simple"]
    # 5 working days after Monday 7 April: 8, 9, 10, 11, 14 April.
    assert answer.due.date == date(2025, 4, 14)
    assert answer.state is PeriodState.LATE and answer.is_ours
    decision = periods["review_decision_simple"]
    # 3 April + 30 days = Saturday 3 May, inside the 1–5 May holiday: the period ends Tuesday 6 May.
    assert decision.due.date == date(2025, 5, 6)
    assert any("顺延" in line for line in decision.due.explanation)
    assert decision.state is PeriodState.RUNNING
    assert "review_answer_ordinary" not in periods and "review_decision_ordinary" not in periods
    do_record_result(case, result="upheld", decided_on=date(2025, 5, 6))
    case.refresh_from_db()
    assert by_key(case)["review_decision_simple"].state is PeriodState.MET


def test_ordinary_review_ten_working_days_and_extension(register):
    case = register(procedure="ordinary", accepted_on=date(2025, 4, 3), copy_received_on=date(2025, 4, 24))
    periods = by_key(case, today=date(2025, 5, 9))
    answer = periods["review_answer_ordinary"]
    # After Thursday 24 April: 25 Apr, Sun 27 Apr (make-up), 28, 29, 30 Apr, then 1–5 May off,
    # 6, 7, 8, 9, 12 May: the tenth working day is Monday 12 May.
    assert answer.due.date == date(2025, 5, 12)
    assert answer.state is PeriodState.RUNNING and answer.days_left == 3 and answer.is_soon
    decision = periods["review_decision_ordinary"]
    # 3 April + 60 days = Monday 2 June, the last day of the Dragon Boat holiday: 3 June.
    assert decision.due.date == date(2025, 6, 3)
    do_update_appeal(case, decision_extended=True)
    extended = by_key(case, today=date(2025, 5, 9))["review_decision_ordinary"]
    # 3 April + 90 days = Wednesday 2 July.
    assert extended.due.date == date(2025, 7, 2)
    assert "三十日" in extended.period.note


def test_review_window_from_the_reply_date(register, application):
    periods = by_key(register(filed_on=date(2025, 5, 20)))
    window = periods["review_window"]
    # Reply of 20 March 2025 + 60 days = Monday 19 May; filed on 20 May: late.
    assert window.start == application.decided_on and "答复日期" in window.start_note
    assert window.due.date == date(2025, 5, 19)
    assert window.state is PeriodState.LATE


def test_direct_suit_six_months_defence_and_judgment(register):
    case = register(
        kind="suit_direct", knew_on=date(2025, 3, 20), filed_on=date(2025, 4, 1), accepted_on=date(2025, 4, 8),
        procedure="ordinary",
    )
    periods = by_key(case, today=date(2025, 4, 20))
    # 20 March + 6 months = Saturday 20 September: Monday 22 September.
    assert periods["direct_suit_window"].due.date == date(2025, 9, 22)
    assert periods["direct_suit_window"].state is PeriodState.MET
    defence = periods["defence"]
    # No copy date recorded: counted from 立案 on 8 April, 15 days = 23 April.
    assert defence.start == date(2025, 4, 8) and "副本" in defence.start_note
    assert defence.due.date == date(2025, 4, 23)
    assert defence.state is PeriodState.RUNNING
    assert by_key(case, today=date(2025, 4, 24))["defence"].state is PeriodState.OVERDUE
    # 8 April + 6 months = Wednesday 8 October, in the National Day holiday (1–8 October 2025).
    assert periods["judgment_ordinary"].due.date == date(2025, 10, 9)
    assert "judgment_simple" not in periods and "review_acceptance" not in periods


def test_simple_suit_judgment_45_days(register):
    case = register(kind="suit_direct", filed_on=date(2025, 4, 1), accepted_on=date(2025, 4, 8))
    judgment = by_key(case)["judgment_simple"]
    # 8 April + 45 days = Friday 23 May 2025.
    assert judgment.due.date == date(2025, 5, 23)
    assert judgment.state is PeriodState.OVERDUE


def test_suit_after_review_window_from_the_review_decision(register):
    review = register()
    do_record_result(review, result="upheld", decided_on=date(2025, 5, 6))
    suit = register(kind="suit_after_review", review_case=review, filed_on=date(2025, 5, 20))
    window = by_key(suit)["suit_after_review_window"]
    # 6 May + 15 days = Wednesday 21 May.
    assert window.start == date(2025, 5, 6)
    assert window.due.date == date(2025, 5, 21)
    assert window.state is PeriodState.MET
    elsewhere = register(
        kind="suit_after_review", review_elsewhere="市政府复议", review_decided_on=date(2025, 5, 6),
        filed_on=date(2025, 6, 3),
    )
    assert by_key(elsewhere)["suit_after_review_window"].state is PeriodState.LATE


def test_unknown_start_and_unrecorded_steps(register):
    case = register(kind="suit_direct", application=None, unlinked_note="历史案件")
    periods = by_key(case)
    assert periods["direct_suit_window"].state is PeriodState.UNKNOWN
    assert periods["defence"].state is PeriodState.UNKNOWN
    do_record_result(case, result="other", decided_on=date(2025, 6, 1))
    case.refresh_from_db()
    case.accepted_on = date(2025, 4, 2)
    assert by_key(case)["defence"].state is PeriodState.UNRECORDED


def test_next_deadline_prefers_the_agencys_own_period(register):
    case = register(accepted_on=date(2025, 4, 3), copy_received_on=date(2025, 4, 7))
    flagged = next_deadline(legal_periods(case, today=date(2025, 4, 10)))
    assert flagged.period.key == "review_answer_simple"
    case.answered_on = date(2025, 4, 10)
    flagged = next_deadline(legal_periods(case, today=date(2025, 4, 10)))
    assert flagged.period.key == "review_decision_simple"
    case.decided_on, case.result = date(2025, 4, 30), "upheld"
    assert next_deadline(legal_periods(case, today=date(2025, 4, 30))) is None


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2025, 11, 15), 2, date(2026, 1, 15)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
    ],
)
def test_add_months_takes_the_month_end_when_there_is_no_such_day(start, months, expected):
    assert add_months(start, months) == expected


def test_labels_follow_the_forum(register):
    review = by_key(register(accepted_on=date(2025, 4, 3)))
    assert review["review_decision_simple"].duty_label == "行政复议机关"
    assert review["review_decision_simple"].start_label == "受理之日"
    assert review["review_answer_simple"].duty_label == "本机关（被申请人）"
    suit = by_key(register(kind="suit_direct", accepted_on=date(2025, 4, 3)))
    assert suit["judgment_simple"].duty_label == "人民法院"
    assert suit["judgment_simple"].start_label == "立案之日"
    assert suit["defence"].duty_label == "本机关（被告）"
    assert suit["direct_suit_window"].duty_label == "原告"
