"""From an application's event log to the letters it calls for, as ``Letter`` data.

Each letter hangs on one event: the 补正 notice on ``supplement_requested``, the extension
notice on ``extension_approved``, the consultation letter on the latest
``consultation_sent``, the fee notice on ``fee_notice_sent`` and the reply on ``decided``.
Its dates are that event's (and, for the extension, the clock's), so a letter printed again
later says exactly what it said on the day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.agencies.regions import ancestors
from gongkai.casework.calendar import calendar
from gongkai.casework.clock import compute_clock, consultation_due, fee_payment_due, parse_date
from gongkai.casework.conf import clock_rules
from gongkai.casework.fees import FeeMethod
from gongkai.casework.letters import wording as w
from gongkai.casework.letters.document import Letter
from gongkai.casework.lifecycle import EventKind, full_date
from gongkai.casework.models import Application, ApplicationEvent
from gongkai.statute import remedies
from gongkai.statute.applicants import ApplicantKind
from gongkai.statute.outcomes import Outcome

PARTIAL_SETTING = "CASEWORK_PARTIAL_DISCLOSURE_REVIEW_FIRST"

# The event each kind of letter hangs on; for consultations the latest one is used.
TRIGGERS = {
    "supplement": EventKind.SUPPLEMENT_REQUESTED,
    "consultation": EventKind.CONSULTATION_SENT,
    "extension": EventKind.EXTENSION_APPROVED,
    "fee": EventKind.FEE_NOTICE_SENT,
    "reply": EventKind.DECIDED,
}
KINDS = tuple(TRIGGERS)


@dataclass(frozen=True)
class LetterSpec:
    """A letter that applies to a case now: ``kind`` is the slug, ``title`` what users read."""

    kind: str
    title: str
    on: date  # the date of the event the letter is about


def events_of(application: Application) -> list[ApplicationEvent]:
    return list(application.events.order_by("seq"))


def triggers(events: Sequence[ApplicationEvent]) -> dict[str, ApplicationEvent]:
    """The event behind each letter that applies, by kind (the last such event wins)."""
    found: dict[str, ApplicationEvent] = {}
    for event in events:
        for kind, event_kind in TRIGGERS.items():
            if event.kind == event_kind.value:
                found[kind] = event
    return found


def specs(application: Application) -> list[LetterSpec]:
    events = events_of(application)
    found = triggers(events)
    ordered = sorted(found.items(), key=lambda item: item[1].seq)
    return [LetterSpec(kind, _title(kind, event, events), event.date) for kind, event in ordered]


def _title(kind: str, event: ApplicationEvent, events: Sequence[ApplicationEvent]) -> str:
    if kind == "reply":
        return _reply_basis(event, events).title
    if kind == "consultation":
        return w.CONSULTATION_TITLES.get(event.details.get("party", ""), w.CONSULTATION_TITLES["third_party"])
    return w.KIND_TITLES[kind]


def compose(application: Application, kind: str) -> Letter | None:
    """The letter of ``kind`` for the case, or None when it does not apply (yet)."""
    events = events_of(application)
    event = triggers(events).get(kind)
    if event is None:
        return None
    builder = {
        "reply": _reply,
        "supplement": _supplement,
        "extension": _extension,
        "consultation": _consultation,
        "fee": _fee,
    }[kind]
    return builder(application, event, events)


# --- shared parts ---------------------------------------------------------------------------


def _you(application: Application) -> str:
    return w.YOU[application.applicant_kind == ApplicantKind.NATURAL.value]


def _context(application: Application) -> dict[str, Any]:
    return {
        "you": _you(application),
        "receipt_number": application.receipt_number,
        "received_on": full_date(application.received_on),
        "description": application.description,
        "regulation": w.REGULATION,
        "fee_rules": w.FEE_RULES,
    }


def _fill(template: str, context: Mapping[str, Any]) -> str:
    return template.format(**context)


# Control characters (pasted from other systems) are not allowed in DOCX XML and print as
# nothing useful; line breaks inside a quoted description would split its paragraph.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BREAKS = re.compile(r"\s*[\r\n\t]+\s*")


def clean(text: str) -> str:
    return _BREAKS.sub(" ", _CONTROL.sub("", text)).strip()


def _number(application: Application, kind: str) -> str:
    return w.NUMBER_LINE.format(receipt_number=application.receipt_number, mark=w.NUMBER_MARKS[kind])


def contact_block(agency: Agency) -> tuple[str, ...]:
    lines = []
    for group in w.CONTACT_LINES:
        values = ((template, (getattr(agency, field) or "").strip()) for field, template in group)
        parts = [template.format(value) for template, value in values if value]
        if parts:
            lines.append(w.CONTACT_SEPARATOR.join(parts))
    return tuple(lines)


def _letter(
    application: Application, kind: str, title: str, addressee: str, paragraphs: Sequence[str], closing: str,
    event: ApplicationEvent,
) -> Letter:
    agency = application.agency
    return Letter(
        kind=kind,
        title=title,
        issuer=agency.name,
        number=clean(_number(application, kind)),
        addressee=clean(f"{addressee}："),
        paragraphs=tuple(clean(p) for p in paragraphs if p),
        closing=closing,
        signed_on=event.date,
        signature_date=full_date(event.date),
        contact=contact_block(agency),
    )


def review_body(agency: Agency, on: date) -> str:
    """Where the applicant applies for 行政复议: the nearest government above the agency.

    A department's or township's case goes to the government it belongs to, a county
    government's to the city government (复议法 2023 Art 24); that is the nearest
    government among the agency's parents. Unknown when none is recorded.
    """
    government = next((a for a in ancestors(agency) if a.level == Agency.Level.GOVERNMENT), None)
    if government is None:
        return w.REVIEW_BODY_UNKNOWN
    if on < remedies.REVIEW_FIRST_SINCE and agency.level == Agency.Level.DEPARTMENT:
        return w.REVIEW_BODY_DEPARTMENT_BEFORE_2024.format(government=government.name)
    return government.name


def review_first(outcome: Outcome, decided_on: date) -> bool:
    """复议前置 (复议法 Art 23(4)) for 不予公开 decided on or after 2024-01-01; for 部分公开
    only when the setting says so (UNCONFIRMED, spec §2 and §9 item 9)."""
    if remedies.review_first_applies(outcome, decided_on):
        return True
    return (
        outcome is Outcome.PARTIAL
        and decided_on >= remedies.REVIEW_FIRST_SINCE
        and bool(getattr(settings, PARTIAL_SETTING, False))
    )


def _period(key: str) -> str:
    period = remedies.PERIODS_BY_KEY[key]
    return f"{period.length}{remedies.UNIT_LABELS[period.unit]}"


def _remedy(application: Application, doc: str, on: date, first: bool) -> str:
    template = w.REMEDY_REVIEW_FIRST if first else w.REMEDY_CHOICE
    return template.format(
        you=_you(application),
        doc=doc,
        review_body=review_body(application.agency, on),
        review_period=_period("review_window"),
        suit_period=_period("direct_suit_window"),
        after_review_period=_period("suit_after_review_window"),
        review_first_article=remedies.REVIEW_FIRST_ARTICLE,
    )


def _last(events: Sequence[ApplicationEvent], kind: EventKind, before: int | None = None) -> ApplicationEvent | None:
    found = None
    for event in events:
        if before is not None and event.seq >= before:
            break
        if event.kind == kind.value:
            found = event
    return found


# --- the reply ---------------------------------------------------------------------------------


def _reply_basis(decision: ApplicationEvent, events: Sequence[ApplicationEvent]) -> w.ReplyBasis:
    if decision.details.get("via") == EventKind.WITHDRAWN.value:
        return w.WITHDRAWAL
    return w.REPLY_BASIS[Outcome(decision.details["outcome"])]


def _reply(application: Application, decision: ApplicationEvent, events: Sequence[ApplicationEvent]) -> Letter:
    outcome = Outcome(decision.details["outcome"])
    basis = _reply_basis(decision, events)
    context = _context(application)
    supplement = _last(events, EventKind.SUPPLEMENT_REQUESTED)
    supplied = _last(events, EventKind.SUPPLEMENT_RECEIVED)
    fee = _last(events, EventKind.FEE_NOTICE_SENT)
    withdrawn = _last(events, EventKind.WITHDRAWN)
    deadline = parse_date(supplement.details.get("deadline")) if supplement else None
    context.update(
        supplement_requested_on=full_date(supplement.date) if supplement else "",
        supplement_deadline=full_date(deadline) if deadline else "",
        supplement_received_on=full_date(supplied.date) if supplied else "",
        fee_notice_on=full_date(fee.date) if fee else "",
        withdrawn_on=full_date(withdrawn.date) if withdrawn else "",
    )
    paragraphs = [_fill(w.OPENING, context)]
    if supplied is not None:
        paragraphs.append(_fill(w.SUPPLEMENT_RECEIVED, context))
    paragraphs.append(_decision(basis, context))
    separated_from = decision.details.get("separated_from")
    if outcome is Outcome.PARTIAL and separated_from in Outcome.__members__:
        rest = w.REPLY_BASIS[Outcome(separated_from)]
        paragraphs.append(
            _fill(w.PARTIAL_REASON, {**context, "finding": _fill(rest.finding, context), "citation": rest.citation(),
                                     "decision": _fill(rest.decision, context)})
        )
    note = str(decision.details.get("note", "")).strip()
    if note:
        paragraphs.append(_fill(w.NOTE, {"note": note}))
    paragraphs.append(_remedy(application, basis.doc, decision.date, review_first(outcome, decision.date)))
    return _letter(application, "reply", basis.title, application.applicant_name, paragraphs, basis.closing,
                   decision)


def _decision(basis: w.ReplyBasis, context: Mapping[str, Any]) -> str:
    parts = {"finding": _fill(basis.finding, context), "decision": _fill(basis.decision, context)}
    if basis.articles or basis.instruments:
        return _fill(w.DECISION, {**parts, "citation": basis.citation()})
    return _fill(w.DECISION_WITHOUT_ARTICLE, parts)


# --- notices on the way -----------------------------------------------------------------------------


def _supplement(application: Application, event: ApplicationEvent, events: Sequence[ApplicationEvent]) -> Letter:
    deadline = parse_date(event.details.get("deadline"))
    items = str(event.details.get("items", "")).strip().rstrip("。；;.")
    context = {**_context(application), "items": f"{items}。",
               "deadline": full_date(deadline) if deadline else ""}
    paragraphs = [_fill(w.OPENING, context), *(_fill(p, context) for p in w.SUPPLEMENT)]
    paragraphs.append(_remedy(application, "通知书", event.date, False))
    return _letter(application, "supplement", w.KIND_TITLES["supplement"], application.applicant_name, paragraphs,
                   "特此通知。", event)


def _extension(application: Application, event: ApplicationEvent, events: Sequence[ApplicationEvent]) -> Letter:
    before = [e for e in events if e.seq < event.seq]
    through = [*before, event]
    rules = clock_rules()
    old = compute_clock(before, calendar(), event.date, rules)
    new = compute_clock(through, calendar(), event.date, rules)
    due = new.due
    assert due is not None and old.due is not None  # an extension is only allowed while a period runs
    provisional = ""
    if due.provisional:
        provisional = w.PROVISIONAL.format(years="、".join(str(y) for y in due.unloaded_years))
    context = {
        **_context(application),
        "reason": str(event.details.get("reason", "")).strip().rstrip("。") or "情况复杂",
        "old_due": full_date(old.due.date),
        "workdays": event.details.get("workdays"),
        "due": full_date(due.date),
        "provisional": provisional,
    }
    paragraphs = [_fill(w.OPENING, context), *(_fill(p, context) for p in w.EXTENSION)]
    if new.paused:
        paragraphs.append(w.EXCLUDED_PERIODS)
    paragraphs.append(_remedy(application, "告知书", event.date, False))
    return _letter(application, "extension", w.KIND_TITLES["extension"], application.applicant_name, paragraphs,
                   "特此告知。", event)


def _consultation(application: Application, event: ApplicationEvent, events: Sequence[ApplicationEvent]) -> Letter:
    party = event.details.get("party", "third_party")
    if party not in w.CONSULTATION:
        party = "third_party"
    due, _ = consultation_due(calendar(), event, clock_rules())
    recorded = parse_date(event.details.get("received_on")) is not None
    context = {**_context(application), "due": w.CONSULTATION_DUE[recorded].format(date=full_date(due.date))}
    # The applicant's identity is personal data: the consulted party learns what is asked, not who asks.
    paragraphs = [_fill(w.CONSULTATION_OPENING, context), *(_fill(p, context) for p in w.CONSULTATION[party])]
    addressee = str(event.details.get("name", "")).strip() or w.CONSULTATION_ADDRESSEE[party]
    return _letter(application, "consultation", w.CONSULTATION_TITLES[party], addressee, paragraphs,
                   w.CONSULTATION_CLOSING, event)


def _amount(value: Any) -> str:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{amount:.2f}" if amount % 1 else str(int(amount))


def _fee(application: Application, event: ApplicationEvent, events: Sequence[ApplicationEvent]) -> Letter:
    method = FeeMethod(event.details.get("method", FeeMethod.PER_ITEM.value))
    due, _ = fee_payment_due(calendar(), event, clock_rules())
    recorded = parse_date(event.details.get("received_on")) is not None
    context = {
        **_context(application),
        "method": method.label,
        "fee_article": w.FEE_ARTICLES[method.value],
        "amount": _amount(event.details.get("amount", "0")),
        "due": w.FEE_DUE[recorded].format(date=full_date(due.date)),
    }
    intro, total, payment = (_fill(p, context) for p in w.FEE)
    lines = [w.FEE_LINE.format(line=line) for line in event.details.get("lines", [])]
    paragraphs = [_fill(w.OPENING, context), intro, *lines, total, payment,
                  _remedy(application, "通知书", event.date, False)]
    return _letter(application, "fee", w.KIND_TITLES["fee"], application.applicant_name, paragraphs, "特此通知。",
                   event)


# --- file names ------------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+|\s+')


def filename(application: Application, letter: Letter, fmt: str) -> str:
    """``<受理编号>-<标题>.<fmt>``, with characters that file systems or headers reject replaced."""
    stem = _UNSAFE.sub("_", f"{application.receipt_number}-{letter.title}").strip("._") or letter.title
    return f"{stem[:150]}.{fmt}"
