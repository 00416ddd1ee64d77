"""The Chinese explanation of a due date: start, setting, every skipped day and why,
pauses, extensions, and the result.  Ordinary weekdays are not listed; everything else is.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from gongkai.workdays.model import WEEKDAY_NAMES

if TYPE_CHECKING:
    from gongkai.workdays.arithmetic import DueDate, Step

START_DAY_RULE = "参照《民事诉讼法》第八十五条，期间开始之日不计入；条例未明确，可在设置中更改"


def full_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日（{WEEKDAY_NAMES[d.weekday()]}）"


def provisional_note(years: tuple[int, ...]) -> str:
    return "（暂定：" + "、".join(f"{y}年" for y in years) + "的节假日安排尚未载入）"


class _DateWriter:
    """Month and day only while the whole computation stays in the start's year."""

    def __init__(self, due: DueDate) -> None:
        self.with_year = due.start.year != due.date.year

    def day(self, d: date) -> str:
        return f"{d.year}年{d.month}月{d.day}日" if self.with_year else f"{d.month}月{d.day}日"

    def span(self, first: date, last: date) -> str:
        if first == last:
            return self.day(first)
        if first.year == last.year:  # 2025年1月4日至1月5日, not the year twice
            return f"{self.day(first)}至{last.month}月{last.day}日"
        return f"{self.day(first)}至{self.day(last)}"


def _ordinal(step: Step) -> str:
    first = step.total - step.counted + 1
    return f"第{step.total}个工作日" if step.counted == 1 else f"第{first}至第{step.total}个工作日"


def _step_line(step: Step, w: _DateWriter) -> str | None:
    from gongkai.workdays.arithmetic import StepKind

    span = w.span(step.first, step.last)
    mark = "（暂定）" if step.provisional else ""
    if step.kind is StepKind.WORKDAY:
        return None
    if step.kind is StepKind.WEEKEND:
        what = WEEKDAY_NAMES[step.first.weekday()] if step.days == 1 else "周末"
        return f"{span} {what}，不计{mark}"
    if step.kind is StepKind.HOLIDAY:
        return f"{span} {step.reason or '法定节假日'}假期，不计{mark}"
    if step.kind is StepKind.MAKEUP:
        weekdays = "、".join(WEEKDAY_NAMES[d.weekday()] for d in _days(step))
        for_what = f"（{step.reason}）" if step.reason else ""
        return f"{span} {weekdays} 调休上班{for_what}，计入（{_ordinal(step)}）"
    paused = f"，其中工作日{step.paused_workdays}天" if step.paused_workdays else ""
    return f"{span} 暂停计算：{step.reason}，不计{paused}{mark}"


def _days(step: Step) -> list[date]:
    from datetime import timedelta

    return [step.first + timedelta(days=k) for k in range(step.days)]


def explanation_lines(due: DueDate) -> list[str]:
    w = _DateWriter(due)
    lines = [f"起算日：{full_date(due.start)}"]
    if due.count_start_day:
        lines.append("起算日当日计入期间（设置：起算日计入）")
    else:
        lines.append(f"起算日当日不计入，自次日起计算（{START_DAY_RULE}）")
    period = f"期间：{due.workdays}个工作日"
    if due.extensions:
        period += "，" + "，".join(f"延长{e.workdays}个工作日" for e in due.extensions)
        period += f"，共{due.total_workdays}个工作日"
    lines.append(period)
    segment = 0
    last_total = 0
    for step in due.steps:
        while step.segment > segment:
            ext = due.extensions[segment]
            lines.append(f"{w.day(_segment_end(due, segment))} 原期限届满（第{last_total}个工作日）；"
                         f"延长{ext.workdays}个工作日：{ext.reason}")
            segment += 1
        line = _step_line(step, w)
        if line:
            lines.append(line)
        last_total = step.total
    if due.provisional:
        years = "、".join(f"{y}年" for y in due.unloaded_years)
        lines.append(f"注意：{years}的节假日安排尚未载入，暂按周六、周日休息计算；载入后须重新计算。")
    result = f"期限届满日：{full_date(due.date)}，第{due.total_workdays}个工作日"
    if due.provisional:
        result += provisional_note(due.unloaded_years)
    lines.append(result)
    return lines


def _segment_end(due: DueDate, segment: int) -> date:
    """The day the count reached the end of a segment (the original period or an extension)."""
    return max(s.last for s in due.steps if s.segment == segment and s.counted)


def explain(due: DueDate) -> str:
    return "\n".join(due.explanation)
