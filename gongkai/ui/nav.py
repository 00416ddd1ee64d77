"""The staff navigation. Each entry names a URL; an entry shows once its app defines that URL,
so apps plug in without editing this shell."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# (label, URL name). Order is the order on screen.
STAFF_NAV: tuple[tuple[str, str], ...] = (
    ("申请办理", "casework:list"),
    ("主动公开", "publishing:list"),
    ("复议诉讼", "appeals:list"),
    ("年度报告", "annual:list"),
    ("区域监督", "casework:supervision"),
)


def staff_nav(request: HttpRequest) -> list[dict[str, Any]]:
    items = []
    for label, name in STAFF_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": request.path.startswith(url)})
    return items
