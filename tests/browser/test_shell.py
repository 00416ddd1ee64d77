"""The staff shell in a real browser: keyboard skip link, login, logout."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.agencies.models import Agency, Membership

pytestmark = pytest.mark.django_db(transaction=True)


def test_login_and_home_in_chromium(page: Any, live_server: Any, login: Any, django_user_model: Any) -> None:
    agency = Agency.objects.create(name="淄博市张店区残疾人联合会")
    user = django_user_model.objects.create_user("officer", password="demo-pass-2026")
    Membership.objects.create(user=user, agency=agency, role=Membership.Role.OFFICER)

    page.goto(f"{live_server.url}/staff/")
    assert "/staff/login/" in page.url
    page.get_by_label("用户名").fill("officer")
    page.get_by_label("密码").fill("wrong")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").inner_text().startswith("用户名或密码不正确")

    login("officer", "demo-pass-2026")
    assert page.get_by_role("cell", name="淄博市张店区残疾人联合会").is_visible()
    # Keyboard users reach the skip link first, and it moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(f"{live_server.url}/staff/login/")
