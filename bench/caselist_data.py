"""The case-list benchmark's data: 200 agencies and 1,000,000 applications with event logs in
PostgreSQL, loaded with COPY, generated once and reused.

A marker table (``bench_caselist_marker``) holds the row counts of a complete load; when it
matches, the data is reused, and ``--rebuild`` regenerates it. Every case's event log is a
lawful one (``lifecycle.replay`` is run on a sample before loading) and the cached state,
outcome and decision date on the application are the ones its events lead to.

Dates: receipts spread over 2025-01-01 to the benchmark's "today"; about 70 % of the cases
are closed. Recent cases are mostly open, older ones mostly closed; what stays open from
long ago is the backlog that fills the 已逾期 list.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

AGENCIES = 200
APPLICATIONS = 1_000_000
FIRST_RECEIPT = date(2025, 1, 1)
MARKER = "bench_caselist_marker"
OFFICER = "bench_officer"
PASSWORD = "bench-caselist-2026"  # a throwaway account in a throwaway database
CHANNELS = ("online", "in_person", "signed_post", "ordinary_letter", "fax", "email")
KINDS = ("natural",) * 14 + ("commercial", "research", "public_interest", "legal_services", "other_org", "other_org")
OUTCOMES = ("DISCLOSED",) * 5 + ("PARTIAL",) * 2 + ("UNABLE_NOT_HELD",) * 3 + (
    "WITHHELD_THIRD_PARTY", "WITHHELD_INTERNAL", "NOT_HANDLED_PETITION", "NOT_HANDLED_REPEAT", "UNABLE_STILL_UNCLEAR")
RECEIVED_RULES = {
    "online": "互联网渠道：双方确认之日（条例第三十一条第三项）",
    "in_person": "当面提交：提交之日（条例第三十一条第一项）",
    "signed_post": "邮寄：签收之日（条例第三十一条第二项）",
    "ordinary_letter": "平常信函：与申请人确认之日（条例第三十一条第二项）",
    "fax": "传真：双方确认之日（条例第三十一条第三项）",
    "email": "电子邮件：双方确认之日（条例第三十一条第三项）",
}
TOPICS = ("征地补偿安置方案", "本单位2024年部门预算", "某路段道路改造工程批复", "行政处罚决定书",
          "住房保障资格审核名单", "环境影响评价报告", "政府采购合同", "信访事项处理意见", "城市规划调整公示材料",
          "企业年报抽查结果")


@dataclass
class Case:
    received: date
    events: list[tuple[str, date, dict]]
    state: str
    outcome: str
    decided_on: date | None


def make_case(rng: random.Random, received: date, today: date) -> Case:
    """One application's life up to ``today``: open or closed as its age makes likely."""
    age = (today - received).days
    open_ = rng.random() < (0.85 if age <= 45 else 0.26)
    events: list[tuple[str, date, dict]] = [("received", received, {})]
    at = received

    def step(days: int) -> date | None:
        nonlocal at
        when = at + timedelta(days=days)
        if when > today:
            return None
        at = when
        return when

    roll = rng.random()
    if roll < 0.10 and (d := step(rng.randint(1, 6))):
        events.append(("supplement_requested", d, {"deadline": (d + timedelta(days=15)).isoformat()}))
        if open_ and rng.random() < 0.3:
            return Case(received, events, "awaiting_supplement", "", None)
        d2 = step(rng.randint(2, 12))
        if d2 is None:
            return Case(received, events, "awaiting_supplement", "", None)
        events.append(("supplement_received", d2, {}))
    if rng.random() < 0.08 and (d := step(rng.randint(1, 8))):
        events.append(("consultation_sent", d, {"party": "third_party", "name": "某某有限公司"}))
        if open_ and rng.random() < 0.4:
            return Case(received, events, "consulting", "", None)
        d2 = step(rng.randint(5, 15))
        if d2 is None:
            return Case(received, events, "consulting", "", None)
        events.append(("consultation_returned", d2, {"consultation": 1}))
    if rng.random() < 0.05 and (d := step(rng.randint(5, 15))):
        events.append(("extension_approved", d, {"workdays": rng.choice((10, 15, 20)), "reason": "需要调取的档案较多"}))
    if rng.random() < 0.03 and (d := step(rng.randint(1, 5))):
        events.append(("fee_notice_sent", d, {"method": "per_item", "amount": "100"}))
        if open_ and rng.random() < 0.5:
            return Case(received, events, "awaiting_fee", "", None)
        d2 = step(rng.randint(2, 10))
        if d2 is None:
            return Case(received, events, "awaiting_fee", "", None)
        events.append(("fee_paid", d2, {}))
    if open_:
        return Case(received, events, "processing", "", None)
    decided = step(rng.randint(3, 18)) or at
    at = decided
    if rng.random() < 0.03:
        events.append(("withdrawn", decided, {}))
        events.append(("decided", decided, {"outcome": "OTHER"}))
        state, outcome = "terminated", "OTHER"
    else:
        outcome = rng.choice(OUTCOMES)
        events.append(("decided", decided, {"outcome": outcome}))
        state = "decided"
    if (d := step(rng.randint(1, 5))) and rng.random() < 0.85:
        if state == "decided":
            events.append(("delivered", d, {}))
            state = "delivered"
        if (d2 := step(rng.randint(3, 30))) and rng.random() < 0.7:
            events.append(("archived", d2, {}))
            state = "archived"
    return Case(received, events, state, outcome, decided)


