"""Plain text in the Word-text layout of the seed report."""

from __future__ import annotations

from gongkai.report.model import AnnualReport, Cell
from gongkai.report.writers import txt
from gongkai.statute.formats.common import T3_APPLICANTS, T3_NOTE, T3_RESULTS


def _tables(text: str) -> list[list[list[str]]]:
    """A tiny Word-text parser: runs of TAB-prefixed lines are rows; blank lines end them.

    Three blank lines (or a non-TAB line) end a table.
    """
    tables: list[list[list[str]]] = []
    rows: list[list[str]] = []
    row: list[str] = []
    blanks = 0
    for line in text.split("\n"):
        if line.startswith("\t"):
            if blanks >= 3 and rows:
                tables.append(rows)
                rows = []
            row.append(line[1:])
            blanks = 0
            continue
        if row:
            rows.append(row)
            row = []
        if line == "":
            blanks += 1
        elif rows:
            tables.append(rows)
            rows = []
            blanks = 0
    if row:
        rows.append(row)
    if rows:
        tables.append(rows)
    return tables


def _table(report: AnnualReport, key: str) -> list[list[str]]:
    index = {"二": 0, "三": 1, "四": 2}[key]
    return _tables(txt.write(report))[index]


def test_title_preamble_and_headings(report: AnnualReport) -> None:
    text = txt.write(report)
    lines = text.split("\n")
    assert lines[0] == "淄博市张店区残疾人联合会"
    assert lines[1] == f"{report.meta.year}年政府信息公开工作年度报告"
    assert lines[2] == ""
    assert lines[3] == report.preamble
    fmt = report.format
    assert fmt is not None
    positions = [lines.index(h.label) for h in fmt.sections]
    assert positions == sorted(positions)
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_rows_are_tab_cells_separated_by_blank_lines(report: AnnualReport) -> None:
    text = txt.write(report)
    heading = "三、收到和处理政府信息公开申请情况\n"
    block = text[text.index(heading) + len(heading) : text.index("四、政府信息公开行政复议")]
    rows = block.rstrip("\n").split("\n\n")
    assert all(line.startswith("\t") for row in rows for line in row.split("\n"))
    assert block.endswith("\n\n\n\n")  # the row's blank line and two more after the table
    assert rows[0] == f"\t{T3_NOTE}\n\t{T3_APPLICANTS}"
    assert rows[1] == "\t\n\t自然人\n\t法人或其他组织\n\t总计"
    assert rows[2] == "\t\n\t\n\t商业企业\n\t科研机构\n\t社会公益组织\n\t法律服务机构\n\t其他\n\t"


def test_table_3_reads_back(report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    spec = fmt.tables["三"]
    rows = _table(report, "三")
    header, body = rows[:3], rows[3:]
    assert len(header) == 3
    assert len(body) == len(spec.rows)
    for row, cells in zip(spec.rows, body, strict=True):
        labels, values = cells[:-7], cells[-7:]
        assert row.label in labels
        assert values == [report.cell("三", row.key, c.key).text for c in spec.columns]  # type: ignore[union-attr]
    # The seed's shapes: 三、本年度办理结果 once, then an empty cell for its merged rows;
    # a group's first row carries the group, its later rows an empty cell.
    disclosed = body[[r.key for r in spec.rows].index("disclosed")]
    assert disclosed[:2] == [T3_RESULTS, "（一）予以公开"]
    secret = body[[r.key for r in spec.rows].index("withheld_state_secret")]
    assert secret[:3] == ["", "（三）不予公开", "1.属于国家秘密"]
    forbids = body[[r.key for r in spec.rows].index("withheld_law_forbids")]
    assert forbids[:3] == ["", "", "2.其他法律行政法规禁止公开"]
    assert body[0][0] == spec.rows[0].label and len(body[0]) == 8


def test_table_2_blocks(report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    rows = _table(report, "二")
    expected: list[list[str]] = []
    for block in fmt.tables["二"].blocks:
        expected.append([block.label])
        expected.append(["信息内容", *(c.label for c in block.columns)])
        for row in block.rows:
            expected.append([row.label, *(report.cell("二", row.key, c.key).text for c in block.columns)])  # type: ignore[union-attr]
    assert rows == expected


def test_table_4_header_rows_then_fifteen_cells(report: AnnualReport) -> None:
    rows = _table(report, "四")
    assert rows[0] == ["行政复议", "行政诉讼"]
    assert rows[1] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]
    assert rows[2][:5] == [""] * 5 and len(rows[2]) == 15
    assert rows[3] == "2 1 1 0 4 1 0 0 1 2 0 0 1 0 1".split()


def test_blank_cells_are_written_empty_not_zero(report: AnnualReport) -> None:
    report.set_cell("三", "new", "research", Cell(""))
    report.set_cell("四", "cases", "review.pending", Cell(""))
    fmt = report.format
    assert fmt is not None
    body = _table(report, "三")[3:]
    assert body[0][-7:][2] == ""
    assert _table(report, "四")[3][3] == ""


def test_categories_in_section_one_as_the_seed_writes_them(report: AnnualReport) -> None:
    text = txt.write(report)
    lines = text.split("\n")
    i = lines.index(f"{report.meta.year}年主动公开19条（次）\t")
    names = "履职依据 会议公开 建议提案 财政信息 重点领域信息公开 政策解读 业务动态".split()
    assert lines[i + 1] == "".join(f"{x}\t" for x in (*names, "1", "3", "1", "3", "4", "1", "6"))
    assert lines[i - 1].startswith("（一）主动公开情况")
    assert lines[i + 2] == ""  # ends the block, or the next paragraph would join its last cell
    assert lines.index("一、总体情况") < i < lines.index("二、主动公开政府信息情况")


def test_no_categories_no_block(report: AnnualReport) -> None:
    report.categories = {}
    assert "主动公开19条（次）" not in txt.write(report)


def test_write_to_path(report: AnnualReport, tmp_path) -> None:
    path = tmp_path / "report.txt"
    text = txt.write(report, path)
    assert path.read_text(encoding="utf-8") == text
