"""Business actions on applications: the only code paths that register an application or
append to its event log.

Every ``do_*`` function locks the application row, replays its events with the new one
appended (``lifecycle.replay`` — the same function that derives the state), appends the
event and refreshes the cached state, all in one transaction. A transition the law or the
workflow does not allow raises ``ValidationError`` with a Chinese message for the officer.

As in ``gongkai.agencies.actions``, checking that the caller may handle the agency's cases is
the caller's job, with one exception: an extension needs the approver (条例第三十三条), so
``do_approve_extension`` checks that itself — the record must name an accountable person.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django_tasks import task

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import can_approve
from gongkai.casework.calendar import calendar
from gongkai.casework.clock import ClockRules, compute_clock, fee_payment_due, parse_date, supplement_notice_due
from gongkai.casework.conf import clock_rules, format_receipt_number
from gongkai.casework.fees import FeeMethod, FeeQuote, per_item_fee, per_page_fee
from gongkai.casework.intake import Channel, IntakeError, receipt_date
from gongkai.casework.lifecycle import (
    MAX_EXTENSION_WORKDAYS,
    CaseEvent,
    EventKind,
    EventLike,
    State,
    Status,
    TransitionError,
    full_date,
    replay,
)
from gongkai.casework.models import Application, ApplicationEvent, ReceiptCounter
from gongkai.statute.outcomes import Outcome
from gongkai.workdays.model import Calendar

# Fields a caller may set at intake besides the required ones.
INTAKE_FIELDS = frozenset(
    {
        "id_type",
        "id_number",
        "contact_person",
        "phone",
        "email",
        "address",
        "postcode",
        "purpose",
        "requested_form",
        "delivery_method",
        "units",
    }
)
CONSULTATION_PARTIES = {"third_party": "第三方", "other_organ": "其他机关"}


def _today() -> date:
    return timezone.localdate()


def _on(on: date | None, what: str) -> date:
    today = _today()
    on = on or today
    if on > today:
        raise ValidationError(f"{what}的日期（{full_date(on)}）不能晚于今天")
    return on


def _attribute_history(instance: Application, actor: Any) -> None:
    # simple_history reads this attribute when it writes the history row (see agencies.actions).
    if actor is not None:
        instance._history_user = actor  # type: ignore[attr-defined]


def _actor(actor: Any) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


# --- intake -------------------------------------------------------------------------------


@transaction.atomic
def do_receive_application(
    *,
    agency: Agency,
    channel: Channel | str,
    applicant_kind: str,
    applicant_name: str,
    description: str,
    submitted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    actor: Any = None,
    is_sample: bool = False,
    **fields: Any,
) -> Application:
    """Register an application: compute the Art 31 receipt date, take the next receipt number
    and append the ``received`` event, in one transaction.

    The number is taken last, under a row lock on the agency's counter for the year, so that
    parallel submissions get distinct consecutive numbers, and an application that fails (or
    whose transaction is rolled back) does not use one up: the counter rolls back with it.
    """
    unknown = set(fields) - INTAKE_FIELDS
    if unknown:
        raise TypeError(f"unknown application fields: {', '.join(sorted(unknown))}")
    try:
        channel = Channel(channel)
    except ValueError:
        raise ValidationError({"channel": f"未知的提交方式：{channel!r}"}) from None
    try:
        receipt = receipt_date(channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on)
    except IntakeError as exc:
        raise ValidationError({exc.field: str(exc)}) from None
    if receipt.date > _today():
        raise ValidationError({"received_on": f"收到申请日期（{full_date(receipt.date)}）不能晚于今天"})
    if "id_number" in fields:
        fields["id_number"] = str(fields["id_number"]).strip().upper()

    application = Application(
        agency=agency,
        channel=channel.value,
        submitted_on=submitted_on,
        signed_on=signed_on,
        confirmed_on=confirmed_on,
        received_on=receipt.date,
        received_rule=receipt.rule,
        year=receipt.date.year,
        sequence=0,
        applicant_kind=applicant_kind,
        applicant_name=applicant_name.strip(),
        description=description.strip(),
        is_sample=is_sample,
        created_by=_actor(actor),
        **fields,
    )
    # Validate before a number is taken: a rejected form must not hold the counter lock.
    application.full_clean(exclude=["receipt_number", "sequence"])

    year = receipt.date.year
    counter = ReceiptCounter.locked(agency, year)
    counter.last += 1
    counter.save(update_fields=["last"])

    application.sequence = counter.last
    application.receipt_number = format_receipt_number(agency, year, counter.last)
    details: dict[str, Any] = {"channel": channel.value, "rule": receipt.rule}
    if receipt.warnings:
        details["warnings"] = list(receipt.warnings)
    for field, value in cached_due([CaseEvent(EventKind.RECEIVED, receipt.date, details)]).items():
        setattr(application, field, value)
    _attribute_history(application, actor)
    application.save()
    ApplicationEvent.objects.create(
        application=application, seq=1, kind=EventKind.RECEIVED.value, date=receipt.date, actor=_actor(actor),
        details=details,
    )
    return application


# --- the event log ------------------------------------------------------------------------


def _append(application: Application, new: Sequence[tuple[EventKind, date, dict[str, Any]]], actor: Any) -> Status:
    """Append events after checking the whole log with them; refresh the cached state."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    events = list(locked.events.order_by("seq"))
    log = [*events, *(CaseEvent(kind, on, details) for kind, on, details in new)]
    try:
        status = replay(log)
    except TransitionError as exc:
        raise ValidationError(str(exc)) from None
    seq = len(events)
    for kind, on, details in new:
        seq += 1
        ApplicationEvent.objects.create(
            application=locked, seq=seq, kind=kind.value, date=on, actor=_actor(actor), details=details
        )
    cached = {"state": status.state.value, "outcome": status.outcome.value if status.outcome else "",
              "decided_on": status.decided_on, **cached_due(log, status)}
    # A queryset update: the cache is not an edit of the applicant's particulars, so it does
    # not belong in the history table (the event log already records it).
    Application.objects.filter(pk=locked.pk).update(**cached)
    for field, value in cached.items():
        setattr(application, field, value)
    return status


