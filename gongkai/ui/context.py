"""Template context shared by every page: the site name and the staff navigation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"site_name": settings.GONGKAI_SITE_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from gongkai.ui.nav import staff_nav

        context["staff_nav"] = staff_nav(request)
    return context