def _text(value: object) -> str:
    """A value in COPY's text format (our values hold no tab, newline or backslash)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def _rows(agency_ids: list[int], today: date, seed: int) -> Iterator[tuple[list, list[list]]]:
    """(application row, event rows), the applications in id order."""
    rng = random.Random(seed)
    span = (today - FIRST_RECEIPT).days
    per_agency: dict[int, list[date]] = {a: [] for a in agency_ids}
    for _ in range(APPLICATIONS):
        per_agency[rng.choice(agency_ids)].append(FIRST_RECEIPT + timedelta(days=rng.randrange(span + 1)))
    app_id = event_id = 0
    for agency in agency_ids:
        sequences: dict[int, int] = {}
        for received in sorted(per_agency[agency]):
            app_id += 1
            case = make_case(rng, received, today)
            seq = sequences[received.year] = sequences.get(received.year, 0) + 1
            channel = rng.choice(CHANNELS)
            stamp = f"{received.isoformat()} 09:30:00+08"
            app = [
                app_id, agency, received.year, seq, f"依申请〔{received.year}〕{seq:05d}号", channel,
                received if channel == "in_person" else None,
                received if channel in ("signed_post", "ordinary_letter") else None,
                received if channel in ("online", "fax", "email", "ordinary_letter") else None,
                received, RECEIVED_RULES[channel], rng.choice(KINDS), f"申请人{app_id:07d}", "resident_id",
                f"3703{rng.randrange(10**13, 10**14)}", "", f"139{rng.randrange(10**7, 10**8)}", "", "某市某区某路1号",
                "255000", f"申请公开{rng.choice(TOPICS)}", "", "electronic", "email", 1, False,
                case.state, case.outcome, case.decided_on, None, stamp, stamp,
            ]
            events = []
            for n, (kind, when, details) in enumerate(case.events, start=1):
                event_id += 1
                events.append([event_id, app_id, n, kind, when, None, json.dumps(details, ensure_ascii=False),
                               f"{when.isoformat()} 10:00:00+08"])
            yield app, events


def loaded(cursor) -> dict | None:
    cursor.execute("SELECT to_regclass(%s)", [MARKER])
    if cursor.fetchone()[0] is None:
        return None
    cursor.execute(f"SELECT agencies, applications, events, today, built_at FROM {MARKER}")
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip(("agencies", "applications", "events", "today", "built_at"), row, strict=True))


def build(today: date, seed: int = 20261127) -> dict:
    """Empty the casework and agency tables, then load agencies, the officer and the cases."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from gongkai.agencies.models import Agency, Membership
    from gongkai.casework.lifecycle import CaseEvent, replay

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {MARKER}")
        cursor.execute("TRUNCATE casework_applicationevent, casework_application, casework_historicalapplication, "
                       "casework_receiptcounter, agencies_membership, agencies_agency CASCADE")
    with transaction.atomic():
        government = Agency.objects.create(name="某市人民政府", short_name="市政府", level=Agency.Level.GOVERNMENT)
        departments = Agency.objects.bulk_create(
            Agency(name=f"某市第{i:03d}局", short_name=f"第{i:03d}局", level=Agency.Level.DEPARTMENT, parent=government)
            for i in range(1, AGENCIES)
        )
        user_model = get_user_model()
        user_model.objects.filter(username=OFFICER).delete()
        officer = user_model.objects.create_user(OFFICER, password=PASSWORD, full_name="基准测试经办人", is_staff=True)
        Membership.objects.create(user=officer, agency=departments[0], role="officer")
    agency_ids = [government.pk, *(d.pk for d in departments)]

    # A sample of the generated lives through the state machine: the loader must not make
    # logs the application itself would refuse.
    rng = random.Random(seed)
    for _ in range(3000):
        received = FIRST_RECEIPT + timedelta(days=rng.randrange((today - FIRST_RECEIPT).days + 1))
        case = make_case(rng, received, today)
        status = replay([CaseEvent(k, d, det) for k, d, det in case.events])
        assert (status.state.value, status.outcome.value if status.outcome else "", status.decided_on) == (
            case.state, case.outcome, case.decided_on), case

    app_columns = ["id", "agency_id", "year", "sequence", "receipt_number", "channel", "submitted_on", "signed_on",
                   "confirmed_on", "received_on", "received_rule", "applicant_kind", "applicant_name", "id_type",
                   "id_number", "contact_person", "phone", "email", "address", "postcode", "description", "purpose",
                   "requested_form", "delivery_method", "units", "is_sample", "state", "outcome", "decided_on",
                   "created_by_id", "created_at", "updated_at"]
    event_columns = ["id", "application_id", "seq", "kind", "date", "actor_id", "details", "created_at"]
    apps = events = 0
    counters: dict[tuple[int, int], int] = {}
    raw = connection.connection  # psycopg 3
    with transaction.atomic(), raw.cursor() as cursor:
        with cursor.copy(f"COPY casework_application ({', '.join(app_columns)}) FROM STDIN") as app_copy:
            buffered: list[str] = []
            # Events wait in a temporary file: one connection runs one COPY at a time.
            event_buffer = tempfile.TemporaryFile("w+", encoding="utf-8")
            for app, event_rows in _rows(agency_ids, today, seed):
                buffered.append("\t".join(map(_text, app)))
                for row in event_rows:
                    event_buffer.write("\t".join(map(_text, row)) + "\n")
                apps += 1
                events += len(event_rows)
                counters[(app[1], app[2])] = app[3]
                if len(buffered) >= 20_000:
                    app_copy.write("\n".join(buffered) + "\n")
                    buffered.clear()
                if apps % 100_000 == 0:
                    print(f"  已生成 {apps:,} 件申请、{events:,} 个事件（{time.perf_counter() - started:.0f} 秒）",
                          flush=True)
            if buffered:
                app_copy.write("\n".join(buffered) + "\n")
        with cursor.copy(f"COPY casework_applicationevent ({', '.join(event_columns)}) FROM STDIN") as event_copy:
            event_buffer.seek(0)
            while chunk := event_buffer.read(4 << 20):
                event_copy.write(chunk)
            event_buffer.close()
        cursor.executemany("INSERT INTO casework_receiptcounter (agency_id, year, last) VALUES (%s, %s, %s)",
                           [(a, y, last) for (a, y), last in counters.items()])
        for table in ("casework_application", "casework_applicationevent"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cursor.execute(f"CREATE TABLE {MARKER} (agencies int, applications int, events int, today date, "
                       "built_at timestamptz)")
        cursor.execute(f"INSERT INTO {MARKER} VALUES (%s, %s, %s, %s, now())", [len(agency_ids), apps, events, today])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casework_application")
        cursor.execute("ANALYZE casework_applicationevent")
        found = loaded(cursor)
    print(f"  载入完成：{apps:,} 件申请、{events:,} 个事件，用时 {time.perf_counter() - started:.0f} 秒", flush=True)
    assert found is not None
    return found
