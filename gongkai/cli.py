"""The ``gongkai`` command line.

``gongkai check`` must start fast and never import Django: everything heavy (the
writers' matplotlib and WeasyPrint, the web project) is imported only by the
sub-command that needs it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2

RENDER_TARGETS = ("docx", "pdf", "html", "md", "txt", "json")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "notice": "提示"}


class CLIError(Exception):
    """A usage problem with a Chinese message; exits with code 2."""


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own messages are English
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"gongkai：参数错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="gongkai",
        description="政府信息公开工作年度报告：读取、审核、转换。",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)

    check = sub.add_parser("check", help="审核一份或多份年度报告，列出发现的问题")
    check.add_argument("files", nargs="+", metavar="FILE", help="报告文件（txt、docx、pdf、html、md、json）")
    check.add_argument("--previous", metavar="FILE", help="上一年度的报告，用于跨年度核对")
    check.add_argument("--json", action="store_true", help="以 JSON 输出问题列表")
    check.add_argument("--jobs", type=int, default=0, metavar="N", help="并行进程数（默认按 CPU 数）")
    check.add_argument("--quiet", "-q", action="store_true", help="只输出汇总")

    parse = sub.add_parser("parse", help="读取报告，输出结构化数据")
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("--to", choices=("json", "csv"), default="json")
    parse.add_argument("-o", "--output", metavar="OUT", help="输出文件（默认标准输出）")

    render = sub.add_parser("render", help="把报告 JSON 生成为 docx/pdf/html/md/txt")
    render.add_argument("file", metavar="REPORT.json")
    render.add_argument("--to", choices=RENDER_TARGETS, required=True)
    render.add_argument("-o", "--output", metavar="OUT")

    convert = sub.add_parser("convert", help="读取任意格式的报告并转换为另一种格式")
    convert.add_argument("file", metavar="FILE")
    convert.add_argument("--to", choices=(*RENDER_TARGETS, "csv"), required=True)
    convert.add_argument("-o", "--output", metavar="OUT")

    report = sub.add_parser("report", help="由系统中的记录生成年度报告（需要网站数据库）")
    report_sub = report.add_subparsers(dest="report_command", metavar="子命令", parser_class=ChineseArgumentParser)
    report_build = report_sub.add_parser("build", help="由记录生成某机构某年度的报告")
    report_build.add_argument("--agency", required=True, metavar="NAME", help="机构全称或简称")
    report_build.add_argument("--year", required=True, type=int, metavar="YEAR", help="报告年度")
    report_build.add_argument("--to", choices=("json", "docx", "pdf", "html"), default="json")
    report_build.add_argument("-o", "--output", metavar="OUT", help="输出文件（默认标准输出）")
    rollup = report_build.add_mutually_exclusive_group()
    rollup.add_argument("--include-departments", dest="include_departments", action="store_true", default=None,
                        help="人民政府的报告汇总所属部门和乡镇（街道）的记录")
    rollup.add_argument("--own-only", dest="include_departments", action="store_false",
                        help="只统计本机构的记录")

    from gongkai.workdays.cli import add_workdays_parser

    add_workdays_parser(sub)
    return parser


# --- check ---------------------------------------------------------------------------


@dataclass
class FileResult:
    path: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    agency: str = ""
    year: int | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "error")


def _read_report(path: str):
    from gongkai.report.readers import read

    return read(path)


def check_file(path: str, previous: str | None = None) -> FileResult:
    """Read and check one file; never raises for a bad file (the error is in the result)."""
    from gongkai.report.checks import run_checks
    from gongkai.report.readers import ReadError

    result = FileResult(path)
    try:
        report, notes = _read_report(path)
        prev_report = _read_report(previous)[0] if previous else None
    except ReadError as exc:
        result.error = str(exc)
        return result
    except Exception as exc:  # a reader bug must not end a batch of hundreds of files
        result.error = f"读取时发生内部错误（{type(exc).__name__}），请报告此文件。"
        return result
    result.agency, result.year = report.meta.agency, report.meta.year
    result.notes = [str(n) for n in notes]
    result.findings = [f.to_dict() for f in run_checks(report, previous=prev_report)]
    return result


def _progress(done: int, total: int) -> None:
    if total < 4:
        return
    width = 30
    filled = width * done // total
    bar = "█" * filled + "░" * (width - filled)
    end = "\n" if done == total else ""
    if sys.stderr.isatty():
        print(f"\r审核进度 {bar} {done}/{total}", end=end, file=sys.stderr, flush=True)
    elif done == total or done % max(1, total // 10) == 0:
        print(f"审核进度 {done}/{total}", file=sys.stderr, flush=True)


def _check_all(files: Sequence[str], previous: str | None, jobs: int) -> list[FileResult]:
    if len(files) == 1 or jobs == 1:
        results = []
        for i, path in enumerate(files, start=1):
            results.append(check_file(path, previous))
            _progress(i, len(files))
        return results
    import os

    workers = jobs or min(len(files), os.cpu_count() or 1)
    results_by_index: dict[int, FileResult] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(check_file, path, previous): i for i, path in enumerate(files)}
        from concurrent.futures import as_completed

        for n, future in enumerate(as_completed(futures), start=1):
            results_by_index[futures[future]] = future.result()
            _progress(n, len(files))
    return [results_by_index[i] for i in range(len(files))]


def _location_text(location: dict[str, Any]) -> str:
    parts = []
    if location.get("table"):
        parts.append(f"表{location['table']}")
    if location.get("row"):
        parts.append(f"“{location['row']}”")
    if location.get("column"):
        parts.append(f"“{location['column']}”列")
    source = location.get("source") or {}
    if source.get("page"):
        parts.append(f"第{source['page']}页")
    if source.get("line"):
        parts.append(f"第{source['line']}行")
    return " ".join(parts)


def cmd_check(args: argparse.Namespace) -> int:
    for path in [*args.files, *([args.previous] if args.previous else [])]:
        if not Path(path).exists():
            raise CLIError(f"文件不存在：{path}")
    results = _check_all(args.files, args.previous, args.jobs)
    unreadable = sum(1 for r in results if r.error)
    errors = sum(r.errors for r in results)
    if args.json:
        payload: list[dict[str, Any]] = []
        for r in results:
            if r.error:
                payload.append({"file": r.path, "rule": "READ", "severity": "error", "message": r.error,
                                "location": {}})
            for f in r.findings:
                payload.append({"file": r.path, **f} if len(results) > 1 else f)
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for r in results:
            _print_result(r, quiet=args.quiet)
        warnings = sum(1 for r in results for f in r.findings if f["severity"] == "warning")
        notices = sum(1 for r in results for f in r.findings if f["severity"] == "notice")
        summary = f"共审核 {len(results)} 份报告：错误 {errors} 个，警告 {warnings} 个，提示 {notices} 个"
        if unreadable:
            summary += f"，无法读取 {unreadable} 份"
        print(summary + "。")
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if errors else EXIT_OK


def _print_result(result: FileResult, quiet: bool) -> None:
    if result.error:
        print(f"{result.path}：无法读取：{result.error}")
        return
    title = f"{result.agency or '（未识别机关）'} {result.year or '（未识别年度）'}年"
    print(f"== {result.path}（{title}）")
    if quiet:
        return
    for note in result.notes:
        print(f"  [读取说明] {note}")
    if not result.findings:
        print("  未发现问题。")
    for f in result.findings:
        where = _location_text(f.get("location") or {})
        severity = SEVERITY_NAMES.get(f["severity"], f["severity"])
        print(f"  [{severity}] {f['rule']} {f['message']}" + (f"（{where}）" if where else ""))


# --- parse, render, convert ----------------------------------------------------------------


def _write_output(data: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(data, bytes):
            if sys.stdout.isatty():
                raise CLIError("二进制输出（docx/pdf）需要用 -o 指定输出文件。")
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    path = Path(output)
    if path.parent and not path.parent.exists():
        raise CLIError(f"输出目录不存在：{path.parent}")
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    print(f"已写入 {path}", file=sys.stderr)


def _render(report, to: str) -> str | bytes:
    if to == "csv":
        from gongkai.report.tabular import to_csv

        return to_csv(report)
    if to == "json":
        from gongkai.report.jsonio import to_json

        return to_json(report) + "\n"
    from gongkai.report.writers import render

    data = render(report, to)
    return data.decode("utf-8") if to in ("html", "md", "txt") and isinstance(data, bytes) else data


def cmd_parse(args: argparse.Namespace) -> int:
    report, notes = _read_report(args.file)
    for note in notes:
        print(f"[读取说明] {note}", file=sys.stderr)
    _write_output(_render(report, args.to), args.output)
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from gongkai.report.jsonio import ReportJSONError, from_json

    try:
        report = from_json(Path(args.file).read_bytes())
    except OSError as exc:
        raise CLIError(f"无法打开文件“{args.file}”：{exc.strerror or exc}") from exc
    except ReportJSONError as exc:
        raise CLIError(str(exc)) from exc
    if report.format is None:
        raise CLIError("报告 JSON 没有格式版本（meta.format），无法生成。")
    _write_output(_render(report, args.to), args.output)
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    report, notes = _read_report(args.file)
    for note in notes:
        print(f"[读取说明] {note}", file=sys.stderr)
    _write_output(_render(report, args.to), args.output)
    return EXIT_OK


def cmd_workdays(args: argparse.Namespace) -> int:
    from gongkai.workdays.cli import run

    return run(args)


def _setup_django() -> None:
    """Only ``gongkai report`` needs the web project; the other commands never import Django."""
    import django
    from django.conf import settings

    if not settings.configured:
        from web import configure_settings_module

        configure_settings_module()
    django.setup()


def cmd_report(args: argparse.Namespace) -> int:
    if args.report_command != "build":
        raise CLIError("请给出子命令：gongkai report build --agency NAME --year YEAR --to json|docx|pdf|html")
    _setup_django()
    from gongkai.annual.commandline import build_for_cli

    try:
        report = build_for_cli(args.agency, args.year, args.include_departments)
    except ValueError as exc:
        raise CLIError(str(exc)) from exc
    _write_output(_render(report, args.to), args.output)
    return EXIT_OK


COMMANDS = {"check": cmd_check, "parse": cmd_parse, "render": cmd_render, "convert": cmd_convert,
            "workdays": cmd_workdays, "report": cmd_report}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_UNREADABLE
    from gongkai.report.readers import ReadError
    from gongkai.statute import UnknownFormatError

    try:
        return COMMANDS[args.command](args)
    except (CLIError, ReadError, UnknownFormatError) as exc:
        print(f"gongkai：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        print("gongkai：已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
