"""bench/README.md: one section per benchmark, each replaced when its benchmark runs.

Running one benchmark (``python -m bench workdays``) rewrites its own section and keeps the
others' latest figures, so the file always holds the latest figure of every benchmark.
"""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"
ORDER = ("report", "workdays", "caselist", "search", "pages", "annual")
HEADER = [
    "# 基准测试结果",
    "",
    "由 `make bench`（`python -m bench`）生成；`python -m bench <名称>` 只运行其中一项（report、workdays、",
    "caselist、search、pages、annual），并只改写本文件中对应的一节。基准不是测试：不会因为耗时而失败。",
    "机器是共享的，数字会有波动。",
    "",
]
_SECTION = re.compile(r"<!-- bench:(?P<name>[a-z]+) -->\n(?P<body>.*?)<!-- /bench:(?P=name) -->\n", re.S)


def sections(text: str) -> dict[str, str]:
    return {m.group("name"): m.group("body") for m in _SECTION.finditer(text)}


def update_section(name: str, lines: list[str], path: Path = README) -> None:
    """Replace (or add) the section ``name`` with ``lines`` and write the file."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    found = sections(text)
    found[name] = "\n".join(lines).rstrip("\n") + "\n"
    names = [n for n in ORDER if n in found] + sorted(n for n in found if n not in ORDER)
    out = list(HEADER)
    for n in names:
        out.append(f"<!-- bench:{n} -->\n{found[n]}<!-- /bench:{n} -->\n")
    path.write_text("\n".join(out), encoding="utf-8")
