"""The due-soon/overdue lists on the cached due date (``Application.due_on``), and the cache itself.

The cache is never the truth: after every action and after a holiday year is loaded it must
equal the value derived from the events, and the lists must equal a brute-force computation of
every case's clock — also while the cache is stale or wrong under an old key.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.casework import actions as act
from gongkai.casework.access import Scope, scope_for
from gongkai.casework.calendar import calendar
from gongkai.casework.clock import compute_clock
from gongkai.casework.conf import clock_rules
from gongkai.casework.lifecycle import State, replay
from gongkai.casework.models import Application
from gongkai.casework.selectors import clock_qualifies, counts_per_agency, due_list, due_lists, list_queryset
from gongkai.holidays.actions import do_load_year
from gongkai.holidays.models import HolidayYear
from gongkai.workdays.model import YearCalendar

pytestmark = pytest.mark.django_db

# A Friday late in the year: 20 working days (and more with an extension) reach into the next
# year, whose holidays the tests load themselves.
TODAY = date(2026, 11, 27)
NEXT_YEAR = TODAY.year + 1
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
WITHINS = (1, 3, 5, 10, 20)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: Any) -> date:
    real = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> date:
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    # Whatever the seed holds, the next year starts out not loaded (provisional).
    HolidayYear.objects.filter(year__gt=TODAY.year).delete()
    return TODAY


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def expected_cache(application: Application) -> tuple[date | None, str]:
    """The cache fields derived from the events, as the lists may trust them."""
    events = list(application.events.order_by("seq"))
    if replay(events).state is not State.PROCESSING:
        return None, ""
    clock = compute_clock(events, calendar(), TODAY, clock_rules())
    return clock.due.date, act.due_cache_key()


def assert_cache_fresh(application: Application) -> None:
    application.refresh_from_db()
    assert (application.due_on, application.due_key) == expected_cache(application), application.receipt_number


def brute_force(qs: Any, tab: str, within: int) -> list[tuple[date, date, int]]:
    """Every case's clock computed from its events: (due date, receipt date, id) of those listed."""
    keys = []
    for application in qs:
        clock = compute_clock(list(application.events.order_by("seq")), calendar(), TODAY, clock_rules())
        if clock_qualifies(clock, tab, within):
            keys.append((clock.due.date, application.received_on, application.pk))
    return sorted(keys)


def listed(rows: Any) -> list[tuple[date, date, int]]:
    return [(row.due_date, row.application.received_on, row.application.pk) for row in rows]


def full_scope(agencies: list[Any]) -> Scope:
    return Scope(tuple(agencies), frozenset(a.pk for a in agencies), frozenset())


@pytest.fixture
def caseload(receive: Any, approver: Any) -> list[Application]:
    """Open and closed cases of every kind, received over the last 70 days."""
    cases = []
    for back in range(0, 70, 3):
        cases.append(receive(days_ago(back)))
    # Paused by an open consultation; one returned (the pause stays in the clock).
    for back in (10, 25, 40, 55):
        app = receive(days_ago(back))
        act.do_send_consultation(app, party="third_party", name="某公司", on=days_ago(back - 2))
        cases.append(app)
    # Consulted late (overdue while paused) and near the end (due soon while paused).
    for back in (65, 24):
        app = receive(days_ago(back))
        act.do_send_consultation(app, party="third_party", name="某公司", on=days_ago(1))
        cases.append(app)
    for back in (20, 35, 50):
        app = receive(days_ago(back))
        act.do_send_consultation(app, party="other_organ", name="某局", on=days_ago(back - 1))
        act.do_return_consultation(app, reply="同意", on=days_ago(back - 9))
        cases.append(app)
    # Awaiting the fee, and paid.
    for back in (15, 45):
        app = receive(days_ago(back))
        act.do_send_fee_notice(app, method="per_page", pages=120, on=days_ago(back - 3))
        cases.append(app)
    app = receive(days_ago(38))
    act.do_send_fee_notice(app, method="per_page", pages=120, on=days_ago(36))
    act.do_record_payment(app, on=days_ago(30))
    cases.append(app)
    # Extended (some into next year), waiting for a 补正, supplemented, decided, withdrawn.
    for back in (5, 30, 60):
        app = receive(days_ago(back))
        act.do_approve_extension(app, workdays=20, reason="需要调档", actor=approver, on=days_ago(max(back - 4, 0)))
        cases.append(app)
    app = receive(days_ago(12))
    act.do_request_supplement(app, deadline=TODAY + timedelta(days=10), items="身份证明", on=days_ago(10))
    cases.append(app)
    app = receive(days_ago(33))
    act.do_request_supplement(app, deadline=days_ago(10), items="身份证明", on=days_ago(31))
    act.do_receive_supplement(app, on=days_ago(15))
    cases.append(app)
    for back in (40, 8):
        app = receive(days_ago(back))
        act.do_decide(app, "DISCLOSED", on=days_ago(back - 5))
        cases.append(app)
    app = receive(days_ago(26))
    act.do_withdraw(app, reason="不再需要", on=days_ago(20))
    cases.append(app)
    return cases


