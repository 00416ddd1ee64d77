"""``gongkai workdays``: due dates, working-day counts, and checking a year's notice file.

``gongkai.cli.build_parser`` calls ``add_workdays_parser``; ``run`` is the command.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from gongkai.cli import EXIT_OK, CLIError

if TYPE_CHECKING:
    from gongkai.workdays.model import Calendar, YearCalendar

# The library is imported by the commands, not here: building the parser must stay cheap
# for every other sub-command.


def add_workdays_parser(sub: argparse._SubParsersAction) -> None:
    workdays = sub.add_parser("workdays", help="工作日计算：期限届满日、工作日天数、载入节假日安排")
    actions = workdays.add_subparsers(dest="workdays_command", metavar="操作", required=True)

    add = actions.add_parser("add", help="起算日加 N 个工作日，输出期限届满日及计算过程")
    add.add_argument("date", metavar="DATE", help="起算日（如收到申请之日），YYYY-MM-DD")
    add.add_argument("n", metavar="N", help="工作日数，如 20")
    add.add_argument("--pause", nargs=3, action="append", default=[], metavar=("FROM", "TO", "REASON"),
                     help="暂停计算的期间（含首尾两日），如征求第三方意见；可多次使用")
    add.add_argument("--extend", metavar="N", help="延长的工作日数（条例第三十三条）")
    _common(add)

    count = actions.add_parser("count", help="两个日期之间的工作日天数（不含开始日，含结束日）")
    count.add_argument("start", metavar="START")
    count.add_argument("end", metavar="END")
    _common(count)

    load = actions.add_parser("load-year", help="校验一年的节假日安排文件并显示其内容")
    load.add_argument("file", metavar="FILE", help="节假日安排文件（.json 或 .toml）")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count-start-day", action="store_true", help="起算日当日计入期间（默认不计入）")
    parser.add_argument("--year-file", action="append", default=[], metavar="FILE",
                        help="另外载入的节假日安排文件（如尚未入库的下一年）；可多次使用")


def _parse_date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CLIError(f"{what}“{text}”不是有效日期，应为 YYYY-MM-DD，如 2024-09-27。") from None


def _parse_days(text: str, what: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise CLIError(f"{what}“{text}”不是整数。") from None
    if n < 1:
        raise CLIError(f"{what}必须是正整数，实际为 {n}。")
    return n


def _calendar(args: argparse.Namespace) -> Calendar:
    from gongkai.workdays.calendars import default_calendar
    from gongkai.workdays.yearfile import YearFileError

    try:
        return default_calendar(count_start_day=args.count_start_day, extra_files=args.year_file)
    except YearFileError as exc:
        raise CLIError(str(exc)) from None


def cmd_add(args: argparse.Namespace) -> int:
    from gongkai.workdays.arithmetic import Pause, add_workdays, extend
    from gongkai.workdays.explanation import explain

    start = _parse_date(args.date, "起算日")
    n = _parse_days(args.n, "工作日数")
    pauses = []
    for first, last, reason in args.pause:
        p_first, p_last = _parse_date(first, "暂停开始日"), _parse_date(last, "暂停结束日")
        if p_first > p_last:
            raise CLIError(f"暂停期间起止日期颠倒：{first} 晚于 {last}。")
        pauses.append(Pause(p_first, p_last, reason))
    calendar = _calendar(args)
    due = add_workdays(calendar, start, n, pauses)
    if args.extend is not None:
        due = extend(calendar, due, _parse_days(args.extend, "延长的工作日数"))
    print(due.date.isoformat() + ("（暂定）" if due.provisional else ""))
    print(explain(due))
    return EXIT_OK


def cmd_count(args: argparse.Namespace) -> int:
    from gongkai.workdays.arithmetic import count_workdays
    from gongkai.workdays.explanation import full_date, provisional_note

    start, end = _parse_date(args.start, "开始日期"), _parse_date(args.end, "结束日期")
    if end < start:
        raise CLIError(f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}。")
    calendar = _calendar(args)
    days = count_workdays(calendar, start, end)
    rule = "含开始日" if calendar.count_start_day else "不含开始日"
    print(days)
    line = f"{full_date(start)}至{full_date(end)}：{days}个工作日（{rule}，含结束日）"
    first = start if calendar.count_start_day else date.fromordinal(start.toordinal() + 1)
    unloaded = calendar.unloaded_years(min(first, end), end)
    print(line + (provisional_note(unloaded) if unloaded else ""))
    return EXIT_OK


def cmd_load_year(args: argparse.Namespace) -> int:
    from gongkai.workdays.yearfile import YearFileError, notice_summary, read_year_notice

    try:
        notice = read_year_notice(args.file)
    except YearFileError as exc:
        raise CLIError(str(exc)) from None
    for line in notice_summary(notice):
        print(line)
    print(_compare_with_seed(notice.year_calendar))
    print("文件校验通过。（存入数据库由管理页面和后续的入库命令完成。）")
    return EXIT_OK


def _compare_with_seed(year_calendar: YearCalendar) -> str:
    """For a seeded year, say whether the file agrees with the package's copy of the notice."""
    from gongkai.workdays.seed import SEED_YEARS, chinesecalendar_year

    if year_calendar.year not in SEED_YEARS:
        return f"{year_calendar.year}年目前未载入，载入后未结案件的期限须重新计算。"
    seeded = chinesecalendar_year(year_calendar.year)
    # Weekend days inside a range change no count; compare what the arithmetic sees.
    def working_changes(yc: YearCalendar) -> tuple[set[date], set[date]]:
        return ({d for d in yc.holidays if d.weekday() < 5}, set(yc.makeup_workdays))

    if working_changes(seeded) == working_changes(year_calendar):
        return f"与 chinesecalendar 中 {year_calendar.year} 年的数据一致。"
    (sh, sm), (fh, fm) = working_changes(seeded), working_changes(year_calendar)
    diffs = [f"{d.isoformat()} 文件中放假、软件包中上班" for d in sorted(fh - sh)]
    diffs += [f"{d.isoformat()} 软件包中放假、文件中上班" for d in sorted(sh - fh)]
    diffs += [f"{d.isoformat()} 文件中调休上班、软件包中休息" for d in sorted(fm - sm)]
    diffs += [f"{d.isoformat()} 软件包中调休上班、文件中休息" for d in sorted(sm - fm)]
    return f"与 chinesecalendar 中 {year_calendar.year} 年的数据不一致（以文件为准）：" + "；".join(diffs)


COMMANDS = {"add": cmd_add, "count": cmd_count, "load-year": cmd_load_year}


def run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.workdays_command](args)
    except ValueError as exc:  # the library's own checks speak Chinese already
        raise CLIError(str(exc)) from None
