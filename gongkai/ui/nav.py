"""The staff navigation. Each entry names a URL; an entry shows once its app defines that URL,
so apps plug in without editing this shell."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# (label, URL name, who sees it). Order is the order on screen.
STAFF_NAV: tuple[tuple[str, str, str], ...] = (
    ("申请办理", "casework:list", "staff"),
    ("主动公开", "publishing:list", "staff"),
    ("复议诉讼", "appeals:list", "staff"),
    ("年度报告", "annual:list", "staff"),
    ("在线申请", "portal:staff_online_index", "staff"),
    ("区域监督", "casework:supervision", "supervisor"),
    ("报告监督", "annual:supervision", "supervisor"),
)


def _is_supervisor(user: Any) -> bool:
    from gongkai.agencies.models import Membership

    return user.is_superuser or Membership.objects.filter(user=user, role=Membership.Role.SUPERVISOR).exists()


def staff_nav(request: HttpRequest) -> list[dict[str, Any]]:
    items = []
    supervisor: bool | None = None
    for label, name, audience in STAFF_NAV:
        if audience == "supervisor":
            if supervisor is None:
                supervisor = _is_supervisor(request.user)
            if not supervisor:
                continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": request.path.startswith(url)})
    return items
