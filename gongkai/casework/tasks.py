"""Background tasks of casework, run by django-tasks (``manage.py db_worker`` with the
database backend)."""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_reminder_email(recipient: str, subject: str, body: str) -> int:
    """Send one reminder e-mail; the text is rendered when the reminder run is computed, so
    what the worker sends is what the command reported, however late the worker runs."""
    return send_mail(subject, body, None, [recipient])
