"""Issue 3's main path in Chromium: register a paper application, send a 补正, receive the
supplement, extend (as approver), decide, and download the reply letter."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pdfplumber
import pytest
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership
from gongkai.casework.models import Application
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def action(page: Any, title: str) -> Any:
    """The action form whose legend is ``title``."""
    return page.locator("section.action").filter(has=page.locator("legend", has_text=title))


def test_officer_main_path(page: Any, live_server: Any, login: Any, django_user_model: Any) -> None:
    agency = Agency.objects.create(
        name="淄博市张店区教育和体育局", level=Agency.Level.DEPARTMENT, office_address="淄博市张店区华光路1号"
    )
    officer = django_user_model.objects.create_user("jingban", password="jingban-demo")
    approver = django_user_model.objects.create_user("shenhe", password="shenhe-demo")
    Membership.objects.create(user=officer, agency=agency, role=Membership.Role.OFFICER)
    Membership.objects.create(user=approver, agency=agency, role=Membership.Role.APPROVER)
    today = timezone.localdate()
    day = [today - timedelta(days=n) for n in (14, 13, 11, 9, 8)]

    # 1. The officer registers a paper application handed in at the counter.
    login("jingban", "jingban-demo")
    page.goto(f"{live_server.url}/staff/cases/new/")
    page.get_by_label("受理机构").select_option(label=agency.name)
    page.get_by_label("提交方式").select_option("in_person")
    page.get_by_label("提交日期").fill(day[0].isoformat())
    page.get_by_label("申请人类型").select_option("natural")
    page.get_by_label("申请人姓名或名称").fill("王晓明")
    page.get_by_label("所需政府信息的名称、文号或特征性描述").fill("2025年张店区义务教育阶段学校招生划片方案")
    page.get_by_role("button", name="登记").last.click()
    page.wait_for_url("**/staff/cases/*/")
    case = Application.objects.get(applicant_name="王晓明")
    assert case.receipt_number in page.content()

    # 2. 补正 notice, then 3. the supplement arrives.
    form = action(page, "告知补正")
    form.get_by_label("告知日期").fill(day[1].isoformat())
    form.get_by_label("补正期限").fill(day[2].isoformat())
    form.get_by_label("需要补正的事项").fill("请说明所需信息对应的学校名称")
    form.get_by_role("button").click()
    page.wait_for_load_state()
    form = action(page, "收到补正材料")
    form.get_by_label("收到补正材料日期").fill(day[2].isoformat())
    form.get_by_role("button").click()
    page.wait_for_load_state()
    # The clock restarts from the supplement (Art 30), and the page says so.
    assert "收到补正材料之日（条例第三十条" in page.locator("main").inner_text()

    # 4. Only the approver may extend: the officer does not get the form.
    assert action(page, "延期").count() == 0
    page.get_by_role("button", name="退出").click()
    login("shenhe", "shenhe-demo")
    page.goto(f"{live_server.url}/staff/cases/{case.pk}/")
    form = action(page, "延期")
    form.get_by_label("延长的工作日数").fill("20")
    form.get_by_label("延期理由").fill("需要汇总多所学校的材料")
    form.get_by_label("批准日期").fill(day[3].isoformat())
    form.get_by_role("button").click()
    page.wait_for_load_state()

    # 5. The decision.
    form = action(page, "作出答复")
    form.get_by_label("答复日期").fill(day[4].isoformat())
    form.get_by_label("办理结果").select_option("DISCLOSED")
    form.get_by_role("button").click()
    page.wait_for_load_state()
    case.refresh_from_db()
    assert case.outcome == "DISCLOSED" and case.decided_on == day[4]
    screenshot(page, "officer-case-page")

    # 6. The reply letter, as PDF: it names the agency and the receipt number.
    letters = page.locator("section[aria-labelledby=h-letters]")
    with page.expect_download() as info:
        letters.get_by_role("link", name="PDF").first.click()
    content = open(info.value.path(), "rb").read()
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    assert agency.name in text.replace("\n", "")
    assert case.receipt_number in text.replace("\n", "")
    kinds = [e.kind for e in case.events.order_by("seq")]
    assert kinds[0] == "received" and kinds[-1] == "decided"
