"""Benchmark of the report engine (``python -m bench report``; ``make bench`` runs it with the others).

Parse-and-check throughput per layout on a generated corpus, as the median milliseconds
per report, against a baseline measured in the same run on the same files: the
underlying library alone (reading the text file, python-docx's ``Document()``,
pdfplumber's extraction, lxml's parse). Then ``gongkai check`` on one file from process
start to exit, against a bare ``python -c pass``.

The figures go to stdout and to their section of bench/README.md. A benchmark is not a
test: nothing here fails because of a timing.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / ".data"

TARGETS = {
    "word-text": ("≤ 5 ms", lambda ms, base: ms <= 5),
    "pdf-text": ("≤ 5 ms", lambda ms, base: ms <= 5),
    "flattened": ("≤ 5 ms", lambda ms, base: ms <= 5),
    "markdown": ("≤ 5 ms", lambda ms, base: ms <= 5),
    "json": ("≤ 5 ms", lambda ms, base: ms <= 5),
    "html": ("—", lambda ms, base: True),
    "docx": ("≤ 1.5× python-docx", lambda ms, base: ms <= 1.5 * base),
    "pdf": ("≤ 1.3× pdfplumber", lambda ms, base: ms <= 1.3 * base),
}


def _flatten(text: str) -> str:
    """A web page copied as text: one line, cells run together."""
    return "".join(part.strip() for part in text.replace("\t", "\n").splitlines())


def build_corpus(count: int, pdf_count: int) -> dict[str, list[Path]]:
    from gongkai.report.sample import random_report
    from gongkai.report.writers import render

    rng = random.Random(20261127)
    files: dict[str, list[Path]] = {layout: [] for layout in TARGETS}
    extension = {"word-text": "txt", "pdf-text": "txt", "flattened": "txt", "markdown": "md", "json": "json",
                 "html": "html", "docx": "docx", "pdf": "pdf"}
    for layout in TARGETS:
        (DATA / layout).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for i in range(count):
        report = random_report(rng, "2021" if rng.random() < 0.8 else "2019")
        paths = {layout: DATA / layout / f"r{i:05d}.{extension[layout]}" for layout in TARGETS}
        if not all(p.exists() for layout, p in paths.items() if layout not in ("pdf", "pdf-text") or i < pdf_count):
            txt = render(report, "txt")
            paths["word-text"].write_bytes(txt)
            paths["flattened"].write_text(_flatten(txt.decode("utf-8")), encoding="utf-8")
            paths["markdown"].write_bytes(render(report, "md"))
            paths["json"].write_bytes(render(report, "json"))
            paths["html"].write_bytes(render(report, "html"))
            paths["docx"].write_bytes(render(report, "docx"))
            if i < pdf_count:
                paths["pdf"].write_bytes(render(report, "pdf"))
                paths["pdf-text"].write_text(_pdf_text(paths["pdf"]), encoding="utf-8")
        for layout, path in paths.items():
            if path.exists():
                files[layout].append(path)
        if (i + 1) % 100 == 0:
            print(f"  语料：{i + 1}/{count}（{time.perf_counter() - started:.0f} 秒）", file=sys.stderr, flush=True)
    return files


def _pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _baseline(layout: str) -> Callable[[Path], object]:
    if layout == "docx":
        import docx

        return lambda p: docx.Document(str(p))
    if layout == "pdf":
        import pdfplumber

        def extract(p: Path) -> object:
            with pdfplumber.open(p) as pdf:
                return [(page.extract_text(), page.extract_tables()) for page in pdf.pages]

        return extract
    if layout == "html":
        import lxml.html

        return lambda p: lxml.html.fromstring(p.read_bytes())
    return lambda p: p.read_bytes().decode("utf-8")


def _median_ms(func: Callable[[Path], object], files: list[Path]) -> float:
    times = []
    for path in files:
        start = time.perf_counter()
        func(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure_layouts(files: dict[str, list[Path]]) -> list[tuple[str, int, float, float, str, bool]]:
    from gongkai.report.checks import run_checks
    from gongkai.report.readers import read

    def parse_and_check(path: Path) -> object:
        report, _ = read(path)
        return run_checks(report)

    rows = []
    for layout, paths in files.items():
        if not paths:
            continue
        baseline = _baseline(layout)
        # Objects left by earlier layouts would make every garbage collection slower for the
        # layouts measured later; freeze them so each layout starts from the same footing.
        gc.collect()
        gc.freeze()
        for path in paths[:20]:  # warm caches and imports for both sides
            baseline(path)
            parse_and_check(path)
        # The machine is shared: alternate the two sides over several rounds and keep each
        # side's best median, so that a burst of load does not decide the ratio.
        rounds = 3 if layout not in ("pdf",) else 1
        base_ms = ours_ms = float("inf")
        for _ in range(rounds):
            base_ms = min(base_ms, _median_ms(baseline, paths))
            ours_ms = min(ours_ms, _median_ms(parse_and_check, paths))
        target, met = TARGETS[layout]
        rows.append((layout, len(paths), ours_ms, base_ms, target, met(ours_ms, base_ms)))
        print(f"  {layout:10s} {len(paths):5d} 份  解析+审核 {ours_ms:7.2f} ms  基线 {base_ms:7.2f} ms  "
              f"比值 {ours_ms / base_ms if base_ms else float('nan'):6.2f}  目标 {target}", flush=True)
    return rows


def measure_cli(sample: Path, runs: int = 10) -> tuple[float, float]:
    env = dict(os.environ)
    python = sys.executable

    def timed(args: list[str]) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    ours = timed([python, "-m", "gongkai", "check", str(sample)])
    base = timed([python, "-c", "pass"])
    return ours, base


def readme_lines(rows, cli: tuple[float, float], count: int) -> list[str]:
    ours, base = cli
    lines = [
        "## 报告引擎：解析+审核",
        "",
        f"语料为随机生成的有效报告，共 {count} 份；PDF 及其提取文本为其中一部分（WeasyPrint 生成较慢，见下表份数）。",
        "基线与被测代码在同一次运行中、对同一批文件测得：文本为读取并解码文件，DOCX 为 python-docx 的",
        "`Document()`，PDF 为 pdfplumber 逐页提取文字和表格，HTML 为 lxml 解析。机器是共享的：除 PDF 外，",
        "两边交替测三轮，各取最好的一轮中位数。",
        "",
        f"机器：{os.cpu_count()} 核；Python {sys.version.split()[0]}；测于 {time.strftime('%Y-%m-%d %H:%M')}。",
        "",
        "| 版式 | 份数 | 解析+审核（中位数，ms/份） | 基线（ms/份） | 比值 | 目标 | 达标 |",
        "|---|---|---|---|---|---|---|",
    ]
    for layout, n, ms, base_ms, target, met in rows:
        ratio = f"{ms / base_ms:.2f}" if base_ms else "—"
        lines.append(f"| {layout} | {n} | {ms:.2f} | {base_ms:.3f} | {ratio} | {target} | {'是' if met else '否'} |")
    lines += [
        "",
        f"`gongkai check` 单个文件，从进程启动到退出（中位数）：{ours * 1000:.0f} ms；"
        f"空 Python 进程 {base * 1000:.0f} ms；比值 {ours / base:.1f}；目标 ≤ 500 ms："
        f"{'达标' if ours <= 0.5 else '未达标'}。",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    from bench.readme import update_section

    parser = argparse.ArgumentParser(prog="python -m bench report", description="报告引擎的解析+审核基准")
    parser.add_argument("--count", type=int, default=1000, help="语料份数（默认 1000）")
    parser.add_argument("--pdf-count", type=int, default=200, help="其中生成 PDF 的份数（默认 200）")
    parser.add_argument("--layouts", default="", help="只测这些版式，逗号分隔（如 flattened,pdf-text）；"
                                                      "只测部分版式时不写入 README")
    args = parser.parse_args(argv)
    print(f"生成语料（{args.count} 份，缓存在 bench/.data）……", flush=True)
    files = build_corpus(args.count, args.pdf_count)
    if args.layouts:
        wanted = set(args.layouts.split(","))
        files = {layout: paths for layout, paths in files.items() if layout in wanted}
    print("解析并审核：", flush=True)
    rows = measure_layouts(files)
    if args.layouts:
        return 0
    cli = measure_cli(files["word-text"][0])
    print(f"  gongkai check 单文件：{cli[0] * 1000:.0f} ms（空 Python 进程 {cli[1] * 1000:.0f} ms）")
    update_section("report", readme_lines(rows, cli, args.count))
    return 0


if __name__ == "__main__":
    sys.exit(main())
