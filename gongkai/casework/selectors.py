"""The queries behind the case lists, with clocks computed for the rows shown.

The due date, the days used and left and the overdue flag are derived from the events
(``clock.compute_clock``); the database only caches the due date of 办理中 cases
(``Application.due_on``, written by the business actions, see below). The number of SQL
queries of a page is constant whatever the page size, and a page reads the columns it shows
(``LIST_FIELDS``), not whole rows:

- ordinary tabs (我的案件, 等待中, 全部) filter, sort and paginate in SQL (the index
  ``application_agency_order_idx`` gives an agency's cases in list order), then read the
  events of that page in one query and compute its clocks;
- 即将到期 and 已逾期 (``due_list``) need the clock before paginating. Cases whose due date
  cannot move (办理中) are selected and sorted in SQL on the cached ``due_on``; the others
  that may qualify (征求意见中, 待缴费 — an open pause moves their due date every day — and
  any 办理中 case whose cache was computed with another calendar) have their clocks computed
  in Python from one query over their events. Both are merged by (due date, receipt date,
  id), and only the page's rows are then loaded and get their full clocks.

Why the cache can be trusted. In 办理中 no pause is open, so the due date D depends only on
the events and the calendar; the cache row carries a key of the calendar's content and the
clock rules (``actions.due_cache_key``) and is used only when that key is the current one.
Every closed pause lies on or before today, so the working days left today are the working
days in (today, D]. Hence a case is overdue exactly when D < today, and has at most N working
days left, not overdue, exactly when today <= D <= the day before the (N+1)-th working day
after today (``due_soon_horizon``).

Why the prefilter of the uncached cases is sound: the reply period runs 20 working days from
its start (the receipt date, or the day the 补正 arrived, which is later). Pauses and an
extension only move the due date later. 20 working days are 20 distinct days, so the due date
is at least 19 days after the start, hence at least 19 days after the receipt date. A case
that is overdue today was therefore received at least 20 days ago; a case with at most N
working days left has used at least 20 − N working days, so it was received at least 19 − N
days ago. Only open cases with a running period (办理中, 征求意见中, 待缴费; not 待补正, where
no period runs) can qualify.
"""

from __future__ import annotations

import heapq
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from gongkai.casework.access import Scope, applicant_display
from gongkai.casework.actions import due_cache_key
from gongkai.casework.calendar import calendar
from gongkai.casework.clock import Clock, ClockRules, compute_clock
from gongkai.casework.conf import clock_rules
from gongkai.casework.lifecycle import CaseEvent, State, TransitionError
from gongkai.casework.models import APPLICANT_KIND_CHOICES, STATE_CHOICES, Application, ApplicationEvent
from gongkai.workdays.arithmetic import add_workdays
from gongkai.workdays.model import Calendar

logger = logging.getLogger("gongkai.casework")

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
# What a list row shows (and what the selectors need); the rest of the row is never read.
LIST_FIELDS = ("agency_id", "agency__name", "year", "sequence", "receipt_number", "applicant_name",
               "applicant_kind", "received_on", "state", "is_sample")

# (due date, receipt date, id): the order of the due-soon/overdue lists.
DueKey = tuple[date, date, int]
_STATE_LABELS = dict(STATE_CHOICES)
_KIND_LABELS = dict(APPLICANT_KIND_CHOICES)


@dataclass
class CaseRow:
    application: Application
    clock: Clock | None
    clock_error: str
    sees_personal_data: bool
    state_badge: str = ""  # the CSS class of the state's badge (presentation: set by the view)

    # What a row shows, as plain attributes: a template that calls get_FOO_display() and
    # {% url %} for every row spends more on that than on the rest of the page.
    @property
    def state_label(self) -> str:
        return _STATE_LABELS.get(self.application.state, self.application.state)

    @property
    def kind_label(self) -> str:
        return _KIND_LABELS.get(self.application.applicant_kind, self.application.applicant_kind)

    @property
    def url(self) -> str:
        return reverse("casework:detail", args=[self.application.pk])

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


