from __future__ import annotations

import pytest

from gongkai.statute import FORMATS, UnknownFormatError, format_for_year, get_format
from gongkai.statute.outcomes import Outcome, outcome_row
from gongkai.statute.structure import Unit


def test_format_by_year():
    assert format_for_year(2019).id == "2019"
    assert format_for_year(2020).id == "2019"
    assert format_for_year(2021).id == "2021"
    assert format_for_year(2030).id == "2021"
    with pytest.raises(UnknownFormatError, match="2018年没有已知的年度报告格式"):
        format_for_year(2018)
    with pytest.raises(UnknownFormatError):
        get_format("1999")


@pytest.mark.parametrize(("format_id", "rows"), [("2021", 25), ("2019", 23)])
def test_table_3_shape(format_id, rows):
    table = get_format(format_id).table("三")
    assert len(table.rows) == rows
    assert [c.label for c in table.columns] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert table.rows[0].label == "一、本年新收政府信息公开申请数量"
    assert table.rows[-1].label == "四、结转下年度继续办理"


@pytest.mark.parametrize("format_id", ["2021", "2019"])
def test_table_4_has_15_cells(format_id):
    table = get_format(format_id).table("四")
    assert len(table.cells()) == 15
    assert table.column("suit_after_review.total").path == "行政诉讼 / 复议后起诉 / 总计"


def test_table_2_blocks_and_units():
    t2021 = get_format("2021").table("二")
    assert len(t2021.cells()) == 10
    assert t2021.column("amount", t2021.row("fees")).unit is Unit.WANYUAN
    t2019 = get_format("2019").table("二")
    assert [b.label for b in t2019.blocks][-1] == "第二十条第（九）项"
    assert t2019.column("change", t2019.row("penalty")).unit is Unit.SIGNED
    assert t2019.row("normative_docs").label == "规范性文件"
    assert t2021.row("normative_docs").label == "行政规范性文件"


def test_sections_are_the_six_of_the_format():
    for fmt in FORMATS.values():
        assert [s.label for s in fmt.sections] == [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]


def test_every_outcome_maps_to_exactly_one_row_in_each_format():
    for fmt in FORMATS.values():
        rows = {o: outcome_row(o, fmt) for o in Outcome}
        keys = {r.key for r in fmt.table("三").rows}
        assert set(rows.values()) <= keys
    # 2021: the outcome rows are one-to-one; 2019 folds the three （六） codes into one row.
    assert len(set(outcome_row(o, get_format("2021")) for o in Outcome)) == len(Outcome)
    assert outcome_row(Outcome.OTHER_FEE_UNPAID, get_format("2019")) == "other"
    assert outcome_row(Outcome.PARTIAL, get_format("2021")) == "partial"


def test_labels_are_written_once():
    """Every row label has a source, and no two rows of one table share a label."""
    for fmt in FORMATS.values():
        for table in fmt.tables.values():
            paths = [row.path for row in table.rows]
            assert len(paths) == len(set(paths)), (fmt.id, table.key)
            assert all(row.source for row in table.rows)