def _precheck(application: Application, kind: EventKind, on: date) -> None:
    try:
        replay([*_events(application), CaseEvent(kind, on, {})])
    except TransitionError as exc:
        raise ValidationError(str(exc)) from None


def _events(application: Application) -> list[ApplicationEvent]:
    return list(application.events.order_by("seq"))


def _last(application: Application, kind: EventKind) -> ApplicationEvent | None:
    return application.events.filter(kind=kind.value).order_by("-seq").first()


# --- the cached due date (Application.due_on) ---------------------------------------------------

_key_memo: tuple[Calendar, ClockRules, str] | None = None


def due_cache_key(cal: Calendar | None = None, rules: ClockRules | None = None) -> str:
    """What a cached due date was computed with: a digest of the calendar's content (every
    loaded year's holidays and make-up days, the start-day setting) and the clock rules.

    A content digest, not the years' revisions: reloading the same notice changes nothing,
    and any change — a year loaded by the admin, the command, a migration, or a setting —
    changes the key, so rows computed before it are no longer trusted by the lists.
    """
    global _key_memo
    cal = cal if cal is not None else calendar()
    rules = rules if rules is not None else clock_rules()
    memo = _key_memo
    if memo is not None and memo[0] is cal and memo[1] == rules:
        return memo[2]
    digest = hashlib.blake2b(digest_size=8)
    digest.update(repr((cal.count_start_day, astuple(rules))).encode())
    for year, year_calendar in sorted(cal.years.items()):
        digest.update(repr((year, sorted(year_calendar.holidays), sorted(year_calendar.makeup_workdays))).encode())
    key = digest.hexdigest()
    _key_memo = (cal, rules, key)
    return key


