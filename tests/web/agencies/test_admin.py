"""The admin loads in Chinese for a superuser, and its forms apply the model rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.actions import do_add_member
from gongkai.agencies.models import Agency

pytestmark = pytest.mark.django_db

HEADER = "Gongkai 政府信息公开工作系统"


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_index_is_chinese(admin_client):
    page = get_ok(admin_client, reverse("admin:index"))
    assert HEADER in page
    assert "机构与人员" in page and "用户" in page
    assert 'lang="zh-hans"' in page
    assert "站点管理" in page or "系统管理" in page


@pytest.mark.parametrize(
    ("url_name", "labels"),
    [
        ("admin:agencies_agency_changelist", ["机构全称", "统一社会信用代码", "层级", "上级机构", "增加 机构"]),
        (
            "admin:agencies_agency_add",
            ["机构全称", "统一社会信用代码", "政府信息公开工作机构", "邮政编码", "本机构人员"],
        ),
        ("admin:agencies_membership_changelist", ["角色", "用户", "机构"]),
        ("admin:agencies_membership_add", ["角色", "经办人", "负责人（审核人）", "监督"]),
        ("admin:accounts_user_changelist", ["用户名", "姓名"]),
        ("admin:accounts_user_add", ["用户名", "姓名", "密码"]),
    ],
)
def test_changelist_and_add_pages(admin_client, region, url_name, labels):
    page = get_ok(admin_client, reverse(url_name))
    assert HEADER in page
    for label in labels:
        assert label in page, label


def test_change_history_and_search_pages(admin_client, region, make_user):
    do_add_member(region.county, make_user("zhangsan", full_name="张三"), "approver")
    change = get_ok(admin_client, reverse("admin:agencies_agency_change", args=[region.county.pk]))
    assert "淄博市张店区马尚街道办事处" in change  # subordinate listed inline
    assert "张三" in change
    history = get_ok(admin_client, reverse("admin:agencies_agency_history", args=[region.county.pk]))
    assert "历史" in history
    found = get_ok(admin_client, reverse("admin:agencies_agency_changelist") + "?q=张店")
    assert "淄博市张店区残疾人联合会" in found and "淄川区教育和体育局" not in found
    filtered = get_ok(admin_client, reverse("admin:agencies_agency_changelist") + "?level__exact=township")
    assert "马尚街道" in filtered and "淄川区人民政府" not in filtered


def test_add_form_shows_credit_code_errors_in_chinese(admin_client):
    response = admin_client.post(
        reverse("admin:agencies_agency_add"),
        {
            "name": "某某局",
            "credit_code": "91350100M000100Y44",
            "level": "department",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "children-TOTAL_FORMS": "0",
            "children-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "校验位错误：末位应为 3，现为 4" in response.content.decode()
    assert not Agency.objects.exists()


def test_add_form_saves_a_valid_agency(admin_client):
    response = admin_client.post(
        reverse("admin:agencies_agency_add"),
        {
            "name": "某某局",
            "credit_code": "91350100m000100y43",
            "level": "department",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "children-TOTAL_FORMS": "0",
            "children-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    agency = Agency.objects.get()
    assert agency.credit_code == "91350100M000100Y43"
    assert agency.history.get().history_user.is_superuser


def test_staff_without_superuser_see_only_their_agencies(client, region, make_user):
    from django.contrib.auth.models import Permission

    staff = make_user("staff", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_agency"))
    do_add_member(region.county, staff, "supervisor")
    client.force_login(staff)
    page = get_ok(client, reverse("admin:agencies_agency_changelist"))
    assert "马尚街道" in page and "淄川区" not in page
