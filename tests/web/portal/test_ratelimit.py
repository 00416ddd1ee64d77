"""Rate limits on online applications: per address and per applicant, a clear 429 page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from gongkai.casework.models import Application

from .test_apply import form_data

pytestmark = pytest.mark.django_db


def post(client: Any, agency: Any, ip: str, **changes: Any) -> Any:
    return client.post(reverse("portal:apply", args=[agency.pk]), form_data(**changes), REMOTE_ADDR=ip)


def test_per_ip_limit(client: Any, agency: Any, settings: Any) -> None:
    settings.PORTAL_APPLY_LIMIT_PER_IP = (2, 3600)
    settings.PORTAL_APPLY_LIMIT_PER_IDENTITY = (100, 3600)
    assert post(client, agency, "192.0.2.1", id_type="passport", id_number="E10000001").status_code == 302
    assert post(client, agency, "192.0.2.1", id_type="passport", id_number="E10000002").status_code == 302
    blocked = post(client, agency, "192.0.2.1", id_type="passport", id_number="E10000003")
    assert blocked.status_code == 429
    body = blocked.content.decode()
    assert "同一网络地址每小时最多在线提交2件申请" in body
    assert Application.objects.count() == 2
    assert post(client, agency, "192.0.2.99", id_type="passport", id_number="E10000003").status_code == 302


def test_invalid_forms_do_not_use_up_the_limit(client: Any, agency: Any, settings: Any) -> None:
    settings.PORTAL_APPLY_LIMIT_PER_IP = (1, 3600)
    for _ in range(3):
        assert post(client, agency, "192.0.2.5", description="").status_code == 400
    assert post(client, agency, "192.0.2.5").status_code == 302


def test_per_identity_limit_across_addresses(client: Any, agency: Any, settings: Any) -> None:
    settings.PORTAL_APPLY_LIMIT_PER_IDENTITY = (2, 3600)
    assert post(client, agency, "192.0.2.1").status_code == 302
    assert post(client, agency, "192.0.2.2").status_code == 302
    blocked = post(client, agency, "192.0.2.3")
    assert blocked.status_code == 429
    assert "同一申请人每小时最多在线提交2件申请" in blocked.content.decode()
    # The same person's ID typed with spaces and full-width digits is the same identity.
    spaced = post(client, agency, "192.0.2.4", id_number="１１０１０５ 1949 1231 002x")
    assert spaced.status_code == 429
    assert Application.objects.count() == 2
