"""The officer's workspace: lists and filters, the case page, actions, intake, supervision."""

from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.actions import do_add_member
from gongkai.casework import actions as act
from gongkai.casework.calendar import calendar
from gongkai.casework.models import Application, ApplicationEvent
from gongkai.casework.services import clock_for
from gongkai.statute.formats import format_for_year
from gongkai.statute.outcomes import Outcome, outcome_label
from gongkai.workdays.arithmetic import count_workdays

pytestmark = pytest.mark.django_db


def today() -> date:
    return timezone.localdate()


def received_with_days_left(left: int) -> date:
    """A receipt date whose 20-working-day period has exactly ``left`` working days left today
    (negative: overdue by that many), found with the workdays layer."""
    cal = calendar()
    for back in range(0, 120):
        start = today() - timedelta(days=back)
        used = count_workdays(cal, start, today()) if today() >= start else 0
        if 20 - used == left:
            return start
    raise AssertionError(f"no receipt date gives {left} days left")


def body(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def staff_client(client: Any, officer: Any) -> Any:
    client.force_login(officer)
    return client


# --- lists ---------------------------------------------------------------------------------


def test_list_requires_login(client: Any) -> None:
    response = client.get(reverse("casework:list"))
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


def test_list_shows_my_cases_with_their_clock(staff_client: Any, receive: Any, officer: Any) -> None:
    start = received_with_days_left(3)
    app = receive(start, name="王小明")
    page = staff_client.get(reverse("casework:list"))
    assert page.status_code == 200
    text = body(page)
    assert app.receipt_number in text
    assert "王小明" in text  # the officer handles the agency: names are shown
    due = clock_for(app).due.date
    assert f"{due.year}年{due.month}月{due.day}日" in text
    assert "剩余3个工作日" in text


def test_empty_list_says_so(staff_client: Any) -> None:
    text = body(staff_client.get(reverse("casework:list")))
    assert "class=\"empty\"" in text and "没有符合条件的申请" in text


def test_due_soon_and_overdue_tabs(staff_client: Any, receive: Any) -> None:
    soon = receive(received_with_days_left(2), name="甲")
    later = receive(received_with_days_left(15), name="乙")
    late = receive(received_with_days_left(-4), name="丙")
    decided_late = receive(received_with_days_left(-6), name="丁")
    act.do_decide(decided_late, Outcome.DISCLOSED)
    url = reverse("casework:list")

    due_soon = body(staff_client.get(url, {"tab": "due_soon"}))
    assert soon.receipt_number in due_soon
    assert later.receipt_number not in due_soon and late.receipt_number not in due_soon
    assert decided_late.receipt_number not in due_soon

    wider = body(staff_client.get(url, {"tab": "due_soon", "within": 15}))
    assert soon.receipt_number in wider and later.receipt_number in wider

    overdue = body(staff_client.get(url, {"tab": "overdue"}))
    assert late.receipt_number in overdue and "已逾期4个工作日" in overdue
    assert soon.receipt_number not in overdue and decided_late.receipt_number not in overdue


def test_overdue_list_agrees_with_the_clock_for_every_case(staff_client: Any, receive: Any) -> None:
    # The SQL prefilter must never drop a case the clock calls overdue or due soon.
    apps = [receive(today() - timedelta(days=back)) for back in range(0, 45, 2)]
    url = reverse("casework:list")
    overdue = body(staff_client.get(url, {"tab": "overdue"}))
    due_soon = body(staff_client.get(url, {"tab": "due_soon", "within": 5}))
    for app in apps:
        clock = clock_for(app)
        assert (app.receipt_number in overdue) == clock.overdue, app.received_on
        expected_soon = not clock.overdue and clock.days_left <= 5
        assert (app.receipt_number in due_soon) == expected_soon, app.received_on


def test_waiting_tab_and_filters(staff_client: Any, receive: Any, region: Any, make_user: Any) -> None:
    waiting = receive(today() - timedelta(days=3), name="等补正")
    act.do_request_supplement(waiting, deadline=today() + timedelta(days=10), items="请写明文号")
    plain = receive(today() - timedelta(days=3), name="普通", kind="commercial")
    old = receive(date(2025, 5, 6), name="去年")
    url = reverse("casework:list")

    text = body(staff_client.get(url, {"tab": "waiting"}))
    assert waiting.receipt_number in text and plain.receipt_number not in text

    text = body(staff_client.get(url, {"tab": "all", "state": "awaiting_supplement"}))
    assert waiting.receipt_number in text and plain.receipt_number not in text

    text = body(staff_client.get(url, {"tab": "all", "year": 2025}))
    assert old.receipt_number in text and plain.receipt_number not in text

    text = body(staff_client.get(url, {"tab": "all", "kind": "commercial"}))
    assert plain.receipt_number in text and waiting.receipt_number not in text

    text = body(staff_client.get(url, {"tab": "all", "q": "等补"}))
    assert waiting.receipt_number in text and plain.receipt_number not in text
    text = body(staff_client.get(url, {"tab": "all", "q": old.receipt_number}))
    assert old.receipt_number in text and plain.receipt_number not in text


def test_agency_filter_is_limited_to_visible_agencies(staff_client: Any, receive: Any, region: Any) -> None:
    mine = receive(today())
    other = receive(today(), agency=region.other_department)
    url = reverse("casework:list")
    text = body(staff_client.get(url, {"tab": "all"}))
    assert mine.receipt_number in text and other.receipt_number not in text
    # Asking for an invisible agency is an invalid choice: reported, ignored, nothing leaked.
    response = staff_client.get(url, {"tab": "all", "agency": region.other_department.pk})
    assert response.status_code == 200
    assert other.receipt_number not in body(response)
    assert "已忽略此条件" in body(response)


def test_odd_filter_input_does_not_crash(staff_client: Any, receive: Any) -> None:
    receive(today())
    url = reverse("casework:list")
    for params in ({"year": "abc"}, {"within": "999"}, {"tab": "nonsense"}, {"page": "-1"}, {"page": "x"},
                   {"agency": "x"}, {"q": "%_'\";--"}, {"state": "bogus"}):
        response = staff_client.get(url, params)
        assert response.status_code == 200, params


def test_name_search_only_where_names_are_visible(client: Any, receive: Any, region: Any, make_user: Any,
                                                  agency: Any) -> None:
    app = receive(today(), name="欧阳修")
    viewer = make_user("viewer")
    do_add_member(agency, viewer, "viewer")
    client.force_login(viewer)
    text = body(client.get(reverse("casework:list"), {"tab": "all", "q": "欧阳"}))
    assert app.receipt_number not in text  # a viewer cannot find a case by the applicant's name
    text = body(client.get(reverse("casework:list"), {"tab": "all"}))
    assert app.receipt_number in text and "欧阳修" not in text and "欧**" in text


def test_pagination_keeps_filters(staff_client: Any, receive: Any) -> None:
    for _ in range(27):
        receive(today() - timedelta(days=1), kind="research")
    url = reverse("casework:list")
    first = body(staff_client.get(url, {"tab": "all", "kind": "research"}))
    assert "第 1 / 2 页" in first and "kind=research" in first
    second = body(staff_client.get(url, {"tab": "all", "kind": "research", "page": 2}))
    assert "第 2 / 2 页" in second


@pytest.mark.parametrize("tab", ["all", "overdue", "due_soon"])
def test_list_runs_a_constant_number_of_queries(staff_client: Any, receive: Any, tab: str) -> None:
    url = reverse("casework:list")

    def count(rows: int) -> int:
        Application.objects.filter(is_sample=True).delete()
        for _ in range(rows):
            app = receive(received_with_days_left(-2 if tab == "overdue" else 3), is_sample=True)
            act.do_send_consultation(app, party="third_party", name="某公司")
            act.do_return_consultation(app, reply="同意")
        staff_client.get(url, {"tab": tab})  # warm the calendar cache
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(url, {"tab": tab})
        assert body(response).count("<tr") == rows + 1  # header + rows: the page really has them
        return len(queries)

    assert count(5) == count(25)


# --- the case page -------------------------------------------------------------------------


def test_case_page_shows_facts_clock_explanation_and_actions(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=2), name="李雷", phone="13800001234")
    text = body(staff_client.get(reverse("casework:detail", args=[app.pk])))
    assert app.receipt_number in text and "李雷" in text and "13800001234" in text
    clock = clock_for(app)
    for line in clock.explanation:
        assert line in text
    assert f"{clock.days_left}个工作日" in text
    # Actions allowed now, from the lifecycle: a fresh case can be sent a 补正 or decided, not delivered.
    assert reverse("casework:act", args=[app.pk, "request_supplement"]) in text
    assert reverse("casework:act", args=[app.pk, "decide"]) in text
    assert reverse("casework:act", args=[app.pk, "deliver"]) not in text
    # Only the approver sees the extension form.
    assert reverse("casework:act", args=[app.pk, "approve_extension"]) not in text
    assert "须由本机构负责人（审核人）批准" in text
    # The outcome choices are the table 三 rows of this year's format, from statute.
    assert outcome_label(Outcome.WITHHELD_STATE_SECRET, format_for_year(today().year)) in text


