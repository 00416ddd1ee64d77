"""Public pages: home, agency, 公开指南, 目录, item pages, reports, feeds."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from gongkai.agencies.actions import do_add_member
from gongkai.annual import actions as annual
from gongkai.publishing.models import Attachment, Category, ItemState

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DOWNLOAD_TYPES = {
    "网页": "text/html",
    "Word": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "PDF": "application/pdf",
    "JSON": "application/json",
}
DOWNLOAD_MAGIC = {"网页": b"<!DOCTYPE html", "Word": b"PK\x03\x04", "PDF": b"%PDF-", "JSON": b"{"}


def test_home_groups_agencies_by_region_and_lists_recent_items(client: Any, region: Any, publish: Any) -> None:
    publish("最新公开的一条信息")
    publish("草稿不应出现", state=ItemState.DRAFT)
    response = client.get(reverse("portal:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in body
    groups = {g["region"].name: [a.name for a in g["agencies"]] for g in response.context["regions"]}
    assert groups["淄博市张店区人民政府"][0] == "淄博市张店区人民政府"
    assert set(groups["淄博市张店区人民政府"]) == {
        "淄博市张店区人民政府", "淄博市张店区残疾人联合会", "淄博市张店区马尚街道办事处"
    }
    assert "淄博市淄川区教育和体育局" in groups["淄博市淄川区人民政府"]
    assert "最新公开的一条信息" in body
    assert "草稿不应出现" not in body


def test_home_empty_state(client: Any, db: Any) -> None:
    body = client.get(reverse("portal:home")).content.decode()
    assert "还没有机构" in body and "暂无公开的信息" in body


def test_guide_is_generated_from_the_agency(client: Any, agency: Any, category: Any) -> None:
    body = client.get(reverse("portal:guide", args=[agency.pk])).content.decode()
    for expected in (
        "淄博市张店区残疾人联合会政府信息公开指南",
        "张店区残联办公室",
        "淄博市张店区人民西路1号",
        "0533-2100000",
        "工作日 9:00-12:00",
        "传真号码",
        "（暂未公布）",  # fax and e-mail were not entered
        "财政信息",  # the catalogue
        "20个工作日内予以答复",
        "最长不得超过20个工作日",
        "7个工作日内一次性告知",
        "国办函〔2020〕109号",
        "每件100元",
        "31—100页每页10元",
        "行政复议",
        "6个月",
        "以本机关签收之日为收到申请之日",
        "互联网（在线申请平台）",
    ):
        assert expected in body, expected
    agency.fax = "0533-2100001"
    agency.save()
    assert "0533-2100001" in client.get(reverse("portal:guide", args=[agency.pk])).content.decode()


def test_catalogue_by_category_with_pagination(client: Any, agency: Any, category: Any, publish: Any) -> None:
    child = Category.objects.create(agency=agency, parent=category, name="部门预算", slug="bumen", order=1)
    for n in range(22):
        publish(f"预算公开第{n}号", categories=(child,))
    publish("不在该栏目的信息")
    whole = client.get(reverse("portal:catalogue", args=[agency.pk]))
    assert whole.context["page_obj"].paginator.count == 23
    parent = client.get(reverse("portal:category", args=[agency.pk, category.slug]))
    assert parent.context["page_obj"].paginator.count == 22  # the subtree
    body = parent.content.decode()
    assert "不在该栏目的信息" not in body
    assert "索引号" in body and "<caption>" in body
    page2 = client.get(reverse("portal:category", args=[agency.pk, category.slug]), {"page": "2"})
    assert len(page2.context["page_obj"].object_list) == 2
    assert client.get(reverse("portal:category", args=[agency.pk, category.slug]), {"page": "abc"}).status_code == 200
    assert client.get(reverse("portal:category", args=[agency.pk, "missing"])).status_code == 404


def test_item_page_shows_the_metadata_and_attachments(
    client: Any, agency: Any, category: Any, publish: Any, settings: Any
) -> None:
    item = publish(
        "关于印发助残办法的通知",
        summary="明确补贴标准",
        body_text="正文第一段",
        categories=(category,),
        document_number="张残联发〔2026〕3号",
        on=date(2026, 3, 2),
    )
    attachment = Attachment(item=item, original_name="附件1.pdf", content_type="application/pdf", size=9)
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    body = client.get(reverse("portal:item", args=[agency.pk, item.pk])).content.decode()
    for expected in ("索引号", item.index_number, "发布机构", agency.name, "生成日期", "2026年3月2日", "文号",
                     "张残联发〔2026〕3号", "内容概述", "明确补贴标准", "财政信息", "正文第一段", "附件1.pdf"):
        assert expected in body, expected
    download = client.get(reverse("portal:attachment", args=[agency.pk, item.pk, attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n"


def test_unpublished_items_and_their_files_are_not_reachable(
    client: Any, agency: Any, publish: Any, region: Any
) -> None:
    draft = publish("草稿", state=ItemState.DRAFT)
    withdrawn = publish("已撤回", state=ItemState.WITHDRAWN)
    attachment = Attachment(item=withdrawn, original_name="x.pdf", content_type="application/pdf", size=9)
    attachment.file.save("x.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    for item in (draft, withdrawn):
        assert client.get(reverse("portal:item", args=[agency.pk, item.pk])).status_code == 404
    assert client.get(reverse("portal:attachment", args=[agency.pk, withdrawn.pk, attachment.pk])).status_code == 404
    public = publish("公开的")
    # The right item under the wrong agency is not found either.
    assert client.get(reverse("portal:item", args=[region.city.pk, public.pk])).status_code == 404


def test_reports_page_empty_state_and_drafts_stay_off_it(client: Any, agency: Any, make_user: Any) -> None:
    assert "暂无已发布的年度报告" in client.get(reverse("portal:reports", args=[agency.pk])).content.decode()
    staff = make_user("report-drafter")
    do_add_member(agency, staff, "officer")
    draft = annual.do_build_draft(agency, 2025, actor=staff)
    body = client.get(reverse("portal:reports", args=[agency.pk])).content.decode()
    assert "暂无已发布的年度报告" in body
    assert draft.get_absolute_url() not in body
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_reports_page_lists_a_published_report_with_working_downloads(
    client: Any, agency: Any, publish_report: Any, region: Any
) -> None:
    version = publish_report(2025, date(2026, 1, 20))
    response = client.get(reverse("portal:reports", args=[agency.pk]))
    body = response.content.decode()
    assert "暂无已发布的年度报告" not in body
    assert f'<a href="{version.get_absolute_url()}">淄博市张店区残疾人联合会2025年政府信息公开工作年度报告</a>' in body
    links = dict(re.findall(r'<a href="([^"]+)">(网页|Word|PDF|JSON)</a>', body))
    assert sorted(links.values()) == sorted(["网页", "Word", "PDF", "JSON"])
    for url, label in links.items():
        download = client.get(url)
        assert download.status_code == 200, label
        assert download["Content-Type"].split(";")[0] == DOWNLOAD_TYPES[label], label
        assert download.content.startswith(DOWNLOAD_MAGIC[label]), label
    as_json = json.loads(client.get(version.download_urls()["json"]).content)
    assert as_json["meta"]["year"] == 2025 and as_json["meta"]["agency"] == agency.name
    assert as_json["meta"]["published"] == "2026-01-20"
    page = client.get(version.get_absolute_url()).content.decode()
    assert "淄博市张店区残疾人联合会2025年政府信息公开工作年度报告" in page
    # The agency's own home page lists it too; another agency's reports page does not.
    assert version.get_absolute_url() in client.get(reverse("portal:agency", args=[agency.pk])).content.decode()
    other = client.get(reverse("portal:reports", args=[region.street.pk])).content.decode()
    assert "暂无已发布的年度报告" in other and version.get_absolute_url() not in other


def test_reports_page_shows_the_recorded_publication_date(
    client: Any, agency: Any, publish_report: Any
) -> None:
    publish_report(2025, date(2026, 1, 20))
    body = client.get(reverse("portal:reports", args=[agency.pk])).content.decode()
    assert "2026年1月20日" in body


def test_agency_feeds_parse(client: Any, agency: Any, category: Any, publish: Any, region: Any) -> None:
    publish("第一条", summary="概述一", categories=(category,), on=date(2026, 1, 5))
    publish("第二条", on=date(2026, 2, 5))
    publish("草稿", state=ItemState.DRAFT)
    publish("别的机构", owner=region.other_department)
    rss = ET.fromstring(client.get(reverse("portal:agency_rss", args=[agency.pk])).content)
    assert rss.tag == "rss"
    assert [i.findtext("title") for i in rss.iter("item")] == ["第二条", "第一条"]
    assert agency.name in rss.findtext("channel/title")
    atom = ET.fromstring(client.get(reverse("portal:agency_atom", args=[agency.pk])).content)
    assert atom.tag == f"{ATOM}feed"
    assert [e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")] == ["第二条", "第一条"]
    cat_rss = ET.fromstring(client.get(reverse("portal:category_rss", args=[agency.pk, category.slug])).content)
    assert [i.findtext("title") for i in cat_rss.iter("item")] == ["第一条"]
    assert [i.findtext("category") for i in cat_rss.iter("item")] == ["财政信息"]
    cat_atom = ET.fromstring(client.get(reverse("portal:category_atom", args=[agency.pk, category.slug])).content)
    assert [e.findtext(f"{ATOM}title") for e in cat_atom.iter(f"{ATOM}entry")] == ["第一条"]
    assert client.get(reverse("portal:category_rss", args=[agency.pk, "nope"])).status_code == 404
    assert client.get(reverse("portal:agency_rss", args=[999999])).status_code == 404


def test_pages_have_landmarks_and_public_navigation(client: Any, agency: Any) -> None:
    for url in (reverse("portal:home"), reverse("portal:agency", args=[agency.pk]), reverse("portal:search"),
                reverse("portal:track"), reverse("portal:guide", args=[agency.pk])):
        body = client.get(url).content.decode()
        assert 'lang="zh-CN"' in body and "<main" in body and "跳到正文" in body
        assert "申请查询" in body and "信息检索" in body
        assert body.count("<h1") == 1


@pytest.mark.parametrize(
    "url",
    [
        "/agencies/99999999999999999999999/",
        "/agencies/99999999999999999999999/items/999999999999999999999999/",
        "/agencies/99999999999999999999/apply/",
        "/search/?q=%00abc",
        "/search/?page=99999999999999999999",
        "/search/?agency=99999999999999999999999",
        "/search/?year=abc&q=a",
    ],
)
def test_odd_input_never_crashes(client: Any, region: Any, url: str) -> None:
    assert client.get(url).status_code in (200, 400, 404)