def assert_lists_agree(qs: Any, scope: Scope) -> None:
    for tab in ("overdue", "due_soon"):
        for within in WITHINS if tab == "due_soon" else (5,):
            expected = brute_force(qs, tab, within)
            rows = due_list(qs, scope, tab, TODAY, within)
            assert len(rows) == len(expected), (tab, within)
            assert listed(rows[0:len(rows)]) == expected, (tab, within)
            # Page by page, the merge of cached and computed cases keeps the order.
            pages = Paginator(due_list(qs, scope, tab, TODAY, within), 4)
            assert [key for n in pages.page_range for key in listed(pages.page(n).object_list)] == expected


# --- the cache after every action ---------------------------------------------------------------


def test_cache_equals_the_derived_due_date_after_every_action(receive: Any, approver: Any) -> None:
    app = receive(days_ago(40))
    assert_cache_fresh(app)
    assert app.due_on is not None and app.due_key == act.due_cache_key()
    steps = [
        lambda: act.do_request_supplement(app, deadline=days_ago(30), items="身份证明", on=days_ago(38)),
        lambda: act.do_receive_supplement(app, on=days_ago(34)),
        lambda: act.do_send_consultation(app, party="third_party", name="某公司", on=days_ago(30)),
        lambda: act.do_send_consultation(app, party="other_organ", name="某局", on=days_ago(29)),
        lambda: act.do_return_consultation(app, consultation=1, reply="同意", on=days_ago(25)),
        lambda: act.do_return_consultation(app, consultation=2, reply="同意", on=days_ago(22)),
        lambda: act.do_approve_extension(app, workdays=15, reason="需要调档", actor=approver, on=days_ago(21)),
        lambda: act.do_send_fee_notice(app, method="per_page", pages=120, on=days_ago(20)),
        lambda: act.do_record_payment(app, on=days_ago(12)),
        lambda: act.do_decide(app, "DISCLOSED", on=days_ago(5)),
        lambda: act.do_deliver(app, method="post", on=days_ago(4)),
        lambda: act.do_archive(app, on=days_ago(1)),
    ]
    seen = set()
    for step in steps:
        step()
        assert_cache_fresh(app)
        seen.add(app.due_on)
    assert app.due_on is None and app.due_key == ""
    assert len(seen) >= 4  # the due date really moved with the supplement, pauses and extension

    withdrawn = receive(days_ago(10))
    act.do_withdraw(withdrawn, on=days_ago(2))
    assert_cache_fresh(withdrawn)
    lapsed = receive(days_ago(30))
    act.do_request_supplement(lapsed, deadline=days_ago(15), items="身份证明", on=days_ago(28))
    act.do_lapse_supplement(lapsed, on=days_ago(10))
    assert_cache_fresh(lapsed)


