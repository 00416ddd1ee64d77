"""Business actions of the portal: registering an online application."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.casework.actions import do_receive_application
from gongkai.casework.intake import Channel
from gongkai.casework.models import Application
from gongkai.portal import tracking, uploads
from gongkai.portal.models import OnlineSubmission
from gongkai.portal.signals import online_application_received

# Form fields passed on to casework as they are.
APPLICATION_FIELDS = (
    "id_type", "id_number", "contact_person", "phone", "email", "address", "postcode", "purpose",
    "requested_form", "delivery_method",
)


@dataclass(frozen=True)
class Submitted:
    submission: OnlineSubmission
    application: Application
    tracking_code: str  # shown to the applicant once, never stored


def do_submit_online_application(
    *,
    agency: Agency,
    data: dict[str, Any],
    upload: UploadedFile | None = None,
    file_type: uploads.FileType | None = None,
    client_ip: str | None = None,
) -> Submitted:
    """Register an application that arrived through the portal and issue its tracking code.

    The platform confirms receipt on submission, so today is the 双方确认之日 of 条例第三十一条
    (第三项) and the receipt date. The ID document is written before the transaction and
    removed again if registration fails, so no orphan file and no half-registered case remain.
    """
    if upload is not None and file_type is None:
        file_type = uploads.validate_upload(upload)
    stored = uploads.store(upload, file_type) if upload is not None and file_type is not None else ""
    code = tracking.new_code()
    today = timezone.localdate()
    try:
        with transaction.atomic():
            application = do_receive_application(
                agency=agency,
                channel=Channel.ONLINE,
                applicant_kind=data["applicant_kind"],
                applicant_name=data["applicant_name"],
                description=data["description"],
                submitted_on=today,
                confirmed_on=today,
                **{name: data.get(name) or "" for name in APPLICATION_FIELDS},
            )
            submission = OnlineSubmission.objects.create(
                application=application,
                tracking_code_hash=tracking.hash_code(code),
                client_ip=client_ip,
                upload_path=stored,
                upload_name=(upload.name or "")[:200] if upload is not None else "",
                upload_type=file_type.content_type if stored and file_type else "",
                upload_size=upload.size if stored and upload is not None else None,
            )
    except BaseException:
        if stored:
            uploads.remove(stored)
        raise
    # After commit: a receipt must never be mailed for an application that was rolled back.
    transaction.on_commit(
        lambda: online_application_received.send(
            sender=OnlineSubmission, submission=submission, application=application
        )
    )
    return Submitted(submission, application, code)