def cached_due(
    events: Sequence[EventLike], status: Status | None = None, cal: Calendar | None = None,
    rules: ClockRules | None = None,
) -> dict[str, Any]:
    """The cache fields for a case with these events: its due date while it is 办理中, else none.

    Only 办理中 is cached: there no pause is open, so the due date depends on the events and
    the calendar alone. In 征求意见中 and 待缴费 the open pause moves it every day, and in the
    other states no reply period runs.
    """
    status = status if status is not None else replay(events)
    if status.state is not State.PROCESSING:
        return {"due_on": None, "due_key": ""}
    cal = cal if cal is not None else calendar()
    rules = rules if rules is not None else clock_rules()
    # No pause is open, so "today" only feeds the days used; the last event's day will do.
    clock = compute_clock(events, cal, max(event.date for event in events), rules)
    if clock.due is None:  # not reached in 办理中; cached as unknown rather than guessed
        return {"due_on": None, "due_key": ""}
    return {"due_on": clock.due.date, "due_key": due_cache_key(cal, rules)}


def do_refresh_due_dates(applications: Iterable[int] | None = None, *, batch_size: int = 1000) -> int:
    """Recompute the cached due date of every 办理中 case whose cache was computed with another
    calendar or other rules (or never), and clear it on cases in other states; the number of
    cases recomputed. Idempotent: a second run finds nothing to do.

    Run when a holiday year is loaded (``year_loaded``), after loading cases in bulk, or after
    changing a clock setting; until then the lists compute those cases' clocks themselves,
    which is correct but slower. ``applications`` limits it to these ids.
    """
    cal, rules = calendar(), clock_rules()
    key = due_cache_key(cal, rules)
    scope = Application.objects.all()
    if applications is not None:
        scope = scope.filter(pk__in=list(applications))
    scope.exclude(state=State.PROCESSING.value).exclude(due_key="", due_on__isnull=True).update(
        due_on=None, due_key="")
    stale = list(scope.filter(state=State.PROCESSING.value).exclude(due_key=key).order_by("received_on", "pk")
                 .values_list("pk", flat=True))
    done = 0
    for start in range(0, len(stale), batch_size):
        done += _refresh_batch(stale[start:start + batch_size], cal, rules)
    return done


@task()
def refresh_due_dates() -> int:
    """``do_refresh_due_dates`` as a background task (django-tasks), enqueued when a holiday
    year is loaded: on a large database it takes minutes (about 1,000–2,000 cases a second)."""
    return do_refresh_due_dates()


@transaction.atomic
def _refresh_batch(ids: list[int], cal: Calendar, rules: ClockRules) -> int:
    # The rows are locked as the actions lock them, so an event appended meanwhile is either
    # seen here or written after (with its own cache): never overwritten by an older value.
    locked = list(Application.objects.select_for_update().filter(pk__in=ids, state=State.PROCESSING.value)
                  .order_by("pk").values_list("pk", flat=True))
    events: dict[int, list[CaseEvent]] = defaultdict(list)
    rows = (ApplicationEvent.objects.filter(application_id__in=locked).order_by("application_id", "seq")
            .values_list("application_id", "kind", "date", "details"))
    for application_id, kind, on, details in rows:
        events[application_id].append(CaseEvent(kind, on, details))
    by_value: dict[tuple[date | None, str], list[int]] = defaultdict(list)
    for pk in locked:
        try:
            fields = cached_due(events[pk], cal=cal, rules=rules)
        except (TransitionError, ValueError, KeyError):
            # A damaged log: left uncached, so the lists compute it and show the error.
            fields = {"due_on": None, "due_key": ""}
        by_value[(fields["due_on"], fields["due_key"])].append(pk)
    # One UPDATE per distinct due date: the batch holds cases received on the same few days,
    # so their due dates are few (far faster than bulk_update's CASE per row).
    for (due_on, due_key), pks in by_value.items():
        Application.objects.filter(pk__in=pks).update(due_on=due_on, due_key=due_key)
    return len(locked)


