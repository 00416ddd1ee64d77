"""Due dates for 1,000,000 cases (``python -m bench workdays``).

The way casework computes a reply period: receipt date + 20 working days, the receipt day not
counted (``gongkai.workdays.add_workdays`` on the default calendar). Three ways, on the same
random receipt dates (2019-01-01 to 2026-11-30, so that every due date stays inside the
years chinesecalendar knows):

- list view, explanation off: only ``.date`` is read, as the case lists do;
- memo off: the same with the per-calendar memo cleared before every case, so each due date is
  computed from the index (what a cold list costs);
- detail view, explanation on: ``.explanation`` is read as well (the case page), on a sample;
- the baseline, ``chinese_calendar.find_workday`` once per case, in the same run. It walks day
  by day, so it is timed on a fixed sample and scaled to 1,000,000 (the output says so).

find_workday(0, d) is the first working day on or after d, so the 20th working day after the
receipt day is find_workday(19, receipt + 1 day); every answer is compared with ours.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from datetime import date, timedelta

CASES = 1_000_000
TARGET_RATIO = 50
FIRST, LAST = date(2019, 1, 1), date(2026, 11, 30)


def receipt_dates(count: int, seed: int = 20261127) -> list[date]:
    rng = random.Random(seed)
    first, span = FIRST.toordinal(), (LAST - FIRST).days
    return [date.fromordinal(first + rng.randrange(span + 1)) for _ in range(count)]


def _timed(func, *args) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    from bench.readme import update_section

    parser = argparse.ArgumentParser(prog="python -m bench workdays", description="100 万件申请的答复期限")
    parser.add_argument("--cases", type=int, default=CASES, help="案件数（默认 1000000）")
    parser.add_argument("--sample", type=int, default=10_000, help="find_workday 和“含说明”计时的样本数")
    args = parser.parse_args(argv)

    import chinese_calendar

    from gongkai.workdays import add_workdays, default_calendar
    from gongkai.workdays.arithmetic import _index

    calendar = default_calendar()
    dates = receipt_dates(args.cases)
    sample = dates[: min(args.sample, len(dates))]
    memo = _index(calendar).memo

    def list_view(ds: list[date]) -> list[date]:
        return [add_workdays(calendar, d, 20).date for d in ds]

    def cold(ds: list[date]) -> list[date]:
        out = []
        for d in ds:
            memo.clear()
            out.append(add_workdays(calendar, d, 20).date)
        return out

    def detail_view(ds: list[date]) -> list[int]:
        memo.clear()  # explanations are walked once per due date object: start from none
        out = []
        for d in ds:
            memo.clear()
            out.append(len(add_workdays(calendar, d, 20).explanation))
        return out

    def baseline(ds: list[date]) -> list[date]:
        one = timedelta(days=1)
        return [chinese_calendar.find_workday(19, d + one) for d in ds]

    print(f"答复期限：{args.cases:,} 件，收到日期在 {FIRST} 至 {LAST}，加 20 个工作日（收到当日不计）", flush=True)
    memo.clear()
    ours_s, ours = _timed(list_view, dates)
    cold_s, cold_dates = _timed(cold, dates)
    detail_s, _ = _timed(detail_view, sample)
    base_s, base = _timed(baseline, sample)
    mismatches = sum(1 for a, b in zip(ours, base, strict=False) if a != b)
    assert ours == cold_dates
    per_second = {
        "ours": args.cases / ours_s,
        "cold": args.cases / cold_s,
        "detail": len(sample) / detail_s,
        "base": len(sample) / base_s,
    }
    ratio = {k: v / per_second["base"] for k, v in per_second.items()}
    scaled_base = args.cases / per_second["base"]
    rows = [
        ("列表（只取日期，同日收到的期限复用）", args.cases, ours_s, per_second["ours"], ratio["ours"]),
        ("列表，不复用（每件都由索引计算）", args.cases, cold_s, per_second["cold"], ratio["cold"]),
        ("案件页（含完整计算说明）", len(sample), detail_s, per_second["detail"], ratio["detail"]),
        ("基线 chinese_calendar.find_workday", len(sample), base_s, per_second["base"], 1.0),
    ]
    for what, n, seconds, rate, r in rows:
        print(f"  {what}：{n:,} 件 {seconds:.2f} 秒，{rate:,.0f} 件/秒，为基线的 {r:,.1f} 倍", flush=True)
    print(f"  find_workday 按样本 {len(sample):,} 件推算 {args.cases:,} 件需 {scaled_base:.1f} 秒；"
          f"与我们的结果不一致 {mismatches} 件", flush=True)
    met = ratio["ours"] >= TARGET_RATIO
    lines = [
        "## 法定工作日：100 万件申请的答复期限",
        "",
        f"收到日期随机分布在 {FIRST} 至 {LAST}（使期限届满日都在 chinesecalendar 已知的年份内），"
        "加 20 个工作日，收到当日不计，与办件相同（`gongkai.workdays.add_workdays`）。基线为每件调用一次",
        "`chinese_calendar.find_workday(19, 收到日+1)`（即收到日后第 20 个工作日），同一次运行、同一批日期；"
        f"它逐日计算，按 {len(sample):,} 件的样本计时并推算到 {args.cases:,} 件。"
        f"双方结果逐件比对：不一致 {mismatches} 件。",
        "",
        f"测于 {time.strftime('%Y-%m-%d %H:%M')}。",
        "",
        "| 计算方式 | 件数 | 耗时（秒） | 件/秒 | 为基线的倍数 |",
        "|---|---|---|---|---|",
    ]
    for what, n, seconds, rate, r in rows:
        lines.append(f"| {what} | {n:,} | {seconds:.2f} | {rate:,.0f} | {r:,.1f} |")
    lines += [
        "",
        f"目标：至少为基线的 {TARGET_RATIO} 倍（按列表的算法，即第一行）：{'达标' if met else '未达标'}"
        f"（{ratio['ours']:,.1f} 倍）。不复用同日结果时为 {ratio['cold']:,.1f} 倍。",
    ]
    update_section("workdays", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
