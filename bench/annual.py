"""Every agency's report tables for one year, at scale (``python -m bench annual [--rebuild]``).

Data: 5,000 agencies, 1,000,000 applications, 2,000,000 proactive items, the registers of
table 二 (规章和规范性文件, monthly decision counts and fee income) and 30,000 复议/诉讼 cases,
on PostgreSQL (database ``gongkai_bench_annual``, UTF-8, loaded with COPY) and on SQLite
(``bench/.data/annual.sqlite3``). Generated once and reused; ``--rebuild`` regenerates.

Only what the aggregates read is generated with care: table 三 reads the application's cached
``received_on``, ``decided_on``, ``outcome``, ``applicant_kind`` and ``is_sample`` (the
business actions keep them equal to the replay of the event log), never the events, so no
events are loaded; items carry no categories or attachments (the published total reads the
item row only).

Measured, for the year 2025, in the same process and run:

- ``gongkai.annual.bulk.region_tables``: every agency's tables 二, 三, 四 and published total,
  consumed agency by agency;
- the baseline: the minimal hand-written SQL — one ``GROUP BY`` per register, fetched with
  ``fetchall()`` and nothing else (no per-agency assembly). Two shapes of the table 三 query are
  timed and the faster one is the baseline;
- both results compared figure by figure (outside the timing);
- peak Python memory (tracemalloc) of a full pass, also on a data set one tenth the size (same
  agencies), to show it does not grow with the rows; and the process's maxrss;
- for scale, ``build_report``'s per-agency queries on a sample of agencies, extrapolated.

Each backend and size runs in its own process (``--worker``), so maxrss is that run's.
Target: bulk ≤ 1.5 × the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / ".data"
YEAR = 2025
TODAY = date(2026, 11, 27)
FIRST = date(2022, 1, 1)
TARGET_RATIO = 1.5
MARKER = "bench_annual_marker"
SCALES = {
    # name: (agencies, applications, items, appeal cases)
    "full": (5_000, 1_000_000, 2_000_000, 30_000),
    "small": (5_000, 100_000, 200_000, 3_000),
    "tiny": (500, 10_000, 20_000, 300),  # for trying the benchmark out
}
PG_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench_annual"
KINDS = ("natural",) * 14 + ("commercial", "research", "public_interest", "legal_services", "other_org", "other_org")
OUTCOMES = ("DISCLOSED",) * 30 + ("PARTIAL",) * 10 + ("UNABLE_NOT_HELD",) * 12 + (
    "WITHHELD_STATE_SECRET", "WITHHELD_LAW_FORBIDS", "WITHHELD_3S1S", "WITHHELD_THIRD_PARTY", "WITHHELD_THIRD_PARTY",
    "WITHHELD_INTERNAL", "WITHHELD_INTERNAL", "WITHHELD_PROCESS", "WITHHELD_ENFORCEMENT_FILE", "WITHHELD_ADMIN_QUERY",
    "UNABLE_NEEDS_CREATION", "UNABLE_STILL_UNCLEAR", "UNABLE_STILL_UNCLEAR", "NOT_HANDLED_PETITION",
    "NOT_HANDLED_REPEAT", "NOT_HANDLED_REPEAT", "NOT_HANDLED_PUBLICATION", "NOT_HANDLED_EXCESSIVE",
    "NOT_HANDLED_CONFIRM", "OTHER_NO_SUPPLEMENT", "OTHER_NO_SUPPLEMENT", "OTHER_FEE_UNPAID", "OTHER", "OTHER", "OTHER")


def database(backend: str, scale: str) -> str:
    suffix = "" if scale == "full" else f"_{scale}"
    if backend == "pg":
        return PG_URL + suffix
    name = "annual.sqlite3" if scale == "full" else f"annual-{scale}.sqlite3"
    return f"sqlite:///{DATA / name}"


# --- data ---------------------------------------------------------------------------------------


def _days(first: date, last: date, rng: random.Random) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


class Loader:
    """Rows into one table: COPY on PostgreSQL, executemany on SQLite. A row is the model's
    template (defaults and constants) with the varying columns set."""

    def __init__(self, model, **constants) -> None:
        from django.db import connection

        self.connection = connection
        self.pg = connection.vendor == "postgresql"
        self.table = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.columns = [f.column for f in fields]
        self.position = {f.attname: i for i, f in enumerate(fields)}
        template = []
        for f in fields:
            if f.attname in constants:
                value = constants[f.attname]
            elif f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            else:
                value = ""
            template.append(self._encode(value))
        self.template = template
        self.count = 0

    def _encode(self, value):
        if isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False)
        if self.pg:
            if value is None:
                return "\\N"
            if isinstance(value, bool):
                return "t" if value else "f"
            return str(value)
        if isinstance(value, date | Decimal):
            return str(value)
        return value

    def rows(self, varying: list[str], values: Iterator[tuple]) -> None:
        """Load ``values`` (tuples in the order of ``varying`` attnames)."""
        slots = [self.position[name] for name in varying]
        encode = self._encode
        columns = ", ".join(f'"{c}"' for c in self.columns)
        raw = self.connection.connection
        if self.pg:
            with raw.cursor() as cursor, cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                lines = []
                for value in values:
                    row = list(self.template)
                    for slot, v in zip(slots, value, strict=True):
                        row[slot] = encode(v)
                    lines.append("\t".join(row))
                    if len(lines) >= 20_000:
                        copy.write("\n".join(lines) + "\n")
                        self.count += len(lines)
                        lines.clear()
                if lines:
                    copy.write("\n".join(lines) + "\n")
                    self.count += len(lines)
            return
        marks = ", ".join("?" * len(self.columns))
        sql = f"INSERT INTO {self.table} ({columns}) VALUES ({marks})"
        batch = []
        for value in values:
            row = list(self.template)
            for slot, v in zip(slots, value, strict=True):
                row[slot] = encode(v)
            batch.append(row)
            if len(batch) >= 20_000:
                raw.executemany(sql, batch)
                self.count += len(batch)
                batch.clear()
        if batch:
            raw.executemany(sql, batch)
            self.count += len(batch)


def _spread(total: int, ids: list[int], rng: random.Random) -> dict[int, int]:
    """``total`` records over the agencies, uneven as in life (a few busy agencies, many quiet)."""
    weights = [rng.lognormvariate(0, 1.0) for _ in ids]
    scale = total / sum(weights)
    counts = {a: int(w * scale) for a, w in zip(ids, weights, strict=True)}
    short = total - sum(counts.values())
    for a in rng.sample(ids, short):
        counts[a] += 1
    return counts


def _application_rows(ids: list[int], total: int, rng: random.Random) -> Iterator[tuple]:
    for agency, n in _spread(total, ids, rng).items():
        received = sorted(_days(FIRST, TODAY, rng) for _ in range(n))
        sequence: dict[int, int] = {}
        for on in received:
            seq = sequence[on.year] = sequence.get(on.year, 0) + 1
            age = (TODAY - on).days
            open_ = rng.random() < (0.8 if age <= 40 else 0.02)
            if open_:
                state, outcome, decided = "processing", "", None
            else:
                decided = min(TODAY, on + timedelta(days=rng.randint(1, 45)))
                outcome = rng.choice(OUTCOMES)
                state = "terminated" if outcome.startswith("OTHER") else rng.choice(("delivered", "archived"))
            yield (agency, on.year, seq, f"依申请〔{on.year}〕{seq:05d}号", on, on, rng.choice(KINDS),
                   rng.random() < 0.01, state, outcome, decided)


def _item_rows(ids: list[int], total: int, rng: random.Random) -> Iterator[tuple]:
    for agency, n in _spread(total, ids, rng).items():
        for _ in range(n):
            roll = rng.random()
            formed = _days(FIRST, TODAY, rng)
            if roll < 0.05:  # draft or in review: no publication date
                yield agency, formed, None, "draft" if roll < 0.04 else "in_review", None, rng.random() < 0.01
                continue
            published = min(TODAY, formed + timedelta(days=rng.randint(0, 20)))
            withdrawn = roll > 0.97
            yield (agency, formed, published, "withdrawn" if withdrawn else "published",
                   min(TODAY, published + timedelta(days=30)) if withdrawn else None, rng.random() < 0.01)


def _document_rows(ids: list[int], governments: set[int], rng: random.Random) -> Iterator[tuple]:
    for agency in ids:
        for _ in range(rng.randint(0, 12)):
            issued = _days(date(2015, 1, 1), TODAY, rng)
            repealed = _days(issued, TODAY, rng) if rng.random() < 0.3 else None
            kind = "regulations" if agency in governments and rng.random() < 0.3 else "normative_docs"
            yield agency, kind, issued, repealed, rng.random() < 0.01


def _monthly(ids: list[int], share: float, rng: random.Random) -> Iterator[tuple[int, int, int]]:
    for agency in ids:
        if rng.random() < share:
            for year in (2023, 2024, 2025, 2026):
                for month in range(1, 13 if year < TODAY.year else TODAY.month):
                    yield agency, year, month


def _decision_rows(ids: list[int], rng: random.Random) -> Iterator[tuple]:
    for agency, year, month in _monthly(ids, 0.4, rng):
        for kind in ("licensing", "penalty", "enforcement"):
            if rng.random() < 0.7:
                yield agency, year, month, kind, rng.randint(0, 300), False


def _fee_rows(ids: list[int], rng: random.Random) -> Iterator[tuple]:
    for agency, year, month in _monthly(ids, 0.15, rng):
        yield agency, year, month, Decimal(rng.randint(0, 500_000)) / 10_000, False


def _appeal_rows(ids: list[int], total: int, rng: random.Random) -> Iterator[tuple]:
    for agency, n in _spread(total, ids, rng).items():
        for _ in range(n):
            kind = rng.choices(("review", "suit_direct", "suit_after_review"), (60, 25, 15))[0]
            filed = _days(FIRST, TODAY, rng)
            decided_share = 0.9 if (TODAY - filed).days > 120 else 0.3
            if rng.random() < decided_share:
                decided = min(TODAY, filed + timedelta(days=rng.randint(30, 200)))
                result = rng.choices(("upheld", "corrected", "other"), (60, 15, 25))[0]
            else:
                decided, result = None, "pending"
            body = "某市人民政府" if kind == "review" else "某区人民法院"
            elsewhere = "某市人民政府 复议决定维持" if kind == "suit_after_review" else ""
            yield agency, kind, body, filed, decided, result, elsewhere, rng.random() < 0.01


def loaded(cursor) -> dict | None:
    from django.db import connection

    tables = connection.introspection.table_names(cursor)
    if MARKER not in tables:
        return None
    cursor.execute(f"SELECT scale, counts, built_at FROM {MARKER}")
    row = cursor.fetchone()
    return None if row is None else {"scale": row[0], "counts": json.loads(row[1]), "built_at": str(row[2])}


def build(scale: str, seed: int = 20261127) -> dict:
    from django.db import connection, transaction

    from gongkai.agencies.models import Agency
    from gongkai.appeals.models import AppealCase
    from gongkai.casework.models import Application
    from gongkai.publishing.models import FeeIncome, Item, NormativeDocument, YearlyDecisionCount

    n_agencies, n_apps, n_items, n_appeals = SCALES[scale]
    rng = random.Random(seed)
    started = time.perf_counter()
    stamp = "2026-11-27 09:00:00+08" if connection.vendor == "postgresql" else "2026-11-27 01:00:00"
    counts: dict[str, int] = {}
    with transaction.atomic():
        # A province of 50 counties; each county government has 99 departments and townships.
        governments = Agency.objects.bulk_create(
            Agency(name=f"某县{i:02d}人民政府", short_name=f"某县{i:02d}", level=Agency.Level.GOVERNMENT)
            for i in range(n_agencies // 100)
        )
        Agency.objects.bulk_create(
            Agency(name=f"某县{g:02d}第{i:02d}{'街道办事处' if i % 5 == 0 else '局'}",
                   level=Agency.Level.TOWNSHIP if i % 5 == 0 else Agency.Level.DEPARTMENT, parent=gov)
            for g, gov in enumerate(governments) for i in range(1, 100)
        )
        ids = sorted(Agency.objects.values_list("pk", flat=True))
        government_ids = {g.pk for g in governments}
        counts["agencies"] = len(ids)
        steps = [
            ("applications", Loader(Application, channel="in_person", received_rule="当面提交：提交之日",
                                    applicant_name="申请人", description="申请公开某事项", created_at=stamp,
                                    updated_at=stamp),
             ["agency_id", "year", "sequence", "receipt_number", "submitted_on", "received_on", "applicant_kind",
              "is_sample", "state", "outcome", "decided_on"], _application_rows(ids, n_apps, rng)),
            ("items", Loader(Item, title="某项政府信息", created_at=stamp, updated_at=stamp),
             ["agency_id", "formed_on", "published_on", "state", "withdrawn_on", "is_sample"],
             _item_rows(ids, n_items, rng)),
            ("documents", Loader(NormativeDocument, title="关于某事项的通知", created_at=stamp),
             ["agency_id", "kind", "issued_on", "repealed_on", "is_sample"],
             _document_rows(ids, government_ids, rng)),
            ("decisions", Loader(YearlyDecisionCount, updated_at=stamp),
             ["agency_id", "year", "month", "kind", "count", "is_sample"], _decision_rows(ids, rng)),
            ("fees", Loader(FeeIncome, updated_at=stamp),
             ["agency_id", "year", "month", "amount", "is_sample"], _fee_rows(ids, rng)),
            ("appeals", Loader(AppealCase, unlinked_note="本系统启用前的案件", created_at=stamp, updated_at=stamp),
             ["agency_id", "kind", "body", "filed_on", "decided_on", "result", "review_elsewhere", "is_sample"],
             _appeal_rows(ids, n_appeals, rng)),
        ]
        for name, loader, varying, rows in steps:
            loader.rows(varying, rows)
            counts[name] = loader.count
            print(f"  已载入 {name}：{loader.count:,} 行（{time.perf_counter() - started:.0f} 秒）", flush=True)
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE {MARKER} (scale varchar(10), counts text, built_at varchar(40))")
            cursor.execute(f"INSERT INTO {MARKER} VALUES (%s, %s, %s)",
                           [scale, json.dumps(counts), time.strftime("%Y-%m-%d %H:%M")])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        found = loaded(cursor)
    print(f"  载入完成，用时 {time.perf_counter() - started:.0f} 秒", flush=True)
    assert found is not None
    return found


# --- the baseline: hand-written SQL ----------------------------------------------------------------


def baseline_queries(year: int, table_3: str) -> list[tuple[str, str, list]]:
    """(register, SQL, params): the minimal GROUP BY per register for ``year``'s figures.

    Table 三 in two shapes: ``conditional`` (one row per agency and applicant kind, a FILTER
    count per table row — the shape bulk.py uses) and ``grouped`` (one row per agency, kind and
    outcome decided in the year; fewer expressions, more rows). Its WHERE assumes what the
    casework actions guarantee (a decision is never before the receipt)."""
    from gongkai.statute.outcomes import Outcome

    jan1, dec31 = date(year, 1, 1), date(year, 12, 31)
    if table_3 == "conditional":
        outcome_counts = ", ".join(
            f"count(*) FILTER (WHERE decided_on <= %s AND outcome = '{o.value}')" for o in Outcome)
        apps = (f"SELECT agency_id, applicant_kind, count(*) FILTER (WHERE received_on >= %s), "
                "count(*) FILTER (WHERE received_on < %s), "
                f"count(*) FILTER (WHERE decided_on IS NULL OR decided_on > %s), {outcome_counts} "
                "FROM casework_application WHERE NOT is_sample AND received_on <= %s "
                "AND (decided_on IS NULL OR decided_on >= %s) GROUP BY agency_id, applicant_kind")
        apps_params = [jan1, jan1, dec31, *([dec31] * len(Outcome)), dec31, jan1]
    else:
        apps = ("SELECT agency_id, applicant_kind, CASE WHEN decided_on <= %s THEN outcome END, "
                "count(*) FILTER (WHERE received_on >= %s), count(*) FILTER (WHERE received_on < %s), "
                "count(*) FILTER (WHERE decided_on IS NULL OR decided_on > %s), count(*) "
                "FROM casework_application WHERE NOT is_sample AND received_on <= %s "
                "AND (decided_on IS NULL OR decided_on >= %s) GROUP BY 1, 2, 3")
        apps_params = [dec31, jan1, jan1, dec31, dec31, jan1]
    return [
        ("三", apps, apps_params),
        ("二 文件", "SELECT agency_id, kind, count(*) FILTER (WHERE issued_on BETWEEN %s AND %s), "
                  "count(*) FILTER (WHERE repealed_on BETWEEN %s AND %s), "
                  "count(*) FILTER (WHERE issued_on <= %s AND (repealed_on IS NULL OR repealed_on > %s)) "
                  "FROM publishing_normativedocument WHERE NOT is_sample GROUP BY agency_id, kind",
         [jan1, dec31, jan1, dec31, dec31, dec31]),
        ("二 决定", "SELECT agency_id, kind, sum(count) FROM publishing_yearlydecisioncount "
                  "WHERE NOT is_sample AND year = %s GROUP BY agency_id, kind", [year]),
        ("二 收费", "SELECT agency_id, sum(amount) FROM publishing_feeincome WHERE NOT is_sample AND year = %s "
                  "GROUP BY agency_id", [year]),
        ("四", "SELECT agency_id, kind, CASE WHEN decided_on <= %s THEN result ELSE 'pending' END, count(*) "
              "FROM appeals_appealcase WHERE NOT is_sample AND filed_on BETWEEN %s AND %s GROUP BY 1, 2, 3",
         [dec31, jan1, dec31]),
        ("主动公开", "SELECT agency_id, count(*) FROM publishing_item WHERE NOT is_sample "
                 "AND state IN ('published', 'withdrawn') AND published_on BETWEEN %s AND %s GROUP BY agency_id",
         [jan1, dec31]),
    ]


def run_baseline(year: int, table_3: str) -> dict[str, list[tuple]]:
    from django.db import connection

    out = {}
    with connection.cursor() as cursor:
        for name, sql, params in baseline_queries(year, table_3):
            cursor.execute(sql, params)
            out[name] = cursor.fetchall()
    return out


def run_bulk(year: int, server_side: bool = False) -> tuple[int, int]:
    """Consume every agency's figures as a caller would, keeping nothing: (agencies, cells)."""
    from gongkai.annual.bulk import region_tables

    agencies = cells = 0
    for figures in region_tables(year, server_side=server_side):
        agencies += 1
        cells += sum(len(values) for values in figures.tables.values())
    return agencies, cells