def test_provisional_due_date_is_marked(staff_client: Any, receive: Any) -> None:
    # Late in the year the 20 working days reach into a year whose holidays are not loaded.
    app = receive(today())
    clock = clock_for(app)
    text = body(staff_client.get(reverse("casework:detail", args=[app.pk])))
    if clock.provisional:
        assert "provisional" in text and "尚未载入" in text
        assert f"{clock.due.unloaded_years[0]}年" in text
    else:
        assert "尚未载入" not in text


def test_provisional_marker_follows_the_calendar(staff_client: Any, receive: Any) -> None:
    from gongkai.holidays.models import HolidayYear

    app = receive(today())
    HolidayYear.objects.filter(year=today().year).delete()
    text = body(staff_client.get(reverse("casework:detail", args=[app.pk])))
    assert clock_for(app).provisional
    assert "暂定" in text and f"{today().year}年的节假日安排尚未载入" in text


def test_case_page_for_approver_offers_extension(client: Any, approver: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=2))
    client.force_login(approver)
    text = body(client.get(reverse("casework:detail", args=[app.pk])))
    assert reverse("casework:act", args=[app.pk, "approve_extension"]) in text


def test_side_deadlines_and_audit_trail(staff_client: Any, receive: Any, officer: Any) -> None:
    app = receive(today() - timedelta(days=3), actor=officer)
    act.do_send_consultation(app, party="other_organ", name="区财政局", actor=officer)
    # An edit of the applicant's particulars (as through the admin) is in the audit trail.
    app.refresh_from_db()
    app.phone = "13912345678"
    app._history_user = officer
    app.save()
    text = body(staff_client.get(reverse("casework:detail", args=[app.pk])))
    assert "补正告知期限" in text and "第1次征求其他机关意见答复期限" in text and "区财政局" in text
    assert "审计记录" in text and "联系电话" in text and "13912345678" in text
    assert "登记“征求意见”" in text