# --- 补正 (Art 30) ---------------------------------------------------------------------------


@transaction.atomic
def do_request_supplement(
    application: Application, *, deadline: date, items: str, on: date | None = None, actor: Any = None
) -> Status:
    """Record the one-time 补正 notice (一次性告知) with what to supplement and the period set.

    The notice is due within 7 working days of receipt. A later notice is still recorded —
    the officer must still send it, and refusing to record it would only hide the fact — but
    it is marked late with the deadline it missed.
    """
    on = _on(on, "告知补正")
    if deadline <= on:
        raise ValidationError({"deadline": f"补正期限（{full_date(deadline)}）应晚于告知日期（{full_date(on)}）"})
    if not items.strip():
        raise ValidationError({"items": "请写明需要补正的事项（条例第三十条：一次性告知）"})
    due = supplement_notice_due(calendar(), application.received_on, clock_rules())
    details: dict[str, Any] = {"deadline": deadline.isoformat(), "items": items.strip(),
                               "notice_due": due.date.isoformat()}
    if on > due.date:
        details["late"] = True
        details["warning"] = (f"补正告知应于收到申请之日起7个工作日内（{full_date(due.date)}前）发出（条例第三十条），"
                              f"本次告知已超期")
    return _append(application, [(EventKind.SUPPLEMENT_REQUESTED, on, details)], actor)


@transaction.atomic
def do_receive_supplement(application: Application, *, on: date | None = None, actor: Any = None) -> Status:
    """The supplemented application arrived: the 20-WD period starts again from this day."""
    return _append(application, [(EventKind.SUPPLEMENT_RECEIVED, _on(on, "收到补正材料"), {})], actor)


@transaction.atomic
def do_lapse_supplement(application: Application, *, on: date | None = None, actor: Any = None) -> Status:
    """The period set for the 补正 passed without it: 视为放弃申请 → table 三 （六）1."""
    on = _on(on, "逾期未补正")
    request = _last(application, EventKind.SUPPLEMENT_REQUESTED)
    deadline = parse_date(request.details.get("deadline")) if request else None
    if deadline is not None and on <= deadline:
        raise ValidationError(f"补正期限至{full_date(deadline)}届满，届满后才能认定逾期未补正")
    return _append(
        application,
        [
            (EventKind.SUPPLEMENT_LAPSED, on, {}),
            (EventKind.DECIDED, on,
             {"outcome": Outcome.OTHER_NO_SUPPLEMENT.value, "via": EventKind.SUPPLEMENT_LAPSED.value}),
        ],
        actor,
    )


# --- consultations (Arts 32/34) -------------------------------------------------------------


@transaction.atomic
def do_send_consultation(
    application: Application,
    *,
    party: str,
    name: str,
    on: date | None = None,
    received_on: date | None = None,
    actor: Any = None,
) -> Status:
    """Send a written consultation to a third party (Art 32) or a co-producing organ (Art 34).

    The time until the reply is left out of the reply period; the other side has 15 WD from
    receiving the letter (``received_on``; the sending day when unknown).
    """
    if party not in CONSULTATION_PARTIES:
        raise ValidationError({"party": "征求意见的对象应为第三方或其他机关"})
    on = _on(on, "征求意见")
    if received_on is not None and received_on < on:
        raise ValidationError({"received_on": "对方收到征求意见函的日期不能早于发函日期"})
    details: dict[str, Any] = {"party": party, "name": name.strip()}
    if received_on is not None:
        details["received_on"] = received_on.isoformat()
    return _append(application, [(EventKind.CONSULTATION_SENT, on, details)], actor)


@transaction.atomic
def do_return_consultation(
    application: Application,
    *,
    consultation: int | None = None,
    reply: str = "",
    on: date | None = None,
    actor: Any = None,
) -> Status:
    """The reply came back (or the 15 WD passed in silence: record that as the reply).
    ``consultation`` numbers the consultation (1, 2, … in sending order); it may be left out
    when only one is open."""
    details: dict[str, Any] = {"reply": reply.strip()}
    if consultation is not None:
        details["consultation"] = consultation
    return _append(application, [(EventKind.CONSULTATION_RETURNED, _on(on, "征求意见办结"), details)], actor)