def compare(year: int) -> tuple[int, int]:
    """Figures of bulk vs the baseline (grouped shape): (figures compared, mismatches)."""
    from gongkai.annual.bulk import outcome_rows, region_tables
    from gongkai.statute import format_for_year
    from gongkai.statute.applicants import TOTAL_COLUMN
    from gongkai.statute.remedies import column_key

    fmt = format_for_year(year)
    row_of = {code: row for row, codes in outcome_rows(fmt).items() for code in codes}
    raw = run_baseline(year, "grouped")
    expected: dict[tuple, object] = {}

    def add(key: tuple, n) -> None:
        if n:
            expected[key] = expected.get(key, 0) + n

    for agency, kind, outcome, new, carried_in, carried_out, n in raw["三"]:
        add((agency, "三", "new", kind), new)
        add((agency, "三", "carried_in", kind), carried_in)
        add((agency, "三", "carried_out", kind), carried_out)
        if outcome:
            add((agency, "三", row_of[outcome], kind), n)
    for agency, kind, issued, repealed, in_force in raw["二 文件"]:
        for column, n in (("issued", issued), ("repealed", repealed), ("in_force", in_force)):
            add((agency, "二", kind, column), n)
    for agency, kind, n in raw["二 决定"]:
        add((agency, "二", kind, "decisions"), n)
    for agency, amount in raw["二 收费"]:
        # SQLite sums decimals as floats (Django's Sum rounds to the field's 4 places): so does this.
        add((agency, "二", "fees", "amount"), Decimal(str(amount)).quantize(Decimal("0.0001")))
    for agency, kind, result, n in raw["四"]:
        add((agency, "四", "cases", column_key(kind, result)), n)
    for agency, n in raw["主动公开"]:
        add((agency, "published"), n)
    found: dict[tuple, object] = {}
    for agency, tables, published in region_tables(year):
        for table, values in tables.items():
            for (row, column), n in values.items():
                if n and column != TOTAL_COLUMN and row != "total" and not column.endswith(".total"):
                    found[(agency, table, row, column)] = n
        if published:
            found[(agency, "published")] = published
    keys = expected.keys() | found.keys()
    bad = sum(1 for k in keys if Decimal(str(expected.get(k, 0))) != Decimal(str(found.get(k, 0))))
    return len(keys), bad


