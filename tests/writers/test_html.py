"""HTML: semantic tables whose merged headers reproduce the official template."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from gongkai.report.model import AnnualReport, Cell
from gongkai.report.writers import html
from gongkai.statute.formats.common import T3_APPLICANTS, T3_NOTE, T3_ORGANISATIONS, T3_RESULTS


@pytest.fixture
def soup(report: AnnualReport) -> BeautifulSoup:
    return BeautifulSoup(html.write(report), "lxml")


def _table(soup: BeautifulSoup, key: str) -> Tag:
    table = soup.find("table", attrs={"data-table": key})
    assert isinstance(table, Tag)
    return table


def _th(table: Tag, text: str) -> Tag:
    cell = table.find("th", string=text)
    assert isinstance(cell, Tag), text
    return cell


def _span(cell: Tag) -> tuple[int, int]:
    return int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))  # type: ignore[arg-type]


def test_document_shell(soup: BeautifulSoup, report: AnnualReport) -> None:
    assert soup.html is not None and soup.html["lang"] == "zh-CN"
    assert soup.find("meta", charset="utf-8")
    assert soup.title is not None
    assert soup.title.string == f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告"
    style = soup.style.string if soup.style else ""
    assert "size: A4" in style and "counter(page)" in style
    assert '"仿宋_GB2312"' in style and '"Noto Serif CJK SC"' in style and '"Noto Sans CJK SC"' in style
    body_rule = next(line for line in style.split("\n") if line.startswith("html {"))
    assert body_rule.index('"仿宋"') < body_rule.index('"Noto Serif CJK SC"')
    fmt = report.format
    assert fmt is not None
    assert [h.get_text() for h in soup.find_all("h2")] == [s.label for s in fmt.sections]


def test_table_3_header(soup: BeautifulSoup) -> None:
    table = _table(soup, "三")
    assert table.caption is not None and table.caption.get_text() == "三、收到和处理政府信息公开申请情况"
    thead = table.thead
    assert thead is not None and len(thead.find_all("tr")) == 3
    note = _th(table, T3_NOTE)
    assert _span(note) == (3, 3)
    assert note.find_parent("thead") is thead
    assert _span(_th(table, T3_APPLICANTS)) == (1, 7)
    assert _span(_th(table, T3_ORGANISATIONS)) == (1, 5)
    assert _span(_th(table, "自然人")) == (2, 1)
    assert _th(table, "商业企业")["scope"] == "col"
    assert _th(table, T3_APPLICANTS)["scope"] == "colgroup"


def test_table_3_body(soup: BeautifulSoup, report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    spec = fmt.tables["三"]
    table = _table(soup, "三")
    assert table.tbody is not None
    rows = table.tbody.find_all("tr")
    assert len(rows) == len(spec.rows) == (25 if fmt.id == "2021" else 23)
    results = _th(table, T3_RESULTS)
    assert _span(results) == (len(spec.rows) - 3, 1) and results["scope"] == "rowgroup"
    for group in {r.group for r in spec.rows if r.group}:
        members = [r for r in spec.rows if r.group == group]
        assert _span(_th(table, group)) == (len(members), 1)
    for row, tr in zip(spec.rows, rows, strict=True):
        tds = tr.find_all("td")
        assert len(tds) == 7
        assert [td.get_text() for td in tds] == [report.cell("三", row.key, c.key).text for c in spec.columns]  # type: ignore[union-attr]
        assert [td["data-column"] for td in tds] == [c.key for c in spec.columns]
        label = tr.find("th", attrs={"scope": "row"})
        assert label is not None and label.get_text() == row.label and label["data-row"] == row.key
    assert _span(_th(table, spec.row("new").label)) == (1, 3)
    assert _span(_th(table, spec.row("disclosed").label)) == (1, 2)


def test_table_4(soup: BeautifulSoup) -> None:
    table = _table(soup, "四")
    assert _span(_th(table, "行政复议")) == (1, 5)
    assert _span(_th(table, "行政诉讼")) == (1, 10)
    assert _span(_th(table, "未经复议直接起诉")) == (1, 5)
    assert _span(_th(table, "复议后起诉")) == (1, 5)
    header_rows = table.thead.find_all("tr")  # type: ignore[union-attr]
    assert [len(tr.find_all("th")) for tr in header_rows] == [2, 7, 10]
    assert all(_span(th) == (2, 1) for th in header_rows[1].find_all("th")[:5])
    (data,) = table.tbody.find_all("tr")  # type: ignore[union-attr]
    assert len(data.find_all("td")) == 15


def test_table_2_blocks(soup: BeautifulSoup, report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    table = _table(soup, "二")
    bodies = table.find_all("tbody")
    blocks = fmt.tables["二"].blocks
    assert len(bodies) == len(blocks)
    for body, block in zip(bodies, blocks, strict=True):
        first, second, *data = body.find_all("tr")
        (label,) = first.find_all("th")
        assert label.get_text() == block.label and _span(label) == (1, 4) and label["scope"] == "colgroup"
        assert [th.get_text() for th in second.find_all("th")] == ["信息内容", *(c.label for c in block.columns)]
        assert [tr.th.get_text() for tr in data] == [r.label for r in block.rows]


def test_blank_cells_and_escaping(report: AnnualReport) -> None:
    report.set_cell("三", "new", "natural", Cell(""))
    report.sections[0].text = "含有<b>标签</b>与&符号的文字。"
    soup = BeautifulSoup(html.write(report), "lxml")
    td = soup.find("td", attrs={"data-row": "new", "data-column": "natural"})
    assert td is not None and td.get_text() == ""
    assert "含有<b>标签</b>与&符号的文字。" in soup.get_text()


def test_chart_in_section_one(soup: BeautifulSoup, report: AnnualReport) -> None:
    overview = soup.find("section", id="overview")
    assert overview is not None
    figure = overview.find("figure")
    assert figure is not None and figure.find("svg") is not None
    assert "履职依据" in figure.get_text()
    assert soup.find("section", id="proactive").find("figure") is None  # type: ignore[union-attr]
    png = BeautifulSoup(html.write(report, chart="png"), "lxml").find("figure").img  # type: ignore[union-attr]
    assert png is not None and png["src"].startswith("data:image/png;base64,")


def test_no_chart_without_categories(report: AnnualReport) -> None:
    report.categories = {}
    assert "<figure" not in html.write(report)
