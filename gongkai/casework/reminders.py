"""Daily deadline reminders for the staff who handle applications (docs/reminders.md).

Everything here computes; nothing sends. ``collect_reminders`` reads the handling staff and
their agencies' open applications in a constant number of queries (memberships, applications,
their events in one prefetch, the calendar) and derives each clock from the events with the
same ``compute_clock`` as the case page. ``render_digest`` turns one recipient's cases into the
e-mail text: receipt numbers, due dates and links only, never an applicant's name or details,
since a mailbox is a weaker place than the case file.

Settings:

CASEWORK_REMINDER_DAYS
    Cases due within this many working days (today included) are listed as 即将到期.
    Default 3.
GONGKAI_SITE_URL
    Put in front of the case links (``https://gongkai.example.gov.cn``); default empty,
    which leaves the path ``/staff/cases/<pk>/`` for the reader to open on the site.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch, QuerySet

from gongkai.agencies.models import Membership
from gongkai.agencies.permissions import HANDLING_ROLES
from gongkai.casework.calendar import calendar
from gongkai.casework.clock import ClockRules, compute_clock
from gongkai.casework.conf import clock_rules
from gongkai.casework.lifecycle import STATE_LABELS, State, full_date
from gongkai.casework.models import Application, ApplicationEvent
from gongkai.workdays.model import Calendar

DEFAULT_REMINDER_DAYS = 3
CASE_PATH = "/staff/cases/{pk}/"


def reminder_days() -> int:
    """The look-ahead in working days from ``CASEWORK_REMINDER_DAYS`` (default 3)."""
    value = getattr(settings, "CASEWORK_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ImproperlyConfigured(f"CASEWORK_REMINDER_DAYS 应为不小于 0 的整数（工作日数），现为 {value!r}")
    return value


def case_path(pk: int) -> str:
    return CASE_PATH.format(pk=pk)


def case_link(pk: int) -> str:
    base = str(getattr(settings, "GONGKAI_SITE_URL", "") or "").rstrip("/")
    return base + case_path(pk)


@dataclass(frozen=True)
class CaseReminder:
    """One open application whose reply is due soon or overdue (no applicant data)."""

    pk: int
    receipt_number: str
    agency_id: int
    agency_name: str
    state: State
    due: date
    days_left: int  # working days; negative when overdue
    overdue: bool  # today is after the due date (a weekend after it counts, though no workday)
    provisional: bool  # the due date lies in a year whose holidays are not loaded
    paused: bool  # a consultation or the fee period is running: the date moves on daily

    @property
    def path(self) -> str:
        return case_path(self.pk)

    @property
    def when(self) -> str:
        """The due date and what it means today, in Chinese."""
        text = f"答复期限：{full_date(self.due)}"
        if self.provisional:
            text += "（暂定：该年节假日安排尚未载入）"
        if self.overdue:
            text += f"，已逾期{-self.days_left}个工作日" if self.days_left < 0 else "，已超过期限"
        elif self.days_left == 0:
            text += "，今日到期"
        else:
            text += f"，剩余{self.days_left}个工作日"
        if self.paused:
            text += "（计时暂停中，期限随暂停顺延）"
        return text


@dataclass
class Digest:
    """What one recipient is told: their agencies' cases, overdue first."""

    user_id: int
    email: str
    name: str
    cases: list[CaseReminder] = field(default_factory=list)

    @property
    def overdue(self) -> list[CaseReminder]:
        return [c for c in self.cases if c.overdue]

    @property
    def due_soon(self) -> list[CaseReminder]:
        return [c for c in self.cases if not c.overdue]


@dataclass(frozen=True)
class ReminderRun:
    today: date
    days: int
    digests: tuple[Digest, ...]  # recipients with at least one case
    cases: tuple[CaseReminder, ...]  # every case listed, once
    without_email: tuple[str, ...]  # handling staff with cases to hear about but no e-mail address

    @property
    def overdue_count(self) -> int:
        return sum(1 for c in self.cases if c.overdue)

    @property
    def due_soon_count(self) -> int:
        return sum(1 for c in self.cases if not c.overdue)


def open_applications(agency_ids: Iterable[int], *, include_samples: bool = False) -> QuerySet[Application]:
    """Open applications of these agencies with their events prefetched in order (two queries)."""
    queryset = (
        Application.objects.open()
        .filter(agency_id__in=list(agency_ids))
        .select_related("agency")
        .prefetch_related(Prefetch("events", queryset=ApplicationEvent.objects.order_by("seq")))
        .order_by("agency_id", "year", "sequence")
    )
    return queryset if include_samples else queryset.real()


