"""Issue 4's citizen path in Chromium: find an item by search, apply online, get a receipt,
track it; after staff decide and deliver, the tracking page shows the decision and the letter."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pdfplumber
import pytest
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership
from gongkai.casework import actions as casework
from gongkai.casework.models import Application
from gongkai.publishing import actions as publishing
from gongkai.publishing.catalogue import ensure_default_catalogue
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def publish(agency: Agency, approver: Any, title: str, summary: str, category: Any) -> Any:
    item = publishing.do_create_item(
        agency=agency, title=title, formed_on=date(2026, 3, 2), summary=summary, body=f"<p>{summary}</p>",
        categories=[category], actor=approver, issuing_body=agency.name,
    )
    publishing.do_submit_for_review(item, actor=approver)
    return publishing.do_review(item, reviewer=approver, approve=True, published_on=date(2026, 3, 4))


def test_citizen_finds_applies_and_tracks(page: Any, live_server: Any, django_user_model: Any) -> None:
    agency = Agency.objects.create(
        name="淄博市张店区教育和体育局", short_name="张店区教体局", level=Agency.Level.DEPARTMENT,
        disclosure_office="淄博市张店区教育和体育局办公室", office_address="淄博市张店区华光路1号",
        phone="0533-2180000", office_hours="工作日 9:00—12:00，13:30—17:00",
    )
    approver = django_user_model.objects.create_user("shenhe", password="shenhe-demo")
    Membership.objects.create(user=approver, agency=agency, role=Membership.Role.APPROVER)
    categories = ensure_default_catalogue(agency)
    publish(agency, approver, "张店区2026年义务教育阶段学校招生工作实施方案",
            "明确2026年全区公办小学、初中招生范围、时间安排和报名方式。", categories[0])
    publish(agency, approver, "张店区教育和体育局2025年部门预算公开",
            "公开2025年部门收支预算总表和“三公”经费预算。", categories[-1])

    # Search from the home page: a two-character query finds the item, highlighted.
    page.goto(f"{live_server.url}/")
    screenshot(page, "portal-home")
    page.get_by_label("检索政府信息").fill("招生")
    page.get_by_role("button", name="检索").first.click()
    result = page.get_by_role("link", name="张店区2026年义务教育阶段学校招生工作实施方案")
    assert page.locator("mark", has_text="招生").count() >= 1
    assert page.get_by_text("部门预算公开").count() == 0
    result.click()
    assert page.get_by_role("heading", name="张店区2026年义务教育阶段学校招生工作实施方案").is_visible()
    assert "索引号" in page.content()
    screenshot(page, "portal-item")

    # Apply online.
    page.get_by_role("link", name="依申请公开").first.click()
    page.get_by_label("申请人类型").select_option("natural")
    page.get_by_label("姓名或名称").fill("李华")
    page.get_by_label("身份证明类型").select_option("resident_id")
    page.get_by_label("身份证明号码").fill("370303199001011239")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("电子邮箱").fill("lihua@example.com")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("马尚街道片区2026年小学招生划片图")
    page.get_by_label("所需信息的形式").select_option("electronic")
    page.get_by_label("获取信息的方式").select_option("email")
    page.get_by_role("button", name="提交申请").click()
    receipt = page.locator(".receipt-number").inner_text()
    code = page.locator(".tracking-code").inner_text()
    application = Application.objects.get(receipt_number=receipt)
    assert application.channel == "online" and application.applicant_name == "李华"

    # Track it: a wrong code is refused, the right one shows the status and the due date.
    page.goto(f"{live_server.url}/track/")
    page.get_by_label("受理编号").fill(receipt)
    page.get_by_label("查询码").fill("WRONGCODE123")
    page.get_by_role("button", name="查询").click()
    assert page.locator(".status-label").count() == 0
    page.get_by_label("受理编号").fill(receipt)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.locator(".status-label").inner_text() == "办理中"
    assert "答复期限" in page.content()

    # Staff decide and deliver; the same tracking session now shows the decision and the letter.
    today = timezone.localdate()
    casework.do_decide(application, "DISCLOSED", on=today, actor=approver)
    casework.do_deliver(application, method="email", on=today, actor=approver)
    page.reload()
    assert "予以公开" in page.locator(".decision").inner_text()
    screenshot(page, "portal-tracking")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载答复书（PDF）").click()
    with pdfplumber.open(io.BytesIO(open(info.value.path(), "rb").read())) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages).replace("\n", "")
    assert receipt in text and agency.name in text
