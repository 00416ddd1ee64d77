"""DOCX front-end: a 2021-format report built with python-docx in the official layout."""

from __future__ import annotations

import functools
import io
import zipfile

import pytest
from docx import Document

from gongkai.report.readers import NotAReportError, ReadError, docx_reader, read
from gongkai.statute import FORMATS
from tests.conftest import shared_path

FORMAT = FORMATS["2021"]
T3 = FORMAT.table("三")
T4 = FORMAT.table("四")
TITLE = ("测试市测试局", "2023年政府信息公开工作年度报告")
SECTIONS = [s.label for s in FORMAT.sections]
T2_ROWS = [  # block label, column labels, rows (label, values)
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", ["1", "0", "11"]), ("行政规范性文件", ["8", "26", "66"])]),
    ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", ["447"])]),
    ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", ["3985"]), ("行政强制", ["88"])]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", ["9.6"])]),
]
T2_EXPECTED = {("regulations", "issued"): "1", ("regulations", "in_force"): "11", ("normative_docs", "repealed"): "26",
               ("licensing", "decisions"): "447", ("penalty", "decisions"): "3985",
               ("enforcement", "decisions"): "88", ("fees", "amount"): "9.6"}
T4_VALUES = [str(v) for v in (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)]


def t3_values(index: int) -> list[str]:
    """Distinct numbers per row so that a shifted column or row shows."""
    values = [index * 10 + j for j in range(6)]
    return [str(v) for v in values] + [str(sum(values))]


def t3_layout() -> list[tuple[str | None, str | None, str, list[str]]]:
    """(outer group, inner group, row label, values) for every data row of table 三."""
    rows = []
    for i, row in enumerate(T3.rows):
        outer = "三、本年度办理结果" if row.key not in ("new", "carried_in", "carried_out") else None
        rows.append((outer, row.group, row.label, t3_values(i)))
    return rows


