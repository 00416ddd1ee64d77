"""Loading a further year from a notice file: validation, and what loading changes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gongkai.workdays import (
    YearCalendar,
    YearFileError,
    add_workdays,
    default_calendar,
    load_year_file,
    read_year_notice,
)
from gongkai.workdays.calendars import load_years

EXAMPLE = Path(__file__).with_name("example_2027.json")


def write(tmp_path: Path, data: dict, name: str = "year.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def problems_of(tmp_path: Path, data: dict) -> list[str]:
    with pytest.raises(YearFileError) as info:
        load_year_file(write(tmp_path, data))
    return info.value.problems


def test_example_file_loads():
    yc = load_year_file(EXAMPLE)
    assert yc.year == 2027
    assert date(2027, 2, 8) in yc.holidays and date(2027, 2, 20) in yc.makeup_workdays
    assert yc.holiday_names[date(2027, 10, 4)] == "国庆节"
    assert "非真实通知" in yc.source


def test_no_real_2027_notice_is_shipped():
    assert 2027 not in load_years()


def test_loading_the_year_recomputes_and_clears_the_provisional_mark():
    calendar = default_calendar()
    before = add_workdays(calendar, date(2026, 12, 20), 20)
    after = add_workdays(calendar.with_year(load_year_file(EXAMPLE)), date(2026, 12, 20), 20)
    assert before.provisional and not after.provisional
    assert after.date > before.date  # 2027-01-01 became a holiday
    assert "2027年1月1日至1月3日 元旦假期，不计" in after.explanation


def test_toml_file_is_the_same_as_json(tmp_path):
    path = tmp_path / "2027.toml"
    path.write_text(
        'year = 2027\nnotice = "示例"\n'
        '[[holidays]]\nname = "元旦"\nfrom = 2027-01-01\nto = "2027-01-03"\n'
        '[[makeup_workdays]]\ndate = 2027-01-09\nname = "元旦"\n',
        encoding="utf-8",
    )
    yc = load_year_file(path)
    assert yc.holidays == {date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)}
    assert yc.makeup_workdays == {date(2027, 1, 9)}


def test_bad_date(tmp_path):
    data = example()
    data["holidays"][1]["to"] = "2027-02-30"
    (problem,) = problems_of(tmp_path, data)
    assert "第2个放假安排（春节）的结束日期日期格式错误：“2027-02-30”" in problem


def test_makeup_day_that_is_not_a_weekend(tmp_path):
    data = example()
    data["makeup_workdays"].append({"date": "2027-03-03", "name": "春节"})
    assert problems_of(tmp_path, data) == ["调休上班日 2027-03-03 是星期三，不是周末"]


def test_reversed_range(tmp_path):
    data = example()
    data["holidays"][2] = {"name": "清明节", "from": "2027-04-05", "to": "2027-04-03"}
    assert problems_of(tmp_path, data) == ["第3个放假安排（清明节）的起止日期颠倒：开始 2027-04-05 晚于结束 2027-04-03"]


def test_year_mismatch(tmp_path):
    data = example()
    data["holidays"][4] = {"name": "端午节", "from": "2026-06-19", "to": "2026-06-21"}
    problems = problems_of(tmp_path, data)
    assert "日期 2026-06-19 不属于 2027 年（只允许 2027 年内及上年12月的日期）" in problems


def test_the_previous_december_is_allowed(tmp_path):
    # The 2019 notice: 元旦 2018-12-30 to 2019-01-01, Saturday 2018-12-29 worked.
    data = {"year": 2019, "notice": "国务院办公厅关于2019年部分节假日安排的通知",
            "holidays": [{"name": "元旦", "from": "2018-12-30", "to": "2019-01-01"}],
            "makeup_workdays": ["2018-12-29"]}
    yc = load_year_file(write(tmp_path, data))
    assert date(2018, 12, 29) in yc.makeup_workdays


def test_makeup_day_inside_a_holiday_and_overlapping_ranges(tmp_path):
    data = example()
    data["makeup_workdays"].append({"date": "2027-02-06"})
    data["holidays"].append({"name": "春节2", "from": "2027-02-12", "to": "2027-02-13"})
    problems = problems_of(tmp_path, data)
    assert "2027-02-12 同时属于“春节”和“春节2”两个放假安排" in problems
    assert "日期 2027-02-06 既是放假日又是调休上班日" in problems


def test_every_problem_is_reported_at_once(tmp_path):
    data = example()
    del data["notice"]
    data["holidays"][0]["from"] = "bad"
    data["makeup_workdays"][0] = {"date": "2027-02-01"}
    assert len(problems_of(tmp_path, data)) == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [("{", "不是有效的 JSON"), ("[]", "顶层应为对象"), ('{"year": "二〇二七"}', "“year”应为")],
)
def test_unreadable_files(tmp_path, content, expected):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(YearFileError, match=expected):
        load_year_file(path)


def test_missing_file_and_wrong_suffix(tmp_path):
    with pytest.raises(YearFileError, match="文件不存在"):
        load_year_file(tmp_path / "2027.json")
    with pytest.raises(YearFileError, match="不支持的文件类型"):
        load_year_file(tmp_path / "2027.yaml")


def test_year_calendar_checks_itself():
    with pytest.raises(ValueError, match="不是周末"):
        YearCalendar(2027, frozenset({date(2027, 1, 1)}), frozenset({date(2027, 1, 4)}), "x")


def test_summary_lists_the_notice():
    from gongkai.workdays.yearfile import notice_summary

    lines = notice_summary(read_year_notice(EXAMPLE))
    assert "  春节：2月5日至2月12日，共8天" in lines
    assert "  2月20日（星期六），春节" in lines