def test_refused_action_leaves_the_cache_as_it_was(receive: Any) -> None:
    app = receive(days_ago(10))
    before = (app.due_on, app.due_key)
    with pytest.raises(ValidationError, match="答复"):
        act.do_deliver(app, on=days_ago(1))
    app.refresh_from_db()
    assert (app.due_on, app.due_key) == before


# --- the lists against every clock -------------------------------------------------------------


def test_lists_agree_with_every_clock(caseload: list[Application], agency: Any) -> None:
    qs = list_queryset().filter(agency=agency)
    assert_lists_agree(qs, full_scope([agency]))


def test_lists_do_not_trust_a_cache_of_another_calendar(caseload: list[Application], agency: Any) -> None:
    # Rows written under another key, with due dates that are plainly wrong, must be ignored.
    processing = Application.objects.filter(state=State.PROCESSING.value)
    stale = list(processing.values_list("pk", flat=True))[::2]
    Application.objects.filter(pk__in=stale).update(due_on=TODAY - timedelta(days=400), due_key="0123456789abcdef")
    Application.objects.filter(pk__in=list(processing.exclude(pk__in=stale).values_list("pk", flat=True))[:3]).update(
        due_on=None, due_key="")
    qs = list_queryset().filter(agency=agency)
    assert_lists_agree(qs, full_scope([agency]))
    # The refresh brings them back, and then has nothing left to do.
    assert act.do_refresh_due_dates() == len(stale) + 3
    for app in caseload:
        assert_cache_fresh(app)
    assert act.do_refresh_due_dates() == 0
    assert_lists_agree(qs, full_scope([agency]))


def test_refresh_clears_a_cache_outside_processing(receive: Any) -> None:
    app = receive(days_ago(20))
    act.do_decide(app, "DISCLOSED", on=days_ago(2))
    Application.objects.filter(pk=app.pk).update(due_on=TODAY, due_key=act.due_cache_key())
    assert act.do_refresh_due_dates() == 0  # nothing to recompute, but the stray value goes
    assert_cache_fresh(app)


# --- loading a holiday year -------------------------------------------------------------------


def next_year_with_january_holidays() -> YearCalendar:
    """A notice for next year whose New Year holiday takes three working days in January."""
    first = date(NEXT_YEAR, 1, 1)
    holidays = {first + timedelta(days=n) for n in range(7) if (first + timedelta(days=n)).weekday() < 5}
    holidays = set(sorted(holidays)[:3])
    return YearCalendar(NEXT_YEAR, frozenset(holidays), frozenset(), "测试", {d: "元旦" for d in holidays})


def test_loading_a_year_refreshes_the_cache(caseload: list[Application], agency: Any, settings: Any,
                                            django_capture_on_commit_callbacks: Any) -> None:
    settings.TASKS = IMMEDIATE
    extended = [a for a in caseload if a.events.filter(kind="extension_approved").exists()]
    reaching = [a for a in extended if Application.objects.get(pk=a.pk).due_on.year == NEXT_YEAR]
    assert reaching, "the fixture must have a due date in next year"
    before = {a.pk: Application.objects.get(pk=a.pk).due_on for a in reaching}
    old_key = act.due_cache_key()
    with django_capture_on_commit_callbacks(execute=True):
        do_load_year(next_year_with_january_holidays())
    assert act.due_cache_key() != old_key
    for app in caseload:
        assert_cache_fresh(app)
    assert all(Application.objects.get(pk=pk).due_on > due for pk, due in before.items())
    assert_lists_agree(list_queryset().filter(agency=agency), full_scope([agency]))


def test_lists_are_right_before_the_refresh_has_run(caseload: list[Application], agency: Any,
                                                    django_capture_on_commit_callbacks: Any) -> None:
    # The default (database) task backend only queues the refresh: no worker runs it here.
    with django_capture_on_commit_callbacks(execute=True):
        do_load_year(next_year_with_january_holidays())
    key = act.due_cache_key()
    assert not Application.objects.filter(due_key=key).exists()
    assert_lists_agree(list_queryset().filter(agency=agency), full_scope([agency]))
    # Reloading the same notice changes nothing: the key is the calendar's content.
    assert act.do_refresh_due_dates() > 0
    with django_capture_on_commit_callbacks(execute=True):
        do_load_year(next_year_with_january_holidays())
    assert act.due_cache_key() == key and act.do_refresh_due_dates() == 0


