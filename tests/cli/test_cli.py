"""The command line, run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.conftest import CORPUS, SEED


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongkai", *args], capture_output=True, input=stdin, timeout=120)


def test_check_example_report_finds_errors_and_exits_1():
    result = run("check", str(SEED))
    out = result.stdout.decode()
    assert result.returncode == 1, out + result.stderr.decode()
    assert "淄博市张店区残疾人联合会机关" in out
    assert out.strip().splitlines()[-1].startswith("共审核 1 份报告：错误")


def test_check_clean_report_exits_0():
    result = run("check", str(CORPUS / "pdf-text" / "huaian_city_gov_2024.pypdf.txt"))
    assert result.returncode == 0, result.stdout.decode()
    assert "错误 0 个" in result.stdout.decode()


def test_check_json_fields():
    result = run("check", "--json", str(SEED))
    findings = json.loads(result.stdout)
    assert findings, "the example report has findings"
    for finding in findings:
        assert {"rule", "severity", "message", "location"} <= finding.keys()
        assert finding["severity"] in ("error", "warning", "notice")


def test_check_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    result = run("check", str(bad), str(SEED))
    assert result.returncode == 2
    assert "无法读取" in result.stdout.decode()
    assert "Traceback" not in result.stderr.decode()


def test_check_missing_file_exits_2_with_message(tmp_path):
    result = run("check", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "文件不存在" in result.stderr.decode()


def test_check_many_files_in_parallel_shows_progress(tmp_path):
    files = []
    for i in range(5):
        path = tmp_path / f"r{i}.txt"
        path.write_bytes(SEED.read_bytes())
        files.append(str(path))
    result = run("check", "--jobs", "2", *files)
    assert result.returncode == 1
    assert "审核进度 5/5" in result.stderr.decode()
    assert "共审核 5 份报告" in result.stdout.decode()


def test_parse_csv_is_stable_and_labelled():
    result = run("parse", str(SEED), "--to", "csv")
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.reader(io.StringIO(result.stdout.decode())))
    assert rows[0] == ["table", "row", "column", "value"]
    body = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    assert body[("三", "（三）不予公开 / 1.属于国家秘密", "总计")] == "0"
    assert body[("三", "（三）不予公开 / 1.属于国家秘密", "自然人")] == ""
    assert body[("四", "", "行政诉讼 / 复议后起诉 / 总计")] == "0"
    assert body[("二", "第二十条第（一）项 / 规范性文件", "本年新制作数量")] == "0"
    again = run("parse", str(SEED), "--to", "csv")
    assert again.stdout == result.stdout


def test_parse_json_then_render_txt(tmp_path):
    out = tmp_path / "r.json"
    assert run("parse", str(SEED), "-o", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "gongkai.report" and data["meta"]["year"] == 2021
    txt = tmp_path / "r.txt"
    result = run("render", str(out), "--to", "txt", "-o", str(txt))
    assert result.returncode == 0, result.stderr.decode()
    assert "政府信息公开工作年度报告" in txt.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "{missing}", "--to", "pdf"], "无法打开文件"),
        (["render", "{seed}", "--to", "pdf"], "JSON"),
        (["convert", "{seed}", "--to", "xlsx"], "参数错误"),
        (["frobnicate"], "参数错误"),
    ],
)
def test_bad_input_gets_a_message_and_exit_2(tmp_path, args, message):
    args = [a.format(missing=tmp_path / "none.json", seed=SEED) for a in args]
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_check_does_not_import_django():
    code = (
        "import sys; from gongkai.cli import main; "
        f"rc = main(['check', '-q', {str(SEED)!r}]); "
        "assert 'django' not in sys.modules, 'django imported'; print('ok', rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert b"ok 1" in result.stdout, result.stderr.decode()
