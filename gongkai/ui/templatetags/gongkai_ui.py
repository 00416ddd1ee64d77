"""Small template helpers used across the staff workspace and the portal."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.http import QueryDict

register = template.Library()

WEEKDAYS = "一二三四五六日"


@register.filter
def cn_date(value: Any) -> str:
    """2025-02-05 → 2025年2月5日（星期三）: how dates are written in letters and on screens."""
    if not isinstance(value, date):
        return "" if value is None else str(value)
    return f"{value.year}年{value.month}月{value.day}日（星期{WEEKDAYS[value.weekday()]}）"


@register.filter
def cn_date_short(value: Any) -> str:
    if not isinstance(value, date):
        return "" if value is None else str(value)
    return f"{value.year}年{value.month}月{value.day}日"


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced: keeps filters across pages."""
    request = context.get("request")
    params: QueryDict = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
