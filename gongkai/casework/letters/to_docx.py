"""A letter as DOCX, with the report writer's official-document settings.

A4 with the report's margins, the title in 方正小标宋简体 bold, the body in 仿宋_GB2312 三号 on
the fixed 28 pt line pitch with a two-character indent, every run carrying the ``w:eastAsia``
font (see ``gongkai.report.writers.docx``), page numbers in the footer.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from gongkai.casework.letters.document import Letter
from gongkai.report.writers.official_docx import (
    FONT_BODY,
    FONT_TITLE,
    LINE_BODY,
    SIZE_BODY,
    SIZE_TITLE,
    add_run,
    body_format,
    setup_document,
)

SIZE_CONTACT = Pt(12)  # 小四: the contact block is reference, not the message


def _setup(document: DocxDocument, letter: Letter) -> None:
    setup_document(document, title=letter.title, author=letter.issuer, subject=letter.number)


def _line(document: DocxDocument, text: str, *, align: WD_ALIGN_PARAGRAPH, indent: bool = False,
          size: Pt = SIZE_BODY) -> Paragraph:
    paragraph = document.add_paragraph()
    body_format(paragraph, indent=indent)
    paragraph.alignment = align
    if size != SIZE_BODY:
        paragraph.paragraph_format.line_spacing = Pt(size.pt * 1.6)
    if text:
        add_run(paragraph, text, FONT_BODY, size)
    return paragraph


def build(letter: Letter) -> DocxDocument:
    document = docx.Document()
    _setup(document, letter)
    for line in (letter.issuer, letter.title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = True
        add_run(paragraph, line, FONT_TITLE, SIZE_TITLE, bold=True)
    number = _line(document, letter.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    number.paragraph_format.space_after = LINE_BODY
    _line(document, letter.addressee, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in letter.paragraphs:
        _line(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    # The closing, the blank line and the signature move to a new page together with the
    # last line of the body, never alone.
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    closing = _line(document, letter.closing, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    closing.paragraph_format.keep_with_next = True
    _line(document, "", align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.keep_with_next = True
    for text in (letter.issuer, letter.signature_date):
        signature = _line(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        signature.paragraph_format.right_indent = Pt(32)
        signature.paragraph_format.keep_with_next = True
    if letter.contact:
        _line(document, "", align=WD_ALIGN_PARAGRAPH.LEFT)
        for text in letter.contact:
            paragraph = _line(document, text, align=WD_ALIGN_PARAGRAPH.LEFT, size=SIZE_CONTACT)
            paragraph.paragraph_format.keep_together = True
    return document


def write(letter: Letter) -> bytes:
    buffer = io.BytesIO()
    build(letter).save(buffer)
    return buffer.getvalue()
