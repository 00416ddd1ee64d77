"""``make demo``: audit the example report and the corpus, write the example report done
right in every output format into ``out/``, then start the web site with demo data.

The site part migrates the default database (``var/gongkai.sqlite3`` unless ``DATABASE_URL``
says otherwise), loads the demo data (:mod:`gongkai.demodata`), prints the addresses and the
demo logins, and serves on 127.0.0.1:8000 until Ctrl-C.

Environment: ``GONGKAI_DEMO_SERVE=0`` stops after printing the logins (tests, CI);
``GONGKAI_DEMO_PORT`` changes the port.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path

from gongkai.cli import FileResult, _print_result, check_file
from gongkai.demodata.logins import DEFAULT_HOST as DEMO_HOST
from gongkai.demodata.logins import DEFAULT_PORT

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
    try:
        # Say at once, not after the audit, that the site cannot start.
        if serving():
            check_port_free(DEMO_HOST, demo_port())
    except DemoError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
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
    return site()


class DemoError(Exception):
    """Why the site cannot start, in Chinese for the person who typed ``make demo``."""


def demo_port() -> int:
    raw = os.environ.get("GONGKAI_DEMO_PORT", "").strip()
    if not raw:
        return DEFAULT_PORT
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise DemoError(f"环境变量 GONGKAI_DEMO_PORT 应为 1 至 65535 的端口号，现为“{raw}”")
    return int(raw)


def serving() -> bool:
    return os.environ.get("GONGKAI_DEMO_SERVE", "1").strip().lower() not in ("0", "false", "no", "off")


def check_port_free(host: str, port: int) -> None:
    """Bind once before Django does, so that a busy port gets a Chinese explanation instead of
    runserver's English one (the socket is closed again at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As Django's server does: a closed connection in TIME_WAIT must not count as busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise DemoError(
                    f"端口 {port} 已被占用（可能已有一个演示网站在运行）。请先关闭占用该端口的程序，"
                    f"或换一个端口：GONGKAI_DEMO_PORT=8001 make demo"
                ) from None
            raise DemoError(f"无法使用 {host}:{port}：{exc.strerror or exc}") from None


def prepare_site() -> None:
    """Migrate the default database and load the demo data; print where and how to log in."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    from web import configure_settings_module

    configure_settings_module()
    django.setup()
    database = settings.DATABASES["default"]
    where = database["NAME"] if database["ENGINE"].endswith("sqlite3") else f"{database.get('HOST')}/{database['NAME']}"
    print(f"数据库：{where}（DATABASE_URL 可更改）")
    print("正在更新数据库结构……")
    call_command("migrate", interactive=False, verbosity=0)

    from gongkai.demodata import DEMO_LOGINS, demo_urls, describe_login, load_demo

    print("正在载入演示数据……")
    summary = load_demo()
    for line in summary.lines():
        print(f"  {line}")

    print("\n=== 五、演示网站 ===\n")
    for label, url in demo_urls(DEMO_HOST, demo_port()):
        print(f"  {label}：{url}")
    print("\n演示账号（仅供演示，切勿用于正式环境）：")
    for login in DEMO_LOGINS:
        print(f"  {describe_login(login)}")
    print("\n重新载入演示数据：.venv/bin/python -m gongkai.demodata --reset（说明见 docs/demo.md）")


def site() -> int:
    print("\n=== 四、准备演示网站 ===\n")
    try:
        port = demo_port()
        prepare_site()
        if not serving():
            print("\nGONGKAI_DEMO_SERVE=0：不启动网站。")
            return 0
        # The port may have been taken while the data loaded.
        check_port_free(DEMO_HOST, port)
    except DemoError as exc:
        print(f"\n错误：{exc}", file=sys.stderr)
        return 1

    from django.core.management import call_command

    print(f"\n网站运行中：http://{DEMO_HOST}:{port}/ ，按 Ctrl-C 停止。\n", flush=True)
    # --insecure: serve the stylesheet even when DJANGO_DEBUG is off; this is the local demo.
    call_command("runserver", f"{DEMO_HOST}:{port}", use_reloader=False, insecure_serving=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
