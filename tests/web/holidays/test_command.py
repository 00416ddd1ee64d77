"""manage.py load_holiday_year FILE [--replace]."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.holidays.models import HolidayYear
from gongkai.holidays.services import current_calendar

from .conftest import EXAMPLE_2027

MANAGE = Path(__file__).resolve().parents[3] / "manage.py"

pytestmark = pytest.mark.django_db

TOML_2027 = """\
year = 2027
notice = "示例〔2026〕1号"
notice_date = 2026-11-02

[[holidays]]
name = "元旦"
from = 2027-01-01
to = 2027-01-03

[[makeup_workdays]]
date = 2027-02-20
name = "春节"
"""


def run(*args: str) -> str:
    out = StringIO()
    call_command("load_holiday_year", *args, stdout=out)
    return out.getvalue()


def test_loads_a_good_file(django_capture_on_commit_callbacks, loaded_signals):
    with django_capture_on_commit_callbacks(execute=True):
        output = run(str(EXAMPLE_2027))
    assert "春节：2月5日至2月12日，共8天" in output
    assert "已载入2027年节假日安排" in output
    year = HolidayYear.objects.get(year=2027)
    assert year.source_name == "example_2027.json" and year.loaded_by is None
    assert current_calendar().is_loaded(2027)
    assert [s["year"] for s in loaded_signals] == [2027]


def test_refuses_to_overwrite_without_replace(tmp_path):
    run(str(EXAMPLE_2027))
    toml = tmp_path / "2027.toml"
    toml.write_text(TOML_2027, encoding="utf-8")
    with pytest.raises(CommandError, match=r"已经载入.*--replace"):
        run(str(toml))
    assert HolidayYear.objects.get(year=2027).ranges.count() == 7
    output = run(str(toml), "--replace")
    assert "元旦：1月1日至1月3日，共3天" in output
    year = HolidayYear.objects.get(year=2027)
    assert (year.notice_number, year.ranges.count(), year.makeup_days.count()) == ("示例〔2026〕1号", 1, 1)


def test_seeded_year_also_needs_replace(tmp_path):
    path = tmp_path / "2024.json"
    path.write_text(
        '{"year": 2024, "notice": "国办发明电〔2023〕7号", "holidays": [{"name": "元旦", "from": "2024-01-01", "to": "2024-01-01"}]}',
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="2024年的节假日安排已经载入（来源：国办发明电〔2023〕7号（chinesecalendar"):
        run(str(path))
    assert HolidayYear.objects.get(year=2024).ranges.count() > 1


def test_exit_status_from_the_shell(tmp_path):
    """A bad file ends the command with a non-zero status and the problems on stderr."""
    path = tmp_path / "2027.json"
    path.write_text('{"year": 2027}', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(MANAGE), "load_holiday_year", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "缺少通知文号" in result.stderr and "缺少放假安排" in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.json", None, "文件不存在"),
        ("2027.txt", "year = 2027", "不支持的文件类型"),
        ("2027.json", "{not json", "不是有效的 JSON"),
        ("2027.json", '{"year": 2027, "notice": "x", "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],'
                      ' "makeup_workdays": ["2027-01-04"]}', "调休上班日 2027-01-04 是星期一，不是周末"),
        ("2027.json", '{"year": 2027, "holidays": []}', "缺少通知文号"),
    ],
)
def test_bad_files_fail_with_chinese_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(str(path))
    assert not HolidayYear.objects.filter(year=2027).exists()
