"""Daily reminders: who is told about which cases, what the mail says, and how it is sent."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.actions import do_add_member
from gongkai.casework import actions as act
from gongkai.casework.reminders import collect_reminders, render_digest
from gongkai.casework.services import clock_for

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
# A Wednesday in a September without holidays before the 25th (中秋节 2026).
TODAY = date(2026, 9, 16)


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def staff(agency: Any, make_user: Any) -> dict[str, Any]:
    officer = make_user("jingban", full_name="刘晓燕", email="liu@example.com")
    approver = make_user("shenhe", full_name="王建国", email="wang@example.com")
    viewer = make_user("chakan", full_name="赵敏", email="zhao@example.com")
    do_add_member(agency, officer, "officer")
    do_add_member(agency, approver, "approver")
    do_add_member(agency, viewer, "viewer")
    return {"officer": officer, "approver": approver, "viewer": viewer}


@pytest.fixture
def cases(agency: Any, staff: Any) -> dict[str, Any]:
    def receive(on: date, name: str, description: str, **fields: Any) -> Any:
        return act.do_receive_application(
            agency=agency, channel="in_person", submitted_on=on, applicant_kind="natural",
            applicant_name=name, description=description, phone="13800000000", **fields,
        )

    made = {
        "overdue": receive(date(2026, 8, 3), "申请人甲", "机密描述甲：某小区规划许可"),
        "today": receive(date(2026, 8, 19), "申请人乙", "机密描述乙：学校招生划片"),
        "two_days": receive(date(2026, 8, 21), "申请人丙", "机密描述丙：校舍维修招标"),
        "fresh": receive(date(2026, 9, 14), "申请人丁", "机密描述丁：预算执行"),
        "decided": receive(date(2026, 8, 3), "申请人戊", "机密描述戊：已答复"),
        "sample": receive(date(2026, 8, 3), "演示申请人", "演示描述", is_sample=True),
        "supplement": receive(date(2026, 8, 3), "申请人己", "机密描述己：待补正"),
    }
    act.do_decide(made["decided"], "DISCLOSED", on=date(2026, 8, 20))
    act.do_request_supplement(made["supplement"], deadline=date(2026, 8, 31), items="请写明文号", on=date(2026, 8, 5))
    return made


def test_the_fixture_dates_mean_what_the_tests_say(cases):
    # The clock, not this test, decides due dates; check the premises once.
    assert clock_for(cases["today"], TODAY).due.date == TODAY
    assert clock_for(cases["two_days"], TODAY).days_left == 2
    assert clock_for(cases["overdue"], TODAY).overdue
    assert clock_for(cases["fresh"], TODAY).days_left > 3


def test_one_mail_per_handler_with_overdue_and_due_soon_cases(cases, staff, settings):
    settings.TASKS = IMMEDIATE
    out, _ = run("--date", TODAY.isoformat())
    assert "收件人 2 人，到期 2 件，逾期 1 件" in out
    assert sorted(m.to[0] for m in mail.outbox) == ["liu@example.com", "wang@example.com"]
    for message in mail.outbox:
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        assert "逾期1件" in message.subject and "3个工作日内到期2件" in message.subject
        body = message.body
        for key in ("overdue", "today", "two_days"):
            assert cases[key].receipt_number in body
            assert f"/staff/cases/{cases[key].pk}/" in body
        for key in ("fresh", "decided", "sample", "supplement"):
            assert cases[key].receipt_number not in body
        # No personal data of applicants, nor what they asked for.
        assert "申请人甲" not in body and "机密描述" not in body and "13800000000" not in body
        assert "今日到期" in body and "剩余2个工作日" in body
        overdue_by = -clock_for(cases["overdue"], TODAY).days_left
        assert f"已逾期{overdue_by}个工作日" in body
        # Overdue first.
        assert body.index(cases["overdue"].receipt_number) < body.index(cases["today"].receipt_number)
    greeting = {m.to[0]: m.body.splitlines()[0] for m in mail.outbox}
    assert greeting["liu@example.com"] == "刘晓燕，您好："


def test_days_option_and_setting(cases, settings):
    settings.TASKS = IMMEDIATE
    settings.CASEWORK_REMINDER_DAYS = 0
    out, _ = run("--date", TODAY.isoformat())
    assert "到期 1 件，逾期 1 件" in out
    assert cases["two_days"].receipt_number not in mail.outbox[0].body
    mail.outbox.clear()
    out, _ = run("--date", TODAY.isoformat(), "--days", "2")
    assert "到期 2 件" in out and cases["two_days"].receipt_number in mail.outbox[0].body


def test_samples_only_on_request(cases, settings):
    settings.TASKS = IMMEDIATE
    out, _ = run("--date", TODAY.isoformat(), "--include-samples")
    assert "逾期 2 件" in out
    assert cases["sample"].receipt_number in mail.outbox[0].body


def test_database_backend_queues_one_task_per_recipient(cases):
    from django_tasks_db.models import DBTaskResult

    out, _ = run("--date", TODAY.isoformat())
    assert "已加入发送队列" in out
    assert mail.outbox == []
    queued = list(DBTaskResult.objects.all())
    assert len(queued) == 2
    assert {r.task_path for r in queued} == {"gongkai.casework.tasks.send_reminder_email"}
    recipients = sorted(r.args_kwargs["args"][0] for r in queued)
    assert recipients == ["liu@example.com", "wang@example.com"]
    assert all(cases["overdue"].receipt_number in r.args_kwargs["args"][2] for r in queued)


def test_dry_run_sends_and_queues_nothing(cases, settings):
    from django_tasks_db.models import DBTaskResult

    out, _ = run("--date", TODAY.isoformat(), "--dry-run")
    assert "演练" in out and "liu@example.com" in out and cases["overdue"].receipt_number in out
    assert mail.outbox == [] and not DBTaskResult.objects.exists()


def test_nothing_due_means_no_mail_and_a_clear_message(agency, staff, settings):
    settings.TASKS = IMMEDIATE
    out, _ = run("--date", TODAY.isoformat())
    assert "没有已逾期或3个工作日内到期的案件" in out and "未发送邮件" in out
    assert mail.outbox == []


def test_a_closed_case_is_not_reminded(cases, settings):
    settings.TASKS = IMMEDIATE
    for key in ("overdue", "today", "two_days"):
        act.do_withdraw(cases[key], on=date(2026, 9, 1))
    out, _ = run("--date", TODAY.isoformat())
    assert "没有已逾期" in out and mail.outbox == []


def test_staff_without_email_are_reported_not_mailed(cases, staff, settings):
    settings.TASKS = IMMEDIATE
    staff["approver"].email = ""
    staff["approver"].save()
    out, err = run("--date", TODAY.isoformat())
    assert "收件人 1 人" in out
    assert "王建国（shenhe）没有登记电子邮箱" in err
    assert [m.to for m in mail.outbox] == [["liu@example.com"]]


def test_inactive_staff_and_other_agencies_get_nothing(cases, staff, region, make_user, settings):
    settings.TASKS = IMMEDIATE
    staff["approver"].is_active = False
    staff["approver"].save()
    elsewhere = make_user("street", email="street@example.com")
    do_add_member(region.street, elsewhere, "officer")
    supervisor = make_user("jiandu", email="jiandu@example.com")
    do_add_member(region.county, supervisor, "supervisor")
    run("--date", TODAY.isoformat())
    assert [m.to for m in mail.outbox] == [["liu@example.com"]]


def test_one_digest_for_several_agencies_and_roles(cases, staff, region, settings):
    settings.TASKS = IMMEDIATE
    do_add_member(region.county, staff["officer"], "approver")
    do_add_member(region.street, staff["officer"], "officer")
    street_case = act.do_receive_application(
        agency=region.street, channel="in_person", submitted_on=date(2026, 8, 3), applicant_kind="natural",
        applicant_name="街道申请人", description="街道事项",
    )
    out, _ = run("--date", TODAY.isoformat())
    assert "收件人 2 人，到期 2 件，逾期 2 件" in out
    officer_mail = next(m for m in mail.outbox if m.to == ["liu@example.com"])
    approver_mail = next(m for m in mail.outbox if m.to == ["wang@example.com"])
    assert street_case.receipt_number in officer_mail.body
    assert officer_mail.body.count(cases["overdue"].receipt_number) == 1
    assert street_case.receipt_number not in approver_mail.body


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "2026-02-30"), "日期“2026-02-30”无效"),
        (("--date", "27/11/2026"), "应为 YYYY-MM-DD"),
        (("--date", "20261127"), "应为 YYYY-MM-DD"),
        (("--days", "-1"), "工作日数“-1”无效"),
        (("--days", "三"), "应为 0 至 60 的整数"),
    ],
)
def test_bad_options_are_refused_in_chinese(args, message, cases):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert mail.outbox == []


def test_bad_setting_is_refused_in_chinese(settings):
    settings.CASEWORK_REMINDER_DAYS = "three"
    with pytest.raises(CommandError, match="CASEWORK_REMINDER_DAYS 应为不小于 0 的整数"):
        run()


def test_queries_do_not_grow_with_the_number_of_cases(agency, staff):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            collect_reminders(TODAY, 3)
        return len(queries)

    act.do_receive_application(agency=agency, channel="in_person", submitted_on=date(2026, 8, 3),
                               applicant_kind="natural", applicant_name="甲", description="事项")
    collect_reminders(TODAY, 3)  # the calendar is built and cached on the first call
    few = count()
    for day in (3, 4, 5, 6, 7):
        act.do_receive_application(agency=agency, channel="in_person", submitted_on=date(2026, 8, day),
                                   applicant_kind="natural", applicant_name="乙", description="事项")
    assert len(collect_reminders(TODAY, 3).cases) == 6
    assert count() == few


def test_site_url_prefixes_the_links(cases, settings):
    settings.GONGKAI_SITE_URL = "https://gongkai.example.gov.cn/"
    run_ = collect_reminders(TODAY, 3)
    _, body = render_digest(run_.digests[0], TODAY, 3)
    assert f"https://gongkai.example.gov.cn/staff/cases/{cases['overdue'].pk}/" in body
