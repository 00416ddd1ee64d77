"""The officer's case list under load (``python -m bench caselist [--rebuild]``).

1,000,000 applications across 200 agencies in PostgreSQL (``bench.caselist_data``, loaded once
with COPY and reused), served by a real server on 127.0.0.1 with DEBUG off: by default
``bench.caselist_server``, one process per CPU core with persistent database connections (how
the site is deployed); ``--server runserver`` measures ``manage.py runserver --noreload``
instead (one process, threads sharing one interpreter lock, a new connection per request).
One officer of one agency logs in over HTTP; a thread pool then GETs the
officer's list (/staff/cases/, other pages, the 即将到期 and 已逾期 tabs) and, interleaved in
the same run, a minimal Django view behind the same login (the baseline). It prints p50/p95
latency of both and their ratio; target p95 ≤ 150 ms for the list.

The number of SQL queries per page is counted in-process with ``CaptureQueriesContext`` for
page sizes 5 and 25; it must not depend on the page size (no N+1). The slowest query of each
list is shown with EXPLAIN ANALYZE.

When PostgreSQL does not answer, the benchmark says so and skips. It stops by itself.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench"
TARGET_P95_MS = 150
SETTINGS = "bench.caselist_settings"


def _skip(reason: str) -> int:
    from bench.readme import update_section

    print(f"跳过案件列表基准：{reason}", flush=True)
    update_section("caselist", ["## 经办人案件列表（PostgreSQL，100 万件）", "", f"本次未运行：{reason}。"])
    return 0


def ensure_database(url: str) -> str | None:
    """Create the database (UTF-8, from template0) when missing; the reason when PostgreSQL is unreachable."""
    import psycopg
    from psycopg import sql

    # Options after "?" (conn_max_age, sslmode…) are Django's or the server's, not the name's.
    name = url.split("?", 1)[0].rsplit("/", 1)[1]
    admin = url.split("?", 1)[0].rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
                conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                    sql.Identifier(name)))
                print(f"已创建数据库 {name}", flush=True)
    except psycopg.OperationalError as exc:
        return f"PostgreSQL 无法连接（{admin}）：{str(exc).strip().splitlines()[0]}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(kind: str, port: int, workers: int) -> list[str]:
    if kind == "runserver":
        return [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    return [sys.executable, "-m", "bench.caselist_server", "127.0.0.1", str(port), str(workers)]


def with_persistent_connections(url: str) -> str:
    return url if "conn_max_age" in url else url + ("&" if "?" in url else "?") + "conn_max_age=600"


@contextmanager
def server(env: dict[str, str], kind: str = "prefork", workers: int = 2):
    port = _free_port()
    log = open(REPO / "bench" / ".data" / "caselist-server.log", "w", encoding="utf-8")
    if kind != "runserver":
        # runserver starts a thread per request, which would only leak persistent connections.
        env = dict(env, DATABASE_URL=with_persistent_connections(env["DATABASE_URL"]))
    proc = subprocess.Popen(server_command(kind, port, workers), cwd=REPO, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("服务器未能启动，见 bench/.data/caselist-server.log") from None
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def login(base: str, username: str, password: str):
    import requests

    session = requests.Session()
    page = session.get(f"{base}/staff/login/", timeout=30)
    page.raise_for_status()
    token = session.cookies.get("csrftoken")
    reply = session.post(f"{base}/staff/login/", data={"username": username, "password": password,
                                                       "csrfmiddlewaretoken": token},
                         headers={"Referer": f"{base}/staff/login/"}, timeout=30, allow_redirects=False)
    if reply.status_code != 302:
        raise RuntimeError(f"登录失败（HTTP {reply.status_code}）")
    return session.cookies.get_dict()


def load_test(base: str, cookies: dict[str, str], paths: list[tuple[str, str]], requests_per_kind: int,
              threads: int) -> dict[str, list[float]]:
    """GET each (kind, path) in a shuffled, interleaved order from a thread pool; ms per kind."""
    import threading

    import requests

    local = threading.local()
    jobs = [(kind, path) for _ in range(requests_per_kind) for kind, path in paths]
    random.Random(1).shuffle(jobs)

    def get(job: tuple[str, str]) -> tuple[str, float, int]:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.cookies.update(cookies)
        kind, path = job
        start = time.perf_counter()
        reply = local.session.get(base + path, timeout=60, allow_redirects=False)
        return kind, (time.perf_counter() - start) * 1000, reply.status_code

    for job in paths:  # warm up every URL once (templates, the calendar's index, the page cache)
        get(job)
    result: dict[str, list[float]] = {}
    bad: list[tuple[str, int]] = []
    with ThreadPoolExecutor(threads) as pool:
        for kind, ms, status in pool.map(get, jobs):
            result.setdefault(kind, []).append(ms)
            if status != 200:
                bad.append((kind, status))
    if bad:
        raise RuntimeError(f"有 {len(bad)} 个请求未返回 200，如 {bad[:3]}")
    return result


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def query_counts(officer_username: str) -> tuple[dict[tuple[str, int], int], dict[str, tuple[float, str]]]:
    """SQL queries per GET of each list at page sizes 5 and 25, and each list's slowest query."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=officer_username))
    counts: dict[tuple[str, int], int] = {}
    slowest: dict[str, tuple[float, str]] = {}
    for label, path in LIST_PATHS:
        client.get(path)  # the first request of a process loads the holiday calendar: not per page
        for size in (5, 25):
            with mock.patch("gongkai.casework.views.PAGE_SIZE", size), CaptureQueriesContext(connection) as ctx:
                reply = client.get(path)
            assert reply.status_code == 200, (path, reply.status_code)
            counts[(label, size)] = len(ctx.captured_queries)
            worst = max(ctx.captured_queries, key=lambda q: float(q["time"]))
            if size == 25:
                slowest[label] = (float(worst["time"]) * 1000, worst["sql"])
    return counts, slowest


