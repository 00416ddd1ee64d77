"""The staff shell: login, the home page and the navigation that apps plug into."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.agencies.models import Membership

pytestmark = pytest.mark.django_db


def test_home_requires_login(client: Any) -> None:
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_login_page_is_chinese_and_rejects_wrong_password(client: Any, make_user: Any) -> None:
    make_user("alice", password="correct-horse-9")
    page = client.get("/staff/login/")
    assert "工作人员登录" in page.content.decode()
    response = client.post("/staff/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_home_lists_the_users_agencies_and_roles(client: Any, make_user: Any, region: Any) -> None:
    user = make_user("bob", password="correct-horse-9")
    Membership.objects.create(user=user, agency=region.county_department, role=Membership.Role.OFFICER)
    Membership.objects.create(user=user, agency=region.county_department, role=Membership.Role.APPROVER)
    client.force_login(user)
    body = client.get("/staff/").content.decode()
    assert "淄博市张店区残疾人联合会" in body
    assert "经办人" in body and "负责人（审核人）" in body
    assert "淄博市淄川区人民政府" not in body


def test_home_without_memberships_says_what_to_do(client: Any, make_user: Any) -> None:
    client.force_login(make_user("carol"))
    assert "还没有被分配到任何机构" in client.get("/staff/").content.decode()


def test_logout_is_a_post(client: Any, make_user: Any) -> None:
    client.force_login(make_user("dave"))
    response = client.post("/staff/logout/")
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302


def test_region_supervision_entries_only_for_supervisors(client: Any, make_user: Any, region: Any) -> None:
    officer = make_user("erin")
    Membership.objects.create(user=officer, agency=region.county_department, role=Membership.Role.OFFICER)
    supervisor = make_user("frank")
    Membership.objects.create(user=supervisor, agency=region.county, role=Membership.Role.SUPERVISOR)
    client.force_login(officer)
    body = client.get("/staff/").content.decode()
    assert "申请办理" in body and "区域监督" not in body
    client.force_login(supervisor)
    assert "区域监督" in client.get("/staff/").content.decode()


@pytest.mark.parametrize("path", ["/staff/cases/abc/", "/no-such-page/"])
def test_not_found_pages_are_chinese(client: Any, path: str, settings: Any) -> None:
    settings.DEBUG = False
    response = client.get(path)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
