from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import jsonschema
import pytest

from gongkai.report.jsonio import ReportJSONError, from_json, to_dict, to_json
from gongkai.report.model import Cell, CellState, LabelSeen, Location, Section, empty_report, parse_number
from gongkai.statute.structure import Unit
from tests.conftest import REPO

SCHEMA = json.loads((REPO / "gongkai" / "report" / "report.schema.json").read_text(encoding="utf-8"))


def test_blank_is_not_zero():
    assert Cell("").state is CellState.BLANK and Cell("").value is None
    assert Cell("0").value == 0 and Cell("0").state is CellState.NUMBER
    assert Cell("\u3000").is_blank
    assert Cell("无").state is CellState.INVALID


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [("１２", Unit.COUNT, 12), ("7730.28", Unit.WANYUAN, Decimal("7730.28")), ("+3", Unit.SIGNED, 3),
     ("-8", Unit.SIGNED, -8), ("1,234", Unit.COUNT, 1234), ("0 ", Unit.COUNT, 0), ("96171.6万元", Unit.WANYUAN,
                                                                                     Decimal("96171.6"))],
)
def test_parse_number(text, unit, expected):
    assert parse_number(text, unit) == (CellState.NUMBER, expected)


def _sample():
    report = empty_report("2021", year=2021, agency="某某局", published=date(2022, 1, 20))
    report.set_cell("三", "new", "total", Cell("5", Location(line=3, page=2)))
    report.set_cell("二", "fees", "amount", Cell("0.25", unit=Unit.WANYUAN))
    report.sections.append(Section("overview", "一、总体情况", "正文", Location(line=1)))
    report.labels.append(LabelSeen("三", "row", "（七）总计", "total", "（七）总计", "exact", ("2019", "2021")))
    report.categories = {"财政信息": 3}
    return report


def test_json_round_trip_keeps_text_and_locations():
    report = _sample()
    back = from_json(to_json(report))
    assert back == report
    assert back.cell("三", "new", "total").location.page == 2
    assert back.value("二", "fees", "amount") == Decimal("0.25")


def test_json_validates_against_schema():
    jsonschema.validate(to_dict(_sample()), SCHEMA)


@pytest.mark.parametrize(
    "payload",
    ["not json", "[]", '{"schema": "other"}', '{"schema": "gongkai.report", "version": 99}',
     '{"schema": "gongkai.report", "version": 1, "tables": {"三": [{"row": 1}]}}'],
)
def test_bad_json_is_refused_clearly(payload):
    with pytest.raises(ReportJSONError):
        from_json(payload)
