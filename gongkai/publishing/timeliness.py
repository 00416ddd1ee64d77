"""Art 26 timeliness: an item is due 20 working days after the day it was formed or changed.

Counted on the statutory calendar (``gongkai.holidays.services.current_calendar()``), with the
same start-day setting as every other period; the explanation lists the skipped days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from gongkai.statute.disclosure import PUBLICATION_RULE, PUBLICATION_WORKDAYS
from gongkai.workdays.arithmetic import add_workdays, count_workdays
from gongkai.workdays.explanation import full_date
from gongkai.workdays.model import Calendar

ON_TIME = "on_time"
LATE = "late"
PENDING = "pending"
OVERDUE = "overdue"

LABELS = {
    ON_TIME: "按时发布",
    LATE: "逾期发布",
    PENDING: "尚未发布",
    OVERDUE: "已超期未发布",
}
BADGES = {ON_TIME: "badge-ok", LATE: "badge-bad", PENDING: "badge-info", OVERDUE: "badge-bad"}


@dataclass(frozen=True)
class Timeliness:
    status: str
    due: date
    workdays: int  # working days from formation to publication (or to today, if not yet)
    provisional: bool
    explanation: tuple[str, ...]

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def badge(self) -> str:
        return BADGES[self.status]

    @property
    def flagged(self) -> bool:
        return self.status in (LATE, OVERDUE)

    @property
    def summary(self) -> str:
        mark = "（暂定）" if self.provisional else ""
        if self.status == LATE:
            return f"逾期：应于{full_date(self.due)}前发布，发布时已过{self.workdays}个工作日{mark}"
        if self.status == OVERDUE:
            return f"已超期：应于{full_date(self.due)}前发布，至今已过{self.workdays}个工作日{mark}"
        if self.status == PENDING:
            return f"应于{full_date(self.due)}前发布{mark}"
        return f"按时：生成后第{self.workdays}个工作日发布（期限{PUBLICATION_WORKDAYS}个工作日）{mark}"


def timeliness(item: Any, calendar: Calendar, today: date | None = None) -> Timeliness:
    """Whether ``item`` was (or is being) published within the Art 26 period."""
    today = today or timezone.localdate()
    due = add_workdays(calendar, item.formed_on, PUBLICATION_WORKDAYS)
    end = item.published_on or today
    used = count_workdays(calendar, item.formed_on, end) if end >= item.formed_on else 0
    if item.published_on is not None:
        status = LATE if item.published_on > due.date else ON_TIME
    else:
        status = OVERDUE if today > due.date else PENDING
    provisional = due.provisional or bool(calendar.unloaded_years(item.formed_on, max(end, due.date)))
    lines = (PUBLICATION_RULE, *due.explanation)
    return Timeliness(status, due.date, used, provisional, lines)
