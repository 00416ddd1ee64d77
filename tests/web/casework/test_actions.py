"""Business actions: numbering, receipt dates, transitions, permissions, fees, the cache."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.casework import actions as act
from gongkai.casework.clock import compute_clock
from gongkai.casework.lifecycle import CaseEvent, State, replay
from gongkai.casework.models import Application, ApplicationEvent, ReceiptCounter
from gongkai.casework.services import clock_for
from gongkai.statute.outcomes import Outcome
from gongkai.workdays import default_calendar

pytestmark = pytest.mark.django_db


def test_receive_numbers_per_agency_and_year(receive, region, officer):
    first = receive(actor=officer)
    second = receive()
    assert first.receipt_number == "张店区政府〔2025〕第0001号"
    assert second.receipt_number == "张店区政府〔2025〕第0002号"
    assert receive(date(2024, 12, 31)).receipt_number == "张店区政府〔2024〕第0001号"
    other = receive(agency=region.street)
    assert other.receipt_number == "淄博市张店区马尚街道办事处〔2025〕第0001号"
    assert first.created_by == officer and first.history.get().history_user == officer
    [event] = first.events.all()
    assert (event.kind, event.date, event.actor) == ("received", date(2025, 3, 3), officer)
    assert first.state == State.PROCESSING.value and first.outcome == ""


def test_receipt_number_format_is_a_setting(receive, settings):
    settings.CASEWORK_RECEIPT_NUMBER_FORMAT = "{year}-{number:04d}"
    assert receive().receipt_number == "2025-0001"


def test_receipt_date_is_computed_from_the_channel(agency):
    app = act.do_receive_application(
        agency=agency, channel="ordinary_letter", signed_on=date(2025, 3, 3), confirmed_on=date(2025, 3, 4),
        applicant_kind="commercial", applicant_name="某公司", description="某项目环评批复",
        id_type="credit_code", id_number=" 91370300ma3c000001 ",
    )
    assert app.received_on == date(2025, 3, 4) and app.year == 2025
    assert "平常信函" in app.received_rule
    assert app.id_number == "91370300MA3C000001"
    assert "收到当日" in app.events.get().details["warnings"][0]


def test_missing_or_future_dates_are_rejected_without_using_a_number(agency, receive):
    with pytest.raises(ValidationError) as info:
        act.do_receive_application(agency=agency, channel="online", applicant_kind="natural", applicant_name="李四",
                                   description="x", submitted_on=date(2025, 3, 3))
    assert "confirmed_on" in info.value.message_dict
    with pytest.raises(ValidationError, match="不能晚于今天"):
        receive(date(2099, 1, 1))
    with pytest.raises(ValidationError):
        receive(kind="alien")
    assert receive().sequence == 1


def test_a_rolled_back_application_does_not_burn_a_number(receive):
    receive()
    with pytest.raises(RuntimeError), transaction.atomic():
        assert receive().sequence == 2
        raise RuntimeError("the rest of the submission failed")
    assert receive().sequence == 2
    assert ReceiptCounter.objects.get(year=2025).last == 2
    assert sorted(Application.objects.values_list("sequence", flat=True)) == [1, 2]


def test_supplement_late_notice_is_recorded_with_a_warning(receive):
    app = receive()
    act.do_request_supplement(app, deadline=date(2025, 4, 10), items="请提供文号", on=date(2025, 3, 20))
    event = app.events.get(kind="supplement_requested")
    assert event.details["late"] is True
    assert "2025年3月12日" in event.details["warning"]
    assert app.state == State.AWAITING_SUPPLEMENT.value


def test_supplement_received_restarts_and_lapse_needs_the_deadline(receive):
    app = receive()
    act.do_request_supplement(app, deadline=date(2025, 3, 20), items="请说明所需信息的名称", on=date(2025, 3, 5))
    with pytest.raises(ValidationError, match="2025年3月20日届满"):
        act.do_lapse_supplement(app, on=date(2025, 3, 20))
    act.do_lapse_supplement(app, on=date(2025, 3, 21))
    assert (app.state, app.outcome) == (State.TERMINATED.value, Outcome.OTHER_NO_SUPPLEMENT.value)
    other = receive()
    act.do_request_supplement(other, deadline=date(2025, 3, 20), items="文号", on=date(2025, 3, 5))
    act.do_receive_supplement(other, on=date(2025, 3, 10))
    assert clock_for(other, date(2025, 3, 11)).start == date(2025, 3, 10)


def test_supplement_deadline_must_follow_the_notice(receive):
    with pytest.raises(ValidationError):
        act.do_request_supplement(receive(), deadline=date(2025, 3, 4), items="文号", on=date(2025, 3, 4))


def test_only_an_approver_extends_and_only_once(receive, officer, approver):
    app = receive()
    with pytest.raises(PermissionDenied, match="负责人"):
        act.do_approve_extension(app, workdays=10, reason="需要调档", actor=officer, on=date(2025, 3, 20))
    with pytest.raises(PermissionDenied):
        act.do_approve_extension(app, workdays=10, reason="需要调档", actor=None, on=date(2025, 3, 20))
    with pytest.raises(ValidationError):
        act.do_approve_extension(app, workdays=21, reason="需要调档", actor=approver, on=date(2025, 3, 20))
    act.do_approve_extension(app, workdays=20, reason="需要调档", actor=approver, on=date(2025, 3, 20))
    event = app.events.get(kind="extension_approved")
    assert event.actor == approver and event.details["approver"] == "approver"
    with pytest.raises(ValidationError, match="只能延长一次"):
        act.do_approve_extension(app, workdays=5, reason="再延", actor=approver, on=date(2025, 3, 21))
    assert clock_for(app, date(2025, 3, 21)).due.total_workdays == 40


def test_late_extension_is_marked(receive, approver):
    app = receive()
    act.do_approve_extension(app, workdays=5, reason="补办", actor=approver, on=date(2025, 4, 10))
    assert app.events.get(kind="extension_approved").details["late"] is True


def test_consultation_round_trip(receive):
    app = receive()
    with pytest.raises(ValidationError):
        act.do_send_consultation(app, party="neighbour", name="x", on=date(2025, 3, 4))
    act.do_send_consultation(app, party="third_party", name="某公司", on=date(2025, 3, 4), received_on=date(2025, 3, 5))
    assert app.state == State.CONSULTING.value
    with pytest.raises(ValidationError, match="征求意见未办结"):
        act.do_decide(app, Outcome.DISCLOSED, on=date(2025, 3, 6))
    act.do_return_consultation(app, reply="不同意公开", on=date(2025, 3, 10))
    act.do_decide(app, Outcome.WITHHELD_THIRD_PARTY, on=date(2025, 3, 11))
    assert app.outcome == Outcome.WITHHELD_THIRD_PARTY.value


def test_fee_per_item_counts_the_applicants_month(receive):
    ident = {"id_type": "resident_id", "id_number": "370303199001011234"}
    march = [receive(date(2025, 3, 3 + i // 4), **ident) for i in range(11)]
    receive(date(2025, 3, 3), name="王五")  # another applicant does not count
    receive(date(2025, 2, 28), **ident)  # nor does last month
    with pytest.raises(ValidationError, match="0元"):
        act.do_send_fee_notice(march[9], method="per_item", on=date(2025, 3, 10))
    act.do_send_fee_notice(march[10], method="per_item", on=date(2025, 3, 10))
    notice = march[10].events.get(kind="fee_notice_sent")
    assert notice.details["amount"] == "100" and notice.details["first_unit"] == 11
    big = receive(date(2025, 3, 20), units=12, **ident)  # units 12..23
    act.do_send_fee_notice(big, method="per_item", on=date(2025, 3, 21))
    assert Decimal(big.events.get(kind="fee_notice_sent").details["amount"]) == 1200
    assert act.earlier_units_this_month(big) == 11


def test_fee_per_page_payment_and_lapse(receive):
    app = receive()
    with pytest.raises(ValidationError, match="页数"):
        act.do_send_fee_notice(app, method="per_page", on=date(2025, 3, 4))
    act.do_send_fee_notice(app, method="per_page", pages=120, on=date(2025, 3, 4))
    assert app.state == State.AWAITING_FEE.value
    assert app.events.get(kind="fee_notice_sent").details["amount"] == "1100"
    with pytest.raises(ValidationError, match="待缴费"):
        act.do_send_fee_notice(app, method="per_item", on=date(2025, 3, 5))
    with pytest.raises(ValidationError, match="届满后才能认定"):
        act.do_lapse_fee(app, on=date(2025, 3, 20))
    # Receipt taken as 5 March, 20 WD from the 6th: 2 April.
    act.do_lapse_fee(app, on=date(2025, 4, 3))
    assert app.outcome == Outcome.OTHER_FEE_UNPAID.value
    paid = receive()
    act.do_send_fee_notice(paid, method="per_page", pages=31, on=date(2025, 3, 4))
    act.do_record_payment(paid, on=date(2025, 3, 6))
    assert paid.state == State.PROCESSING.value


def test_decide_once_deliver_after_and_separated_counts_as_partial(receive):
    app = receive()
    with pytest.raises(ValidationError, match="尚未作出答复，不能送达"):
        act.do_deliver(app, on=date(2025, 3, 4))
    with pytest.raises(ValidationError, match="逾期未补正"):
        act.do_decide(app, Outcome.OTHER_NO_SUPPLEMENT, on=date(2025, 3, 4))
    act.do_decide(app, Outcome.WITHHELD_PROCESS, separated=True, on=date(2025, 3, 10))
    assert app.outcome == Outcome.PARTIAL.value
    assert app.events.get(kind="decided").details["separated_from"] == "WITHHELD_PROCESS"
    with pytest.raises(ValidationError, match="只能有一个办理结果"):
        act.do_decide(app, Outcome.DISCLOSED, on=date(2025, 3, 11))
    with pytest.raises(ValidationError, match="尚未送达"):
        act.do_archive(app, on=date(2025, 3, 11))
    with pytest.raises(ValidationError, match="早于上一事件"):
        act.do_deliver(app, on=date(2025, 3, 9))
    act.do_deliver(app, method="邮寄", on=date(2025, 3, 12))
    act.do_archive(app, on=date(2025, 3, 13))
    with pytest.raises(ValidationError, match="已归档"):
        act.do_withdraw(app, on=date(2025, 3, 14))


def test_withdrawal_ends_as_other(receive):
    app = receive()
    act.do_withdraw(app, reason="申请人电话撤回", on=date(2025, 3, 5))
    assert (app.state, app.outcome, app.decided_on) == (State.TERMINATED.value, "OTHER", date(2025, 3, 5))
    act.do_archive(app, on=date(2025, 3, 6))


def test_cached_state_equals_recomputation_from_events(receive, approver):
    app = receive()
    act.do_send_consultation(app, party="other_organ", name="区财政局", on=date(2025, 3, 4))
    act.do_return_consultation(app, reply="同意", on=date(2025, 3, 7))
    act.do_approve_extension(app, workdays=10, reason="需要汇总", actor=approver, on=date(2025, 3, 25))
    act.do_decide(app, Outcome.DISCLOSED, on=date(2025, 4, 3))
    stored = Application.objects.get(pk=app.pk)
    status = stored.replay()
    assert (stored.state, stored.outcome, stored.decided_on) == (status.state.value, status.outcome.value,
                                                                status.decided_on)
    # The clock from the saved events equals the clock from plain copies of them: nothing but
    # the log goes into it.
    copies = [CaseEvent(e.kind, e.date, dict(e.details)) for e in stored.events.order_by("seq")]
    cal = default_calendar()
    assert compute_clock(stored.events.order_by("seq"), cal, date(2025, 5, 1)) == compute_clock(
        copies, cal, date(2025, 5, 1)
    )
    assert replay(copies) == status


def test_events_are_append_only_and_applications_are_kept(receive):
    app = receive()
    event = app.events.get()
    event.details = {"forged": True}
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError, match="不能删除"):
        app.delete()
    assert ApplicationEvent.objects.filter(application=app).count() == 1
    sample = receive(is_sample=True)
    sample.delete()


def test_unknown_intake_field_is_a_programming_error(receive):
    with pytest.raises(TypeError):
        receive(colour="red")