def per_agency_sample(year: int, sample: int) -> float:
    """Seconds for ``build_report``'s table queries on ``sample`` agencies (one agency at a time)."""
    from gongkai.agencies.models import Agency
    from gongkai.annual import sources
    from gongkai.statute import format_for_year

    fmt = format_for_year(year)
    ids = list(Agency.objects.order_by("pk").values_list("pk", flat=True)[:sample])
    start = time.perf_counter()
    for pk in ids:
        one = Agency.objects.filter(pk=pk)
        sources.table_2_values(one, year, fmt)
        sources.table_3_values(one, year, fmt)
        sources.table_4_values(one, year, fmt)
        sources.publishing_stats().published_total(one, year)
    return time.perf_counter() - start


def _timed(func, *args) -> float:
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def _peak(func, *args) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        func(*args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def worker(backend: str, scale: str, rebuild: bool, repeat: int) -> dict:
    import resource

    url = database(backend, scale)
    if backend == "pg":
        from bench.caselist import ensure_database

        if rebuild:
            _drop_pg(url)
        reason = ensure_database(url)
        if reason:
            return {"skipped": reason}
    else:
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="web.settings", DJANGO_DEBUG="0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        found = loaded(cursor)
    if found is None or found["scale"] != scale:
        if found is not None:
            return {"skipped": f"数据库中是 {found['scale']} 规模的数据；请加 --rebuild"}
        print(f"[{backend} {scale}] 迁移并生成数据……", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        found = build(scale)
    else:
        print(f"[{backend} {scale}] 复用 {found['built_at']} 生成的数据（--rebuild 重新生成）", flush=True)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Warm the caches once (pages, Django's compiled querysets), then alternate the contenders.
    run_bulk(YEAR)
    for shape in ("conditional", "grouped"):
        run_baseline(YEAR, shape)
    times: dict[str, list[float]] = {"bulk": [], "bulk_server": [], "conditional": [], "grouped": []}
    for _ in range(repeat):
        times["bulk"].append(_timed(run_bulk, YEAR))
        times["bulk_server"].append(_timed(run_bulk, YEAR, True))
        for shape in ("conditional", "grouped"):
            times[shape].append(_timed(run_baseline, YEAR, shape))
    medians = {name: statistics.median(values) for name, values in times.items()}
    per_register = {}
    for name, sql, params in baseline_queries(YEAR, min(("conditional", "grouped"), key=medians.get)):
        with connection.cursor() as cursor:
            start = time.perf_counter()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            per_register[name] = (time.perf_counter() - start, len(rows))
    agencies, cells = run_bulk(YEAR)
    compared, mismatches = compare(YEAR)
    peak_bulk = _peak(run_bulk, YEAR)
    peak_bulk_server = _peak(run_bulk, YEAR, True)
    peak_baseline = _peak(run_baseline, YEAR, "grouped")
    sample = 50
    per_agency = per_agency_sample(YEAR, sample) / sample
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "backend": backend, "scale": scale, "counts": found["counts"], "built_at": found["built_at"],
        "times": times, "medians": medians, "per_register": per_register, "agencies": agencies, "cells": cells,
        "compared": compared, "mismatches": mismatches, "peak_bulk": peak_bulk, "peak_bulk_server": peak_bulk_server,
        "peak_baseline": peak_baseline,
        "per_agency": per_agency, "rss_kb": rss_after, "rss_delta_kb": rss_after - rss_before,
        "vendor": connection.vendor, "server": _server_version(),
    }


def _server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return "PostgreSQL " + cursor.fetchone()[0].split()[0]
        cursor.execute("SELECT sqlite_version()")
        return "SQLite " + cursor.fetchone()[0]


def _drop_pg(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
    except psycopg.OperationalError:
        pass  # ensure_database reports it


# --- the report ------------------------------------------------------------------------------------


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:.1f}"


def readme_lines(results: list[dict]) -> list[str]:
    done = [r for r in results if "skipped" not in r]
    repeat = len(done[0]["times"]["bulk"]) if done else 0
    lines = [
        "## 年度报告：每个机构的表二、三、四（5,000 个机构，100 万件申请）",
        "",
        f"计算 {YEAR} 年度每个机构自己的表二、表三、表四和主动公开总数（`gongkai.annual.bulk.region_tables`：每个"
        "登记簿一条 `GROUP BY agency_id, …`，按机构顺序读取并合并，Python 只处理聚合行，每个机构几行）。基线是同一次"
        "运行中手写的最少 SQL：每个登记簿一条 `GROUP BY`，`fetchall()` 取回即止，不组装；表三有两种写法（每行一个"
        "条件计数，或按办理结果分组），取较快者。两者的数字逐项比对。数据只生成聚合读取的列：表三只读申请上由办理"
        "事件得出的收到日期、答复日期、办理结果、申请人类别和演示标记，不读事件，所以不载入办理事件。",
        "",
        f"测于 {time.strftime('%Y-%m-%d %H:%M')}，2 核共享机器（同时有其他负载）；每项取 {repeat} 次的中位数，"
        "各方交替运行。`python -m bench annual --rebuild` 重新生成数据。",
        "",
        "| 数据库 | 数据 | bulk（秒） | 基线（秒） | 比值 | 目标 ≤ 1.5× | 服务器端游标（秒） | 比对的数字 | 不一致 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if "skipped" in r:
            lines.append(f"| {r['label']} | 本次未运行：{r['skipped']} | | | | | | | |")
            continue
        c, m = r["counts"], r["medians"]
        base = min(m["conditional"], m["grouped"])
        ratio = m["bulk"] / base
        verdict = ("达标" if ratio <= TARGET_RATIO else "未达标") if r["scale"] == "full" else "—（内存对照）"
        lines.append(
            f"| {r['server']} | {c['agencies']:,} 个机构、{c['applications']:,} 件申请、{c['items']:,} 条主动公开、"
            f"{c['appeals']:,} 件复议诉讼 | {m['bulk']:.2f} | {base:.2f} | {ratio:.2f} | "
            f"{verdict} | "
            f"{m['bulk_server']:.2f}（{m['bulk_server'] / base:.2f}×） | "
            f"{r['compared']:,} | {r['mismatches']} |")
    lines += [
        "",
        "“服务器端游标”是 `region_tables(..., server_side=True)`：PostgreSQL 不并行执行 `DECLARE CURSOR` 的查询，"
        "并按“尽快返回前几行”规划（按 agency_id 索引扫描），所以慢；默认用普通游标，客户端库持有聚合行（每个机构"
        "几行，与记录数无关），Python 每次取 2,000 行。SQLite 两种方式相同。",
        "",
        "内存（tracemalloc 峰值，完整算一遍；maxrss 为整个进程）：",
        "",
        "| 数据库 | 申请数 | bulk 峰值（MB） | 服务器端游标峰值（MB） | 基线 fetchall 峰值（MB） | 进程 maxrss（MB） |",
        "|---|---|---|---|---|---|",
    ]
    for r in done:
        lines.append(f"| {r['server']} | {r['counts']['applications']:,} | {_mb(r['peak_bulk'])} | "
                     f"{_mb(r['peak_bulk_server'])} | {_mb(r['peak_baseline'])} | {r['rss_kb'] / 1024:.0f} |")
    lines += ["", "其他数字：", ""]
    for r in done:
        regs = "，".join(f"{name} {t:.2f} 秒 {n:,} 行" for name, (t, n) in r["per_register"].items())
        c, m = r["counts"], r["medians"]
        lines.append(
            f"- {r['server']}，{c['applications']:,} 件申请：基线各条 {regs}。表三两种写法：条件计数 "
            f"{m['conditional']:.2f} 秒，按结果分组 {m['grouped']:.2f} 秒。登记簿：{c['documents']:,} 件文件、"
            f"{c['decisions']:,} 条决定数、{c['fees']:,} 条收费。逐个机构用 `build_report` 的查询：每个机构 "
            f"{r['per_agency'] * 1000:.0f} ms，{c['agencies']:,} 个机构约 {r['per_agency'] * c['agencies']:.0f} 秒。")
    full = {r["backend"]: r for r in done if r["scale"] == "full"}
    small = {r["backend"]: r for r in done if r["scale"] == "small"}
    for backend in full:
        if backend in small:
            lines.append(
                f"- 内存与记录数无关（{full[backend]['server']}）：{small[backend]['counts']['applications']:,} 件申请"
                f"时 bulk 峰值 {_mb(small[backend]['peak_bulk'])} MB，{full[backend]['counts']['applications']:,} 件时 "
                f"{_mb(full[backend]['peak_bulk'])} MB（都是 5,000 个机构：峰值取决于每批取回的 2,000 个聚合行和一个"
                "机构的表格，不取决于记录数）。")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench annual", description="每个机构的年度报告表格")
    parser.add_argument("--rebuild", action="store_true", help="重新生成数据（默认复用）")
    parser.add_argument("--backends", default="pg,sqlite", help="pg、sqlite，逗号分隔（默认两者）")
    parser.add_argument("--scales", default="full,small", help="full、small，逗号分隔（默认两者；small 用于比较内存）")
    parser.add_argument("--repeat", type=int, default=5, help="计时次数（默认 5，取中位数）")
    parser.add_argument("--worker", nargs=2, metavar=("BACKEND", "SCALE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        result = worker(*args.worker, args.rebuild, args.repeat)
        print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
        return 0

    from bench.readme import update_section

    results = []
    for backend in args.backends.split(","):
        for scale in args.scales.split(","):
            label = {"pg": "PostgreSQL", "sqlite": "SQLite"}[backend]
            print(f"=== {label}，{scale}", flush=True)
            command = [sys.executable, "-m", "bench", "annual", "--worker", backend, scale,
                       "--repeat", str(args.repeat), *(["--rebuild"] if args.rebuild else [])]
            proc = subprocess.run(command, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False)
            found = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
            for line in proc.stdout.splitlines():
                if not line.startswith("RESULT "):
                    print(line, flush=True)
            if proc.returncode or not found:
                results.append({"label": label, "skipped": f"进程退出码 {proc.returncode}"})
                continue
            result = json.loads(found[-1][len("RESULT "):])
            result.setdefault("label", label)
            results.append(result)
            if "skipped" in result:
                print(f"  跳过：{result['skipped']}", flush=True)
                continue
            m = result["medians"]
            base = min(m["conditional"], m["grouped"])
            print(f"  bulk {m['bulk']:.2f} 秒（服务器端游标 {m['bulk_server']:.2f}）；"
                  f"基线 {base:.2f} 秒（按行条件 {m['conditional']:.2f}，按结果分组 "
                  f"{m['grouped']:.2f}）；比值 {m['bulk'] / base:.2f}（目标 ≤ {TARGET_RATIO}）；"
                  f"{result['agencies']:,} 个机构、{result['cells']:,} 个单元格；比对 {result['compared']:,} 个数字，"
                  f"不一致 {result['mismatches']}；峰值内存 bulk {_mb(result['peak_bulk'])} MB、基线 "
                  f"{_mb(result['peak_baseline'])} MB；逐个机构 {result['per_agency'] * 1000:.0f} ms/机构", flush=True)
    (DATA / "annual-results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.backends == "pg,sqlite" and args.scales == "full,small":
        update_section("annual", readme_lines(results))
    else:
        print("（只运行了部分数据库或规模，不写入 bench/README.md）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
