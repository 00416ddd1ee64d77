"""Registering, correcting and deciding cases: good input saved, bad input refused in Chinese."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.appeals.actions import do_record_result, do_update_appeal, review_first_warning
from gongkai.appeals.models import AppealCase
from gongkai.statute.outcomes import Outcome

pytestmark = pytest.mark.django_db


def messages(exc: ValidationError) -> str:
    return " ".join(m for ms in exc.message_dict.values() for m in ms)


def test_register_review_is_pending_and_recorded_in_history(register, officer, application):
    case = register(case_number="张政复〔2025〕12号", actor=officer, claimant=" 张三 ")
    case.refresh_from_db()
    assert case.result == "pending" and case.decided_on is None
    assert case.claimant == "张三"
    assert case.application == application
    assert case.created_by == officer
    assert case.history.count() == 1
    assert case.history.first().history_user == officer


def test_record_result_and_reopen(register):
    case = register()
    do_record_result(case, result="corrected", decided_on=date(2025, 5, 6), detail="责令重新答复")
    case.refresh_from_db()
    assert (case.result, case.decided_on, case.result_detail) == ("corrected", date(2025, 5, 6), "责令重新答复")
    do_record_result(case, result="pending", decided_on=None)
    case.refresh_from_db()
    assert case.result == "pending" and case.decided_on is None
    assert case.history.count() == 3


@pytest.mark.parametrize(
    ("result", "decided_on", "field", "text"),
    [
        ("upheld", None, "decided_on", "请填写审结日期"),
        ("pending", date(2025, 5, 6), "result", "须选择结果"),
        ("won", date(2025, 5, 6), "result", "未知的结果"),
        ("upheld", date(2025, 3, 31), "decided_on", "不能早于申请（起诉）日期"),
        ("upheld", date(2099, 1, 1), "decided_on", "不能晚于今天"),
    ],
)
def test_record_result_rejects_bad_input_and_keeps_the_case(register, result, decided_on, field, text):
    case = register()
    with pytest.raises(ValidationError) as exc:
        do_record_result(case, result=result, decided_on=decided_on)
    assert field in exc.value.message_dict
    assert text in messages(exc.value)
    case.refresh_from_db()
    assert case.result == "pending" and case.decided_on is None


def test_dates_must_be_in_order(register):
    with pytest.raises(ValidationError) as exc:
        register(accepted_on=date(2025, 3, 30), answered_on=date(2025, 3, 25), copy_received_on=date(2025, 4, 3))
    errors = exc.value.message_dict
    assert "不能早于申请（起诉）日期" in " ".join(errors["accepted_on"])
    assert "不能早于收到副本日期" in " ".join(errors["answered_on"])
    assert not AppealCase.objects.exists()


def test_filed_before_the_application_was_received_is_refused(register):
    with pytest.raises(ValidationError) as exc:
        register(filed_on=date(2025, 3, 1))
    assert "不能早于所涉申请的收到日期" in messages(exc.value)


def test_application_of_another_agency_is_refused(register, decided, region):
    other = decided(agency=region.street)
    with pytest.raises(ValidationError) as exc:
        register(application=other)
    assert "不是本机关受理的申请" in messages(exc.value)


def test_historical_case_needs_a_note(register):
    with pytest.raises(ValidationError) as exc:
        register(application=None)
    assert "未关联申请的说明" in messages(exc.value)
    case = register(application=None, unlinked_note="2018年申请，原编号 残联依申2018-3")
    assert case.application is None


def test_unknown_kind_and_missing_body(register):
    with pytest.raises(ValidationError) as exc:
        register(kind="appeal", body="  ")
    errors = exc.value.message_dict
    assert "未知的案件类别" in " ".join(errors["kind"])
    assert "请填写复议机关或人民法院" in " ".join(errors["body"])


def test_suit_after_review_must_name_its_review(register):
    with pytest.raises(ValidationError) as exc:
        register(kind="suit_after_review", filed_on=date(2025, 6, 1))
    assert "review_case" in exc.value.message_dict
    elsewhere = register(kind="suit_after_review", filed_on=date(2025, 6, 1), review_elsewhere="淄博市人民政府 决定维持")
    assert elsewhere.review_case is None


def test_suit_after_review_links_a_decided_review_and_takes_its_application(register, application):
    review = register(case_number="复1")
    do_record_result(review, result="upheld", decided_on=date(2025, 5, 6))
    with pytest.raises(ValidationError) as exc:
        register(kind="suit_after_review", filed_on=date(2025, 5, 1), review_case=review, application=None)
    assert "不能早于行政复议审结日期" in messages(exc.value)
    suit = register(kind="suit_after_review", filed_on=date(2025, 5, 15), review_case=review, application=None)
    assert suit.application == application
    # The review cannot be reopened once the suit after it is decided.
    do_record_result(suit, result="upheld", decided_on=date(2025, 7, 1))
    with pytest.raises(ValidationError):
        do_record_result(review, result="pending", decided_on=None)


def test_review_case_must_be_a_review(register):
    direct = register(kind="suit_direct", case_number="诉1")
    with pytest.raises(ValidationError) as exc:
        register(kind="suit_after_review", filed_on=date(2025, 6, 1), review_case=direct)
    assert "须是行政复议案件" in messages(exc.value)


def test_other_kinds_cannot_name_a_review(register):
    with pytest.raises(ValidationError) as exc:
        register(kind="suit_direct", review_elsewhere="某复议")
    assert "只有复议后起诉的案件" in messages(exc.value)


def test_extension_only_for_ordinary_review(register):
    with pytest.raises(ValidationError) as exc:
        register(decision_extended=True)
    assert "普通程序" in messages(exc.value)
    assert register(procedure="ordinary", decision_extended=True).decision_extended


def test_case_number_unique_per_agency_and_body(register):
    register(case_number="张政复〔2025〕12号")
    with pytest.raises(ValidationError) as exc:
        register(case_number="张政复〔2025〕12号")
    assert "已登记" in messages(exc.value)
    assert register(case_number="").case_number == ""
    assert register(case_number="").case_number == ""


def test_update_corrects_fields_and_refuses_bad_ones(register, officer):
    case = register()
    do_update_appeal(case, accepted_on=date(2025, 4, 3), case_number="复2", actor=officer)
    assert (case.accepted_on, case.case_number) == (date(2025, 4, 3), "复2")
    with pytest.raises(ValidationError):
        do_update_appeal(case, accepted_on=date(2025, 3, 1))
    case.refresh_from_db()
    assert case.accepted_on == date(2025, 4, 3)
    with pytest.raises(TypeError):
        do_update_appeal(case, agency=None)


def test_cases_cannot_be_deleted_except_samples(register):
    case = register()
    with pytest.raises(ValidationError):
        case.delete()
    sample = register(is_sample=True)
    sample.delete()
    assert AppealCase.objects.count() == 1


@pytest.mark.parametrize(
    ("outcome", "decided_on", "warns"),
    [
        (Outcome.WITHHELD_STATE_SECRET, date(2024, 1, 1), True),
        (Outcome.WITHHELD_THIRD_PARTY, date(2025, 3, 20), True),
        (Outcome.WITHHELD_STATE_SECRET, date(2023, 12, 29), False),
        (Outcome.DISCLOSED, date(2025, 3, 20), False),
        (Outcome.PARTIAL, date(2025, 3, 20), False),
    ],
)
def test_review_first_warning(register, decided, outcome, decided_on, warns):
    application = decided(on=min(decided_on, date(2023, 12, 1)), outcome=outcome, decided_on=decided_on)
    direct = register(kind="suit_direct", application=application, filed_on=date(2025, 4, 1))
    warning = review_first_warning(direct)
    assert bool(warning) is warns
    if warns:
        assert application.receipt_number in warning and "先申请行政复议" in warning
    review = register(kind="review", application=application, filed_on=date(2025, 4, 2))
    assert review_first_warning(review) is None


@pytest.mark.parametrize(
    "fields",
    [
        {"result": "upheld"},  # decided result without a date
        {"result": "pending", "decided_on": date(2025, 5, 1)},
        {"accepted_on": date(2025, 3, 1)},  # before filing
        {"application": None},  # no application and no note
        {"kind": "suit_after_review"},  # no review named
        {"review_elsewhere": "x"},  # a review named on a review
        {"kind": "other"},
    ],
)
def test_database_constraints_back_the_actions(agency, application, fields):
    values = {
        "agency": agency, "application": application, "kind": "review", "body": "区政府",
        "filed_on": date(2025, 4, 1), **fields,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        AppealCase.objects.create(**values)
