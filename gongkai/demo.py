"""``make demo``: audit the example report and the corpus, then write the example report
done right in every output format into ``out/``.

The web system (later issues) extends this with the site and its demo data.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gongkai.cli import FileResult, _print_result, check_file

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_4f0b4356af47fe62.txt"
OUT = REPO / "out"

# What the officer of 张店区残联 corrects by hand before re-publishing: the sentences
# copied from another agency's report, and extraction debris. Everything else (headings,
# numbering, format, blank cells) is corrected by gongkai.report.conform.
EXAMPLE_TEXT_FIXES = {
    "淄博市张店区机关事务服务中心共公开政务信息": "淄博市张店区残疾人联合会机关共公开政务信息",
    "提升全中心“互联网+政务公开”水平": "提升区残联“互联网+政务公开”水平",
    "[bookmark: _GoBack]": "",
}


def audit_files() -> list[Path]:
    files = [SEED]
    for folder in ("pdf-text", "pdf", "docx"):
        files += sorted((SHARED / "corpus" / folder).glob("*"))
    return [f for f in files if f.is_file()]


def corrected_example():
    from gongkai.report.conform import conform
    from gongkai.report.readers import read

    report, _ = read(SEED)
    fixed, changes = conform(report, fill_blanks=True)
    for section in fixed.sections:
        text = section.text
        for old, new in EXAMPLE_TEXT_FIXES.items():
            if old in text:
                text = text.replace(old, new)
                changes.append(f"正文“{old}”改为“{new}”。" if new else f"删除正文中的“{old}”。")
        # Images cannot be read by machines or screen readers; the figures are in the tables.
        lines = [line for line in text.split("\n") if not line.startswith("[image:")]
        section.text = "\n".join(lines)
    return fixed, changes


def main() -> int:
    print("=== 一、审核示例报告和语料库中的真实报告 ===\n")
    results: list[FileResult] = []
    for path in audit_files():
        result = check_file(str(path))
        results.append(result)
        _print_result(result, quiet=False)
        print()

    print("=== 二、生成更正后的示例报告 ===\n")
    from gongkai.report.checks import run_checks
    from gongkai.report.jsonio import to_json
    from gongkai.report.tabular import to_csv
    from gongkai.report.writers import chart_png, render

    fixed, changes = corrected_example()
    for change in changes:
        print(f"  - {change}")
    OUT.mkdir(exist_ok=True)
    stem = "zhangdian_cjrlh_2021"
    written: list[Path] = []
    outputs: dict[str, str | bytes] = {"json": to_json(fixed), "csv": to_csv(fixed)}
    for target in ("txt", "md", "html", "docx", "pdf"):
        outputs[target] = render(fixed, target)
    for target, data in outputs.items():
        path = OUT / f"{stem}.{target}"
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        written.append(path)
    png = chart_png(fixed)
    if png:
        path = OUT / f"{stem}_chart.png"
        path.write_bytes(png)
        written.append(path)
    findings = run_checks(fixed)
    errors = [f for f in findings if f.severity == "error"]
    print(f"\n更正后的报告审核结果：错误 {len(errors)} 个，其他提示 {len(findings) - len(errors)} 个。")
    for f in findings:
        print(f"  [{f.severity}] {f.rule} {f.message}")

    print("\n=== 三、输出文件 ===\n")
    for path in written:
        print(f"  {path.relative_to(REPO)}")
    print("\n命令行示例：.venv/bin/gongkai check ../shared/seed/000_4f0b4356af47fe62.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
