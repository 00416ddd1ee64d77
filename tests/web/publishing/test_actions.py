"""Items: 索引号, workflow transitions, withdrawal, sanitising, attachments, timeliness, catalogue."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies.actions import do_add_member
from gongkai.holidays.services import current_calendar
from gongkai.publishing.actions import (
    do_add_attachment,
    do_add_category,
    do_create_item,
    do_delete_category,
    do_move_category,
    do_remove_attachment,
    do_rename_category,
    do_review,
    do_submit_for_review,
    do_update_item,
    do_withdraw_item,
)
from gongkai.publishing.catalogue import catalogue_tree, ensure_default_catalogue, find_category
from gongkai.publishing.indexno import format_index_number
from gongkai.publishing.models import Category, Item, ItemReview, ItemState
from gongkai.publishing.timeliness import LATE, ON_TIME, OVERDUE, PENDING, timeliness
from tests.web.conftest import COUNTY_CODE

# --- 索引号 ---------------------------------------------------------------------------------


def test_index_number_given_at_publication_in_default_format(make_item, publish):
    item = make_item()
    assert item.index_number == ""
    publish(item, date(2025, 3, 10))
    assert item.index_number == f"{COUNTY_CODE}/2025-00001"
    assert Item.objects.get(pk=item.pk).index_number == item.index_number


def test_index_serials_are_gap_free_per_agency_and_year(make_item, publish, approver):
    a, b, c, d = (make_item(f"信息{i}") for i in range(4))
    publish(a, date(2025, 3, 10))
    # A returned item does not consume a number.
    do_submit_for_review(b)
    do_review(b, reviewer=approver, approve=False, comment="涉及个人信息，请删去联系电话")
    publish(c, date(2025, 4, 1))
    publish(d, date(2026, 1, 5))
    numbers = list(Item.objects.exclude(index_number="").order_by("pk").values_list("index_number", flat=True))
    assert numbers == [f"{COUNTY_CODE}/2025-00001", f"{COUNTY_CODE}/2025-00002", f"{COUNTY_CODE}/2026-00001"]


def test_index_number_format_is_a_setting(settings, make_item, publish):
    settings.PUBLISHING_INDEX_FORMAT = "{credit_code}/{year}{month:02d}-{serial:05d}"
    item = publish(make_item(), date(2025, 10, 9))
    assert item.index_number == f"{COUNTY_CODE}/202510-00001"


def test_broken_index_format_is_reported(region):
    with pytest.raises(ImproperlyConfigured, match="PUBLISHING_INDEX_FORMAT"):
        format_index_number(region.county, date(2025, 1, 1), 1, "{nope}")


def test_agency_without_credit_code_gets_a_stable_code(region):
    number = format_index_number(region.county_department, date(2025, 1, 1), 7)
    assert number == f"GK{region.county_department.pk:016d}/2025-00007"


def test_existing_imported_number_is_skipped_not_duplicated(agency, make_item, publish):
    old = make_item("旧信息")
    Item.objects.filter(pk=old.pk).update(index_number=f"{COUNTY_CODE}/2025-00001", state="published",
                                          published_on=date(2025, 3, 3))
    item = publish(make_item(), date(2025, 3, 10))
    assert item.index_number == f"{COUNTY_CODE}/2025-00002"


# --- workflow -----------------------------------------------------------------------------


def test_full_workflow_records_the_review(make_item, approver, officer):
    item = make_item()
    assert item.state == ItemState.DRAFT
    do_submit_for_review(item, actor=officer)
    assert item.state == ItemState.IN_REVIEW
    do_review(item, reviewer=approver, approve=False, comment="附件含身份证号码", on=date(2025, 3, 4))
    assert item.state == ItemState.RETURNED
    do_update_item(item, actor=officer, summary="已删去个人信息")
    do_submit_for_review(item, actor=officer)
    do_review(item, reviewer=approver, approve=True, published_on=date(2025, 3, 6), on=date(2025, 3, 6))
    item.refresh_from_db()
    assert (item.state, item.published_on, item.review_decision, item.reviewed_by) == (
        ItemState.PUBLISHED, date(2025, 3, 6), "approved", approver,
    )
    reviews = list(ItemReview.objects.filter(item=item).values_list("decision", "comment"))
    assert reviews == [("returned", "附件含身份证号码"), ("approved", "")]
    assert item.history.count() >= 4


def test_only_an_approver_reviews(make_item, officer):
    item = make_item()
    do_submit_for_review(item)
    with pytest.raises(PermissionDenied, match="负责人"):
        do_review(item, reviewer=officer, approve=True)
    assert Item.objects.get(pk=item.pk).state == ItemState.IN_REVIEW


def test_approver_of_another_agency_cannot_review(make_item, region, make_user):
    stranger = make_user("stranger")
    do_add_member(region.street, stranger, "approver")
    item = make_item()
    do_submit_for_review(item)
    with pytest.raises(PermissionDenied):
        do_review(item, reviewer=stranger, approve=True)


@pytest.mark.parametrize("state", ["draft", "returned", "published", "withdrawn"])
def test_review_only_when_in_review(make_item, approver, state):
    item = make_item()
    Item.objects.filter(pk=item.pk).update(state=state, published_on=date(2025, 3, 5))
    with pytest.raises(ValidationError, match="不在待审查状态"):
        do_review(item, reviewer=approver, approve=True)


def test_return_needs_a_comment(make_item, approver):
    item = make_item()
    do_submit_for_review(item)
    with pytest.raises(ValidationError, match="审查意见"):
        do_review(item, reviewer=approver, approve=False, comment="  ")
    assert Item.objects.get(pk=item.pk).state == ItemState.IN_REVIEW


def test_cannot_publish_before_formed_or_in_future(make_item, approver):
    item = make_item(formed_on=date(2025, 3, 3))
    do_submit_for_review(item)
    with pytest.raises(ValidationError, match="不能早于生成日期"):
        do_review(item, reviewer=approver, approve=True, published_on=date(2025, 3, 1))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        do_review(item, reviewer=approver, approve=True, published_on=date(2099, 1, 1))
    assert Item.objects.get(pk=item.pk).index_number == ""


def test_submit_needs_a_category(make_item):
    item = make_item(slugs=())
    with pytest.raises(ValidationError, match="目录栏目"):
        do_submit_for_review(item)


@pytest.mark.parametrize("state", ["in_review", "published", "withdrawn"])
def test_update_only_draft_or_returned(make_item, state):
    item = make_item()
    Item.objects.filter(pk=item.pk).update(state=state, published_on=date(2025, 3, 5))
    with pytest.raises(ValidationError, match="不能修改"):
        do_update_item(item, title="改过的标题")
    assert Item.objects.get(pk=item.pk).title == "关于印发2021年工作要点的通知"


def test_submit_twice_is_refused(make_item):
    item = make_item()
    do_submit_for_review(item)
    with pytest.raises(ValidationError, match="不能提交审查"):
        do_submit_for_review(item)


def test_create_validates(agency, catalogue, region):
    with pytest.raises(ValidationError, match="标题"):
        do_create_item(agency=agency, title="  ", formed_on=date(2025, 1, 1))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        do_create_item(agency=agency, title="x", formed_on=date(2099, 1, 1))
    foreign = ensure_default_catalogue(region.street)[0]
    with pytest.raises(ValidationError, match="不属于本机构"):
        do_create_item(agency=agency, title="x", formed_on=date(2025, 1, 1), categories=[foreign])
    with pytest.raises(ValidationError, match="art20_99"):
        do_create_item(agency=agency, title="x", formed_on=date(2025, 1, 1), art20_items=["art20_99"])
    assert not Item.objects.exists()


def test_art20_items_are_stored(make_item):
    item = make_item(art20_items=["art20_1", "art20_6"])
    assert [a.label for a in item.art20_items.all()] == ["第二十条第（一）项", "第二十条第（六）项"]


# --- withdrawal ---------------------------------------------------------------------------


def test_withdrawn_item_leaves_public_but_stays(make_item, publish, officer):
    item = publish(make_item(), date(2025, 3, 10))
    assert list(Item.objects.public()) == [item]
    with pytest.raises(ValidationError, match="撤回理由"):
        do_withdraw_item(item, actor=officer, reason=" ")
    do_withdraw_item(item, actor=officer, reason="文件已被新文件替代", on=date(2025, 6, 1))
    assert not Item.objects.public().exists()
    stored = Item.objects.get(pk=item.pk)
    assert (stored.state, stored.withdraw_reason, stored.index_number) == (
        ItemState.WITHDRAWN, "文件已被新文件替代", f"{COUNTY_CODE}/2025-00001",
    )


def test_only_published_items_are_withdrawn(make_item):
    with pytest.raises(ValidationError, match="只能撤回已发布"):
        do_withdraw_item(make_item(), reason="x")


def test_drafts_are_not_public(make_item):
    make_item()
    assert not Item.objects.public().exists()


# --- sanitising ---------------------------------------------------------------------------


def test_body_is_sanitised_and_text_kept(make_item):
    item = make_item(body='<p onclick="steal()">第一段<script>alert(1)</script></p>'
                          '<img src=x onerror="alert(1)"><style>p{}</style>'
                          '<ul><li>甲</li><li>乙</li></ul><a href="javascript:alert(1)">坏链接</a>'
                          '<a href="https://www.zhangdian.gov.cn/">好链接</a>')
    assert "script" not in item.body and "onerror" not in item.body and "onclick" not in item.body
    assert "<img" not in item.body and "javascript" not in item.body and "style" not in item.body
    assert '<a href="https://www.zhangdian.gov.cn/"' in item.body
    assert "<li>甲</li>" in item.body
    assert item.body_text.splitlines() == ["第一段", "甲", "乙", "坏链接好链接"]


def test_plain_text_body_becomes_paragraphs(make_item):
    item = make_item(body="第一行 <不是标签\n\n第二行")
    assert item.body == "<p>第一行 &lt;不是标签</p><p>第二行</p>"
    assert item.body_text == "第一行 <不是标签\n第二行"


# --- attachments --------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("通知.pdf", b"%PDF-1.7\n%..."),
        ("图.PNG", b"\x89PNG\r\n\x1a\n" + b"\0" * 20),
        ("照片.jpeg", b"\xff\xd8\xff\xe0" + b"\0" * 20),
        ("方案.docx", None),
    ],
)
def test_accepted_attachments(make_item, officer, name, content):
    item = make_item()
    upload = SimpleUploadedFile(name, content if content is not None else _docx_bytes())
    attachment = do_add_attachment(item, upload=upload, actor=officer)
    assert attachment.original_name == name
    with attachment.file.open("rb") as f:
        assert f.read()[:4] == (content if content is not None else _docx_bytes())[:4]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("病毒.exe", b"MZ\x90\0", "不支持的附件类型"),
        ("页面.html", b"<html>", "不支持的附件类型"),
        ("假的.pdf", b"<html><script>", "扩展名与文件内容不符"),
        ("假的.docx", b"PK\x03\x04not really a zip", "扩展名与文件内容不符"),
        ("表格.xlsx", None, "扩展名与文件内容不符"),  # a DOCX renamed
        ("空.pdf", b"", "空文件"),
    ],
)
def test_refused_attachments(make_item, name, content, message):
    item = make_item()
    upload = SimpleUploadedFile(name, content if content is not None else _docx_bytes())
    with pytest.raises(ValidationError, match=message):
        do_add_attachment(item, upload=upload)
    assert not item.attachments.exists()


def test_attachment_size_limit(settings, make_item):
    settings.PUBLISHING_MAX_ATTACHMENT_MB = 0.001  # about 1 KB
    item = make_item()
    upload = SimpleUploadedFile("大文件.pdf", b"%PDF-" + b"0" * 2000)
    with pytest.raises(ValidationError, match="超过上限"):
        do_add_attachment(item, upload=upload)


def test_attachments_frozen_once_submitted(make_item):
    item = make_item()
    attachment = do_add_attachment(item, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
    do_submit_for_review(item)
    with pytest.raises(ValidationError):
        do_add_attachment(item, upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4"))
    with pytest.raises(ValidationError):
        do_remove_attachment(attachment)
    assert item.attachments.count() == 1


# --- timeliness (Art 26) ------------------------------------------------------------------


def test_timeliness_counts_the_national_day_holiday(make_item, publish):
    # 20 working days from 2024-09-20 end on 2024-10-23 because of 国庆节 1–7 October
    # (Monday to Friday alone would end on 18 October).
    calendar = current_calendar()
    on_time = publish(make_item("按时", formed_on=date(2024, 9, 20)), date(2024, 10, 23))
    late = publish(make_item("逾期", formed_on=date(2024, 9, 20)), date(2024, 10, 24))
    t = timeliness(on_time, calendar)
    assert (t.status, t.due, t.workdays, t.flagged) == (ON_TIME, date(2024, 10, 23), 20, False)
    assert any("国庆节" in line for line in t.explanation)
    t = timeliness(late, calendar)
    assert (t.status, t.workdays, t.flagged) == (LATE, 21, True)
    assert "逾期" in t.summary and "2024年10月23日" in t.summary


def test_timeliness_of_unpublished_items(make_item):
    calendar = current_calendar()
    item = make_item(formed_on=date(2025, 3, 3))
    assert timeliness(item, calendar, today=date(2025, 3, 10)).status == PENDING
    assert timeliness(item, calendar, today=date(2025, 6, 1)).status == OVERDUE


# --- catalogue ----------------------------------------------------------------------------


def test_default_catalogue_created_once(agency):
    first = ensure_default_catalogue(agency)
    assert len(first) == 23
    do_add_category(agency, name="人事信息")
    again = ensure_default_catalogue(agency)
    assert len(again) == 24
    tree = catalogue_tree(agency)
    assert tree[0].category.name == "法定主动公开内容" and tree[0].depth == 0 and tree[0].has_children
    assert tree[1].category.name.startswith("（一）") and tree[1].depth == 1
    assert [n.category.name for n in tree if n.depth == 0][-1] == "人事信息"


def test_category_editing(agency, catalogue, make_item):
    news = catalogue["news"]
    with pytest.raises(ValidationError, match="已有“会议公开”"):
        do_rename_category(news, name="会议公开")
    do_rename_category(news, name="工作动态")
    child = do_add_category(agency, name="残疾人就业", parent=catalogue["key-areas"])
    with pytest.raises(ValidationError, match="下级栏目"):
        do_move_category(catalogue["key-areas"], parent=child)
    do_move_category(child, parent=None)
    assert Category.objects.get(pk=child.pk).parent is None
    with pytest.raises(ValidationError, match="子栏目"):
        do_delete_category(catalogue["statutory"])
    make_item(slugs=("finance",))
    with pytest.raises(ValidationError, match="1条信息"):
        do_delete_category(catalogue["finance"])
    do_delete_category(child)
    assert not Category.objects.filter(pk=child.pk).exists()


def test_find_category_by_name_path_and_numbering(agency, catalogue):
    assert find_category(agency, "业务动态") == catalogue["news"]
    assert find_category(agency, "法定主动公开内容/（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定") == catalogue["art20-6"]
    assert find_category(agency, "（八）") == catalogue["art20-8"]
    assert find_category(agency, "不存在的栏目") is None
