"""``gongkai workdays`` as a user runs it: a real process, exit codes, Chinese messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).with_name("example_2027.json")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongkai", "workdays", *args], capture_output=True, text=True,
                          timeout=60)


def test_add_over_national_day_2024():
    result = run("add", "2024-09-27", "20")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2024-10-30"
    assert "10月1日至10月7日 国庆节假期，不计" in lines
    assert lines[-1] == "期限届满日：2024年10月30日（星期三），第20个工作日"


def test_add_over_spring_festival_2025():
    result = run("add", "2024-12-31", "20")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2025-02-05"
    assert "2025年1月26日 星期日 调休上班（春节），计入（第18个工作日）" in result.stdout


def test_count_start_day_setting():
    result = run("add", "2024-09-27", "20", "--count-start-day")
    assert result.stdout.splitlines()[0] == "2024-10-29"
    assert "起算日当日计入" in result.stdout


def test_2027_is_marked_provisional():
    result = run("add", "2026-12-20", "20")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].endswith("（暂定）")
    assert "（暂定：2027年的节假日安排尚未载入）" in result.stdout


def test_year_file_removes_the_provisional_mark():
    result = run("add", "2026-12-20", "20", "--year-file", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert "暂定" not in result.stdout


def test_pause_and_extension():
    result = run("add", "2024-09-27", "20", "--pause", "2024-10-10", "2024-10-20", "征求第三方意见",
                 "--extend", "20")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2024-12-09"
    assert "10月10日至10月20日 暂停计算：征求第三方意见，不计，其中工作日8天" in result.stdout
    assert "11月11日 原期限届满（第20个工作日）" in result.stdout


def test_count():
    result = run("count", "2024-09-27", "2024-10-30")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "20"


def test_load_year():
    result = run("load-year", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert "2027年节假日安排：示例〔2026〕0号" in result.stdout
    assert "文件校验通过" in result.stdout


def test_load_year_compares_a_seeded_year_with_chinesecalendar(tmp_path):
    path = tmp_path / "2024.json"
    path.write_text('{"year": 2024, "notice": "国办发明电〔2023〕7号", "holidays": ['
                    '{"name": "国庆节", "from": "2024-10-01", "to": "2024-10-07"}], "makeup_workdays": []}',
                    encoding="utf-8")
    result = run("load-year", str(path))
    assert result.returncode == 0
    assert "不一致" in result.stdout and "2024-02-15 软件包中放假、文件中上班" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2024-02-30", "20"), "起算日“2024-02-30”不是有效日期"),
        (("add", "2024-09-27", "-3"), "工作日数必须是正整数"),
        (("add", "2024-09-27", "0"), "工作日数必须是正整数"),
        (("add", "2024-09-27", "二十"), "工作日数“二十”不是整数"),
        (("add", "2024-09-27", "20", "--year-file", "/nonexistent/2027.json"), "文件不存在"),
        (("count", "2024-10-30", "2024-09-27"), "早于开始日期"),
        (("load-year", "/nonexistent/2027.json"), "文件不存在"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_message(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_year_file_lists_its_problems(tmp_path):
    path = tmp_path / "2027.json"
    path.write_text('{"year": 2027, "notice": "x", "holidays": [{"name": "元旦", "from": "2027-01-03", '
                    '"to": "2027-01-01"}], "makeup_workdays": ["2027-01-04"]}', encoding="utf-8")
    result = run("load-year", str(path))
    assert result.returncode == 2
    assert "起止日期颠倒" in result.stderr and "不是周末" in result.stderr