def case_reminder(
    application: Application, today: date, days: int, cal: Calendar, rules: ClockRules | None = None
) -> CaseReminder | None:
    """The reminder for one application, or None when its reply is neither overdue nor due
    within ``days`` working days (or no reply period runs, as while waiting for a 补正)."""
    clock = compute_clock(application.events.all(), cal, today, rules or clock_rules())
    if clock.due is None or clock.days_left is None or clock.stopped_on is not None:
        return None
    if not clock.overdue and clock.days_left > days:
        return None
    return CaseReminder(
        pk=application.pk,
        receipt_number=application.receipt_number,
        agency_id=application.agency_id,
        agency_name=application.agency.display_name,
        state=clock.state,
        due=clock.due.date,
        days_left=clock.days_left,
        overdue=clock.overdue,
        provisional=clock.provisional,
        paused=clock.paused,
    )


def case_reminders(applications: Iterable[Application], today: date, days: int) -> list[CaseReminder]:
    cal, rules = calendar(), clock_rules()
    found = (case_reminder(a, today, days, cal, rules) for a in applications)
    return [r for r in found if r is not None]


def _order(reminder: CaseReminder) -> tuple[int, str, int, str]:
    return (0 if reminder.overdue else 1, reminder.due.isoformat(), reminder.days_left, reminder.receipt_number)


def collect_reminders(today: date, days: int, *, include_samples: bool = False) -> ReminderRun:
    """Who gets which cases: every active officer or approver of an active agency, for all
    the agencies they handle. A user with several roles or agencies gets one digest."""
    memberships = (
        Membership.objects.filter(role__in=list(HANDLING_ROLES), user__is_active=True, agency__is_active=True)
        .select_related("user")
        .order_by("user_id", "agency_id")
    )
    agencies_of: dict[int, set[int]] = defaultdict(set)
    users: dict[int, object] = {}
    for membership in memberships:
        agencies_of[membership.user_id].add(membership.agency_id)
        users[membership.user_id] = membership.user

    all_agencies = set().union(*agencies_of.values()) if agencies_of else set()
    reminders = sorted(
        case_reminders(open_applications(all_agencies, include_samples=include_samples), today, days), key=_order
    )
    by_agency: dict[int, list[CaseReminder]] = defaultdict(list)
    for reminder in reminders:
        by_agency[reminder.agency_id].append(reminder)

    digests: list[Digest] = []
    without_email: list[str] = []
    listed: dict[int, CaseReminder] = {}
    for user_id, agency_ids in agencies_of.items():
        cases = sorted((r for a in agency_ids for r in by_agency.get(a, ())), key=_order)
        if not cases:
            continue
        user = users[user_id]
        email = (getattr(user, "email", "") or "").strip()
        name = user.get_full_name() if hasattr(user, "get_full_name") else str(user)
        if not email:
            without_email.append(f"{name}（{user.get_username()}）")
            continue
        digests.append(Digest(user_id=user_id, email=email, name=name, cases=cases))
        for case in cases:
            listed[case.pk] = case
    return ReminderRun(
        today=today,
        days=days,
        digests=tuple(digests),
        cases=tuple(sorted(listed.values(), key=_order)),
        without_email=tuple(without_email),
    )


def render_digest(digest: Digest, today: date, days: int) -> tuple[str, str]:
    """The subject and plain-text body of one recipient's reminder, in Chinese."""
    site = getattr(settings, "GONGKAI_SITE_NAME", "政府信息公开平台")
    overdue, soon = digest.overdue, digest.due_soon
    parts = []
    if overdue:
        parts.append(f"逾期{len(overdue)}件")
    if soon:
        parts.append(f"{days}个工作日内到期{len(soon)}件")
    subject = f"【{site}】依申请公开办理期限提醒：" + "，".join(parts)

    lines = [
        f"{digest.name}，您好：",
        "",
        f"截至{full_date(today)}，您所在机构有以下政府信息公开申请需要及时办理"
        f"（提醒范围：已逾期，以及{days}个工作日内到期的）。",
    ]
    sections = [("已逾期", overdue), ("即将到期", soon)]
    numerals = iter("一二三")
    for title, cases in sections:
        if not cases:
            continue
        lines += ["", f"{next(numerals)}、{title}（{len(cases)}件）"]
        for case in cases:
            lines.append(f"  {case.receipt_number}　{case.agency_name}　{STATE_LABELS[case.state]}")
            lines.append(f"    {case.when}")
            lines.append(f"    办理页面：{case_link(case.pk)}")
    lines += [
        "",
        "答复期限由办理记录按法定工作日推算（条例第三十三条），详见各案件页面的期限说明。",
        f"本邮件由{site}每日自动发送，不含申请人个人信息。",
    ]
    return subject, "\n".join(lines) + "\n"