# --- extension (Art 33) ---------------------------------------------------------------------


@transaction.atomic
def do_approve_extension(
    application: Application,
    *,
    workdays: int,
    reason: str,
    actor: Any,
    on: date | None = None,
    applicant_notified_on: date | None = None,
) -> Status:
    """The 工作机构负责人 approves one extension of at most 20 working days (Art 33 ¶2).

    Only an approver of the agency may do this. Approving after the period has run out is
    recorded, marked late, since the officer must record what happened.
    """
    if not can_approve(actor, application.agency):
        raise PermissionDenied("只有本机构政府信息公开工作机构负责人（审核人）才能批准延长答复期限（条例第三十三条）")
    if isinstance(workdays, bool) or not isinstance(workdays, int) or not 1 <= workdays <= MAX_EXTENSION_WORKDAYS:
        raise ValidationError({"workdays": f"延长期限应为1至{MAX_EXTENSION_WORKDAYS}个工作日（条例第三十三条）"})
    if not reason.strip():
        raise ValidationError({"reason": "请写明延期理由"})
    on = _on(on, "批准延期")
    details: dict[str, Any] = {"workdays": workdays, "reason": reason.strip(), "approver": actor.get_username()}
    if applicant_notified_on is not None:
        details["applicant_notified_on"] = applicant_notified_on.isoformat()
    clock = compute_clock(_events(application), calendar(), on, clock_rules())
    if clock.due is not None and on > clock.due.date:
        details["late"] = True
        details["warning"] = f"答复期限已于{full_date(clock.due.date)}届满，延期批准晚于期限"
    return _append(application, [(EventKind.EXTENSION_APPROVED, on, details)], actor)


# --- fees (国办函〔2020〕109号) -----------------------------------------------------------------


def earlier_units_this_month(application: Application) -> int:
    """件 the same applicant filed with the same agency earlier in the same natural month of
    receipt: the base of the cumulative 按件 count."""
    first = application.received_on.replace(day=1)
    same_month = Application.objects.filter(
        agency=application.agency_id,
        is_sample=application.is_sample,
        received_on__gte=first,
        received_on__lte=application.received_on,
    ).exclude(pk=application.pk)
    kind, key = application.applicant_key
    if kind == "id":
        same_month = same_month.filter(id_type=application.id_type, id_number=application.id_number.strip().upper())
    else:
        same_month = same_month.filter(id_number="", applicant_name=key)
    # Earlier means received earlier, or the same day with a smaller receipt number.
    earlier = same_month.filter(
        Q(received_on__lt=application.received_on)
        | Q(received_on=application.received_on, year=application.year, sequence__lt=application.sequence)
    )
    return earlier.aggregate(n=Sum("units"))["n"] or 0


def quote_fee(application: Application, method: FeeMethod | str, pages: int | None = None) -> FeeQuote:
    method = FeeMethod(method)
    if method is FeeMethod.PER_ITEM:
        return per_item_fee(earlier_units_this_month(application), application.units)
    if not pages:
        raise ValidationError({"pages": "按量计收须填写页数"})
    return per_page_fee(pages)