def list_queryset() -> QuerySet[Application]:
    """Applications with just the columns a list row shows (and the agency's name)."""
    return Application.objects.select_related("agency").only(*LIST_FIELDS)


def scoped(scope: Scope) -> QuerySet[Application]:
    qs = list_queryset()
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


def _events_by_application(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[CaseEvent]]:
    events: dict[int, list[CaseEvent]] = defaultdict(list)
    for application_id, kind, on, details in rows:
        events[application_id].append(CaseEvent(kind, on, details))
    return events


def _clock(events: Sequence[CaseEvent], cal: Calendar, today: date, rules: ClockRules) -> tuple[Clock | None, str]:
    try:
        return compute_clock(events, cal, today, rules), ""
    except (TransitionError, ValueError, KeyError) as exc:
        # A damaged log must not take the whole list down; the case page shows the error.
        return None, f"办理记录有误，无法计算期限：{exc}"


def with_clocks(applications: Sequence[Application], scope: Scope, today: date, cal: Calendar | None = None,
                rules: ClockRules | None = None) -> list[CaseRow]:
    """Rows with their clocks: the events of all of them in one query, clocks in Python."""
    ids = [a.pk for a in applications]
    events: dict[int, list[CaseEvent]] = {}
    if ids:
        events = _events_by_application(
            ApplicationEvent.objects.filter(application_id__in=ids).order_by("application_id", "seq")
            .values_list("application_id", "kind", "date", "details")
        )
    cal = cal if cal is not None else calendar()
    rules = rules if rules is not None else clock_rules()
    rows = []
    for application in applications:
        clock, error = _clock(events.get(application.pk, []), cal, today, rules)
        rows.append(CaseRow(application, clock, error, scope.sees_personal_data(application.agency_id)))
    return rows


def clock_qualifies(clock: Clock | None, tab: str, within: int) -> bool:
    """Whether a clock belongs in the 已逾期 (``overdue``) or 即将到期 (``due_soon``) list."""
    if clock is None or clock.due is None or clock.stopped_on is not None or clock.days_left is None:
        return False
    if tab == "overdue":
        return clock.overdue
    return not clock.overdue and clock.days_left <= within


def qualifies(row: CaseRow, tab: str, within: int) -> bool:
    return clock_qualifies(row.clock, tab, within)


def due_soon_horizon(cal: Calendar, today: date, within: int) -> date:
    """The latest due date with at most ``within`` working days left today: the day before
    the (within + 1)-th working day after today (see the module docstring)."""
    return add_workdays(cal, today, within + 1, count_start_day=False).date - timedelta(days=1)


