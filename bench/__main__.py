"""``make bench`` = ``python -m bench``: every benchmark in turn; ``python -m bench NAME [options]``
runs one (``report``, ``workdays``, ``caselist``, ``search``, ``pages``, ``annual``; ``python -m bench NAME --help``
lists its options).

Each benchmark prints its figures and rewrites its own section of bench/README.md.
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "report": ("bench.report", "报告引擎：各版式的解析+审核耗时"),
    "workdays": ("bench.workdays", "法定工作日：100 万件申请的答复期限，对比 chinese_calendar.find_workday"),
    "caselist": ("bench.caselist", "经办人案件列表：PostgreSQL 100 万件申请，回环地址上的真实服务器"),
    "annual": ("bench.annual", "年度报告：5,000 个机构的表二、三、四，100 万件申请，对比手写 GROUP BY"),
    "search": ("bench.search", "门户检索：100 万条信息，2、3、4 个字的检索词，PostgreSQL 和 SQLite"),
    "pages": ("bench.pages", "门户页面吞吐量：信息页和目录列表页，对比最小 Django 视图"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        for name, (_, what) in BENCHMARKS.items():
            print(f"  {name:10s} {what}")
        return 0
    if argv and not argv[0].startswith("-"):
        name = argv.pop(0)
        if name not in BENCHMARKS:
            print(f"没有名为“{name}”的基准；可选：{'、'.join(BENCHMARKS)}", file=sys.stderr)
            return 2
        return importlib.import_module(BENCHMARKS[name][0]).main(argv)
    status = 0
    for name, (module, what) in BENCHMARKS.items():
        print(f"\n=== {name}：{what} ===", flush=True)
        status = max(status, importlib.import_module(module).main(argv if name == "report" else []))
    return status


if __name__ == "__main__":
    sys.exit(main())