@transaction.atomic
def do_send_fee_notice(
    application: Application,
    *,
    method: FeeMethod | str,
    pages: int | None = None,
    on: date | None = None,
    received_on: date | None = None,
    actor: Any = None,
) -> Status:
    """Send the 收费通知 (one method per application, amount computed, never typed in).

    ``received_on`` is the day the applicant received it, if known; the 20-WD payment period
    runs from the day after (the sending day + 1 counts as receipt otherwise).
    """
    on = _on(on, "发出收费通知")
    # Say "not now" before "nothing to charge": the state error is the one the officer needs.
    _precheck(application, EventKind.FEE_NOTICE_SENT, on)
    try:
        quote = quote_fee(application, method, pages)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    if quote.amount == 0:
        raise ValidationError(f"{quote.method.label}计算应收费用为0元，无需发出收费通知")
    details: dict[str, Any] = {
        "method": quote.method.value,
        "units": quote.units,
        "first_unit": quote.first_unit,
        "amount": str(quote.amount),
        "lines": list(quote.lines),
    }
    if received_on is not None:
        if received_on < on:
            raise ValidationError({"received_on": "申请人收到收费通知的日期不能早于发出日期"})
        details["received_on"] = received_on.isoformat()
    return _append(application, [(EventKind.FEE_NOTICE_SENT, on, details)], actor)


@transaction.atomic
def do_record_payment(application: Application, *, on: date | None = None, actor: Any = None) -> Status:
    notice = _last(application, EventKind.FEE_NOTICE_SENT)
    details = {"amount": notice.details.get("amount")} if notice else {}
    return _append(application, [(EventKind.FEE_PAID, _on(on, "缴纳费用"), details)], actor)


@transaction.atomic
def do_lapse_fee(application: Application, *, on: date | None = None, actor: Any = None) -> Status:
    """Unpaid after the 20 WD: 视为放弃申请 → table 三 （六）2."""
    on = _on(on, "逾期未缴费")
    notice = _last(application, EventKind.FEE_NOTICE_SENT)
    if notice is not None:
        due, _ = fee_payment_due(calendar(), notice, clock_rules())
        if on <= due.date:
            raise ValidationError(f"缴费期限至{full_date(due.date)}届满，届满后才能认定逾期未缴费")
    return _append(
        application,
        [
            (EventKind.FEE_LAPSED, on, {}),
            (EventKind.DECIDED, on, {"outcome": Outcome.OTHER_FEE_UNPAID.value, "via": EventKind.FEE_LAPSED.value}),
        ],
        actor,
    )


# --- decision, withdrawal, delivery, archive ----------------------------------------------------


@transaction.atomic
def do_decide(
    application: Application,
    outcome: Outcome | str,
    *,
    separated: bool = False,
    on: date | None = None,
    actor: Any = None,
    note: str = "",
) -> Status:
    """The reply decision with exactly one outcome code (its table 三 row).

    ``separated`` marks 区分处理 (Art 37): such a reply counts only as 部分公开, whatever else
    it says about the withheld part, so the outcome becomes PARTIAL.
    """
    try:
        outcome = Outcome(outcome)
    except ValueError:
        raise ValidationError({"outcome": f"未知的办理结果代码：{outcome!r}"}) from None
    details: dict[str, Any] = {"outcome": outcome.value}
    if separated:
        details["separated"] = True
        if outcome is not Outcome.PARTIAL:
            details["separated_from"] = outcome.value
            details["outcome"] = Outcome.PARTIAL.value
    if note.strip():
        details["note"] = note.strip()
    return _append(application, [(EventKind.DECIDED, _on(on, "作出答复"), details)], actor)


@transaction.atomic
def do_withdraw(application: Application, *, reason: str = "", on: date | None = None, actor: Any = None) -> Status:
    """The applicant withdraws: handling ends, counted as （六）其他 (spec §3)."""
    on = _on(on, "撤回申请")
    return _append(
        application,
        [
            (EventKind.WITHDRAWN, on, {"reason": reason.strip()}),
            (EventKind.DECIDED, on, {"outcome": Outcome.OTHER.value, "via": EventKind.WITHDRAWN.value}),
        ],
        actor,
    )


@transaction.atomic
def do_deliver(application: Application, *, method: str = "", on: date | None = None, actor: Any = None) -> Status:
    return _append(application, [(EventKind.DELIVERED, _on(on, "送达"), {"method": method})], actor)


@transaction.atomic
def do_archive(application: Application, *, on: date | None = None, actor: Any = None) -> Status:
    return _append(application, [(EventKind.ARCHIVED, _on(on, "归档"), {})], actor)
