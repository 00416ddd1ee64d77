"""Reading an application's clock: the pure ``compute_clock`` fed from the database."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.casework.calendar import calendar
from gongkai.casework.clock import Clock, compute_clock
from gongkai.casework.conf import clock_rules
from gongkai.casework.models import Application


def clock_for(application: Application, today: date | None = None) -> Clock:
    """The clock as of ``today`` (default: today in Asia/Shanghai), recomputed from the events."""
    events = application.events.order_by("seq")
    return compute_clock(events, calendar(), today or timezone.localdate(), clock_rules())
