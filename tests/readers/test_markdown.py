"""Markdown front-end: clean pipe tables and messy ones converted from PDF."""

from __future__ import annotations

from gongkai.report.readers import markdown_reader, read
from gongkai.report.readers.base import TableBlock
from tests.readers.test_docx import SECTIONS, T2_ROWS, T3, T4, T4_VALUES, TITLE, check_report, t3_layout


def build_markdown(messy: bool = False) -> str:
    lines = [f"# {TITLE[0]}{TITLE[1]}", "",
             "本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自2023年1月1日起至2023年12月31日止。", "",
             f"## {SECTIONS[0]}", "", "（一）主动公开情况。全年**主动公开**政府信息100条。", "",
             f"## {SECTIONS[1]}", ""]
    for block, columns, rows in T2_ROWS:
        lines.append(f"| {block} | | | |")
        lines.append("|---|:--:|---|---|")
        lines.append("| 信息内容 | " + " | ".join(columns) + " |")
        for label, values in rows:
            lines.append(f"| {label} | " + " | ".join(values) + " |")
        lines.append("")
    lines += [f"## {SECTIONS[2]}", ""]
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）"
    lines.append(f"| {corner} | | | 申请人情况 | | | | | | |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    lines.append("| | | | 自然人 | " + " | ".join(c.label for c in T3.columns[1:6]) + " | 总计 |")
    for i, (outer, inner, label, values) in enumerate(t3_layout()):
        cells = [outer or "", inner or "", label, *values]
        if messy:
            label = label[:4] + "<br>" + label[4:]
            cells = [outer or "", inner or "", label, *values] if i % 2 else [label, *values]
            row = " | ".join(cells)
            lines.append(row if i % 3 else f"| {row}")
            if i == 12:
                lines += ["", "- 4 -", ""]  # a page break in the converted text
        else:
            lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"## {SECTIONS[3]}", ""]
    lines.append("| 行政复议 | | | | | 行政诉讼 |")
    lines.append("|" + "|".join(c.label for c in T4.columns) + "|")
    lines.append("|" + "|".join(T4_VALUES) + "|")
    lines += ["", f"## {SECTIONS[4]}", "", "无。", "", f"## {SECTIONS[5]}", "", "- 本年度未收取信息处理费。"]
    return "\n".join(lines)


def test_reads_clean_pipe_tables() -> None:
    report, notes = read(build_markdown().encode())
    check_report(report)
    assert report.meta.source_layout == "markdown"
    assert not [n for n in notes if n.level == "warning"], [str(n) for n in notes]


def test_reads_messy_pipe_tables() -> None:
    report, _ = read(build_markdown(messy=True).encode())
    check_report(report)


def test_separator_rows_br_and_uneven_rows() -> None:
    text = "a\n| 规章 | 1 | 0 |\n|:-:|--|\n规章 | 2<br> | |\n| 行政许可 | 5\n"
    table = next(b for b in markdown_reader.blocks(text) if isinstance(b, TableBlock))
    assert [[f.text for f in r.values] for r in table.rows] == [["1", "0"], ["2", ""], ["5"]]


def test_headings_and_bullets_become_paragraphs() -> None:
    blocks = markdown_reader.blocks("## 一、总体情况\n- 第一点\n> 引文\n")
    assert [b.text for b in blocks] == ["一、总体情况", "第一点", "引文"]


def test_detection() -> None:
    assert markdown_reader.looks_like_markdown(build_markdown())
    assert not markdown_reader.looks_like_markdown("一、总体情况\n今年 | 去年\n")
