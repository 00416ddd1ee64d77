"""The queries behind the case lists, with clocks computed for the rows shown.

The due date, the days used and left and the overdue flag are derived from the events
(``clock.compute_clock``) and never stored. To keep the number of SQL queries constant
whatever the page size, the events of all the rows needed are read in ONE query
(``with_clocks``) and the clocks computed in Python:

- ordinary tabs (我的案件, 等待中, 全部) paginate in SQL, then compute the clocks of that page only;
- 即将到期 and 已逾期 need the clock before paginating. They first narrow the cases in SQL with
  a prefilter that can never drop a case that qualifies (``due_candidates``), compute the
  clocks of the candidates, keep those that qualify, sort them by due date and paginate the
  list in Python.

Why the prefilter is sound: the reply period runs 20 working days from its start (the receipt
date, or the day the 补正 arrived, which is later). Pauses and an extension only move the due
date later. 20 working days are 20 distinct days, so the due date is at least 19 days after
the start, hence at least 19 days after the receipt date. A case that is overdue today was
therefore received at least 20 days ago; a case with at most N working days left has used at
least 20 − N working days, so it was received at least 19 − N days ago. Only open cases with a
running period (办理中, 征求意见中, 待缴费; not 待补正, where no period runs) can qualify.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.casework.access import Scope, applicant_display
from gongkai.casework.calendar import calendar
from gongkai.casework.clock import Clock, compute_clock
from gongkai.casework.conf import clock_rules
from gongkai.casework.lifecycle import State, TransitionError
from gongkai.casework.models import Application, ApplicationEvent

TAB_LABELS = {
    "mine": "我的案件",
    "due_soon": "即将到期",
    "overdue": "已逾期",
    "waiting": "等待中",
    "all": "全部",
}
CLOCK_TABS = frozenset({"due_soon", "overdue"})
WAITING_STATES = (State.AWAITING_SUPPLEMENT, State.CONSULTING, State.AWAITING_FEE)
# States in which a reply period is running (待补正 has none until the supplement arrives).
RUNNING_STATES = (State.PROCESSING, State.CONSULTING, State.AWAITING_FEE)
DEFAULT_DUE_WITHIN = 5
PAGE_SIZE = 25
REPLY_WORKDAYS = 20


@dataclass
class CaseRow:
    application: Application
    clock: Clock | None
    clock_error: str
    sees_personal_data: bool

    @property
    def applicant(self) -> str:
        return applicant_display(self.application, self.sees_personal_data)

    @property
    def overdue_by(self) -> int:
        """Working days past the due date (0 when not overdue)."""
        left = self.clock.days_left if self.clock else None
        return -left if left is not None and left < 0 else 0

    @property
    def due_date(self) -> date | None:
        return self.clock.due.date if self.clock and self.clock.due else None


@dataclass(frozen=True)
class ListFilters:
    tab: str = "all"
    agency_id: int | None = None
    state: str = ""
    year: int | None = None
    applicant_kind: str = ""
    q: str = ""
    within: int = DEFAULT_DUE_WITHIN


def scoped(scope: Scope) -> QuerySet[Application]:
    qs = Application.objects.select_related("agency")
    if scope.everything:
        return qs
    return qs.filter(agency_id__in=sorted(scope.visible_ids))


def filtered(scope: Scope, filters: ListFilters) -> QuerySet[Application]:
    """The SQL part of a list: scope, tab (as far as SQL can say) and filters."""
    qs = scoped(scope)
    if filters.tab == "mine":
        qs = qs.filter(agency_id__in=sorted(scope.handled_ids))
    elif filters.tab == "waiting":
        qs = qs.filter(state__in=[s.value for s in WAITING_STATES])
    if filters.agency_id is not None:
        qs = qs.filter(agency_id=filters.agency_id)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.applicant_kind:
        qs = qs.filter(applicant_kind=filters.applicant_kind)
    if filters.q:
        text = Q(receipt_number__icontains=filters.q) | Q(description__icontains=filters.q)
        # A name search is a personal-data search: only where the user may see the names,
        # otherwise the result itself would reveal who applied.
        if scope.handled_ids:
            text |= Q(applicant_name__icontains=filters.q, agency_id__in=sorted(scope.handled_ids))
        qs = qs.filter(text)
    return qs


def due_candidates(qs: QuerySet[Application], tab: str, today: date, within: int) -> QuerySet[Application]:
    """The sound SQL prefilter for 即将到期/已逾期 (see the module docstring)."""
    qs = qs.filter(state__in=[s.value for s in RUNNING_STATES])
    if tab == "overdue":
        return qs.filter(received_on__lte=today - timedelta(days=REPLY_WORKDAYS))
    margin = REPLY_WORKDAYS - 1 - within
    return qs.filter(received_on__lte=today - timedelta(days=margin)) if margin > 0 else qs


def with_clocks(applications: Sequence[Application], scope: Scope, today: date) -> list[CaseRow]:
    """Rows with their clocks: the events of all of them in one query, clocks in Python."""
    ids = [a.pk for a in applications]
    events: dict[int, list[ApplicationEvent]] = defaultdict(list)
    if ids:
        for event in ApplicationEvent.objects.filter(application_id__in=ids).order_by("application_id", "seq"):
            events[event.application_id].append(event)
    cal, rules = calendar(), clock_rules()
    rows = []
    for application in applications:
        clock, error = None, ""
        try:
            clock = compute_clock(events[application.pk], cal, today, rules)
        except (TransitionError, ValueError, KeyError) as exc:
            # A damaged log must not take the whole list down; the case page shows the error.
            error = f"办理记录有误，无法计算期限：{exc}"
        rows.append(CaseRow(application, clock, error, scope.sees_personal_data(application.agency_id)))
    return rows


def qualifies(row: CaseRow, tab: str, within: int) -> bool:
    clock = row.clock
    if clock is None or clock.due is None or clock.stopped_on is not None or clock.days_left is None:
        return False
    if tab == "overdue":
        return clock.overdue
    return not clock.overdue and clock.days_left <= within


def due_rows(qs: QuerySet[Application], scope: Scope, tab: str, today: date, within: int) -> list[CaseRow]:
    """All cases of ``qs`` that are overdue / due within ``within`` working days, most urgent first."""
    candidates = list(due_candidates(qs, tab, today, within))
    rows = [row for row in with_clocks(candidates, scope, today) if qualifies(row, tab, within)]
    rows.sort(key=lambda r: (r.due_date or date.max, r.application.received_on, r.application.pk))
    return rows


@dataclass(frozen=True)
class AgencyCount:
    agency_id: int
    name: str
    overdue: int
    due_soon: int


def supervision_rows(
    qs: QuerySet[Application], scope: Scope, today: date, within: int
) -> tuple[list[CaseRow], list[CaseRow]]:
    """Overdue and due-soon cases of ``qs`` from one pass over the candidates (clocks once)."""
    candidates = list(due_candidates(qs, "due_soon", today, within))
    rows = with_clocks(candidates, scope, today)
    key = lambda r: (r.due_date or date.max, r.application.received_on, r.application.pk)  # noqa: E731
    overdue = sorted((r for r in rows if qualifies(r, "overdue", within)), key=key)
    due_soon = sorted((r for r in rows if qualifies(r, "due_soon", within)), key=key)
    return overdue, due_soon


def counts_per_agency(overdue: Iterable[CaseRow], due_soon: Iterable[CaseRow]) -> list[AgencyCount]:
    tally: dict[int, list[Any]] = {}
    for index, rows in enumerate((overdue, due_soon)):
        for row in rows:
            entry = tally.setdefault(row.application.agency_id, [row.application.agency.name, 0, 0])
            entry[index + 1] += 1
    return sorted(
        (AgencyCount(pk, name, o, d) for pk, (name, o, d) in tally.items()),
        key=lambda c: (-c.overdue, -c.due_soon, c.name),
    )
