"""The admin shows applications with their events read-only and the derived clock."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.agencies.actions import do_add_member
from gongkai.casework import actions as act
from gongkai.statute.outcomes import Outcome

pytestmark = pytest.mark.django_db


def test_changelist_search_and_change_page(client, make_user, receive):
    admin_user = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    app = receive(name="赵六")
    act.do_decide(app, Outcome.DISCLOSED, on=date(2025, 3, 10))
    listing = client.get(reverse("admin:casework_application_changelist"), {"q": "赵六"})
    assert listing.status_code == 200
    assert app.receipt_number in listing.content.decode()
    page = client.get(reverse("admin:casework_application_change", args=[app.pk])).content.decode()
    assert "办理过程" in page and "作出答复" in page and "期限届满日" in page
    assert client.get(reverse("admin:casework_application_add")).status_code == 403
    filtered = client.get(reverse("admin:casework_application_changelist"), {"state": "decided", "year": 2025})
    assert filtered.status_code == 200


def test_staff_see_only_their_agencies_applications(client, make_user, receive, region):
    mine = receive(name="本机构申请人")
    theirs = receive(name="他机构申请人", agency=region.other_department)
    staff = make_user("staff", is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_application"))
    do_add_member(region.county, staff, "officer")
    client.force_login(staff)
    body = client.get(reverse("admin:casework_application_changelist")).content.decode()
    assert mine.receipt_number in body and theirs.receipt_number not in body
