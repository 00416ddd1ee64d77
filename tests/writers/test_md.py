"""Markdown: pipe tables with flattened headers."""

from __future__ import annotations

from gongkai.report.model import AnnualReport, Cell
from gongkai.report.writers import md
from gongkai.statute.formats.common import T3_NOTE


def _pipe_tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.split("\n"), ""]:
        if line.startswith("|"):
            current.append([c.strip() for c in line.strip()[1:-1].split(" | ")])
        elif current:
            tables.append([r for r in current if not all(set(c) <= {"-"} for c in r)])
            current = []
    return tables


def test_headings_and_title(report: AnnualReport) -> None:
    text = md.write(report)
    assert text.startswith(f"# 淄博市张店区残疾人联合会 {report.meta.year}年政府信息公开工作年度报告\n")
    fmt = report.format
    assert fmt is not None
    for heading in fmt.sections:
        assert f"\n## {heading.label}\n" in text


def test_table_3_flattened(report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    spec = fmt.tables["三"]
    tables = _pipe_tables(md.write(report))
    t3 = next(t for t in tables if t[0][0] == T3_NOTE)
    assert t3[0][1:] == [c.path for c in spec.columns]
    assert "法人或其他组织 / 商业企业" in t3[0]
    assert [r[0] for r in t3[1:]] == [r.path for r in spec.rows]
    assert "（三）不予公开 / 1.属于国家秘密" in [r[0] for r in t3[1:]]
    for row, cells in zip(spec.rows, t3[1:], strict=True):
        assert len(cells) == 8
        assert cells[1:] == [report.cell("三", row.key, c.key).text for c in spec.columns]  # type: ignore[union-attr]


def test_table_4_and_2(report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    tables = _pipe_tables(md.write(report))
    t4 = next(t for t in tables if t[0][0] == "行政复议 / 结果维持")
    assert t4[0][5:7] == ["行政诉讼 / 未经复议直接起诉 / 结果维持", "行政诉讼 / 未经复议直接起诉 / 结果纠正"]
    assert len(t4) == 2 and len(t4[1]) == 15
    blocks = [t for t in tables if t[0][0].endswith("/ 信息内容")]
    assert [t[0][0].split(" / ")[0] for t in blocks] == [b.label for b in fmt.tables["二"].blocks]


def test_blank_is_an_empty_cell(report: AnnualReport) -> None:
    report.set_cell("三", "new", "natural", Cell(""))
    t3 = next(t for t in _pipe_tables(md.write(report)) if t[0][0] == T3_NOTE)
    assert t3[1][1] == ""


def test_categories_table(report: AnnualReport) -> None:
    text = md.write(report)
    assert f"**{report.meta.year}年主动公开19条（次）**" in text
    assert "| 履职依据 | 会议公开 |" in text
