"""A letter as plain data: what both the DOCX and the PDF writer lay out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Letter:
    kind: str  # reply, supplement, extension, consultation, fee
    title: str  # e.g. 政府信息公开申请答复书
    issuer: str  # the agency's full name, printed above the title and under the signature
    number: str  # the document number line, built from the receipt number
    addressee: str  # "张三：" (a colon ends the salutation line)
    paragraphs: tuple[str, ...]  # the body, each a paragraph with a first-line indent
    closing: str  # 特此答复。 / 特此告知。 / 特此函询。
    signed_on: date  # the date of the event the letter is about
    signature_date: str  # signed_on in Chinese, 2025年2月5日
    contact: tuple[str, ...]  # the agency's contact block, one line per known field

    @property
    def text(self) -> str:
        """All the text, in reading order (for search and for tests)."""
        return "\n".join(
            [self.issuer, self.title, self.number, self.addressee, *self.paragraphs, self.closing,
             self.issuer, self.signature_date, *self.contact]
        )
