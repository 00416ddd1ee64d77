"""Staff screens: permissions, forms with Chinese errors, the workflow, imports."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.actions import do_add_member
from gongkai.publishing.actions import do_add_attachment, do_submit_for_review
from gongkai.publishing.models import Category, FeeIncome, Item, ItemState, NormativeDocument, YearlyDecisionCount


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_list_needs_login(client):
    response = client.get(reverse("publishing:list"))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_nav_entry_and_list_for_officer(as_user, officer, make_item, publish):
    publish(make_item("关于残疾人两项补贴的公示", formed_on=date(2024, 9, 20)), date(2024, 10, 24))
    make_item("草稿中的信息")
    page = as_user(officer).get(reverse("publishing:list")).content.decode()
    assert 'href="/staff/publishing/"' in page  # the staff navigation shows 主动公开
    assert "关于残疾人两项补贴的公示" in page and "草稿中的信息" in page
    assert "逾期发布" in page and "登记信息" in page


def test_list_filters_and_bad_filter(as_user, officer, make_item, publish):
    publish(make_item("已发布的", formed_on=date(2025, 1, 6)), date(2025, 1, 8))
    make_item("还是草稿")
    client = as_user(officer)
    page = client.get(reverse("publishing:list"), {"state": "published"}).content.decode()
    assert "已发布的" in page and "还是草稿" not in page
    page = client.get(reverse("publishing:list"), {"year": "abc"}).content.decode()
    assert "请输入年份" in page and "还是草稿" in page


def test_viewer_reads_but_cannot_edit(as_user, viewer, make_item):
    item = make_item()
    client = as_user(viewer)
    assert client.get(reverse("publishing:detail", args=[item.pk])).status_code == 200
    page = client.get(reverse("publishing:list")).content.decode()
    assert "登记信息" not in page
    response = client.get(reverse("publishing:edit", args=[item.pk]))
    assert response.status_code == 403 and "只有查看权限" in response.content.decode()
    assert client.post(reverse("publishing:submit", args=[item.pk])).status_code == 403
    assert client.get(reverse("publishing:create")).status_code == 403


def test_other_agencies_items_are_hidden(as_user, make_user, region, make_item):
    item = make_item()
    outsider = make_user("outsider")
    do_add_member(region.other_county, outsider, "officer")
    client = as_user(outsider)
    assert client.get(reverse("publishing:detail", args=[item.pk])).status_code == 404
    assert client.get(reverse("publishing:list"), {"agency": item.agency_id}).status_code == 404


def test_supervisor_reads_the_region(as_user, make_user, region, make_item):
    item = make_item()
    supervisor = make_user("supervisor")
    do_add_member(region.city, supervisor, "supervisor")
    client = as_user(supervisor)
    assert client.get(reverse("publishing:detail", args=[item.pk])).status_code == 200
    assert client.get(reverse("publishing:edit", args=[item.pk])).status_code == 403


def test_create_with_errors_then_success(as_user, officer, agency, catalogue):
    client = as_user(officer)
    url = reverse("publishing:create") + f"?agency={agency.pk}"
    response = client.post(url, {"title": "", "formed_on": "2025-02-30"})
    page = response.content.decode()
    assert response.status_code == 200 and "请填写标题" in page and "请输入有效的日期" in page
    assert not Item.objects.exists()
    response = client.post(url, {
        "title": "2025年度部门预算", "formed_on": "2025-02-10", "body": "<p>预算<script>x()</script></p>",
        "categories": [catalogue["finance"].pk], "art20_items": ["art20_7"],
    })
    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("publishing:detail", args=[item.pk])
    assert item.body == "<p>预算</p>" and item.state == ItemState.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert "第二十条第（七）项" in page and "提交保密审查" in page


def test_workflow_through_the_screens(as_user, officer, approver, make_item):
    item = make_item(formed_on=date(2025, 3, 3))
    client = as_user(officer)
    client.post(reverse("publishing:submit", args=[item.pk]))
    assert Item.objects.get(pk=item.pk).state == ItemState.IN_REVIEW
    assert client.get(reverse("publishing:review", args=[item.pk])).status_code == 403
    client = as_user(approver)
    response = client.post(reverse("publishing:review", args=[item.pk]), {"decision": "return", "comment": ""})
    assert "退回修改时请填写审查意见" in response.content.decode()
    response = client.post(reverse("publishing:review", args=[item.pk]),
                           {"decision": "approve", "published_on": "2025-03-05", "comment": "无涉密内容"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED and item.index_number.endswith("/2025-00001")
    page = client.get(reverse("publishing:detail", args=[item.pk])).content.decode()
    assert "无涉密内容" in page and item.index_number in page
    response = client.post(reverse("publishing:withdraw", args=[item.pk]), {"reason": ""})
    assert "请填写撤回理由" in response.content.decode()
    client.post(reverse("publishing:withdraw", args=[item.pk]), {"reason": "内容有误，已重新发布"})
    assert Item.objects.get(pk=item.pk).state == ItemState.WITHDRAWN


def test_attachment_upload_refusal_and_download_rules(as_user, officer, make_item, publish, client):
    item = make_item()
    c = as_user(officer)
    response = c.post(reverse("publishing:attachment_upload", args=[item.pk]),
                      {"file": SimpleUploadedFile("通知.pdf", b"MZ not a pdf")})
    assert response.status_code == 400 and "扩展名与文件内容不符" in response.content.decode()
    attachment = do_add_attachment(item, upload=SimpleUploadedFile("通知.pdf", b"%PDF-1.4 body"))
    url = reverse("publishing:attachment", args=[attachment.pk])
    c.logout()
    assert client.get(url).status_code == 404  # a draft's attachment is not public
    publish(item, date(2025, 3, 5))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 body"


def test_catalogue_editor(as_user, officer, agency, catalogue, make_item):
    client = as_user(officer)
    url = reverse("publishing:catalogue")
    page = client.get(url).content.decode()
    assert "法定主动公开内容" in page and "业务动态" in page
    client.post(url, {"op": "add", "agency": agency.pk, "name": "人事信息", "parent": ""})
    assert Category.objects.filter(agency=agency, name="人事信息", parent=None).exists()
    response = client.post(url, {"op": "add", "agency": agency.pk, "name": "业务动态", "parent": ""})
    assert "同一上级栏目下已有“业务动态”" in response.content.decode()
    make_item(slugs=("news",))
    response = client.post(url, {"op": "delete", "agency": agency.pk, "category": catalogue["news"].pk},
                           follow=True)
    assert "还有1条信息" in response.content.decode()
    assert Category.objects.filter(pk=catalogue["news"].pk).exists()
    news = catalogue["news"]
    client.post(url, {"op": "update", "agency": agency.pk, "category": news.pk, f"c{news.pk}-name": "工作动态",
                      f"c{news.pk}-parent": catalogue["key-areas"].pk, f"c{news.pk}-order": "5"})
    news.refresh_from_db()
    assert (news.name, news.parent_id, news.order) == ("工作动态", catalogue["key-areas"].pk, 5)


def test_documents_register_screen(as_user, officer, viewer, agency):
    client = as_user(officer)
    url = reverse("publishing:documents")
    response = client.post(url, {"agency": agency.pk, "kind": "normative_docs", "title": "补贴办法",
                                 "issued_on": "2025-05-01", "repealed_on": "2025-04-01"})
    assert "废止日期不能早于制发日期" in response.content.decode()
    assert not NormativeDocument.objects.exists()
    client.post(url, {"agency": agency.pk, "kind": "normative_docs", "title": "补贴办法", "issued_on": "2025-05-01"})
    doc = NormativeDocument.objects.get()
    client.post(reverse("publishing:document_edit", args=[doc.pk]), {
        "kind": "normative_docs", "title": "补贴办法", "issued_on": "2025-05-01", "repealed_on": "2026-01-31"})
    assert NormativeDocument.objects.get().repealed_on == date(2026, 1, 31)
    viewer_client = as_user(viewer)
    assert viewer_client.post(url, {"agency": agency.pk, "kind": "regulations", "title": "x",
                                    "issued_on": "2025-01-01"}).status_code == 403


def test_figures_grid_and_table_2(as_user, officer, agency):
    client = as_user(officer)
    url = reverse("publishing:figures") + f"?agency={agency.pk}&year=2025"
    response = client.post(url, {"agency": agency.pk, "year": 2025, "m1_licensing": "-1", "m1_fees": "1.23456"})
    page = response.content.decode()
    assert "不能小于0" in page and "最多四位小数" in page
    assert not YearlyDecisionCount.objects.exists()
    client.post(url, {"agency": agency.pk, "year": 2025, "m1_licensing": "3", "m2_licensing": "4",
                      "m2_penalty": "1", "m3_fees": "0.5"})
    assert FeeIncome.objects.get().amount == 0.5
    page = client.get(url).content.decode()
    assert "第二十条第（五）项" in page and ">7</a>" in page
    records = client.get(reverse("publishing:records"), {"agency": agency.pk, "year": 2025, "row": "licensing",
                                                          "column": "decisions"}).content.decode()
    assert "1月" in records and "2月" in records
    bad = client.get(reverse("publishing:records"), {"agency": agency.pk, "year": 2025, "row": "x", "column": "y"})
    assert bad.status_code == 400


def test_import_preview_then_confirm(as_user, officer, agency, catalogue):
    client = as_user(officer)
    url = reverse("publishing:import", args=["items"]) + f"?agency={agency.pk}"
    bad = "标题,生成日期\n好的,2025-01-02\n,2025-01-03\n".encode()
    response = client.post(url, {"agency": agency.pk, "file": SimpleUploadedFile("a.csv", bad)})
    page = response.content.decode()
    assert response.status_code == 400 and "第3行：标题为空" in page and "没有保存任何内容" in page
    assert not Item.objects.exists()
    good = "标题,生成日期,发布日期,目录栏目\n甲,2025-01-02,2025-01-03,业务动态\n乙,2025-01-02,,\n".encode()
    response = client.post(url, {"agency": agency.pk, "file": SimpleUploadedFile("a.csv", good)})
    page = response.content.decode()
    assert response.status_code == 200 and "确认导入 2 行" in page
    assert not Item.objects.exists()
    token = response.context["token"]
    response = client.post(url, {"agency": agency.pk, "token": token})
    assert response.status_code == 302 and Item.objects.count() == 2
    # The token is used up.
    again = client.post(url, {"agency": agency.pk, "token": token}, follow=True)
    assert "已过期" in again.content.decode() and Item.objects.count() == 2
    assert client.post(url, {"agency": agency.pk, "token": "../../etc/passwd"}, follow=True).status_code == 200


def test_import_template_download(as_user, officer):
    response = as_user(officer).get(reverse("publishing:import_template", args=["documents"]))
    assert response.status_code == 200 and response.content.decode("utf-8-sig").startswith("类别,名称,文号")
    assert as_user(officer).get(reverse("publishing:import", args=["nope"])).status_code == 404


def test_review_queue_link_for_approver(as_user, approver, make_item):
    do_submit_for_review(make_item())
    page = as_user(approver).get(reverse("publishing:list")).content.decode()
    assert "待保密审查（1）" in page


def test_admin_pages_render(client, make_user, make_item, publish):
    item = publish(make_item(), date(2025, 3, 5))
    admin_user = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    for url in ("/admin/publishing/item/", f"/admin/publishing/item/{item.pk}/change/",
                "/admin/publishing/category/", "/admin/publishing/normativedocument/",
                "/admin/publishing/art20item/"):
        assert client.get(url).status_code == 200, url


def test_only_late_filter(as_user, officer, make_item, publish):
    publish(make_item("按时的", formed_on=date(2024, 9, 20)), date(2024, 10, 23))
    publish(make_item("逾期的", formed_on=date(2024, 9, 20)), date(2024, 10, 24))
    page = as_user(officer).get(reverse("publishing:list"), {"late": "on"}).content.decode()
    assert "逾期的" in page and "按时的" not in page
