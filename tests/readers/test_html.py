"""HTML front-end: official-layout tables with rowspan/colspan, encodings, noise."""

from __future__ import annotations

import pytest

from gongkai.report.readers import NotAReportError, ReadError, html_reader, read
from gongkai.report.readers.base import TableBlock
from tests.readers.test_docx import SECTIONS, T2_ROWS, T3, T4, T4_VALUES, TITLE, check_report, t3_layout


def _table_2() -> str:
    rows = []
    for block, columns, data in T2_ROWS:
        rows.append(f"<tr><td colspan='4'>{block}</td></tr>")
        span = " colspan='3'" if len(columns) == 1 else ""
        rows.append("<tr><td>信息内容</td>" + "".join(f"<td{span}>{c}</td>" for c in columns) + "</tr>")
        for label, values in data:
            rows.append(f"<tr><td>{label}</td>" + "".join(f"<td{span}>{v}</td>" for v in values) + "</tr>")
    return "<table border='1'>" + "".join(rows) + "</table>"


def _table_3() -> str:
    layout = t3_layout()
    rows = [
        "<tr><td rowspan='3' colspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td>"
        "<td colspan='7'>申请人情况</td></tr>",
        "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>",
        "<tr>" + "".join(f"<td>{c.label[:2]}<br/>{c.label[2:]}</td>" for c in T3.columns[1:6]) + "</tr>",
    ]
    outer_count = sum(1 for row in layout if row[0])
    seen_outer = False
    seen_inner: set[str] = set()
    for outer, inner, label, values in layout:
        cells = []
        if outer is None:
            cells.append(f"<td colspan='3'>{label}</td>")
        else:
            if not seen_outer:
                cells.append(f"<td rowspan='{outer_count}'>三、<br>本<br>年<br>度<br>办<br>理<br>结<br>果</td>")
                seen_outer = True
            if inner is None:
                cells.append(f"<td colspan='2'>{label}</td>")
            else:
                if inner not in seen_inner:
                    count = sum(1 for row in layout if row[1] == inner)
                    cells.append(f"<td rowspan='{count}'>{inner}</td>")
                    seen_inner.add(inner)
                cells.append(f"<td>{label}</td>")
        cells.extend(f"<td>{v}</td>" for v in values)
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table border='1'><tbody>" + "".join(rows) + "</tbody></table>"


def _table_4() -> str:
    return (
        "<table><thead><tr><th colspan='5' rowspan='2'>行政复议</th><th colspan='10'>行政诉讼</th></tr>"
        "<tr><th colspan='5'>未经复议直接起诉</th><th colspan='5'>复议后起诉</th></tr>"
        "<tr>" + "".join(f"<th>{c.label}</th>" for c in T4.columns) + "</tr></thead>"
        "<tbody><tr>" + "".join(f"<td>{v}</td>" for v in T4_VALUES) + "</tr></tbody></table>"
    )


def build_html(charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{"".join(TITLE)}</title>
<style>td {{ border: 1px solid; }}</style><script>var x = "一、总体情况";</script></head>
<body><div class="nav">首页 &gt; 政府信息公开 &gt; 年报</div>
<h1>{TITLE[0]}<br>{TITLE[1]}</h1>
<p>本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自2023年1月1日起至2023年12月31日止。</p>
<h2>{SECTIONS[0]}</h2><p>&nbsp;&nbsp;（一）主动公开情况。全年<b>主动公开</b>政府信息100条。</p>
<h2>{SECTIONS[1]}</h2>{_table_2()}
<h2>{SECTIONS[2]}</h2>{_table_3()}
<h2>{SECTIONS[3]}</h2>{_table_4()}
<h2>{SECTIONS[4]}</h2><div>无。</div>
<h2>{SECTIONS[5]}</h2><p>本年度未收取信息处理费。</p>
<!-- 一、总体情况 in a comment is not a heading -->
</body></html>"""


def test_reads_official_layout() -> None:
    report, notes = read(build_html().encode("utf-8"))
    check_report(report)
    assert report.meta.source_layout == "html"
    assert not [n for n in notes if n.level == "warning"], [str(n) for n in notes]


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "gb18030"])
def test_declared_chinese_charset(charset: str) -> None:
    report, _ = read(build_html(charset).encode("gb18030"))
    check_report(report)


def test_rowspan_value_counts_once_and_label_repeats() -> None:
    html = (
        "<table><tr><td rowspan='2'>（三）不予公开</td><td>1.属于国家秘密</td><td rowspan='2'>5</td></tr>"
        "<tr><td>2.其他法律行政法规禁止公开</td></tr></table>"
    )
    table = next(b for b in html_reader.blocks(html) if isinstance(b, TableBlock))
    first, second = table.rows
    assert [f.text for f in first.values] == ["5"]
    assert [f.text for f in second.labels] == ["（三）不予公开", "2.其他法律行政法规禁止公开"]
    assert [f.text for f in second.values] == [""]


def test_colspan_value_counts_once() -> None:
    table = next(b for b in html_reader.blocks(_table_2()) if isinstance(b, TableBlock))
    licensing = next(r for r in table.rows if r.label_text == "行政许可")
    assert [v.text for v in licensing.values] == ["447"]


def test_script_style_and_comments_are_ignored() -> None:
    texts = [b.text for b in html_reader.blocks(build_html()) if not isinstance(b, TableBlock)]
    assert not any("var x" in t or "border" in t for t in texts)
    assert texts.count(SECTIONS[0]) == 1


def test_nbsp_and_inline_markup_in_paragraphs() -> None:
    texts = [b.text for b in html_reader.blocks(build_html()) if not isinstance(b, TableBlock)]
    assert "（一）主动公开情况。全年主动公开政府信息100条。" in [t.strip("\xa0 ") for t in texts]


def test_html_that_is_not_a_report() -> None:
    with pytest.raises(NotAReportError):
        read("<html><body><p>欢迎访问本网站</p><table><tr><td>a</td><td>b</td></tr></table></body></html>".encode())


def test_empty_html_is_a_read_error() -> None:
    with pytest.raises(ReadError):
        read(b"<html></html>")
