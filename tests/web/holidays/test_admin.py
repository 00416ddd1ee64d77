"""Admin: the loaded years, read-only, and the page that loads a year (upload → preview → confirm)."""

from __future__ import annotations

import base64
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.holidays.models import HolidayYear

from .conftest import EXAMPLE_2027

pytestmark = pytest.mark.django_db

LOAD_URL = "admin:holidays_holidayyear_load"


def upload(client, name: str, content: bytes):
    return client.post(reverse(LOAD_URL), {"file": SimpleUploadedFile(name, content), "preview": "1"})


def confirm_data(page) -> dict[str, str]:
    form = page.context["confirm_form"]
    return {**{name: form[name].value() for name in form.fields}, "confirm": "1"}


def test_changelist_lists_years_with_counts_and_a_warning(admin_client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 11, 27))
    page = admin_client.get(reverse("admin:holidays_holidayyear_changelist")).content.decode()
    assert "年度节假日安排" in page and "通知文号" in page and "载入时间" in page
    assert "国办发明电〔2023〕7号" in page
    assert "载入年度节假日安排" in page and reverse(LOAD_URL) in page
    assert "2027年的节假日安排尚未载入：涉及2027年的期限均为暂定。" in page
    assert "增加 年度节假日安排" not in page  # years come from notice files only


def test_change_page_shows_ranges_and_makeup_days_read_only(admin_client):
    year = HolidayYear.objects.get(year=2024)
    page = admin_client.get(reverse("admin:holidays_holidayyear_change", args=[year.pk])).content.decode()
    assert "放假安排" in page and "调休上班日" in page
    assert "春节" in page and "2024年2月4日" in page and "星期日" in page
    assert 'name="ranges-0-name"' not in page  # no editable inline
    assert admin_client.get(reverse("admin:holidays_holidayyear_add")).status_code == 403
    assert admin_client.get(reverse("admin:holidays_holidayyear_delete", args=[year.pk])).status_code == 403


def test_upload_previews_then_confirm_loads(admin_client, admin_user, django_capture_on_commit_callbacks,
                                            loaded_signals):
    assert "上传并预览" in admin_client.get(reverse(LOAD_URL)).content.decode()
    preview = upload(admin_client, "2027.json", EXAMPLE_2027.read_bytes())
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "2027年节假日安排：示例〔2026〕0号" in text
    assert "春节" in text and "2027年2月5日" in text and "2027年2月12日" in text
    assert "2027年1月31日" in text and "星期日" in text
    assert "确认载入" in text and "已经载入" not in text
    assert not HolidayYear.objects.filter(year=2027).exists()  # nothing saved before confirming

    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(reverse(LOAD_URL), confirm_data(preview), follow=True)
    year = HolidayYear.objects.get(year=2027)
    assert done.redirect_chain[-1][0] == reverse("admin:holidays_holidayyear_change", args=[year.pk])
    assert "已载入2027年节假日安排" in done.content.decode()
    assert year.loaded_by == admin_user and year.source_name == "2027.json"
    assert year.ranges.count() == 7 and year.makeup_days.count() == 6
    assert year.source_text == EXAMPLE_2027.read_text("utf-8")
    assert [(s["year"], s["user"]) for s in loaded_signals] == [(2027, admin_user)]


def test_toml_upload_keeps_its_line_breaks_through_the_preview(admin_client):
    toml = (
        'year = 2027\nnotice = "示例〔2026〕1号"\n\n[[holidays]]\nname = "元旦"\nfrom = 2027-01-01\nto = 2027-01-03\n'
    )
    preview = upload(admin_client, "2027.toml", toml.encode())
    assert "确认载入" in preview.content.decode()
    admin_client.post(reverse(LOAD_URL), confirm_data(preview))
    assert HolidayYear.objects.get(year=2027).source_text == toml


@pytest.mark.parametrize(
    ("name", "content", "messages"),
    [
        ("2027.json", b'{"year": 2027, "notice": "x", "holidays": [{"name": "\xe6\x98\xa5\xe8\x8a\x82", "from": "2027-02-10", "to": "2027-02-05"}]}',
         ["起止日期颠倒"]),
        ("2027.json", b'{"year": 2027, "holidays": [], "makeup_workdays": ["2027-01-04"]}',
         ["缺少通知文号", "缺少放假安排", "调休上班日 2027-01-04 是星期一，不是周末"]),
        ("2027.json", b"{broken", ["不是有效的 JSON"]),
        ("2027.json", "年份".encode("gbk"), ["无法读取文件"]),
        ("2027.xlsx", b"PK", ["不支持的文件类型"]),
        ("2027.json", b"[]", ["文件顶层应为对象"]),
    ],
)
def test_bad_files_are_form_errors(admin_client, name, content, messages):
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "文件有误" in page
    for message in messages:
        assert message in page, message
    assert "确认载入" not in page
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_empty_upload_is_a_form_error(admin_client):
    response = admin_client.post(reverse(LOAD_URL), {"preview": "1"})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()


def test_tampered_confirmation_is_refused(admin_client):
    preview = upload(admin_client, "2027.json", EXAMPLE_2027.read_bytes())
    data = confirm_data(preview)
    for content in ("not base64!", base64.b64encode(b'{"year": 2027}').decode()):
        response = admin_client.post(reverse(LOAD_URL), {**data, "content": content})
        assert response.status_code == 200
        assert "未能载入" in response.content.decode()
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_replacing_a_loaded_year_is_announced(admin_client):
    preview = upload(admin_client, "2027.json", EXAMPLE_2027.read_bytes())
    admin_client.post(reverse(LOAD_URL), confirm_data(preview))
    first = HolidayYear.objects.get(year=2027)
    again = upload(admin_client, "2027.json", EXAMPLE_2027.read_bytes())
    assert "2027年已经载入" in again.content.decode() and "确认后将以本文件替换" in again.content.decode()
    admin_client.post(reverse(LOAD_URL), confirm_data(again))
    assert HolidayYear.objects.get(year=2027).revision != first.revision


def test_loaded_by_someone_else_between_preview_and_confirm(admin_client):
    preview = upload(admin_client, "2027.json", EXAMPLE_2027.read_bytes())
    data = confirm_data(preview)
    admin_client.post(reverse(LOAD_URL), data)  # the other person
    response = admin_client.post(reverse(LOAD_URL), data)
    assert response.status_code == 200
    assert "2027年的节假日安排已经载入" in response.content.decode()
    assert HolidayYear.objects.get(year=2027).history.count() == 1
    retry = confirm_data(response)
    assert retry["replace"] is True
    admin_client.post(reverse(LOAD_URL), retry)
    assert HolidayYear.objects.get(year=2027).history.count() == 2


def test_staff_need_the_permission(client, make_user):
    staff = make_user("staff", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_holidayyear"))
    client.force_login(staff)
    page = client.get(reverse("admin:holidays_holidayyear_changelist")).content.decode()
    assert "2024" in page and reverse(LOAD_URL) not in page
    assert client.get(reverse(LOAD_URL)).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="add_holidayyear"))
    client.force_login(staff)
    assert client.get(reverse(LOAD_URL)).status_code == 200
