"""DOCX: reopened with python-docx and checked in its XML."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from gongkai.report.model import AnnualReport
from gongkai.report.writers import docx as docx_writer
from gongkai.statute.formats.common import T3_APPLICANTS, T3_NOTE, T3_RESULTS

TEMPLATE = Path(__file__).resolve().parents[3] / "shared/corpus/docx/blank_template_2021_format.docx"
NUMBER = set("0123456789.+-")


@pytest.fixture
def document(report: AnnualReport):
    return docx.Document(io.BytesIO(docx_writer.write(report)))


def _structure(table) -> list[list[tuple[str, int, str | None]]]:
    """Each row's Word cells: (label text, gridSpan, vMerge); numbers and blanks as ""."""
    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            pr = tc.tcPr
            span = pr.gridSpan.val if pr is not None and pr.gridSpan is not None else 1
            vmerge = pr.vMerge.val if pr is not None and pr.vMerge is not None else None
            text = "".join(t.text or "" for t in tc.iter(qn("w:t"))).strip().replace("\u3000", "")
            cells.append(("" if set(text) <= NUMBER else text, span, vmerge))
        rows.append(cells)
    return rows


def _cell(structure, text: str) -> tuple[int, int, tuple[str, int, str | None]]:
    for r, row in enumerate(structure):
        for c, cell in enumerate(row):
            if cell[0] == text:
                return r, c, cell
    raise AssertionError(text)


def test_page_is_a4_with_margins(document) -> None:
    section = document.sections[0]
    assert abs(section.page_width - Cm(21.0)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(2.8)) < Cm(0.01)
    assert abs(section.top_margin - Cm(2.5)) < Cm(0.01)


def test_footer_has_a_page_field(document) -> None:
    footer = document.sections[0].footer._element
    assert [f.get(qn("w:fldCharType")) for f in footer.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
    assert "".join(i.text for i in footer.iter(qn("w:instrText"))).strip() == "PAGE"
    text = "".join(t.text for t in footer.iter(qn("w:t")))
    assert text == "- 1 -"


def test_every_run_and_normal_style_set_east_asia_fonts(document) -> None:
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs
    for run in runs:
        fonts = run.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.xml[:200]
    east_asia = {r.find(qn("w:rPr") + "/" + qn("w:rFonts")).get(qn("w:eastAsia")) for r in runs}
    assert {"仿宋_GB2312", "宋体", "黑体", "方正小标宋简体"} <= east_asia
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_title_centered_and_bold(document, report: AnnualReport) -> None:
    first, second = document.paragraphs[:2]
    assert first.text == report.meta.agency
    assert second.text == f"{report.meta.year}年政府信息公开工作年度报告"
    assert first.alignment == 1 and first.runs[0].bold  # WD_ALIGN_PARAGRAPH.CENTER


def test_sections_in_order(document, report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    texts = [p.text for p in document.paragraphs]
    positions = [texts.index(h.label) for h in fmt.sections]
    assert positions == sorted(positions)


def test_table_3_merged_header_and_groups(document, report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    assert len(document.tables) == 3
    structure = _structure(document.tables[1])
    assert _cell(structure, T3_NOTE) == (0, 0, (T3_NOTE, 3, "restart"))
    assert structure[1][0] == ("", 3, "continue") and structure[2][0] == ("", 3, "continue")
    assert _cell(structure, T3_APPLICANTS)[2][1] == 7
    assert _cell(structure, "法人或其他组织")[2][1] == 5
    assert _cell(structure, "自然人")[2] == ("自然人", 1, "restart")
    r, _, results = _cell(structure, T3_RESULTS)
    assert results == (T3_RESULTS, 1, "restart")
    continued = [row[0] for row in structure[r + 1 :] if row[0][2] == "continue"]
    assert len(continued) == len(fmt.tables["三"].rows) - 4  # all result rows but the first
    # python-docx sees one Word cell behind the grid positions a horizontal merge covers.
    table = document.tables[1]
    assert table.cell(0, 0)._tc is table.cell(0, 2)._tc
    assert table.cell(2, 0)._tc is table.cell(2, 2)._tc
    assert table.cell(0, 0).text == T3_NOTE
    assert len(table.rows) == 3 + len(fmt.tables["三"].rows)


def test_values_in_place(document, report: AnnualReport) -> None:
    fmt = report.format
    assert fmt is not None
    table = document.tables[1]
    spec = fmt.tables["三"]
    for i, row in enumerate(spec.rows):
        values = [table.cell(3 + i, 3 + j).text for j in range(7)]
        assert values == [report.cell("三", row.key, c.key).text for c in spec.columns]  # type: ignore[union-attr]
    four = document.tables[2]
    assert [four.cell(3, j).text for j in range(15)] == "2 1 1 0 4 1 0 0 1 2 0 0 1 0 1".split()


def test_table_4_header(document) -> None:
    structure = _structure(document.tables[2])
    assert structure[0] == [("行政复议", 5, None), ("行政诉讼", 10, None)]
    assert structure[1][:5] == [(x, 1, "restart") for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    assert structure[1][5:] == [("未经复议直接起诉", 5, None), ("复议后起诉", 5, None)]
    assert structure[2][:5] == [("", 1, "continue")] * 5


@pytest.mark.skipif(not TEMPLATE.exists(), reason="the shared corpus is not beside the repository")
def test_2021_tables_match_the_official_word_template(sample_report) -> None:
    """Same cells, same spans, same merges, same labels as the circulated 2021 template."""
    ours = docx.Document(io.BytesIO(docx_writer.write(sample_report("2021"))))
    template = docx.Document(str(TEMPLATE))
    assert len(ours.tables) == len(template.tables) == 3
    for mine, theirs in zip(ours.tables, template.tables, strict=True):
        assert _structure(mine) == _structure(theirs)


def test_chart_picture_in_section_one(document, report: AnnualReport) -> None:
    assert len(document.inline_shapes) == 1
    texts = [p.text for p in document.paragraphs]
    pictures = [i for i, p in enumerate(document.paragraphs) if p._p.findall(".//" + qn("w:drawing"))]
    assert texts.index("一、总体情况") < pictures[0] < texts.index("二、主动公开政府信息情况")


def test_no_picture_without_categories(report: AnnualReport) -> None:
    report.categories = {}
    document = docx.Document(io.BytesIO(docx_writer.write(report)))
    assert len(document.inline_shapes) == 0
