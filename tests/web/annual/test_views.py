"""Staff screens: list, build, report page with drill-down and workflow buttons, text editing,
acknowledgements, historical import, supervision; public pages and downloads read back."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from gongkai.agencies.actions import do_add_member
from gongkai.annual import actions as A
from gongkai.annual.models import HistoricalReport, ReportVersion, Status
from gongkai.annual.public import published_reports

from .conftest import add_regulation, fill_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("urls")]

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed" / "000_4f0b4356af47fe62.txt"


@pytest.fixture
def urls():
    # The site's own URL configuration: the public pages live in the portal's layout.
    with override_settings(ROOT_URLCONF="web.urls"):
        yield


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_list_and_build_from_the_form(officer_client, department):
    response = officer_client.get(reverse("annual:list"))
    assert response.status_code == 200
    assert "没有符合条件的报告" in response.content.decode()
    response = officer_client.post(reverse("annual:build"), {"agency": department.pk, "year": 2025})
    version = ReportVersion.objects.get()
    assert response.status_code == 302 and response.url == reverse("annual:detail", args=[version.pk])
    page = officer_client.get(reverse("annual:list")).content.decode()
    assert "淄博市张店区教育和体育局" in page and "草稿" in page


def test_bad_build_input_is_a_chinese_message_not_a_crash(officer_client, department, region):
    response = officer_client.post(reverse("annual:build"), {"agency": department.pk, "year": "abc"}, follow=True)
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    # an agency the officer does not handle
    response = officer_client.post(reverse("annual:build"), {"agency": region.other_county.pk, "year": 2025},
                                   follow=True)
    assert not ReportVersion.objects.exists()


def test_report_page_shows_tables_with_links_findings_and_buttons(officer_client, department, officer):
    add_regulation(department)
    version = A.do_build_draft(department, 2025, actor=officer)
    page = officer_client.get(reverse("annual:detail", args=[version.pk])).content.decode()
    assert "PL-REGULATIONS" in page and "DRAFT-PLACEHOLDER" in page
    assert "提交审核" in page and "审核通过" not in page  # the officer is shown the officer's buttons
    assert "<caption>二、主动公开政府信息情况</caption>" in page
    assert "<caption>三、收到和处理政府信息公开申请情况</caption>" in page
    cell = reverse("annual:cell", args=[version.pk]) + "?table=%E4%BA%8C&amp;row=regulations&amp;column=issued"
    assert cell in page  # the finding and the cell link to the records behind
    records = officer_client.get(reverse("annual:cell", args=[version.pk]),
                                 {"table": "二", "row": "regulations", "column": "issued"})
    assert "关于加强校园安全管理的规定" in records.content.decode()


def test_cell_page_rejects_odd_input(officer_client, department, officer):
    version = A.do_build_draft(department, 2025, actor=officer)
    url = reverse("annual:cell", args=[version.pk])
    assert officer_client.get(url, {"table": "九", "row": "x", "column": "y"}).status_code == 404
    assert officer_client.get(url, {"table": "三", "row": "nope", "column": "total"}).status_code == 404
    assert officer_client.get(url, {"table": "三", "row": "new", "column": "total", "page": "x"}).status_code == 200


def test_records_of_table_3_cells_are_listed(officer_client, department, officer, receive):
    app = receive(date(2025, 3, 3), agency=department, name="李四")
    version = A.do_build_draft(department, 2025, actor=officer)
    page = officer_client.get(reverse("annual:cell", args=[version.pk]),
                              {"table": "三", "row": "carried_out", "column": "natural"}).content.decode()
    assert app.receipt_number in page and "共 1 条" in page


def test_editing_text_and_acknowledging_through_the_pages(officer_client, department, officer):
    add_regulation(department)
    version = A.do_build_draft(department, 2025, actor=officer)
    url = reverse("annual:edit_text", args=[version.pk, "problems"])
    assert "【请填写" in officer_client.get(url).content.decode()
    response = officer_client.post(url, {"text": "人员力量不足，已配备兼职人员。"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.texts["problems"] == "人员力量不足，已配备兼职人员。"
    key = next(f["key"] for f in version.checks if f["rule"] == "PL-REGULATIONS")
    act = reverse("annual:act", args=[version.pk, "ack"])
    page = officer_client.post(act, {"key": key, "comment": ""}, follow=True).content.decode()
    assert "必须填写说明" in page
    officer_client.post(act, {"key": key, "comment": "区政府规章，本局转发"})
    assert version.acks.get().comment == "区政府规章，本局转发"
    assert officer_client.get(reverse("annual:edit_text", args=[version.pk, "nope"])).status_code == 404


def test_workflow_buttons_through_to_the_portal(client, department, officer, approver):
    version = fill_in(A.do_build_draft(department, 2025, actor=officer), officer)
    client.force_login(officer)
    client.post(reverse("annual:act", args=[version.pk, "submit"]))
    assert ReportVersion.objects.get().status == Status.SUBMITTED
    page = client.post(reverse("annual:act", args=[version.pk, "approve"]), follow=True).content.decode()
    assert "负责人（审核人）" in page  # refused for the officer, with a Chinese message
    client.force_login(approver)
    assert "审核通过" in client.get(reverse("annual:detail", args=[version.pk])).content.decode()
    client.post(reverse("annual:act", args=[version.pk, "approve"]))
    client.post(reverse("annual:act", args=[version.pk, "publish"]), {"on": "2026-01-15"})
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED and version.published_on == date(2026, 1, 15)
    # bad date: clear message, nothing changes
    page = client.post(reverse("annual:act", args=[version.pk, "correct"]), {"reason": ""}, follow=True)
    assert "更正理由" in page.content.decode()

    client.logout()
    assert list(published_reports(department)) == [version]
    listing = client.get(reverse("annual_public:list")).content.decode()
    assert version.title in listing
    public = client.get(version.get_absolute_url()).content.decode()
    assert "<article" in public and "淄博市张店区教育和体育局" in public

    urls = version.download_urls()
    docx = client.get(urls["docx"])
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "淄博市张店区教育和体育局" in text and "五、存在的主要问题及改进情况" in text
    pdf = client.get(urls["pdf"])
    assert pdf["Content-Type"] == "application/pdf"
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        pdf_text = "".join(page.extract_text() or "" for page in document.pages)
    assert "政府信息公开工作年度报告" in pdf_text
    from gongkai.report.readers import read

    back, _ = read(client.get(urls["json"]).content)
    assert back.meta.year == 2025 and back.meta.published == date(2026, 1, 15)
    assert client.get(urls["html"]).status_code == 200
    assert client.get(reverse("annual_public:download", args=[version.pk, "exe"])).status_code == 404


def test_unpublished_versions_are_not_public(client, department, officer):
    version = A.do_build_draft(department, 2025, actor=officer)
    assert client.get(reverse("annual_public:detail", args=[version.pk])).status_code == 404
    assert client.get(reverse("annual_public:download", args=[version.pk, "pdf"])).status_code == 404
    assert not published_reports().exists()
    assert client.get(reverse("annual_public:list"), {"agency": "abc"}).status_code == 404


def test_staff_pages_need_login_and_visibility(client, department, officer, make_user):
    version = A.do_build_draft(department, 2025, actor=officer)
    assert client.get(reverse("annual:detail", args=[version.pk])).status_code == 302
    client.force_login(make_user("stranger"))
    assert client.get(reverse("annual:detail", args=[version.pk])).status_code == 404


def test_historical_import_page(officer_client, region):
    url = reverse("annual:history_import")
    response = officer_client.post(url, {"agency": region.county_department.pk,
                                         "file": io.BytesIO(b"\x00\x01 not a report")})
    page = response.content.decode()
    assert response.status_code == 200 and "无法读取为年度报告" in page
    assert not HistoricalReport.objects.exists()
    with SEED.open("rb") as f:
        response = officer_client.post(url, {"agency": region.county_department.pk, "file": f})
    historical = HistoricalReport.objects.get()
    assert response.url == reverse("annual:history_detail", args=[historical.pk])
    page = officer_client.get(response.url).content.decode()
    assert "ID-OTHER-AGENCY" in page and "确认读取结果" in page
    officer_client.post(response.url)
    historical.refresh_from_db()
    assert historical.is_confirmed


def test_supervision_dashboard_lists_every_agency(client, region, department, officer, make_user):
    supervisor = make_user("supervisor")
    do_add_member(region.county, supervisor, "supervisor")
    A.do_build_draft(department, 2025, actor=officer)
    client.force_login(supervisor)
    with override_settings():
        page = client.get(reverse("annual:supervision"), {"year": 2025}).content.decode()
    for agency in (region.county, region.county_department, region.street, department):
        assert agency.name in page
    assert region.other_county.name not in page
    assert "尚未生成" in page and "草稿" in page
    assert client.get(reverse("annual:supervision"), {"year": "x"}).status_code == 200
    client.force_login(officer)
    assert client.get(reverse("annual:supervision")).status_code == 403


@override_settings(ROOT_URLCONF="web.urls")
def test_admin_pages_are_read_only(client, department, officer, make_user):
    version = A.do_build_draft(department, 2025, actor=officer)
    admin_user = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    assert client.get("/admin/annual/reportversion/").status_code == 200
    assert client.get(f"/admin/annual/reportversion/{version.pk}/change/").status_code == 200
    assert client.get("/admin/annual/reportversion/add/").status_code == 403