def test_unknown_case_is_404_in_chinese(staff_client: Any) -> None:
    response = staff_client.get(reverse("casework:detail", args=[999999]))
    assert response.status_code == 404 and "没有找到" in body(response)


# --- actions -------------------------------------------------------------------------------


def act_url(app: Application, slug: str) -> str:
    return reverse("casework:act", args=[app.pk, slug])


def test_supplement_round_trip(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=1))
    response = staff_client.post(act_url(app, "request_supplement"), {
        "request_supplement-on": today().isoformat(),
        "request_supplement-deadline": (today() + timedelta(days=15)).isoformat(),
        "request_supplement-items": "请写明文件名称",
    }, follow=True)
    assert "已登记：告知补正" in body(response)
    app.refresh_from_db()
    assert app.state == "awaiting_supplement"
    response = staff_client.post(act_url(app, "receive_supplement"), {"receive_supplement-on": today().isoformat()})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.state == "processing"
    assert clock_for(app).start == today()


def test_late_supplement_notice_is_recorded_with_a_visible_warning(staff_client: Any, receive: Any) -> None:
    received = received_with_days_left(5)  # 15 working days ago: past the 7-day notice period
    app = receive(received)
    response = staff_client.post(act_url(app, "request_supplement"), {
        "request_supplement-on": today().isoformat(),
        "request_supplement-deadline": (today() + timedelta(days=10)).isoformat(),
        "request_supplement-items": "请补充身份证明",
    }, follow=True)
    text = body(response)
    assert "message-warning" in text and "本次告知已超期" in text
    assert app.events.get(kind="supplement_requested").details["late"] is True


def test_supplement_errors_keep_the_case_unchanged(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=1))
    response = staff_client.post(act_url(app, "request_supplement"), {
        "request_supplement-on": today().isoformat(),
        "request_supplement-deadline": today().isoformat(),
        "request_supplement-items": "",
    })
    text = body(response)
    assert response.status_code == 200
    assert "请写明需要补正的事项" in text
    assert app.events.count() == 1


