"""Issue 5's annual-report path in Chromium, on the demo data: the officer opens 张店区教体局's
2025 report and sees a finding (a 规章 wrongly entered in its register), follows it to the
record, fixes the record and runs the checks again (the finding is gone); the approver approves
and publishes; the report is then on the portal, with its downloads."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gongkai.annual.models import ReportVersion, Status
from gongkai.demodata import load_demo
from gongkai.demodata.annual import REGULATION_TITLE
from gongkai.publishing.models import NormativeDocument
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

AGENCY = "淄博市张店区教育和体育局"
TITLE = f"{AGENCY}2025年政府信息公开工作年度报告"


def finding(page: Any, rule: str) -> Any:
    return page.locator(f"#findings tr[data-rule='{rule}']")


def press(page: Any, button: str) -> str:
    """Click a workflow button and return the message the next page shows."""
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    return page.locator(".messages").inner_text()


def test_officer_fixes_a_finding_approver_approves_portal_publishes(
    page: Any, live_server: Any, login: Any
) -> None:
    load_demo()
    draft = ReportVersion.objects.get(agency__name=AGENCY, year=2025)
    assert draft.status == Status.DRAFT
    base = live_server.url

    # 1. The officer opens the report from the list and sees the finding.
    login("jingban", "jingban-demo")
    page.goto(f"{base}/staff/reports/")
    page.get_by_role("link", name=AGENCY).first.click()
    page.wait_for_url(f"**/staff/reports/{draft.pk}/")
    report_url = page.url
    row = finding(page, "PL-REGULATIONS")
    assert row.count() == 1
    assert "规章" in row.inner_text()
    screenshot(page, "annual-report-finding")

    # 2. Its location leads to the records behind the cell, and from there to the record.
    row.get_by_role("link").click()
    page.wait_for_url("**/cell/**")
    assert "table=" in page.url
    page.get_by_role("link", name=REGULATION_TITLE).click()
    page.get_by_label("类别").select_option("normative_docs")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert NormativeDocument.objects.get(title=REGULATION_TITLE).kind == "normative_docs"

    page.goto(report_url)
    assert finding(page, "PL-REGULATIONS").count() == 1  # stored result until checked again
    press(page, "重新审核")
    assert finding(page, "PL-REGULATIONS").count() == 0
    assert not any(f["rule"] == "PL-REGULATIONS" for f in ReportVersion.objects.get(pk=draft.pk).checks)
    press(page, "提交审核")
    assert page.locator("#report-status").inner_text() == "已提交审核"

    # 3. The approver approves, then publishes it.
    page.get_by_role("button", name="退出").click()
    login("shenhe", "shenhe-demo")
    page.goto(report_url)
    press(page, "审核通过")
    assert page.locator("#report-status").inner_text() == "已审核通过"
    press(page, "公开")
    assert page.locator("#report-status").inner_text() == "已公开"
    version = ReportVersion.objects.get(pk=draft.pk)
    assert version.status == Status.PUBLISHED and version.approved_by.username == "shenhe"

    # 4. The portal lists it (no login needed) and serves the report and its files.
    page.context.clear_cookies()
    page.goto(f"{base}/reports/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**{version.get_absolute_url()}")
    # The title is set on two lines (agency, then year and kind), so compare without the break.
    heading = page.locator("article h1").inner_text()
    assert "".join(heading.split()) == TITLE
    assert "规章" in page.locator("article").inner_text()  # the archived HTML with table 二
    screenshot(page, "annual-public-report")

    page.goto(f"{base}/agencies/{version.agency_id}/reports/")
    assert page.get_by_role("link", name=TITLE).count() == 1
    downloads = page.locator("td[data-label='下载'] a")
    assert sorted(downloads.all_inner_texts()) == sorted(["网页", "Word", "PDF", "JSON"])
    for link in downloads.all():
        response = page.request.get(base + link.get_attribute("href"))
        assert response.status == 200, link.inner_text()
        assert re.match(r"(text/html|application/(pdf|json|vnd\.openxml))", response.headers["content-type"])
        if link.inner_text() == "JSON":
            # The published figures carry the fix: the document counts as a 行政规范性文件.
            table_2 = {(c["row"], c["column"]): c["text"] for c in response.json()["tables"]["二"]}
            assert table_2[("regulations", "issued")] == "0"
            assert table_2[("normative_docs", "issued")] == "1"
