"""The page and font conventions every Gongkai DOCX shares (annual reports and letters):
A4 with the official margins, 仿宋_GB2312 body on a fixed 28 pt pitch, and the ``w:eastAsia``
font on every run, without which Word shows Chinese text in the template's theme font."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT_TITLE = "方正小标宋简体"
FONT_HEADING = "黑体"
FONT_SUBHEAD = "楷体_GB2312"
FONT_BODY = "仿宋_GB2312"
FONT_TABLE = "宋体"
FONT_LATIN = "Times New Roman"

PAGE_WIDTH = Cm(21.0)
PAGE_HEIGHT = Cm(29.7)
MARGIN_TOP_BOTTOM = Cm(2.5)
MARGIN_LEFT_RIGHT = Cm(2.8)

SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_TABLE = {"二": Pt(10.5), "三": Pt(9), "四": Pt(9)}  # 五号 / 小五: table 三 has ten columns
SIZE_FOOTER = Pt(14)  # 四号
LINE_BODY = Pt(28)  # the fixed line pitch of official documents (22 lines per page)


def east_asia(rpr_parent, font: str, latin: str = FONT_LATIN) -> None:
    """Set all four rFonts slots on a run or a style's run properties."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:cs"), latin)


def add_run(paragraph: Paragraph, text: str, font: str, size: Length, bold: bool = False) -> Run:
    run = paragraph.add_run(text)
    run.font.size = size
    if bold:
        run.font.bold = True
    east_asia(run._r, font)
    return run


def body_format(paragraph: Paragraph, indent: bool = True) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_BODY
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(32)  # two characters of 三号
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def page_number_footer(paragraph: Paragraph) -> None:
    """「- N -」 with N a PAGE field, so that Word numbers the pages itself."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, "- ", FONT_TABLE, SIZE_FOOTER)
    for part in ("begin", " PAGE ", "separate", "1", "end"):
        run = add_run(paragraph, "", FONT_TABLE, SIZE_FOOTER)
        if part in ("begin", "separate", "end"):
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), part)
            run._r.append(element)
        elif part == "1":  # the cached result, shown until Word updates the field
            run.text = part
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = part
            run._r.append(element)
    add_run(paragraph, " -", FONT_TABLE, SIZE_FOOTER)


def setup_document(document, *, title: str, author: str, subject: str = "") -> None:
    """A4 with the official margins, the body font (and Chinese language) on the Normal style,
    page numbers in the footer, and the document properties."""
    normal = document.styles["Normal"]
    normal.font.size = SIZE_BODY
    east_asia(normal.element, FONT_BODY)
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin = section.bottom_margin = MARGIN_TOP_BOTTOM
    section.left_margin = section.right_margin = MARGIN_LEFT_RIGHT
    section.footer_distance = Cm(1.5)
    page_number_footer(section.footer.paragraphs[0])
    props = document.core_properties
    props.title = title
    props.author = author
    props.subject = subject
    props.language = "zh-CN"
    props.comments = ""
