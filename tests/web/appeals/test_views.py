"""The staff screens: list with filters and deadline flags, register, detail with the periods,
edit and result forms, the table 四 drill-down, and who may see and change what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.actions import do_add_member
from gongkai.appeals.actions import do_record_result
from gongkai.appeals.models import AppealCase
from gongkai.statute.outcomes import Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def user_with(make_user, client):
    def make(agency, role):
        user = make_user()
        do_add_member(agency, user, role)
        client.force_login(user)
        return client

    return make


def text(response):
    return response.content.decode()


def post_data(application, **changes):
    data = {
        "kind": "review",
        "receipt_number": application.receipt_number,
        "body": "淄博市张店区人民政府",
        "case_number": "张政复〔2025〕7号",
        "claimant": "张三",
        "procedure": "simple",
        "filed_on": "2025-04-01",
        "accepted_on": "2025-04-03",
    }
    data.update(changes)
    return data


def test_anonymous_users_are_sent_to_login(client, register):
    case = register()
    for url in (reverse("appeals:list"), reverse("appeals:detail", args=[case.pk]), reverse("appeals:create")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("ui:login") in response["Location"]


def test_list_shows_own_cases_with_empty_state(staff, register, decided, region):
    response = staff.get(reverse("appeals:list"))
    assert response.status_code == 200
    assert "还没有登记复议诉讼案件" in text(response)
    register(case_number="张政复〔2025〕1号")
    register(agency=region.street, application=decided(agency=region.street), case_number="街道案")
    body = text(staff.get(reverse("appeals:list")))
    assert "张政复〔2025〕1号" in body and "街道案" not in body
    assert "登记案件" in body


def test_list_filters_search_and_bad_input(staff, register):
    register(case_number="复A")
    register(kind="suit_direct", case_number="诉B", claimant="李四")
    body = text(staff.get(reverse("appeals:list"), {"kind": "suit_direct"}))
    assert "诉B" in body and "复A" not in body
    body = text(staff.get(reverse("appeals:list"), {"q": "李四"}))
    assert "诉B" in body and "复A" not in body
    body = text(staff.get(reverse("appeals:list"), {"q": "没有这个"}))
    assert "没有符合条件的案件" in body
    response = staff.get(reverse("appeals:list"), {"year": "二〇二五", "kind": "nonsense"})
    assert response.status_code == 200 and "已忽略" in text(response)
    assert "复A" in text(response)  # nothing filtered, nothing lost
    assert staff.get(reverse("appeals:list"), {"page": "999"}).status_code == 200


def test_list_flags_overdue_answer(staff, register):
    today = timezone.localdate()
    register(case_number="逾期案", filed_on=date(2025, 4, 1), accepted_on=date(2025, 4, 3),
             copy_received_on=date(2025, 4, 7))
    register(case_number="已答复", filed_on=date(2025, 4, 1), copy_received_on=date(2025, 4, 7),
             answered_on=date(2025, 4, 8))
    response = staff.get(reverse("appeals:list"), {"flag": "overdue"})
    body = text(response)
    assert "逾期案" in body and "已逾期" in body
    # The answered case's next open period is the body's decision, also long overdue, so only
    # the "our periods" filter tells them apart.
    body = text(staff.get(reverse("appeals:list"), {"flag": "open"}))
    assert "逾期案" in body and "已答复" not in body
    assert today > date(2025, 4, 14)


def test_list_paginates(staff, register):
    for n in range(30):
        register(case_number=f"分页{n:02d}", filed_on=date(2025, 4, 1) + timedelta(days=n))
    first = text(staff.get(reverse("appeals:list")))
    assert "第 1 / 2 页" in first and "分页29" in first and "分页00" not in first
    second = text(staff.get(reverse("appeals:list"), {"page": 2}))
    assert "分页00" in second


def test_register_a_case_by_receipt_number(staff, application, officer):
    response = staff.get(reverse("appeals:create"))
    assert response.status_code == 200 and "所涉申请的受理编号" in text(response)
    response = staff.post(reverse("appeals:create"), post_data(application, agency=application.agency_id))
    case = AppealCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("appeals:detail", args=[case.pk])
    assert case.application == application and case.created_by == officer
    assert case.accepted_on == date(2025, 4, 3)


def test_register_refuses_bad_input_with_messages(staff, application):
    url = reverse("appeals:create")
    response = staff.post(url, post_data(application, agency=application.agency_id, receipt_number="不存在-1"))
    assert response.status_code == 200 and "没有受理编号为“不存在-1”的申请" in text(response)
    response = staff.post(url, post_data(application, agency=application.agency_id, accepted_on="2025-03-01"))
    assert "不能早于申请（起诉）日期" in text(response)
    response = staff.post(url, post_data(application, agency=application.agency_id, kind="suit_after_review"))
    assert "须选择所经行政复议案件" in text(response)
    response = staff.post(url, post_data(application, agency=application.agency_id, receipt_number=""))
    assert "未关联申请的说明" in text(response)
    response = staff.post(url, post_data(application, agency=application.agency_id, filed_on="2025-13-45"))
    assert response.status_code == 200 and "has-error" in text(response)
    assert not AppealCase.objects.exists()


def test_register_direct_suit_about_withheld_reply_warns(staff, decided):
    application = decided(outcome=Outcome.WITHHELD_INTERNAL, decided_on=date(2025, 3, 20))
    response = staff.post(
        reverse("appeals:create"),
        post_data(application, agency=application.agency_id, kind="suit_direct", body="张店区人民法院"),
        follow=True,
    )
    assert response.status_code == 200
    body = text(response)
    assert "先申请行政复议" in body and "复议前置" in body


def test_detail_shows_periods_and_history(staff, register, decided):
    application = decided(on=date(2024, 12, 20), decided_on=date(2025, 1, 10))
    case = register(application=application, filed_on=date(2025, 1, 27), accepted_on=date(2025, 2, 10))
    body = text(staff.get(reverse("appeals:detail", args=[case.pk])))
    assert "受理审查期限" in body and "2025年2月10日（星期一）" in body
    assert "第八十八条" in body and "按期" in body
    assert "修改案件信息" in body and "登记" in body


def test_edit_and_result(staff, register, application):
    case = register(case_number="复1")
    url = reverse("appeals:edit", args=[case.pk])
    response = staff.get(url)
    assert response.status_code == 200 and "复1" in text(response)
    response = staff.post(url, post_data(application, case_number="复1-改", copy_received_on="2025-04-07"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.case_number == "复1-改" and case.copy_received_on == date(2025, 4, 7)
    response = staff.post(url, post_data(application, answered_on="2025-03-01"))
    assert response.status_code == 200 and "不能早于" in text(response)
    case.refresh_from_db()
    assert case.answered_on is None

    result_url = reverse("appeals:result", args=[case.pk])
    response = staff.post(result_url, {"result": "upheld", "decided_on": "", "detail": ""})
    assert response.status_code == 200 and "请填写审结日期" in text(response)
    response = staff.post(result_url, {"result": "upheld", "decided_on": "2025-05-06", "detail": "决定维持"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.result, case.decided_on, case.result_detail) == ("upheld", date(2025, 5, 6), "决定维持")


@pytest.mark.parametrize("role", ["viewer", "supervisor"])
def test_readers_see_but_cannot_change(user_with, register, agency, region, application, role):
    case = register()
    # A supervisor of the county sees its departments; a viewer of the department itself.
    client = user_with(agency if role == "viewer" else region.county, role)
    assert client.get(reverse("appeals:list")).status_code == 200
    detail = client.get(reverse("appeals:detail", args=[case.pk]))
    assert detail.status_code == 200 and "修改案件信息" not in text(detail)
    for name in ("appeals:edit", "appeals:result"):
        response = client.post(reverse(name, args=[case.pk]), post_data(application))
        assert response.status_code == 403 and "只有查看权限" in text(response)
    response = client.get(reverse("appeals:create"))
    assert response.status_code == 403 and "经办人或负责人" in text(response)
    case.refresh_from_db()
    assert case.case_number == ""


def test_cases_outside_the_scope_are_not_found(user_with, register, region):
    case = register()
    client = user_with(region.other_department, "officer")
    for name in ("appeals:detail", "appeals:edit", "appeals:result"):
        assert client.get(reverse(name, args=[case.pk])).status_code == 404
    assert str(case.case_number or "淄博市张店区人民政府") not in text(client.get(reverse("appeals:list")))


def test_officer_cannot_register_for_another_agency(staff, decided, region):
    other = decided(agency=region.street)
    response = staff.post(reverse("appeals:create"), post_data(other, agency=region.street.pk))
    assert response.status_code == 200 and "has-error" in text(response)
    assert not AppealCase.objects.exists()


def test_cell_drill_down(staff, register):
    decided_case = register(case_number="维持案")
    do_record_result(decided_case, result="upheld", decided_on=date(2025, 5, 6))
    register(case_number="未结案")
    url = reverse("appeals:records")
    body = text(staff.get(url, {"year": 2025, "kind": "review", "result": "upheld"}))
    assert "维持案" in body and "未结案" not in body and "共 1 件" in body
    body = text(staff.get(url, {"year": 2025, "kind": "review", "result": "total", "basis": "concluded"}))
    assert "共 2 件" in body
    assert "该栏为 0" in text(staff.get(url, {"year": 2024, "kind": "review", "result": "upheld"}))
    for bad in ({"year": "x", "kind": "review", "result": "upheld"}, {"year": 2025, "kind": "x", "result": "upheld"},
                {"year": 2025, "kind": "review", "result": "upheld", "basis": "x"}):
        assert staff.get(url, bad).status_code == 404


def test_admin_is_read_only(client, make_user, register):
    case = register(case_number="后台案")
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = client.get(reverse("admin:appeals_appealcase_changelist"))
    assert changelist.status_code == 200 and "后台案" in text(changelist)
    change = client.get(reverse("admin:appeals_appealcase_change", args=[case.pk]))
    assert change.status_code == 200 and "在工作台中查看和修改" in text(change)
    assert client.get(reverse("admin:appeals_appealcase_add")).status_code == 403
    assert client.post(reverse("admin:appeals_appealcase_delete", args=[case.pk]), {"post": "yes"}).status_code == 403
    assert AppealCase.objects.filter(pk=case.pk).exists()


def test_list_queries_do_not_grow_with_the_cases(staff, register):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert staff.get(reverse("appeals:list")).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        register(case_number=f"少{n}")
    few = count()
    for n in range(9):
        register(kind="suit_direct", case_number=f"多{n}", accepted_on=date(2025, 4, 3))
    assert count() == few
