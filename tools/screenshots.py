"""Screenshots of the demo for the README: ``.venv/bin/python tools/screenshots.py``.

Starts from a fresh temporary SQLite database, migrates, loads the demo data
(``gongkai.demodata.load_demo``), serves it with ``manage.py runserver --noreload --insecure``
on a free loopback port, and drives Chromium (Playwright, ``/usr/bin/chromium`` or
``GONGKAI_CHROMIUM``) through the portal, the officer's workspace, the annual report and the
supervisor's dashboard. The PNGs go to ``docs/screenshots/`` (``--out`` to change), 1280 pixels
wide, long pages cut at ``--max-height``, reduced to a 256-colour palette so that each stays
small. The server is stopped and the temporary files removed at the end, also on failure.

Nothing outside the temporary directory is written except the PNGs: the database, uploads
(``GONGKAI_PRIVATE_MEDIA_ROOT``) and e-mail (console) all stay in it.
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
WIDTH = 1280
VIEWPORT_HEIGHT = 900

JIAOTI = "淄博市张店区教育和体育局"
ITEM_TITLE = "2025年张店区义务教育阶段学校招生工作实施方案"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_environment(workdir: Path) -> None:
    """Point Django (this process and the server) at throw-away storage, then set it up."""
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'demo.sqlite3'}"
    os.environ["GONGKAI_PRIVATE_MEDIA_ROOT"] = str(workdir / "private")
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made between
    # pages are ordinary synchronous code, which Django cannot tell apart.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def load_database() -> None:
    from django.core.management import call_command
    from django.db import connections

    from gongkai.demodata import load_demo

    call_command("migrate", verbosity=0, interactive=False)
    summary = load_demo()
    print(f"演示数据：{summary.agencies} 个机构，{summary.users} 个账号，{summary.applications} 件申请")
    connections.close_all()  # the server writes to the same SQLite file


@contextmanager
def running_server(port: int, log: Path) -> Iterator[str]:
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, str(REPO / "manage.py"), "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
            cwd=REPO, env=os.environ.copy(), stdout=out, stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(base, server)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"网站未能启动（退出码 {server.returncode}）")
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise SystemExit(f"网站在 {timeout:.0f} 秒内没有响应：{base}")


class Shooter:
    """Saves a page as a small PNG: full width, the page's height up to ``max_height``."""

    def __init__(self, out: Path, max_height: int) -> None:
        self.out, self.max_height = out, max_height
        self.saved: list[Path] = []

    def __call__(
        self, page: Any, name: str, *, until: str | None = None, through: str | None = None,
        max_height: int | None = None,
    ) -> Path:
        """``until``/``through``: a CSS selector; the picture ends at the top/bottom of that element
        (to cut a long page at a sensible place). Otherwise it ends below the page's footer."""
        if until or through:
            box = page.locator(until or through).first.bounding_box()
            scroll = page.evaluate("window.scrollY")
            bottom = box["y"] + scroll + (0 if until else box["height"] + 16)
        else:
            # The content's bottom, not the viewport's: short pages get no empty band.
            bottom = page.evaluate(
                "Math.max(...Array.from(document.body.children).map(e => e.getBoundingClientRect().bottom))"
                " + window.scrollY + 16"
            )
        clip = {"x": 0, "y": 0, "width": WIDTH, "height": int(min(bottom, max_height or self.max_height))}
        raw = page.screenshot(full_page=True, clip=clip)
        from PIL import Image

        image = Image.open(io.BytesIO(raw)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        path = self.out / f"{name}.png"
        image.save(path, optimize=True)
        self.saved.append(path)
        print(f"  {path.relative_to(REPO) if path.is_relative_to(REPO) else path}（{path.stat().st_size // 1024} KB）")
        return path


def login(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f"{username}-demo")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/staff/")


def portal(page: Any, base: str, shoot: Callable[..., Path]) -> None:
    page.goto(f"{base}/")
    shoot(page, "01-portal-home")
    page.get_by_label("检索政府信息").fill("招生")
    page.get_by_role("button", name="检索").first.click()
    page.wait_for_load_state()
    shoot(page, "02-portal-search")
    page.get_by_role("link", name=ITEM_TITLE).first.click()
    page.wait_for_load_state()
    shoot(page, "03-portal-item")


def apply_and_track(page: Any, base: str, shoot: Callable[..., Path]) -> None:
    """A citizen applies online; staff decide and deliver through the casework actions; the
    citizen tracks it and sees the decision and the reply letter."""
    from django.db import connections
    from django.utils import timezone

    from gongkai.accounts.models import User
    from gongkai.agencies.models import Agency
    from gongkai.casework import actions as casework
    from gongkai.casework.models import Application

    agency = Agency.objects.get(name=JIAOTI)
    page.goto(f"{base}/agencies/{agency.pk}/apply/")
    page.get_by_label("申请人类型").select_option("natural")
    page.get_by_label("姓名或名称").fill("李华")
    page.get_by_label("身份证明类型").select_option("resident_id")
    page.get_by_label("身份证明号码").fill("370303199001011239")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("电子邮箱").fill("lihua@example.com")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("马尚街道片区2026年小学招生划片图")
    page.get_by_label("所需信息的形式").select_option("electronic")
    page.get_by_label("获取信息的方式").select_option("email")
    page.get_by_role("button", name="提交申请").click()
    receipt = page.locator(".receipt-number").inner_text()
    code = page.locator(".tracking-code").inner_text()

    application = Application.objects.get(agency=agency, receipt_number=receipt)
    approver = User.objects.get(username="shenhe")
    today = timezone.localdate()
    casework.do_decide(application, "DISCLOSED", on=today, actor=approver)
    casework.do_deliver(application, method="email", on=today, actor=approver)
    connections.close_all()

    page.goto(f"{base}/track/")
    page.get_by_label("受理编号").fill(receipt)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.locator(".decision").wait_for()
    shoot(page, "04-portal-tracking")


def casework_pages(page: Any, base: str, shoot: Callable[..., Path]) -> None:
    from django.db import connections
    from django.db.models import Count

    from gongkai.casework.models import Application

    login(page, base, "jingban")
    page.goto(f"{base}/staff/cases/")
    shoot(page, "05-staff-case-list")
    # The demo case with the longest history shows the most of the case page.
    case = (
        Application.objects.filter(agency__name=JIAOTI).annotate(n=Count("events")).order_by("-n", "pk").first()
    )
    connections.close_all()
    page.goto(f"{base}/staff/cases/{case.pk}/")
    shoot(page, "06-staff-case", until="#h-audit")


def annual_pages(page: Any, base: str, shoot: Callable[..., Path]) -> None:
    login(page, base, "jingban")
    page.goto(f"{base}/staff/reports/")
    page.get_by_role("link", name=JIAOTI).first.click()
    page.wait_for_load_state()
    finding = page.locator("#findings tr[data-rule='PL-REGULATIONS']")
    finding.wait_for()
    shoot(page, "07-annual-report-finding", through="#section-proactive", max_height=2600)
    finding.get_by_role("link").click()
    page.wait_for_load_state()
    shoot(page, "08-annual-cell-records")

    page.context.clear_cookies()
    page.goto(f"{base}/reports/")
    page.get_by_role("link", name="淄博市张店区残疾人联合会2021年政府信息公开工作年度报告").click()
    page.wait_for_load_state()
    shoot(page, "09-portal-annual-report")

    login(page, base, "jiandu")
    page.goto(f"{base}/staff/reports/supervision/?year=2025")
    shoot(page, "10-supervision-dashboard")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="由演示数据生成 README 用的截图")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="截图目录（默认 docs/screenshots）")
    parser.add_argument("--max-height", type=int, default=2000, help="长页面截取的最大高度（像素）")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"找不到 Chromium（{CHROMIUM}）：请 apt-get install chromium，或设置 GONGKAI_CHROMIUM", file=sys.stderr)
        return 2
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    shoot = Shooter(out, args.max_height)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="gongkai-screenshots-") as tmp:
        workdir = Path(tmp)
        prepare_environment(workdir)
        load_database()
        with running_server(free_port(), workdir / "server.log") as base, sync_playwright() as p:
            print(f"网站：{base}")
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            try:
                context = browser.new_context(
                    locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": WIDTH, "height": VIEWPORT_HEIGHT}
                )
                context.set_default_timeout(30_000)
                page = context.new_page()
                portal(page, base, shoot)
                apply_and_track(page, base, shoot)
                casework_pages(page, base, shoot)
                annual_pages(page, base, shoot)
            finally:
                browser.close()
    print(f"共 {len(shoot.saved)} 张截图，保存在 {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