def test_decision_before_receipt_is_refused(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=5))
    response = staff_client.post(act_url(app, "decide"), {
        "decide-on": (today() - timedelta(days=6)).isoformat(), "decide-outcome": "DISCLOSED",
    })
    assert "答复日期" in body(response) and "不能早于收到申请日期" in body(response)
    app.refresh_from_db()
    assert app.outcome == "" and app.events.count() == 1


@pytest.mark.parametrize(("code", "message"), [
    ("OTHER_NO_SUPPLEMENT", "请选择有效的办理结果"),  # only through 逾期未补正
    ("OTHER_FEE_UNPAID", "请选择有效的办理结果"),  # only through 逾期未缴费
    ("BOGUS", "请选择有效的办理结果"),
    ("", "请选择办理结果"),
])
def test_outcome_not_valid_is_refused(staff_client: Any, receive: Any, code: str, message: str) -> None:
    app = receive(today() - timedelta(days=5))
    response = staff_client.post(act_url(app, "decide"), {"decide-on": today().isoformat(), "decide-outcome": code})
    assert response.status_code == 200
    assert f'<p class="error" id="id_decide-outcome_error">{message}</p>' in body(response)
    app.refresh_from_db()
    assert app.outcome == "" and app.events.count() == 1


def test_decide_then_second_decision_is_refused(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=5))
    response = staff_client.post(act_url(app, "decide"), {
        "decide-on": today().isoformat(), "decide-outcome": "WITHHELD_PROCESS", "decide-separated": "on",
    }, follow=True)
    assert "已登记：作出答复" in body(response)
    app.refresh_from_db()
    assert app.outcome == Outcome.PARTIAL.value  # 区分处理 counts only as 部分公开
    response = staff_client.post(act_url(app, "decide"), {"decide-on": today().isoformat(),
                                                          "decide-outcome": "DISCLOSED"})
    assert "每件申请只能有一个办理结果" in body(response)
    app.refresh_from_db()
    assert app.outcome == Outcome.PARTIAL.value
    assert app.events.filter(kind="decided").count() == 1


def test_extension_by_approver_and_its_limits(client: Any, approver: Any, officer: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=5))
    client.force_login(officer)
    data = {"approve_extension-on": today().isoformat(), "approve_extension-workdays": "10",
            "approve_extension-reason": "需要调取档案"}
    response = client.post(act_url(app, "approve_extension"), data)
    assert response.status_code == 403 and "负责人（审核人）" in body(response)
    client.force_login(approver)
    response = client.post(act_url(app, "approve_extension"), {**data, "approve_extension-workdays": "21"})
    assert response.status_code == 200 and "不能超过20个工作日" in body(response)
    assert app.events.count() == 1
    before = clock_for(app).due.date
    response = client.post(act_url(app, "approve_extension"), data)
    assert response.status_code == 302
    after = clock_for(app).due
    assert after.total_workdays == 30 and after.date > before
    response = client.post(act_url(app, "approve_extension"), data)
    assert "只能延长一次" in body(response)


def test_consultation_fee_withdraw_deliver_archive(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=2))
    on = today().isoformat()
    assert staff_client.post(act_url(app, "send_consultation"), {
        "send_consultation-on": on, "send_consultation-party": "third_party",
        "send_consultation-name": "某公司"}).status_code == 302
    text = body(staff_client.get(reverse("casework:detail", args=[app.pk])))
    assert "暂停中" in text and act_url(app, "return_consultation") in text
    assert staff_client.post(act_url(app, "return_consultation"), {
        "return_consultation-on": on, "return_consultation-consultation": "1",
        "return_consultation-reply": "不同意公开"}).status_code == 302
    # 按量 needs pages; 30 pages are free (no notice), 50 pages are charged.
    response = staff_client.post(act_url(app, "fee_notice"), {"fee_notice-on": on, "fee_notice-method": "per_page"})
    assert "按量计收须填写页数" in body(response)
    response = staff_client.post(act_url(app, "fee_notice"), {"fee_notice-on": on, "fee_notice-method": "per_page",
                                                              "fee_notice-pages": "20"})
    assert "无需发出收费通知" in body(response)
    assert staff_client.post(act_url(app, "fee_notice"), {"fee_notice-on": on, "fee_notice-method": "per_page",
                                                          "fee_notice-pages": "50"}).status_code == 302
    app.refresh_from_db()
    assert app.state == "awaiting_fee"
    response = staff_client.post(act_url(app, "lapse_fee"), {"lapse_fee-on": on})
    assert "届满后才能认定逾期未缴费" in body(response)
    assert staff_client.post(act_url(app, "record_payment"), {"record_payment-on": on}).status_code == 302
    assert staff_client.post(act_url(app, "withdraw"), {"withdraw-on": on,
                                                        "withdraw-reason": "申请人电话撤回"}).status_code == 302
    app.refresh_from_db()
    assert (app.state, app.outcome) == ("terminated", Outcome.OTHER.value)
    assert staff_client.post(act_url(app, "deliver"), {"deliver-on": on, "deliver-method": "post"}).status_code == 302
    assert staff_client.post(act_url(app, "archive"), {"archive-on": on}).status_code == 302
    app.refresh_from_db()
    assert app.state == "archived"
    text = body(staff_client.get(reverse("casework:detail", args=[app.pk])))
    assert "当前没有可登记的办理事件" in text
    response = staff_client.post(act_url(app, "deliver"), {"deliver-on": on})
    assert "已归档" in body(response)
    assert app.events.count() == 9


