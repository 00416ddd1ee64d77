"""``gongkai report build``: the report from the records, through ``gongkai.cli.main``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date

import pytest

from gongkai.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    from gongkai.agencies.models import Agency

    county = Agency.objects.create(name="淄博市张店区人民政府", short_name="张店区政府", level="government")
    department = Agency.objects.create(name="淄博市张店区教育和体育局", short_name="张店区教体局",
                                       level="department", parent=county)
    Agency.objects.create(name="淄博市淄川区教育和体育局", level="department")
    from gongkai.casework.actions import do_decide, do_receive_application

    app = do_receive_application(agency=department, channel="in_person", submitted_on=date(2025, 3, 3),
                                 applicant_kind="natural", applicant_name="张三", description="招生计划")
    do_decide(app, "DISCLOSED", on=date(2025, 3, 10))
    return county, department


def test_json_to_stdout(agencies, capsys):
    assert main(["report", "build", "--agency", "张店区教体局", "--year", "2025", "--to", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["meta"]["agency"] == "淄博市张店区教育和体育局" and data["meta"]["format"] == "2021"
    cells = {(c["row"], c["column"]): c["text"] for c in data["tables"]["三"]}
    assert cells[("new", "total")] == "1" and cells[("disclosed", "natural")] == "1"


def test_rollup_flag(agencies, capsys):
    main(["report", "build", "--agency", "淄博市张店区人民政府", "--year", "2025", "--to", "json"])
    own = {(c["row"], c["column"]): c["text"] for c in json.loads(capsys.readouterr().out)["tables"]["三"]}
    assert own[("new", "total")] == "0"
    main(["report", "build", "--agency", "淄博市张店区人民政府", "--year", "2025", "--include-departments"])
    rolled = {(c["row"], c["column"]): c["text"] for c in json.loads(capsys.readouterr().out)["tables"]["三"]}
    assert rolled[("new", "total")] == "1"


@pytest.mark.parametrize("to", ["docx", "pdf", "html"])
def test_files_read_back(agencies, tmp_path, to):
    out = tmp_path / f"report.{to}"
    assert main(["report", "build", "--agency", "张店区教体局", "--year", "2025", "--to", to, "-o", str(out)]) == 0
    from gongkai.report.readers import read

    report, _ = read(out)
    assert report.meta.year == 2025
    assert report.value("三", "new", "total") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "教育和体育局", "--year", "2025"], "对应多个机构"),
        (["--agency", "不存在的局", "--year", "2025"], "没有名为"),
        (["--agency", "张店区教体局", "--year", "2017"], "没有已知的年度报告格式"),
        (["--agency", "张店区教体局", "--year", str(date.today().year + 1)], "尚未开始"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_message(agencies, capsys, args, message):
    assert main(["report", "build", *args]) == 2
    assert message in capsys.readouterr().err


def test_a_year_that_is_not_a_number_is_a_usage_error(agencies, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["report", "build", "--agency", "张店区教体局", "--year", "二〇二五"])
    assert exc.value.code == 2 and "参数错误" in capsys.readouterr().err


def test_other_commands_stay_free_of_django():
    code = "import sys, gongkai.cli as c; c.build_parser(); print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_binary_to_a_terminal_needs_output(agencies, monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    sys.stdout.isatty = lambda: True  # type: ignore[method-assign]
    assert main(["report", "build", "--agency", "张店区教体局", "--year", "2025", "--to", "pdf"]) == 2
