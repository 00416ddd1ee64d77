"""``python -m gongkai.demo`` end to end in a subprocess, on a throwaway SQLite database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.demodata.logins import DEMO_LOGINS
from tests.conftest import REPO


def run_demo(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "GONGKAI_"))}
    environ.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}", "PYTHONPATH": str(REPO)}, **env)
    return subprocess.run(
        [sys.executable, "-m", "gongkai.demo"], cwd=REPO, env=environ, capture_output=True, text=True, timeout=900
    )


@pytest.mark.slow
def test_demo_migrates_loads_and_prints_the_logins(tmp_path):
    result = run_demo(tmp_path, GONGKAI_DEMO_SERVE="0", GONGKAI_DEMO_PORT="8765")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "更正后的报告审核结果：错误 0 个" in out  # the report part still runs first
    assert str(tmp_path / "demo.sqlite3") in out
    for url in ("http://127.0.0.1:8765/", "http://127.0.0.1:8765/staff/", "http://127.0.0.1:8765/admin/"):
        assert url in out
    login_lines = [line for line in out.splitlines() if " 密码 " in line]
    assert len(login_lines) == len(DEMO_LOGINS)
    for login, line in zip(DEMO_LOGINS, login_lines, strict=True):
        assert line.split()[:3] == [login.username, "密码", login.password]
    assert "经办人 · 淄博市张店区教育和体育局" in out and "监督 · 淄博市张店区人民政府" in out
    assert "不启动网站" in out
    assert (tmp_path / "demo.sqlite3").stat().st_size > 0



def test_a_busy_port_is_refused_in_chinese_before_any_work(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_demo(tmp_path, GONGKAI_DEMO_PORT=str(port))
    assert result.returncode == 1
    assert f"端口 {port} 已被占用" in result.stderr and "GONGKAI_DEMO_PORT" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "demo.sqlite3").exists()


def test_a_bad_port_setting_is_refused_in_chinese(tmp_path):
    result = run_demo(tmp_path, GONGKAI_DEMO_PORT="八千")
    assert result.returncode == 1
    assert "GONGKAI_DEMO_PORT 应为 1 至 65535 的端口号" in result.stderr
