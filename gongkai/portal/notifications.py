"""E-mail receipt to the applicant through Django's mail backend (EMAIL_BACKEND)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from gongkai.casework.models import Application

logger = logging.getLogger(__name__)


def send_receipt(sender: Any, *, application: Application, **kwargs: Any) -> None:
    """Mail the receipt when the applicant gave an e-mail address.

    The tracking code is not in the mail: it is shown once on screen, and a mailbox may be
    shared or forwarded. A mail failure is logged, never shown as a failed application: the
    application is registered either way and the receipt number is on screen.
    """
    if not application.email:
        return
    context = {"application": application, "site_name": settings.GONGKAI_SITE_NAME}
    subject = f"政府信息公开申请受理回执：{application.receipt_number}"
    body = render_to_string("portal/email/receipt.txt", context)
    try:
        send_mail(subject, body, None, [application.email])
    except Exception:  # any backend error: the application stands
        logger.exception("receipt mail for %s failed", application.receipt_number)