def test_supplement_lapse(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=20))
    act.do_request_supplement(app, deadline=today() - timedelta(days=3), items="补正",
                              on=today() - timedelta(days=18))
    assert staff_client.post(act_url(app, "lapse_supplement"),
                             {"lapse_supplement-on": today().isoformat()}).status_code == 302
    app.refresh_from_db()
    assert app.outcome == Outcome.OTHER_NO_SUPPLEMENT.value


def test_future_dates_and_unknown_actions(staff_client: Any, receive: Any) -> None:
    app = receive(today())
    response = staff_client.post(act_url(app, "deliver"), {"deliver-on": (today() + timedelta(days=1)).isoformat()})
    assert "不能晚于今天" in body(response)
    assert staff_client.post(act_url(app, "explode"), {}).status_code == 404
    assert staff_client.get(act_url(app, "decide")).status_code == 405


# --- intake --------------------------------------------------------------------------------


def intake_data(agency: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "agency": agency.pk, "channel": "in_person", "submitted_on": today().isoformat(),
        "applicant_kind": "natural", "applicant_name": "韩梅梅", "id_type": "resident_id",
        "id_number": "370303199001011234", "phone": "13800000000", "email": "", "address": "张店区某路1号",
        "postcode": "255000", "description": "2025年度部门预算", "purpose": "", "requested_form": "paper",
        "delivery_method": "post", "units": "1",
    }
    data.update(changes)
    return data


def test_intake_registers_and_shows_the_receipt(staff_client: Any, agency: Any) -> None:
    response = staff_client.post(reverse("casework:new"), intake_data(agency), follow=True)
    app = Application.objects.get()
    assert response.redirect_chain[-1][0] == reverse("casework:detail", args=[app.pk])
    text = body(response)
    assert app.receipt_number in text and "受理编号" in text
    assert f"{today().year}年{today().month}月{today().day}日" in text and "提交之日" in text
    assert app.created_by is not None and app.id_number == "370303199001011234"


def test_intake_errors_keep_the_entered_data(staff_client: Any, agency: Any) -> None:
    data = intake_data(agency, channel="signed_post", submitted_on="", applicant_name="韩梅梅", postcode="12",
                       description="某某文件")
    response = staff_client.post(reverse("casework:new"), data)
    text = body(response)
    assert response.status_code == 200
    assert "邮政编码应为6位数字" in text
    assert 'value="韩梅梅"' in text and "某某文件" in text
    response = staff_client.post(reverse("casework:new"), intake_data(agency, channel="signed_post"))
    text = body(response)
    assert "须填写签收日期" in text and 'value="韩梅梅"' in text
    response = staff_client.post(reverse("casework:new"), intake_data(
        agency, submitted_on=(today() + timedelta(days=3)).isoformat()))
    assert "不能晚于今天" in body(response)
    assert Application.objects.count() == 0


def test_intake_page_for_a_user_without_a_handling_role(client: Any, make_user: Any, agency: Any) -> None:
    viewer = make_user("viewer2")
    do_add_member(agency, viewer, "viewer")
    client.force_login(viewer)
    response = client.get(reverse("casework:new"))
    assert response.status_code == 403 and "不能登记申请" in body(response)


# --- supervision ---------------------------------------------------------------------------


