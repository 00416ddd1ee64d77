"""The one place casework gets its working-day calendar from.

The holidays app (database-stored years, loaded by staff when the State Council notice comes
out) will provide ``current_calendar()``; until it is installed, the statutory calendar that
ships with ``gongkai.workdays`` is used. Switching is this function and nothing else.
"""

from __future__ import annotations

from functools import lru_cache

from gongkai.workdays.model import Calendar


@lru_cache(maxsize=1)
def _default_calendar() -> Calendar:
    # Building it reads chinesecalendar's tables and the notice files: once per process.
    from gongkai.workdays.calendars import default_calendar

    return default_calendar()


def calendar() -> Calendar:
    try:
        from gongkai.holidays.services import current_calendar
    except ModuleNotFoundError as exc:
        # Only the app's absence means "not yet": a broken import inside it must surface.
        if exc.name not in ("gongkai.holidays", "gongkai.holidays.services"):
            raise
        return _default_calendar()
    return current_calendar()
