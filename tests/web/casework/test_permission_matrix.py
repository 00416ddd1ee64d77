"""Who may do what with which case: role × object × action, the expectations written once as data.

Objects (淄博市 → 张店区 → 残联, 马尚街道; 淄川区 → 教体局):
    own      a case of 残联 (the agency of the officer, approver and viewer)
    region   a case of 马尚街道, another agency in 张店区
    outside  a case of 淄川区教体局, outside 张店区

Outcomes:
    shown / hidden   the case is / is not in the user's list (全部)
    200              the page or file is served
    plain / masked   the applicant's personal data is shown in full / masked
    done             the action was carried out (and recorded)
    403              refused in scope, with a Chinese message; nothing saved
    404              out of scope: "not found", existence not leaked; nothing saved
    login            anonymous: sent to the login page; nothing saved
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.actions import do_add_member
from gongkai.casework import actions as act
from gongkai.casework.models import Application, ApplicationEvent
from gongkai.statute.outcomes import Outcome

pytestmark = pytest.mark.django_db

OBJECTS = ("own", "region", "outside")
ACTIONS = ("list", "detail", "personal_data", "register", "request_supplement", "approve_extension", "decide",
           "letter")

# role → action → outcome for (own, region, outside)
EXPECTED: dict[str, dict[str, tuple[Any, Any, Any]]] = {
    "officer": {
        "list": ("shown", "hidden", "hidden"),
        "detail": (200, 404, 404),
        "personal_data": ("plain", 404, 404),
        "register": ("done", 404, 404),
        "request_supplement": ("done", 404, 404),
        "approve_extension": (403, 404, 404),
        "decide": ("done", 404, 404),
        "letter": (200, 404, 404),
    },
    "approver": {
        "list": ("shown", "hidden", "hidden"),
        "detail": (200, 404, 404),
        "personal_data": ("plain", 404, 404),
        "register": ("done", 404, 404),
        "request_supplement": ("done", 404, 404),
        "approve_extension": ("done", 404, 404),
        "decide": ("done", 404, 404),
        "letter": (200, 404, 404),
    },
    "viewer": {
        "list": ("shown", "hidden", "hidden"),
        "detail": (200, 404, 404),
        "personal_data": ("masked", 404, 404),
        "register": (403, 404, 404),
        "request_supplement": (403, 404, 404),
        "approve_extension": (403, 404, 404),
        "decide": (403, 404, 404),
        "letter": (403, 404, 404),
    },
    "supervisor_of_region": {
        "list": ("shown", "shown", "hidden"),
        "detail": (200, 200, 404),
        "personal_data": ("masked", "masked", 404),
        "register": (403, 403, 404),
        "request_supplement": (403, 403, 404),
        "approve_extension": (403, 403, 404),
        "decide": (403, 403, 404),
        "letter": (403, 403, 404),
    },
    "supervisor_of_other_region": {
        "list": ("hidden", "hidden", "shown"),
        "detail": (404, 404, 200),
        "personal_data": (404, 404, "masked"),
        "register": (404, 404, 403),
        "request_supplement": (404, 404, 403),
        "approve_extension": (404, 404, 403),
        "decide": (404, 404, 403),
        "letter": (404, 404, 403),
    },
    # An officer of 张店区政府, the parent of 残联 and 马尚街道: handling a parent gives nothing below it.
    "officer_of_other_agency": {
        "list": ("hidden", "hidden", "hidden"),
        "detail": (404, 404, 404),
        "personal_data": (404, 404, 404),
        "register": (404, 404, 404),
        "request_supplement": (404, 404, 404),
        "approve_extension": (404, 404, 404),
        "decide": (404, 404, 404),
        "letter": (404, 404, 404),
    },
    "anonymous": {action: ("login", "login", "login") for action in ACTIONS},
    # Administrators read everything but handle nothing without a role, and see no personal data.
    "superuser": {
        "list": ("shown", "shown", "shown"),
        "detail": (200, 200, 200),
        "personal_data": ("masked", "masked", "masked"),
        "register": (403, 403, 403),
        "request_supplement": (403, 403, 403),
        "approve_extension": (403, 403, 403),
        "decide": (403, 403, 403),
        "letter": (403, 403, 403),
    },
}
ROLES = tuple(EXPECTED)

APPLICANT = "欧阳修文"
ID_NUMBER = "370303199001015678"


def test_the_table_is_complete() -> None:
    for role, row in EXPECTED.items():
        assert set(row) == set(ACTIONS), role


@pytest.fixture
def world(region: Any, make_user: Any) -> dict[str, Any]:
    agencies = {"own": region.county_department, "region": region.street, "outside": region.other_department}
    users: dict[str, Any] = {"anonymous": None}
    memberships = {
        "officer": (region.county_department, "officer"),
        "approver": (region.county_department, "approver"),
        "viewer": (region.county_department, "viewer"),
        "supervisor_of_region": (region.county, "supervisor"),
        "supervisor_of_other_region": (region.other_county, "supervisor"),
        "officer_of_other_agency": (region.county, "officer"),
    }
    for role, (agency, membership) in memberships.items():
        users[role] = make_user(role)
        do_add_member(agency, users[role], membership)
    users["superuser"] = make_user("root", is_superuser=True, is_staff=True)
    received = timezone.localdate() - timedelta(days=3)
    cases = {
        key: act.do_receive_application(
            agency=agency, channel="in_person", submitted_on=received, applicant_kind="natural",
            applicant_name=APPLICANT, id_type="resident_id", id_number=ID_NUMBER, phone="13800005678",
            description="本单位2025年度预算",
        )
        for key, agency in agencies.items()
    }
    return {"agencies": agencies, "users": users, "cases": cases}


def refused(response: Any) -> Any:
    """The outcome of a refused request, checking that a refusal explains itself in Chinese."""
    if response.status_code == 302 and response["Location"].startswith("/staff/login/"):
        return "login"
    assert response.status_code in (403, 404), response.status_code
    text = response.content.decode()
    assert ("无权" in text or "没有找到" in text or "不能" in text or "只有" in text), text[:500]
    return response.status_code


def probe(client: Any, action: str, case: Application, agency: Any) -> Any:
    today = timezone.localdate().isoformat()
    if action == "list":
        response = client.get(reverse("casework:list"), {"tab": "all"})
        if response.status_code != 200:
            return refused(response)
        return "shown" if case.receipt_number in response.content.decode() else "hidden"
    if action in ("detail", "personal_data"):
        response = client.get(reverse("casework:detail", args=[case.pk]))
        if response.status_code != 200:
            return refused(response)
        if action == "detail":
            return 200
        text = response.content.decode()
        if APPLICANT in text and ID_NUMBER in text:
            return "plain"
        assert APPLICANT not in text and ID_NUMBER not in text and "13800005678" not in text
        assert "欧***" in text and "******5678" in text
        return "masked"
    if action == "register":
        before = Application.objects.count()
        response = client.post(reverse("casework:new"), {
            "agency": agency.pk, "channel": "in_person", "submitted_on": today, "applicant_kind": "natural",
            "applicant_name": "新申请人", "description": "某文件", "units": "1",
        })
        if response.status_code == 302 and response["Location"].startswith("/staff/cases/"):
            assert Application.objects.count() == before + 1
            return "done"
        assert Application.objects.count() == before
        return refused(response)
    if action == "letter":
        act.do_decide(case, Outcome.DISCLOSED)
        response = client.get(reverse("casework:letter", args=[case.pk, "reply", "docx"]))
        return 200 if response.status_code == 200 else refused(response)
    data = {
        "request_supplement": {"request_supplement-on": today, "request_supplement-items": "请写明文号",
                               "request_supplement-deadline": (timezone.localdate() + timedelta(days=10)).isoformat()},
        "approve_extension": {"approve_extension-on": today, "approve_extension-workdays": "10",
                              "approve_extension-reason": "需要调取档案"},
        "decide": {"decide-on": today, "decide-outcome": "DISCLOSED"},
    }[action]
    before = ApplicationEvent.objects.filter(application=case).count()
    response = client.post(reverse("casework:act", args=[case.pk, action]), data)
    after = ApplicationEvent.objects.filter(application=case).count()
    if response.status_code == 302 and response["Location"] == reverse("casework:detail", args=[case.pk]):
        assert after == before + 1
        return "done"
    assert after == before
    return refused(response)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("obj", OBJECTS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client: Any, world: dict[str, Any], role: str, obj: str, action: str) -> None:
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    outcome = probe(client, action, world["cases"][obj], world["agencies"][obj])
    assert outcome == EXPECTED[role][action][OBJECTS.index(obj)]
