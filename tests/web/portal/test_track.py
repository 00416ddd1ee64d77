"""Tracking: number + code opens the status; wrong code and unknown number look the same."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest
from django.urls import reverse

from gongkai.casework.actions import do_decide, do_deliver
from gongkai.portal.views.apply import RECEIPT_SESSION_KEY

from .test_apply import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client: Any, agency: Any) -> dict[str, Any]:
    """An application submitted online: its receipt number and code; the client is reset."""
    response = client.post(reverse("portal:apply", args=[agency.pk]), form_data())
    assert response.status_code == 302
    receipt = client.session[RECEIPT_SESSION_KEY]
    from gongkai.casework.models import Application

    application = Application.objects.get(pk=receipt["application"])
    client.logout()  # a fresh session: the tracking page must be opened with the code
    return {"number": application.receipt_number, "code": receipt["code"], "application": application}


def track(client: Any, number: str, code: str, **extra: Any) -> Any:
    return client.post(reverse("portal:track"), {"receipt_number": number, "code": code}, **extra)


def test_status_needs_number_and_code(client: Any, submitted: dict) -> None:
    assert client.get(reverse("portal:track_status"))["Location"] == reverse("portal:track")
    response = track(client, submitted["number"], submitted["code"])
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = page.content.decode()
    assert submitted["number"] in body
    assert "办理中" in body
    clock = page.context["clock"]
    assert clock.due is not None
    assert f"{clock.due.date.year}年{clock.due.date.month}月{clock.due.date.day}日" in body
    # The code is accepted without dashes and in lower case.
    client.post(reverse("portal:track_end"))
    assert track(client, submitted["number"], submitted["code"].replace("-", "").lower()).status_code == 302


def test_wrong_code_and_unknown_number_get_the_same_answer(client: Any, submitted: dict) -> None:
    wrong_code = track(client, submitted["number"], "AAAA-BBBB-CCCC")
    unknown = track(client, "不存在〔2026〕第9999号", "AAAA-BBBB-CCCC")
    assert wrong_code.status_code == unknown.status_code == 200
    assert "受理编号或查询码不正确" in wrong_code.content.decode()

    def without_input(response: Any, number: str) -> str:
        body = response.content.decode()
        token = response.context["csrf_token"]
        return body.replace(number, "<number>").replace(str(token), "<token>")

    assert without_input(wrong_code, submitted["number"]) == without_input(unknown, "不存在〔2026〕第9999号")
    assert client.get(reverse("portal:track_status")).status_code == 302


def test_decision_and_letter_after_delivery(client: Any, submitted: dict, monkeypatch: Any) -> None:
    application = submitted["application"]
    track(client, submitted["number"], submitted["code"])
    assert "下载答复书" not in client.get(reverse("portal:track_status")).content.decode()
    do_decide(application, "DISCLOSED")
    body = client.get(reverse("portal:track_status")).content.decode()
    assert "已答复" in body
    assert "（一）予以公开" in body
    assert client.get(reverse("portal:track_letter")).status_code == 404  # not delivered yet
    do_deliver(application, method="email")

    body = client.get(reverse("portal:track_status")).content.decode()
    assert "已送达" in body and "下载答复书" in body
    letter = client.get(reverse("portal:track_letter"))
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"
    assert "attachment" in letter["Content-Disposition"]
    with pdfplumber.open(io.BytesIO(letter.content)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages).replace("\n", "")
    assert application.receipt_number in text
    assert "予以公开" in text
    # Another session without the code gets nothing.
    from django.test import Client

    assert Client().get(reverse("portal:track_letter"))["Location"] == reverse("portal:track")


def test_ending_the_session_closes_the_status(client: Any, submitted: dict) -> None:
    track(client, submitted["number"], submitted["code"])
    assert client.get(reverse("portal:track_status")).status_code == 200
    client.post(reverse("portal:track_end"))
    assert client.get(reverse("portal:track_status")).status_code == 302


def test_tracking_attempts_are_throttled_per_ip(client: Any, submitted: dict, settings: Any) -> None:
    settings.PORTAL_TRACK_LIMIT_PER_IP = (3, 3600)
    for _ in range(3):
        assert track(client, submitted["number"], "WRONG-CODE-0000", REMOTE_ADDR="198.51.100.1").status_code == 200
    blocked = track(client, submitted["number"], submitted["code"], REMOTE_ADDR="198.51.100.1")
    assert blocked.status_code == 429
    assert "最多查询3次" in blocked.content.decode()
    # Another address is not affected.
    assert track(client, submitted["number"], submitted["code"], REMOTE_ADDR="198.51.100.2").status_code == 302


def test_missing_fields_are_reported(client: Any, db: Any) -> None:
    response = client.post(reverse("portal:track"), {"receipt_number": "", "code": ""})
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode()