def test_a_year_deleted_behind_the_actions_back_is_not_trusted(caseload: list[Application], agency: Any) -> None:
    HolidayYear.objects.filter(year=TODAY.year).delete()  # no signal: only the key notices
    assert not Application.objects.filter(due_key=act.due_cache_key()).exists()
    assert_lists_agree(list_queryset().filter(agency=agency), full_scope([agency]))


# --- supervision and the pages ------------------------------------------------------------------


def test_counts_per_agency_agree_with_every_clock(caseload: list[Application], region: Any, receive: Any) -> None:
    for back in (25, 3, 40):
        receive(days_ago(back), agency=region.street)
    agencies = [region.county, region.street]
    qs = list_queryset().filter(agency__in=agencies)
    lists = due_lists(qs, Scope(tuple(agencies), frozenset(), frozenset()), TODAY, 5)
    counts = {c.agency_id: (c.overdue, c.due_soon) for c in
              counts_per_agency(lists["overdue"], lists["due_soon"], {a.pk: a.name for a in agencies})}
    late = Counter(Application.objects.get(pk=pk).agency_id for *_, pk in brute_force(qs, "overdue", 5))
    soon = Counter(Application.objects.get(pk=pk).agency_id for *_, pk in brute_force(qs, "due_soon", 5))
    assert counts == {pk: (late[pk], soon[pk]) for pk in set(late) | set(soon)}
    assert counts[region.street.pk][0] >= 1


def test_list_pages_read_only_the_columns_they_show(client: Any, officer: Any, caseload: list[Application]) -> None:
    client.force_login(officer)
    for tab in ("mine", "overdue", "due_soon"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("casework:list"), {"tab": tab})
        assert response.status_code == 200
        sql = "\n".join(q["sql"] for q in queries.captured_queries)
        for column in ("description", "address", "id_number", "purpose", "received_rule"):
            assert f'"casework_application"."{column}"' not in sql, (tab, column)
        assert "agencies_agency\".\"contact" not in sql


def test_overdue_tab_pages_through_cached_and_computed_cases(client: Any, officer: Any,
                                                             caseload: list[Application], agency: Any,
                                                             monkeypatch: Any) -> None:
    monkeypatch.setattr("gongkai.casework.views.PAGE_SIZE", 3)
    client.force_login(officer)
    expected = brute_force(Application.objects.filter(agency=agency), "overdue", 5)
    states = {Application.objects.get(pk=pk).state for *_, pk in expected}
    assert {State.PROCESSING.value, State.CONSULTING.value} <= states  # from the cache and computed
    numbers = {Application.objects.get(pk=pk).receipt_number: pk for *_, pk in expected}
    shown = []
    for page in range(1, (len(expected) + 2) // 3 + 1):
        text = client.get(reverse("casework:list"), {"tab": "overdue", "page": page}).content.decode()
        shown += [pk for _, pk in sorted((text.index(n), pk) for n, pk in numbers.items() if n in text)]
    assert shown == [pk for *_, pk in expected]
    assert scope_for(officer).handled_ids == {agency.pk}


def test_refresh_due_dates_command_fills_the_cache_and_is_idempotent(caseload: list[Application]) -> None:
    from io import StringIO

    from django.core.management import call_command

    stale = list(Application.objects.filter(state="processing").values_list("pk", flat=True))
    Application.objects.filter(pk__in=stale).update(due_on=None, due_key="")
    out = StringIO()
    call_command("refresh_due_dates", stdout=out)
    assert stale and f"已重新计算 {len(stale)} 件" in out.getvalue()
    assert not Application.objects.filter(pk__in=stale, due_on=None).exists()
    out = StringIO()
    call_command("refresh_due_dates", stdout=out)
    assert "已重新计算 0 件" in out.getvalue()
