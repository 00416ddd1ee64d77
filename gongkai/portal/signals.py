"""The notification hook: ``online_application_received`` is sent after an online application
is committed. The portal connects the e-mail receipt (``notifications.send_receipt``); other
apps may connect more receivers (SMS, staff alerts) without touching the portal."""

from __future__ import annotations

from django.dispatch import Signal

# Arguments: submission (OnlineSubmission), application (casework Application).
online_application_received = Signal()