def explain(sql: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return [row[0] for row in cursor.fetchall()]


LIST_PATHS = [
    ("我的案件 第1页", "/staff/cases/"),
    ("我的案件 第37页", "/staff/cases/?page=37"),
    ("全部 第120页", "/staff/cases/?tab=all&page=120"),
    ("即将到期", "/staff/cases/?tab=due_soon"),
    ("已逾期 第2页", "/staff/cases/?tab=overdue&page=2"),
]


def main(argv: list[str] | None = None) -> int:
    from bench.readme import update_section

    parser = argparse.ArgumentParser(prog="python -m bench caselist", description="经办人案件列表的负载测试")
    parser.add_argument("--rebuild", action="store_true", help="重新生成数据（默认复用已载入的数据）")
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL), help="PostgreSQL 数据库")
    parser.add_argument("--requests", type=int, default=60, help="每个地址的请求数（默认 60）")
    parser.add_argument("--threads", type=int, default=4, help="并发线程数（默认 4）")
    parser.add_argument("--server", choices=("prefork", "runserver"), default="prefork",
                        help="prefork：每个 CPU 核一个进程、数据库长连接（默认，即部署方式）；runserver：开发服务器")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="prefork 的进程数（默认为 CPU 核数）")
    args = parser.parse_args(argv)

    reason = ensure_database(args.url)
    if reason:
        return _skip(reason)
    env = dict(os.environ, DATABASE_URL=args.url, DJANGO_SETTINGS_MODULE=SETTINGS, DJANGO_DEBUG="0")
    os.environ.update(DATABASE_URL=args.url, DJANGO_SETTINGS_MODULE=SETTINGS, DJANGO_DEBUG="0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import caselist_data as data

    print("数据库迁移……", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        found = data.loaded(cursor)
    if args.rebuild or found is None or found["applications"] != data.APPLICATIONS:
        print(f"生成并载入 {data.APPLICATIONS:,} 件申请（{data.AGENCIES} 个机构，COPY）……", flush=True)
        found = data.build(date.today())
    else:
        print(f"复用已载入的数据：{found['applications']:,} 件申请、{found['events']:,} 个事件"
              f"（{found['built_at']:%Y-%m-%d %H:%M} 生成；--rebuild 重新生成）", flush=True)
    from gongkai.casework.actions import do_refresh_due_dates

    # The COPY load leaves the cached due dates empty, and a holiday year loaded since makes
    # them stale: the lists would still be right, but would compute those clocks themselves.
    started = time.perf_counter()
    refreshed = do_refresh_due_dates()
    if refreshed:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE casework_application")
        seconds = time.perf_counter() - started
        print(f"已重新计算 {refreshed:,} 件办理中申请的届满日缓存（{seconds:.0f} 秒）", flush=True)
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Membership

    officer = get_user_model().objects.get(username=data.OFFICER)
    officer.set_password(data.PASSWORD)
    officer.save(update_fields=["password"])
    agency = Membership.objects.select_related("agency").get(user=officer).agency
    own_cases = agency.applications.count()
    print(f"经办人 {data.OFFICER}：{agency.name}，{own_cases:,} 件申请", flush=True)

    counts, slowest = query_counts(data.OFFICER)
    for label, _ in LIST_PATHS:
        print(f"  SQL 查询数 {label}：每页 5 条 {counts[(label, 5)]}，每页 25 条 {counts[(label, 25)]}", flush=True)
    constant = all(counts[(label, 5)] == counts[(label, 25)] for label, _ in LIST_PATHS)
    plans = {label: explain(sql) for label, (_, sql) in slowest.items()}

    paths = [*LIST_PATHS, ("基线：最小视图", "/bench/minimal/")]
    if args.server == "runserver":
        served_by = ("`manage.py runserver --noreload`（开发服务器：一个进程，各线程共用一个解释器锁，"
                     "每个请求新建数据库连接）")
    else:
        served_by = (f"`bench/caselist_server.py`，{args.workers} 个进程（每个 CPU 核一个，各自依次处理请求，"
                     "数据库长连接，即部署方式；`--server runserver` 改用开发服务器）")
    print(f"启动服务器（{args.server}，DEBUG 关闭），{args.threads} 个线程，每个地址 {args.requests} 次请求……",
          flush=True)
    load_before = os.getloadavg()[0]
    connection.close()
    with server(env, args.server, args.workers) as base:
        cookies = login(base, data.OFFICER, data.PASSWORD)
        started = time.perf_counter()
        times = load_test(base, cookies, paths, args.requests, args.threads)
        elapsed = time.perf_counter() - started
    load_after = os.getloadavg()[0]
    baseline = times.pop("基线：最小视图")
    every_list = [ms for values in times.values() for ms in values]
    base_p50, base_p95 = p(baseline, 0.5), p(baseline, 0.95)
    rows = []
    for label, _ in LIST_PATHS:
        values = times[label]
        rows.append((label, len(values), p(values, 0.5), p(values, 0.95)))
    all_p50, all_p95 = p(every_list, 0.5), p(every_list, 0.95)
    met = all_p95 <= TARGET_P95_MS
    for label, n, p50, p95 in rows:
        print(f"  {label}：{n} 次，p50 {p50:.0f} ms，p95 {p95:.0f} ms", flush=True)
    print(f"  全部列表请求：p50 {all_p50:.0f} ms，p95 {all_p95:.0f} ms；最小视图 p50 {base_p50:.0f} ms，"
          f"p95 {base_p95:.0f} ms；p95 比值 {all_p95 / base_p95:.1f}；共 {elapsed:.0f} 秒", flush=True)

    lines = [
        "## 经办人案件列表（PostgreSQL，100 万件）",
        "",
        f"数据：{found['agencies']} 个机构、{found['applications']:,} 件申请、{found['events']:,} 个办理事件，"
        f"收到日期 2025-01-01 至 {found['today']}，约 70% 已办结（COPY 载入，{found['built_at']:%Y-%m-%d} 生成，"
        "`python -m bench caselist --rebuild` 重新生成）。",
        f"服务器：{served_by}，DEBUG 关闭，127.0.0.1；经办人属于“{agency.name}”"
        f"（{own_cases:,} 件）。{args.threads} 个线程并发，各地址交替请求，每个地址 {args.requests} 次；"
        "基线为同一服务器上、同样需要登录的最小 Django 视图，同一次运行中测得。",
        "",
        f"测于 {time.strftime('%Y-%m-%d %H:%M')}。机器是 {os.cpu_count()} 核共享机器，测试时还有其他负载"
        f"（1 分钟平均负载：开始时 {load_before:.1f}，结束时 {load_after:.1f}）。",
        "",
        "| 列表 | 请求数 | p50（ms） | p95（ms） | SQL 查询数（每页 5 条） | SQL 查询数（每页 25 条） |",
        "|---|---|---|---|---|---|",
    ]
    for label, n, p50, p95 in rows:
        lines.append(f"| {label} | {n} | {p50:.0f} | {p95:.0f} | {counts[(label, 5)]} | {counts[(label, 25)]} |")
    lines += [
        f"| 基线：最小视图 | {len(baseline)} | {base_p50:.0f} | {base_p95:.0f} | — | — |",
        "",
        f"全部列表请求：p50 {all_p50:.0f} ms，p95 {all_p95:.0f} ms，为最小视图 p95 的 {all_p95 / base_p95:.1f} 倍。"
        f"目标 p95 ≤ {TARGET_P95_MS} ms：{'达标' if met else '未达标'}。"
        f"每页查询数与每页条数无关（无 N+1）：{'是' if constant else '否'}。",
        "",
        "改动前（2026-11-27 13:33，同一数据，runserver）：全部列表请求 p50 764 ms、p95 2,056 ms（即将到期、已逾期"
        " p95 约 2.3 秒，每次计算约 1,300 件候选申请的期限），最小视图 p50 163 ms。改动：列表顺序的索引、只读显示的列、"
        "办理中申请的届满日缓存（见 `docs/workspace.md`“列表如何计算期限”）、每个 CPU 核一个服务进程。",
        "",
        "各列表最慢的一条查询（每页 25 条）：",
        "",
    ]
    for label, (ms, sql) in slowest.items():
        lines.append(f"- {label}：{ms:.1f} ms — `{sql[:160]}{'…' if len(sql) > 160 else ''}`")
    update_section("caselist", lines)
    print("\nEXPLAIN ANALYZE（各列表最慢的查询）：")
    for label, plan in plans.items():
        print(f"--- {label}")
        print("\n".join(plan[:25]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