class DueList:
    """The overdue or due-soon cases of a queryset, most urgent first; a sequence of
    ``CaseRow`` for ``Paginator``: its length is counted in SQL, and a slice loads only the
    rows in it (one query for the rows, one for their events)."""

    def __init__(self, cached: QuerySet[Application], uncached: list[tuple[DueKey, int]], scope: Scope,
                 today: date, tab: str, within: int, cal: Calendar, rules: ClockRules) -> None:
        self._cached = cached.order_by()
        self._uncached = uncached  # (key, agency id), sorted by key
        self._scope, self._today, self._tab, self._within = scope, today, tab, within
        self._calendar, self._rules = cal, rules
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._cached.count() + len(self._uncached)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice | int) -> Any:
        if isinstance(index, int):
            rows = self[index:index + 1]
            if not rows:
                raise IndexError(index)
            return rows[0]
        start, stop, _ = index.indices(self.count())
        if stop <= start:
            return []
        cached = self._cached.order_by("due_on", "received_on", "pk").values_list("due_on", "received_on", "pk")
        merged = heapq.merge(cached[:stop], (key for key, _ in self._uncached))
        keys = list(islice(merged, start, stop))
        loaded = list_queryset().in_bulk([pk for _, _, pk in keys])
        rows = with_clocks([loaded[pk] for _, _, pk in keys if pk in loaded], self._scope, self._today,
                           self._calendar, self._rules)
        for row in rows:
            if not qualifies(row, self._tab, self._within):
                # Only a cache written by something other than the business actions gets here.
                logger.error("case %s listed as %s but its clock disagrees (stale due_on cache?)",
                             row.application.pk, self._tab)
        return rows

    def per_agency(self) -> Counter[int]:
        counts: Counter[int] = Counter(
            dict(self._cached.values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n"))
        )
        counts.update(agency_id for _, agency_id in self._uncached)
        return counts


def _uncached(qs: QuerySet[Application], cached: Q, tab: str, today: date, within: int, cal: Calendar,
              rules: ClockRules) -> list[tuple[Clock, DueKey, int]]:
    """The clocks of the cases the cache does not cover that may qualify (two queries).

    The cases first, then their events by id: as one joined query PostgreSQL misjudges how
    few cases these are (办理中 rows almost all carry the current key) and plans it in parallel,
    whose start-up alone costs more than the work.
    """
    about = {pk: (agency_id, received_on) for pk, agency_id, received_on in
             due_candidates(qs, tab, today, within).exclude(cached).values_list("pk", "agency_id", "received_on")}
    if not about:
        return []
    events = _events_by_application(
        ApplicationEvent.objects.filter(application_id__in=list(about)).order_by("application_id", "seq")
        .values_list("application_id", "kind", "date", "details")
    )
    result = []
    for pk, log in events.items():
        clock, _ = _clock(log, cal, today, rules)
        if clock is not None and clock.due is not None:
            agency_id, received_on = about[pk]
            result.append((clock, (clock.due.date, received_on, pk), agency_id))
    return result


def due_lists(qs: QuerySet[Application], scope: Scope, today: date, within: int,
              tabs: Sequence[str] = ("overdue", "due_soon")) -> dict[str, DueList]:
    """The 已逾期 and/or 即将到期 lists of ``qs`` (the uncached clocks computed once for both)."""
    cal, rules = calendar(), clock_rules()
    cached = Q(state=State.PROCESSING.value, due_key=due_cache_key(cal, rules))
    # The due-soon prefilter is the wider one: it serves both lists.
    widest = "due_soon" if "due_soon" in tabs else "overdue"
    clocks = _uncached(qs, cached, widest, today, within, cal, rules)
    lists = {}
    for tab in tabs:
        if tab == "overdue":
            in_sql = qs.filter(cached, due_on__lt=today)
        else:
            in_sql = qs.filter(cached, due_on__gte=today, due_on__lte=due_soon_horizon(cal, today, within))
        mine = sorted((key, agency_id) for clock, key, agency_id in clocks if clock_qualifies(clock, tab, within))
        lists[tab] = DueList(in_sql, mine, scope, today, tab, within, cal, rules)
    return lists


def due_list(qs: QuerySet[Application], scope: Scope, tab: str, today: date, within: int) -> DueList:
    """All cases of ``qs`` that are overdue / due within ``within`` working days, most urgent first."""
    return due_lists(qs, scope, today, within, (tab,))[tab]


@dataclass(frozen=True)
class AgencyCount:
    agency_id: int
    name: str
    overdue: int
    due_soon: int


def counts_per_agency(overdue: DueList, due_soon: DueList, names: Mapping[int, str]) -> list[AgencyCount]:
    """Overdue and due-soon cases per agency, agencies with the most overdue first."""
    late, soon = overdue.per_agency(), due_soon.per_agency()
    return sorted(
        (AgencyCount(pk, names.get(pk, str(pk)), late[pk], soon[pk]) for pk in set(late) | set(soon)),
        key=lambda c: (-c.overdue, -c.due_soon, c.name),
    )
