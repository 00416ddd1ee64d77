"""Which event sequences are lawful, and the state they lead to (pure: no database)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.casework.lifecycle import CaseEvent, State, TransitionError, replay
from gongkai.statute.outcomes import Outcome

D0 = date(2025, 3, 3)


def E(kind, day=0, **details):
    return CaseEvent(kind, date(2025, 3, 3 + day), details)


R = E("received")


def test_full_path_to_archive():
    status = replay([R, E("decided", 1, outcome="DISCLOSED"), E("delivered", 2), E("archived", 3)])
    assert status.state is State.ARCHIVED and status.outcome is Outcome.DISCLOSED
    assert status.decided_on == date(2025, 3, 4)


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([E("decided", outcome="DISCLOSED")], "第一个事件"),
        ([R, R], "不能重复登记"),
        ([R, E("decided", 1, outcome="DISCLOSED"), E("decided", 2, outcome="PARTIAL")], "只能有一个办理结果"),
        ([R, E("delivered", 1)], "尚未作出答复，不能送达"),
        ([R, E("decided", 1, outcome="DISCLOSED"), E("archived", 2)], "尚未送达，不能归档"),
        ([R, E("decided", 1, outcome="NOPE")], "有效的办理结果"),
        ([R, E("supplement_requested", 1), E("supplement_received", 2), E("supplement_requested", 3)], "一次性告知"),
        ([R, E("supplement_received", 1)], "不能登记“收到补正材料”"),
        ([R, E("supplement_requested", 1), E("decided", 2, outcome="DISCLOSED")], "尚未补正"),
        ([R, E("consultation_sent", 1), E("decided", 2, outcome="DISCLOSED")], "征求意见未办结"),
        ([R, E("fee_notice_sent", 1), E("decided", 2, outcome="DISCLOSED")], "收费通知尚未了结"),
        ([R, E("extension_approved", 1, workdays=10), E("extension_approved", 2, workdays=5)], "只能延长一次"),
        ([R, E("extension_approved", 1, workdays=21)], "1至20个工作日"),
        ([R, E("decided", 1, outcome="OTHER_NO_SUPPLEMENT")], "逾期未补正"),
        ([R, E("decided", 1, outcome="OTHER_FEE_UNPAID")], "逾期未缴费"),
        ([R, E("withdrawn", 1), E("decided", 1, outcome="DISCLOSED")], "办理结果应为 OTHER"),
        ([R, E("withdrawn", 1)], "缺少终止办理的答复"),
        ([R, E("decided", 1, outcome="DISCLOSED"), E("withdrawn", 2)], "不能登记“申请人撤回申请”"),
        ([E("received", 5), E("decided", 1, outcome="DISCLOSED")], "早于上一事件"),
        ([R, E("consultation_sent", 1), E("consultation_returned", 2, consultation=7)], "第7次"),
        ([R, E("fee_notice_sent", 1), E("fee_paid", 2), E("fee_notice_sent", 3)], "已发出过收费通知"),
        (
            [R, E("decided", 1, outcome="DISCLOSED"), E("delivered", 2), E("archived", 3), E("delivered", 4)],
            "已归档",
        ),
    ],
)
def test_unlawful_sequences(events, message):
    with pytest.raises(TransitionError, match=message):
        replay(events)


def test_two_consultations_must_both_return():
    events = [R, E("consultation_sent", 1, party="third_party"), E("consultation_sent", 2, party="other_organ")]
    assert replay(events).open_consultations == (1, 2)
    one_back = replay([*events, E("consultation_returned", 3, consultation=2)])
    assert one_back.state is State.CONSULTING and one_back.open_consultations == (1,)
    # With one open, it need not be named.
    assert replay([*events, E("consultation_returned", 3, consultation=2), E("consultation_returned", 4)]).state is (
        State.PROCESSING
    )
    with pytest.raises(TransitionError, match="请指明"):
        replay([*events, E("consultation_returned", 3)])


@pytest.mark.parametrize(
    ("events", "outcome"),
    [
        ([R, E("supplement_requested", 1), E("supplement_lapsed", 9), E("decided", 9, outcome="OTHER_NO_SUPPLEMENT")],
         Outcome.OTHER_NO_SUPPLEMENT),
        ([R, E("fee_notice_sent", 1), E("fee_lapsed", 9), E("decided", 9, outcome="OTHER_FEE_UNPAID")],
         Outcome.OTHER_FEE_UNPAID),
        ([R, E("consultation_sent", 1), E("withdrawn", 2), E("decided", 2, outcome="OTHER")], Outcome.OTHER),
    ],
)
def test_terminations_end_with_their_outcome_and_may_be_archived(events, outcome):
    status = replay(events)
    assert status.state is State.TERMINATED and status.outcome is outcome
    assert replay([*events, E("archived", 10)]).state is State.ARCHIVED
    assert replay([*events, E("delivered", 10)]).state is State.DELIVERED