@functools.cache  # python-docx takes seconds to merge cells: build each variant once
def build_docx(*, fill: bool = True) -> bytes:
    doc = Document()
    for line in TITLE:
        doc.add_paragraph(line)
    doc.add_paragraph("本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自2023年1月1日起至2023年12月31日止。")
    doc.add_paragraph(SECTIONS[0])
    doc.add_paragraph("（一）主动公开情况。全年主动公开政府信息100条。")
    doc.add_paragraph(SECTIONS[1])
    _table_2(doc, fill)
    doc.add_paragraph(SECTIONS[2])
    _table_3(doc, fill)
    doc.add_paragraph(SECTIONS[3])
    _table_4(doc, fill)
    doc.add_paragraph(SECTIONS[4])
    doc.add_paragraph("无。")
    doc.add_paragraph(SECTIONS[5])
    doc.add_paragraph("本年度未收取信息处理费。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table_2(doc, fill: bool) -> None:
    n_rows = sum(2 + len(rows) for _, _, rows in T2_ROWS)
    table = doc.add_table(rows=n_rows, cols=4)
    r = 0
    for block, columns, rows in T2_ROWS:
        merged = table.cell(r, 0).merge(table.cell(r, 3))
        merged.text = block
        r += 1
        table.cell(r, 0).text = "信息内容"
        if len(columns) == 1:
            table.cell(r, 1).merge(table.cell(r, 3)).text = columns[0]
        else:
            for j, label in enumerate(columns, start=1):
                table.cell(r, j).text = label
        r += 1
        for label, values in rows:
            table.cell(r, 0).text = label
            if len(values) == 1:
                table.cell(r, 1).merge(table.cell(r, 3)).text = values[0] if fill else ""
            else:
                for j, value in enumerate(values, start=1):
                    table.cell(r, j).text = value if fill else ""
            r += 1


def _table_3(doc, fill: bool) -> None:
    layout = t3_layout()
    header = 3
    table = doc.add_table(rows=header + len(layout), cols=10)
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table.cell(0, 0).merge(table.cell(2, 2)).text = corner
    table.cell(0, 3).merge(table.cell(0, 9)).text = "申请人情况"
    table.cell(1, 3).merge(table.cell(2, 3)).text = "自然人"
    table.cell(1, 4).merge(table.cell(1, 8)).text = "法人或其他组织"
    table.cell(1, 9).merge(table.cell(2, 9)).text = "总计"
    for j, column in enumerate(T3.columns[1:6], start=4):
        table.cell(2, j).text = column.label
    # Merge the vertical group labels first: merging sets the text of the merged cell.
    first_outer = next(i for i, row in enumerate(layout) if row[0]) + header
    last_outer = max(i for i, row in enumerate(layout) if row[0]) + header
    table.cell(first_outer, 0).merge(table.cell(last_outer, 0)).text = "三、本年度办理结果"
    groups: dict[str, list[int]] = {}
    for i, (_, inner, _, _) in enumerate(layout):
        if inner:
            groups.setdefault(inner, []).append(i + header)
    for inner, rows in groups.items():
        table.cell(rows[0], 1).merge(table.cell(rows[-1], 1)).text = inner
    for i, (outer, inner, label, values) in enumerate(layout):
        r = i + header
        if outer is None:
            table.cell(r, 0).merge(table.cell(r, 2)).text = label
        elif inner is None:
            table.cell(r, 1).merge(table.cell(r, 2)).text = label
        else:
            table.cell(r, 2).text = label
        for j, value in enumerate(values, start=3):
            table.cell(r, j).text = value if fill else ""


def _table_4(doc, fill: bool) -> None:
    table = doc.add_table(rows=4, cols=15)
    table.cell(0, 0).merge(table.cell(1, 4)).text = "行政复议"
    table.cell(0, 5).merge(table.cell(0, 14)).text = "行政诉讼"
    table.cell(1, 5).merge(table.cell(1, 9)).text = "未经复议直接起诉"
    table.cell(1, 10).merge(table.cell(1, 14)).text = "复议后起诉"
    for j, column in enumerate(T4.columns):
        table.cell(2, j).text = column.label
        table.cell(3, j).text = T4_VALUES[j] if fill else ""


def check_report(report) -> None:
    """The figures of the built report, wherever it was read from."""
    assert report.meta.year == 2023
    assert report.meta.agency == "测试市测试局"
    assert [s.key for s in report.sections] == [s.key for s in FORMAT.sections]
    for (row, column), text in T2_EXPECTED.items():
        assert report.cell("二", row, column).text == text, (row, column)
    for i, row in enumerate(T3.rows):
        for column, expected in zip(T3.columns, t3_values(i), strict=True):
            cell = report.cell("三", row.key, column.key)
            assert cell is not None and cell.text == expected, (row.key, column.key)
    for column, expected in zip(T4.columns, T4_VALUES, strict=True):
        assert report.cell("四", "cases", column.key).text == expected


def test_reads_official_layout_with_merged_cells() -> None:
    report, notes = read(build_docx())
    check_report(report)
    assert report.meta.source_layout == "docx"
    assert not [n for n in notes if n.level == "warning"], [str(n) for n in notes]


def test_cell_locations_point_into_the_table() -> None:
    report, _ = read(build_docx())
    cell = report.cell("三", "new", "total")
    assert cell.location.table == 2 and cell.location.row == 4 and cell.location.col is not None
    assert report.sections[0].location.line is not None


def test_group_labels_are_recorded_once_per_written_group() -> None:
    report, _ = read(build_docx())
    groups = {label.canonical for label in report.labels if label.table == "三" and label.kind == "group"}
    assert {"（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"} <= groups


def test_vertically_merged_value_counts_once() -> None:
    doc = Document()
    doc.add_paragraph("测试局2023年政府信息公开工作年度报告")
    table = doc.add_table(rows=2, cols=8)
    labels = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"]
    for r, label in enumerate(labels):
        table.cell(r, 0).text = label
        for j in range(1, 7):
            table.cell(r, j).text = str(j)
    table.cell(0, 7).merge(table.cell(1, 7)).text = "21"
    out = io.BytesIO()
    doc.save(out)
    blocks = docx_reader.blocks(out.getvalue())
    rows = blocks[1].rows
    assert [v.text for v in rows[0].values][-1] == "21"
    assert [v.text for v in rows[1].values][-1] == ""  # not a second 21


def test_horizontally_merged_value_counts_once() -> None:
    blocks = docx_reader.blocks(build_docx())
    licensing = next(r for b in blocks if hasattr(b, "rows") for r in b.rows if r.label_text == "行政许可")
    assert [v.text for v in licensing.values] == ["447"]


def test_auto_numbered_paragraphs_keep_their_number() -> None:
    doc = Document()
    for text in ("甲", "乙"):
        doc.add_paragraph(text, style="List Number")
    out = io.BytesIO()
    doc.save(out)
    texts = [b.text for b in docx_reader.blocks(out.getvalue())]
    assert texts == ["1.甲", "2.乙"]


def test_blank_template_is_not_a_report() -> None:
    with pytest.raises(NotAReportError, match="空白"):
        read(shared_path("corpus", "docx", "blank_template_2021_format.docx"))


def test_unfilled_report_with_title_reads_with_blank_cells() -> None:
    data = build_docx(fill=False)
    report, _ = read(data)  # it has an agency and a year: a report with blank cells, not a template
    assert report.cell("三", "new", "total").is_blank


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_zip_bomb_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (8 * 1024 * 1024)
            for _ in range(25):  # 200 MB of zeros, a few hundred kB compressed
                member.write(chunk)
    with pytest.raises(ReadError, match="压缩"):
        read(out.getvalue())


def test_too_many_members_are_refused() -> None:
    members = {f"word/media/{i}.xml": b"x" for i in range(2100)}
    members["word/document.xml"] = b"<w:document/>"
    with pytest.raises(ReadError, match="上限"):
        read(_zip(members, zipfile.ZIP_STORED))


def test_zip_that_is_not_word_is_refused() -> None:
    with pytest.raises(ReadError, match="不支持"):
        read(_zip({"xl/workbook.xml": b"<workbook/>"}))


def test_damaged_document_xml_is_a_read_error() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not xml"})
    with pytest.raises(ReadError):
        read(data)
