"""Online application: the Art 29 form, uploads, the receipt shown once, the e-mail hook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.casework.lifecycle import EventKind
from gongkai.casework.models import Application
from gongkai.portal.models import OnlineSubmission
from gongkai.portal.tracking import check_code

pytestmark = pytest.mark.django_db

VALID_ID = "11010519491231002X"  # the GB 11643 example number, check character X
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "applicant_kind": "natural",
        "applicant_name": "欧阳申请",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "email": "applicant@example.com",
        "address": "淄博市张店区共青团路2号",
        "postcode": "255000",
        "description": "2025年本单位残疾人就业补贴资金的发放情况",
        "purpose": "了解政策落实",
        "requested_form": "electronic",
        "delivery_method": "email",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def apply_url(agency: Any) -> str:
    return reverse("portal:apply", args=[agency.pk])


def test_form_is_accessible_and_chinese(client: Any, agency: Any) -> None:
    body = client.get(apply_url(agency)).content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert "csrfmiddlewaretoken" in body
    for label in ("申请人类型", "姓名或名称", "身份证明类型", "身份证明号码", "所需信息的形式", "获取信息的方式"):
        assert label in body
    # Applicant kinds are the table 三 columns, read from the statute.
    assert "商业企业" in body and "科研机构" in body and "法律服务机构" in body
    assert '<label for="id_applicant_name"' in body


def test_happy_path_registers_an_online_application(
    client: Any, agency: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    upload = SimpleUploadedFile("身份证.png", PNG, content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(agency), {**form_data(), "id_document": upload}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    done = client.get(response["Location"])
    body = done.content.decode()

    application = Application.objects.get()
    assert application.channel == "online"
    assert application.applicant_name == "欧阳申请"
    assert application.events.get().kind == EventKind.RECEIVED.value
    assert application.receipt_number in body
    submission = OnlineSubmission.objects.get()
    code = done.context["code"]
    assert code and code in body
    # Only a hash is stored, and it checks.
    assert code not in submission.tracking_code_hash
    assert check_code(code, submission.tracking_code_hash)
    assert not check_code("AAAA-BBBB-CCCC", submission.tracking_code_hash)
    assert submission.client_ip == "203.0.113.7"
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / submission.upload_path
    assert stored.read_bytes() == PNG
    assert submission.upload_type == "image/png"
    # The e-mail receipt names the receipt number but not the code.
    assert len(mailoutbox) == 1
    assert application.receipt_number in mailoutbox[0].subject
    assert mailoutbox[0].to == ["applicant@example.com"]
    assert code not in mailoutbox[0].body

    # Shown once: a reload no longer shows the code.
    again = client.get(response["Location"]).content.decode()
    assert code not in again
    assert "回执已显示过" in again


def test_no_mail_without_an_email_address(
    client: Any, agency: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(agency), form_data(email="", delivery_method="post"))
    assert response.status_code == 302
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"applicant_name": ""}, "applicant_name", "必填"),
        ({"description": ""}, "description", "必填"),
        ({"description": "预算"}, "description", "至少4个字"),
        ({"applicant_kind": "martian"}, "applicant_kind", "选择一个有效的选项"),
        ({"id_number": "110105194912310021"}, "id_number", "校验位不正确"),
        ({"id_number": "12345"}, "id_number", "应为18位"),
        ({"phone": "", "email": ""}, "phone", "至少填写联系电话或电子邮箱"),
        ({"phone": "call me"}, "phone", "联系电话格式不正确"),
        ({"email": "not-an-email"}, "email", "电子邮箱格式不正确"),
        ({"postcode": "25500"}, "postcode", "6位数字"),
        ({"delivery_method": "post", "address": ""}, "address", "请填写通信地址"),
        ({"applicant_kind": "commercial", "id_type": "credit_code", "id_number": "91370300MA3C0000X0"}, "id_number",
         "校验"),
        ({"applicant_kind": "commercial", "id_type": "credit_code", "id_number": "11370300004331920G"},
         "contact_person", "请填写联系人"),
    ],
)
def test_bad_input_gets_a_chinese_error_and_keeps_what_was_typed(
    client: Any, agency: Any, changes: dict, field: str, message: str
) -> None:
    data = form_data(**changes)
    response = client.post(apply_url(agency), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    body = response.content.decode()
    assert "申请没有提交" in body
    # What the applicant typed is still there.
    for name in ("description", "applicant_name", "address"):
        if data.get(name):
            assert data[name] in body, name
    if data.get("phone"):
        assert f'value="{data["phone"]}"' in body
    assert Application.objects.count() == 0


def test_oversized_upload_is_refused_and_the_form_kept(client: Any, agency: Any, settings: Any) -> None:
    settings.PORTAL_MAX_UPLOAD_MB = 0.001  # about 1 KB
    big = SimpleUploadedFile("id.pdf", PDF + b"0" * 4096, content_type="application/pdf")
    response = client.post(apply_url(agency), {**form_data(), "id_document": big})
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["id_document"])
    assert "文件过大" in errors and "不能超过" in errors
    body = response.content.decode()
    assert "身份证明文件需要重新选择" in body
    assert "欧阳申请" in body
    assert Application.objects.count() == 0
    assert not any(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf"))


@pytest.mark.parametrize(
    ("name", "content", "claimed"),
    [
        ("id.pdf", b"MZ\x90\x00 this is an exe", "application/pdf"),  # wrong bytes behind a PDF name
        ("id.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/png"),
        ("id.gif", b"GIF89a\x01\x00\x01\x00", "image/gif"),
        ("empty.pdf", b"", "application/pdf"),
    ],
)
def test_wrong_type_upload_is_refused(client: Any, agency: Any, name: str, content: bytes, claimed: str) -> None:
    upload = SimpleUploadedFile(name, content, content_type=claimed)
    response = client.post(apply_url(agency), {**form_data(), "id_document": upload})
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["id_document"])
    assert "PDF、JPEG、PNG" in errors or "空的" in errors
    assert Application.objects.count() == 0


def test_pdf_and_jpeg_are_accepted(client: Any, agency: Any) -> None:
    for name, content in (("a.pdf", PDF), ("b.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32)):
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        response = client.post(apply_url(agency), {**form_data(), "id_document": upload})
        assert response.status_code == 302, response.context["form"].errors
    assert sorted(OnlineSubmission.objects.values_list("upload_type", flat=True)) == ["application/pdf", "image/jpeg"]


def test_csrf_is_enforced(agency: Any) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(apply_url(agency), form_data())
    assert response.status_code == 403
    assert Application.objects.count() == 0


def test_unknown_agency_is_404(client: Any, db: Any) -> None:
    assert client.get(reverse("portal:apply", args=[999999])).status_code == 404


def test_receipt_numbers_are_consecutive(client: Any, agency: Any) -> None:
    for n in range(3):
        client.post(apply_url(agency), form_data(id_number=None, id_type="passport") | {"id_number": f"E1234567{n}"})
    numbers = list(Application.objects.order_by("sequence").values_list("sequence", flat=True))
    assert numbers == [1, 2, 3]
