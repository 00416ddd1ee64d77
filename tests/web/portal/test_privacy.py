"""An applicant's personal data appears in no public page, feed, search result or API response."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.publishing.models import ItemState

from .test_apply import form_data

pytestmark = pytest.mark.django_db

NAME = "龙骧虎步申请人"
ID_NUMBER = "E98765432"
PHONE = "13912345678"
EMAIL = "secret-applicant@example.org"
ADDRESS = "淄博市张店区保密路8号"
DESCRIPTION = "关于龙骧虎步事项的全部材料"


def test_personal_data_is_nowhere_public(agency: Any, category: Any, publish: Any) -> None:
    publish("部门预算公开", body_text="预算正文", categories=(category,))
    publish("草稿", state=ItemState.DRAFT)
    applicant = Client()
    response = applicant.post(
        reverse("portal:apply", args=[agency.pk]),
        form_data(applicant_name=NAME, id_type="passport", id_number=ID_NUMBER, phone=PHONE, email=EMAIL,
                  address=ADDRESS, description=DESCRIPTION),
    )
    assert response.status_code == 302

    public = Client()
    urls = [
        reverse("portal:home"),
        reverse("portal:agency", args=[agency.pk]),
        reverse("portal:guide", args=[agency.pk]),
        reverse("portal:catalogue", args=[agency.pk]),
        reverse("portal:category", args=[agency.pk, category.slug]),
        reverse("portal:reports", args=[agency.pk]),
        reverse("portal:agency_rss", args=[agency.pk]),
        reverse("portal:agency_atom", args=[agency.pk]),
        reverse("portal:category_rss", args=[agency.pk, category.slug]),
        reverse("portal:category_atom", args=[agency.pk, category.slug]),
        reverse("portal:track"),
        reverse("portal:track_status"),
        "/api/v1/agencies",
        f"/api/v1/agencies/{agency.pk}",
        f"/api/v1/agencies/{agency.pk}/categories",
        "/api/v1/items",
        "/api/v1/reports",
        "/api/v1/openapi.json",
    ]
    secrets = (NAME, ID_NUMBER, PHONE, EMAIL, ADDRESS, DESCRIPTION)
    for url in urls:
        response = public.get(url, follow=True)
        assert response.status_code in (200, 404), url
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, (url, secret)
    # Searching for the applicant finds nothing (the page echoes only the query itself).
    for query in (*secrets, "龙骧虎步"):
        page = public.get(reverse("portal:search"), {"q": query})
        assert page.context["results"] == []
        assert all(s not in page.content.decode() for s in secrets if s != query)
        assert public.get("/api/v1/items", {"q": query}).json()["count"] == 0
    # The applicant's own session sees it, which shows the search above was meaningful.
    assert NAME not in applicant.get(reverse("portal:track_status")).content.decode()  # no name shown even there
    assert DESCRIPTION in applicant.get(reverse("portal:track_status")).content.decode()
