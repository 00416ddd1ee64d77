"""The statutory calendar and deadline arithmetic (工作日计算).

Plain Python, no Django: the database layer stores years and builds the same
``YearCalendar`` values that the chinesecalendar seed and the notice files produce.

    >>> from datetime import date
    >>> due = add_workdays(default_calendar(), date(2024, 9, 27), 20)
    >>> due.date
    datetime.date(2024, 10, 30)

Names are imported on first use, so that ``gongkai check`` (whose parser registers the
``workdays`` sub-command) does not pay for chinesecalendar's tables at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "gongkai.workdays.arithmetic": (
        "DueDate", "Extension", "Pause", "Step", "StepKind", "add_workdays", "count_workdays", "extend",
    ),
    "gongkai.workdays.calendars": ("DATA_DIR", "default_calendar", "load_years"),
    "gongkai.workdays.explanation": ("explain",),
    "gongkai.workdays.model": ("Calendar", "DayKind", "DayStatus", "YearCalendar"),
    "gongkai.workdays.seed": ("SEED_YEARS", "chinesecalendar_year"),
    "gongkai.workdays.yearfile": ("YearFileError", "load_year_file", "read_year_notice"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
