"""The shared table layout: the grid every writer draws tables 二/三/四 from."""

from __future__ import annotations

import pytest

from gongkai.report.model import AnnualReport, empty_report
from gongkai.report.writers.layout import (
    Kind,
    LayoutError,
    chart_anchor,
    layout_table,
    plan_sections,
    split_subhead,
    title,
    title_lines,
)
from gongkai.statute import get_format
from gongkai.statute.formats.common import T3_APPLICANTS, T3_NOTE, T3_ORGANISATIONS, T3_RESULTS


def _cells_by_text(report: AnnualReport, key: str) -> dict[str, tuple[int, int, int, int]]:
    layout = layout_table(report, key)
    return {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in layout.origins() if c.text and c.is_header}


@pytest.mark.parametrize("key", ["二", "三", "四"])
def test_every_grid_cell_is_covered_exactly_once(report: AnnualReport, key: str) -> None:
    layout = layout_table(report, key)
    covered: dict[tuple[int, int], str] = {}
    for cell in layout.origins():
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                assert (r, c) not in covered
                covered[(r, c)] = cell.text
    assert len(covered) == layout.nrows * layout.ncols
    assert abs(sum(layout.widths) - 1) < 1e-9


def test_table_3_header_matches_the_official_template(report: AnnualReport) -> None:
    cells = _cells_by_text(report, "三")
    assert cells[T3_NOTE] == (0, 0, 3, 3)
    assert cells[T3_APPLICANTS] == (0, 3, 1, 7)
    assert cells[T3_ORGANISATIONS] == (1, 4, 1, 5)
    assert cells["自然人"] == (1, 3, 2, 1)
    assert cells["总计"] == (1, 9, 2, 1)
    assert cells["商业企业"] == (2, 4, 1, 1)


def test_table_3_body_groups_span_their_rows(report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    spec = fmt.tables["三"]
    cells = _cells_by_text(report, "三")
    results = len(spec.rows) - 3  # all but 一、二、四
    assert cells[T3_RESULTS] == (5, 0, results, 1)
    for group in {row.group for row in spec.rows if row.group}:
        members = [row for row in spec.rows if row.group == group]
        _, col, rowspan, colspan = cells[group]
        assert (col, rowspan, colspan) == (1, len(members), 1)
        for member in members:
            assert cells[member.label][1:] == (2, 1, 1)
    assert cells[spec.row("new").label] == (3, 0, 1, 3)
    assert cells[spec.row("disclosed").label] == (5, 1, 1, 2)
    assert cells[spec.row("total").label][1:] == (1, 1, 2)


def test_table_3_data_rows_have_seven_values(report: AnnualReport) -> None:
    layout = layout_table(report, "三")
    body = layout.bands[0].body
    fmt = report.format
    assert fmt is not None
    assert len(body) == len(fmt.tables["三"].rows) == (25 if fmt.id == "2021" else 23)
    for row in body:
        assert len([c for c in row if c.kind is Kind.VALUE]) == 7


def test_table_4_header_matches_the_official_template(report: AnnualReport) -> None:
    layout = layout_table(report, "四")
    origins = [c for c in layout.origins() if c.is_header]
    top = [(c.text, c.rowspan, c.colspan) for c in origins if c.row == 0]
    assert top == [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
    second = [(c.text, c.rowspan, c.colspan) for c in origins if c.row == 1]
    assert second[:5] == [(label, 2, 1) for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    assert second[5:] == [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]
    assert len([c for c in origins if c.row == 2]) == 10
    assert [len([c for c in row if c.kind is Kind.VALUE]) for row in layout.bands[0].body] == [15]


def test_table_2_blocks_have_their_own_header_rows(report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    layout = layout_table(report, "二")
    assert [band.key for band in layout.bands] == [b.key for b in fmt.tables["二"].blocks]
    for band, block in zip(layout.bands, fmt.tables["二"].blocks, strict=True):
        (block_row, column_row) = band.header
        assert [(c.text, c.colspan) for c in block_row] == [(block.label, layout.ncols)]
        assert column_row[0].text == "信息内容"
        assert [c.text for c in column_row[1:]] == [c.label for c in block.columns]
        assert sum(c.colspan for c in column_row) == layout.ncols
        assert [row[0].text for row in band.body] == [r.label for r in block.rows]


def test_blank_cells_stay_blank_and_text_is_kept_as_written() -> None:
    report = empty_report("2021", year=2021, agency="某局")
    layout = layout_table(report, "三")
    assert all(c.text == "" for c in layout.origins() if c.kind is Kind.VALUE)


def test_title_from_agency_year_and_format() -> None:
    report = empty_report("2021", year=2021, agency="淄博市张店区残疾人联合会")
    assert title_lines(report) == ["淄博市张店区残疾人联合会", "2021年政府信息公开工作年度报告"]
    report.meta.title = "某某局2021年度政府信息公开工作年度报告"
    assert title(report) == "某某局2021年度政府信息公开工作年度报告"


def test_no_format_is_an_error() -> None:
    with pytest.raises(LayoutError):
        layout_table(AnnualReport(), "三")


def test_sections_in_canonical_order_with_unknown_blocks_kept_in_place(report: AnnualReport) -> None:
    from gongkai.report.model import Section

    report.sections.insert(1, Section(None, "附：名词解释", "政府信息：……"))
    report.sections.reverse()  # written out of order
    planned = plan_sections(report)
    fmt = get_format(report.meta.format_id or "")
    known = [p.heading for p in planned if p.key]
    assert known == [h.label for h in fmt.sections]
    assert [p.table for p in planned if p.table] == ["二", "三", "四"]
    assert any(p.heading == "附：名词解释" for p in planned)


def test_missing_sections_still_get_their_headings() -> None:
    report = empty_report("2019", year=2020, agency="某局")
    planned = plan_sections(report)
    assert [p.heading for p in planned] == [h.label for h in get_format("2019").sections]


def test_subheads_and_chart_anchor(report: AnnualReport) -> None:
    overview = report.section("overview")
    assert overview is not None
    paragraphs = overview.text.split("\n")
    assert split_subhead(report, paragraphs[1])[0] == "（一）主动公开情况。"
    assert split_subhead(report, paragraphs[0]) == ("", paragraphs[0])
    assert chart_anchor(report, paragraphs) == 1  # after the （一）主动公开情况 paragraph
    assert chart_anchor(report, ["没有小标题的一段。"]) == 0
