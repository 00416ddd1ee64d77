"""Staff screens: ID documents only for the handling agency's staff; Art 35 counts, no blocking."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.actions import do_add_member
from gongkai.casework.actions import do_receive_application
from gongkai.portal.models import OnlineSubmission

from .test_apply import PNG, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(client: Any, agency: Any) -> OnlineSubmission:
    upload = SimpleUploadedFile("id.png", PNG, content_type="image/png")
    client.post(reverse("portal:apply", args=[agency.pk]), {**form_data(), "id_document": upload})
    return OnlineSubmission.objects.get()


def test_id_document_is_served_only_to_the_agencys_handling_staff(
    client: Any, submission: OnlineSubmission, officer: Any, make_user: Any, region: Any
) -> None:
    url = reverse("portal:staff_id_document", args=[submission.pk])
    client.logout()
    assert client.get(url).status_code == 302  # login first

    viewer = make_user("viewer")
    do_add_member(submission.application.agency, viewer, "viewer")
    client.force_login(viewer)
    assert client.get(url).status_code == 403

    stranger = make_user("other-officer")
    do_add_member(region.other_department, stranger, "officer")
    client.force_login(stranger)
    assert client.get(url).status_code == 403

    superuser = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get(url).status_code == 403  # sees everything, handles nothing

    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]


def test_uploads_are_not_under_a_web_root(submission: OnlineSubmission, settings: Any) -> None:
    from pathlib import Path

    stored = (Path(settings.PRIVATE_MEDIA_ROOT) / submission.upload_path).resolve()
    for root in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        assert Path(root).resolve() not in stored.parents


def test_submissions_page_lists_and_counts(client: Any, agency: Any, officer: Any, submission: Any) -> None:
    # Three more from the same person on paper: every channel counts.
    for _ in range(3):
        do_receive_application(
            agency=agency, channel="in_person", submitted_on=timezone.localdate(), applicant_kind="natural",
            applicant_name="欧阳申请", description="又一件申请", id_type="resident_id", id_number="11010519491231002X",
        )
    client.force_login(officer)
    response = client.get(reverse("portal:staff_online", args=[agency.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert submission.application.receipt_number in body
    counts = response.context["counts"]
    assert len(counts) == 1
    assert (counts[0].this_month, counts[0].this_year, counts[0].last_12_months) == (4, 4, 4)
    assert "1101…002X" in body  # masked on screen


def test_counts_never_block_and_flag_at_the_threshold(
    client: Any, agency: Any, officer: Any, settings: Any
) -> None:
    settings.PORTAL_EXCESSIVE_MONTHLY_NOTICE = 3
    settings.PORTAL_APPLY_LIMIT_PER_IDENTITY = (100, 3600)
    settings.PORTAL_APPLY_LIMIT_PER_IP = (100, 3600)
    for _ in range(4):
        assert client.post(reverse("portal:apply", args=[agency.pk]), form_data()).status_code == 302
    client.force_login(officer)
    response = client.get(reverse("portal:staff_online", args=[agency.pk]))
    (row,) = response.context["counts"]
    assert row.this_month == 4 and row.notable
    assert "请关注" in response.content.decode()


def test_staff_pages_need_a_handling_role(client: Any, agency: Any, make_user: Any) -> None:
    url = reverse("portal:staff_online", args=[agency.pk])
    assert client.get(url).status_code == 302
    client.force_login(make_user("nobody"))
    assert client.get(url).status_code == 403
    index = client.get(reverse("portal:staff_online_index")).content.decode()
    assert "没有可查看的在线申请" in index
