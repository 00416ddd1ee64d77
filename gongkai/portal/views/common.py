"""Helpers shared by the portal's views."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency

PER_PAGE = 20


def public_agency(pk: int) -> Agency:
    return get_object_or_404(Agency, pk=pk)


def active_agency(pk: int) -> Agency:
    agency = public_agency(pk)
    if not agency.is_active:
        raise Http404("该机构已撤销或合并")
    return agency


def paginate(request: HttpRequest, items: Any, per_page: int = PER_PAGE) -> Page:
    """The requested page; a malformed or out-of-range page number gives the nearest page."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get("page"))


def too_many_requests(request: HttpRequest, message: str) -> HttpResponse:
    response = render(request, "portal/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = "3600"
    return response
