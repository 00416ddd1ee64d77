"""Login and the staff home page; each domain app serves its own screens."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.models import Membership


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user).select_related("agency").order_by("agency__name", "role")
    )
    agencies: dict[int, dict] = {}
    for m in memberships:
        entry = agencies.setdefault(m.agency_id, {"agency": m.agency, "roles": []})
        entry["roles"].append(m.get_role_display())
    return render(request, "ui/home.html", {"agencies": list(agencies.values())})