def test_supervision_lists_region_cases_without_personal_data(client: Any, make_user: Any, region: Any,
                                                              receive: Any) -> None:
    late = receive(received_with_days_left(-3), name="赵六", agency=region.county_department)
    soon = receive(received_with_days_left(1), name="钱七", agency=region.street)
    outside = receive(received_with_days_left(-3), name="孙八", agency=region.other_department)
    supervisor = make_user("sup")
    do_add_member(region.county, supervisor, "supervisor")
    client.force_login(supervisor)
    url = reverse("casework:supervision")
    text = body(client.get(url))
    assert late.receipt_number in text and outside.receipt_number not in text
    assert "赵" not in text and "钱七" not in text
    assert region.county_department.name in text and region.street.name in text
    text = body(client.get(url, {"show": "due_soon"}))
    assert soon.receipt_number in text and late.receipt_number not in text
    text = body(client.get(url, {"show": "overdue", "agency": region.street.pk}))
    assert late.receipt_number not in text
    assert client.get(url, {"agency": region.other_department.pk}).status_code == 200


def test_supervision_is_for_supervisors(staff_client: Any) -> None:
    response = staff_client.get(reverse("casework:supervision"))
    assert response.status_code == 403 and "监督" in body(response)


# --- letters -------------------------------------------------------------------------------

LETTERS_READY = importlib.util.find_spec("gongkai.casework.letters") is not None


def test_letter_download_carries_the_chinese_filename(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=2))
    act.do_decide(app, Outcome.DISCLOSED)
    if not LETTERS_READY:
        pytest.xfail("gongkai.casework.letters is not installed yet")
    response = staff_client.get(reverse("casework:letter", args=[app.pk, "reply", "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response.content[:2] == b"PK"
    response = staff_client.get(reverse("casework:letter", args=[app.pk, "reply", "pdf"]))
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
    text = body(staff_client.get(reverse("casework:detail", args=[app.pk])))
    assert reverse("casework:letter", args=[app.pk, "reply", "docx"]) in text


def test_letter_with_bad_format_or_kind_is_404(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=2))
    assert staff_client.get(reverse("casework:letter", args=[app.pk, "reply", "exe"])).status_code == 404
    if LETTERS_READY:
        response = staff_client.get(reverse("casework:letter", args=[app.pk, "no-such-letter", "pdf"]))
        assert response.status_code == 404


def test_events_are_unchanged_by_reading(staff_client: Any, receive: Any) -> None:
    app = receive(today() - timedelta(days=2))
    staff_client.get(reverse("casework:detail", args=[app.pk]))
    staff_client.get(reverse("casework:list"))
    assert ApplicationEvent.objects.filter(application=app).count() == 1



def test_audit_trail_masks_personal_data_for_readers(client: Any, receive: Any, officer: Any, agency: Any,
                                                      make_user: Any) -> None:
    app = receive(today() - timedelta(days=1), phone="13800001111", actor=officer)
    app.refresh_from_db()
    app.phone = "13900002222"
    app._history_user = officer
    app.save()
    client.force_login(officer)
    text = body(client.get(reverse("casework:detail", args=[app.pk])))
    assert "13800001111" in text and "13900002222" in text  # before and after, in full
    viewer = make_user("reader")
    do_add_member(agency, viewer, "viewer")
    client.force_login(viewer)
    text = body(client.get(reverse("casework:detail", args=[app.pk])))
    assert "13800001111" not in text and "13900002222" not in text
    assert "******1111" in text and "******2222" in text
    assert "联系电话" in text


def test_supervision_runs_a_constant_number_of_queries(client: Any, make_user: Any, region: Any,
                                                       receive: Any) -> None:
    supervisor = make_user("sup2")
    do_add_member(region.city, supervisor, "supervisor")
    client.force_login(supervisor)
    url = reverse("casework:supervision")

    def count(rows: int) -> int:
        Application.objects.filter(is_sample=True).delete()
        for i in range(rows):
            agency = (region.street, region.other_department)[i % 2]
            receive(received_with_days_left(-1), agency=agency, is_sample=True)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert f"逾期 {rows} 件" in body(response)
        return len(queries)

    assert count(5) == count(25)


def test_intake_form_shows_every_field_once(staff_client: Any) -> None:
    from gongkai.casework.forms import IntakeForm

    text = body(staff_client.get(reverse("casework:new")))
    for name in IntakeForm.base_fields:
        assert text.count(f'name="{name}"') == 1, name
