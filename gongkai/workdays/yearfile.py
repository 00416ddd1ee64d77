"""A year's notice as a small data file: what staff load when the State Council publishes
the next year's holidays (the command now, the admin page later).

Format (JSON; TOML with the same keys also works)::

    {
      "year": 2027,
      "notice": "国办发明电〔2026〕N号",
      "notice_date": "2026-11-05",
      "holidays": [
        {"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
        {"name": "春节", "from": "2027-02-06", "to": "2027-02-13"}
      ],
      "makeup_workdays": [
        {"date": "2027-02-20", "name": "春节"}
      ]
    }

Each holiday range lists the rest days as the notice writes them, both ends included.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from gongkai.workdays.model import WEEKDAY_NAMES, YearCalendar, year_problems

YEAR_FILE_SUFFIXES = (".json", ".toml")


class YearFileError(ValueError):
    """A year file that cannot be used; the message lists every problem, in Chinese."""

    def __init__(self, path: str | Path, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__(f"节假日文件“{path}”有误：\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class HolidayRange:
    name: str
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class YearNotice:
    """The file as read, kept whole so that a summary can show it as the notice has it."""

    year_calendar: YearCalendar
    notice: str
    notice_date: date | None
    ranges: tuple[HolidayRange, ...]
    makeups: tuple[tuple[date, str], ...]


def _date(value: Any, what: str, problems: list[str]) -> date | None:
    if isinstance(value, date):  # TOML has real dates
        return value
    if not isinstance(value, str):
        problems.append(f"{what}缺失或不是日期：{value!r}（应为 YYYY-MM-DD）")
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.append(f"{what}日期格式错误：“{value}”（应为 YYYY-MM-DD 的有效日期）")
        return None


def _read_raw(path: Path) -> dict[str, Any]:
    if path.suffix.lower() not in YEAR_FILE_SUFFIXES:
        raise YearFileError(path, [f"不支持的文件类型“{path.suffix}”（应为 .json 或 .toml）"])
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YearFileError(path, ["文件不存在"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YearFileError(path, [f"无法读取文件：{exc}"]) from None
    try:
        raw = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise YearFileError(path, [f"文件不是有效的 {path.suffix[1:].upper()}：{exc}"]) from None
    if not isinstance(raw, dict):
        raise YearFileError(path, ["文件顶层应为对象（year、notice、holidays、makeup_workdays）"])
    return raw


def parse_year_notice(raw: dict[str, Any], path: str | Path = "<数据>") -> YearNotice:
    """Validate a notice given as plain data (a parsed file, or an admin form's values)."""
    problems: list[str] = []
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise YearFileError(path, [f"“year”应为 2000 至 2100 之间的年份，实际为 {year!r}"])
    notice = raw.get("notice")
    if not isinstance(notice, str) or not notice.strip():
        problems.append("缺少通知文号“notice”（如“国办发明电〔2023〕7号”）")
        notice = ""
    notice_date = _date(raw["notice_date"], "通知日期“notice_date”", problems) if "notice_date" in raw else None
    if notice_date is not None and notice_date.year not in (year - 1, year):
        problems.append(f"通知日期 {notice_date.isoformat()} 与 {year} 年不相符（通知通常在上一年发布）")

    ranges: list[HolidayRange] = []
    raw_ranges = raw.get("holidays")
    if not isinstance(raw_ranges, list) or not raw_ranges:
        problems.append("缺少放假安排“holidays”（至少一个节日的起止日期）")
        raw_ranges = []
    for i, item in enumerate(raw_ranges, start=1):
        if not isinstance(item, dict):
            problems.append(f"第{i}个放假安排应为对象（name、from、to）")
            continue
        name = item.get("name")
        label = f"第{i}个放假安排（{name}）" if isinstance(name, str) and name.strip() else f"第{i}个放假安排"
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{label}缺少节日名称“name”")
            name = ""
        first = _date(item.get("from"), f"{label}的开始日期", problems)
        last = _date(item.get("to"), f"{label}的结束日期", problems)
        if first and last:
            if first > last:
                problems.append(f"{label}的起止日期颠倒：开始 {first.isoformat()} 晚于结束 {last.isoformat()}")
            elif (last - first).days >= 31:
                problems.append(f"{label}长达 {(last - first).days + 1} 天，请核对起止日期")
            else:
                ranges.append(HolidayRange(name.strip(), first, last))

    makeups: list[tuple[date, str]] = []
    raw_makeups = raw.get("makeup_workdays", [])
    if not isinstance(raw_makeups, list):
        problems.append("“makeup_workdays”应为列表")
        raw_makeups = []
    for i, item in enumerate(raw_makeups, start=1):
        value, name = (item.get("date"), item.get("name", "")) if isinstance(item, dict) else (item, "")
        d = _date(value, f"第{i}个调休上班日", problems)
        if d:
            makeups.append((d, str(name or "").strip()))

    holiday_names: dict[date, str] = {}
    for r in sorted(ranges, key=lambda r: r.first):
        for k in range(r.days):
            d = r.first + timedelta(days=k)
            if d in holiday_names:
                problems.append(f"{d.isoformat()} 同时属于“{holiday_names[d]}”和“{r.name}”两个放假安排")
            holiday_names[d] = r.name
    seen: set[date] = set()
    for d, _ in makeups:
        if d in seen:
            problems.append(f"调休上班日 {d.isoformat()} 重复")
        seen.add(d)
    problems += year_problems(year, holiday_names, seen)
    if problems:
        raise YearFileError(path, problems)
    year_calendar = YearCalendar(
        year=year,
        holidays=frozenset(holiday_names),
        makeup_workdays=frozenset(seen),
        source=notice.strip(),
        holiday_names={**holiday_names, **{d: n for d, n in makeups if n}},
    )
    return YearNotice(year_calendar, notice.strip(), notice_date, tuple(ranges), tuple(sorted(makeups)))


def read_year_notice(path: str | Path) -> YearNotice:
    path = Path(path)
    return parse_year_notice(_read_raw(path), path)


def load_year_file(path: str | Path) -> YearCalendar:
    """The ``YearCalendar`` in a notice file; ``YearFileError`` lists every problem."""
    return read_year_notice(path).year_calendar


def notice_summary(notice: YearNotice) -> list[str]:
    """The notice as the command prints it back, for a person to compare with the original."""
    yc = notice.year_calendar
    head = f"{yc.year}年节假日安排：{notice.notice}"
    if notice.notice_date:
        head += f"（{notice.notice_date.year}年{notice.notice_date.month}月{notice.notice_date.day}日）"
    lines = [head, "放假："]
    for r in notice.ranges:
        span = _md(r.first, yc.year) if r.days == 1 else f"{_md(r.first, yc.year)}至{_md(r.last, yc.year)}"
        lines.append(f"  {r.name}：{span}，共{r.days}天")
    lines.append("调休上班：" if notice.makeups else "调休上班：无")
    for d, name in notice.makeups:
        lines.append(f"  {_md(d, yc.year)}（{WEEKDAY_NAMES[d.weekday()]}）" + (f"，{name}" if name else ""))
    lines.append(f"合计放假 {len(yc.holidays)} 天，调休上班 {len(yc.makeup_workdays)} 天。")
    return lines


def _md(d: date, year: int) -> str:
    """Month and day; the year only for a date outside the notice's year (late December before)."""
    return f"{d.month}月{d.day}日" if d.year == year else f"{d.year}年{d.month}月{d.day}日"
