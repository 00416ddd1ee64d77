"""The letters (告知书) of 依申请公开 casework, as DOCX and PDF.

::

    from gongkai.casework.letters import available_letters, render_letter
    available_letters(application)               # [LetterSpec(kind, title, on), ...]
    render_letter(application, "reply", "pdf")   # ("张店区政府〔2025〕第0001号-政府信息公开申请答复书.pdf", b"%PDF…")

Kinds: ``reply`` (答复书 / 告知书, one wording per outcome code), ``supplement`` (补正通知书),
``extension`` (延期答复告知书), ``consultation`` (征求意见函, the latest one) and ``fee``
(收费通知书). The wording and the legal basis table live in ``wording.py``; ``compose.py``
turns a case's events into a ``Letter``; ``to_docx.py`` and ``to_pdf.py`` lay it out.
See docs/letters.md.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from gongkai.casework.letters.compose import KINDS, LetterSpec, compose, filename, specs
from gongkai.casework.letters.document import Letter
from gongkai.casework.models import Application

FORMATS = ("docx", "pdf")
KIND_NAMES = {
    "reply": "答复书（告知书）",
    "supplement": "补正通知书",
    "extension": "延期答复告知书",
    "consultation": "征求意见函",
    "fee": "收费通知书",
}

__all__ = ["FORMATS", "KINDS", "Letter", "LetterSpec", "available_letters", "build_letter", "render_letter"]


def available_letters(application: Application) -> list[LetterSpec]:
    """The letters that apply to the case now, in the order of the events behind them."""
    return specs(application)


def build_letter(application: Application, kind: str) -> Letter:
    """The letter as data (title, paragraphs, signature…); ``ValidationError`` if it does not apply."""
    if kind not in KINDS:
        raise ValidationError(f"未知的文书类型：{kind!r}（可用：{'、'.join(KIND_NAMES.values())}）")
    letter = compose(application, kind)
    if letter is None:
        raise ValidationError(f"该申请尚不需要{KIND_NAMES[kind]}：{_not_yet(kind)}")
    return letter


def render_letter(application: Application, kind: str, fmt: str) -> tuple[str, bytes]:
    """The letter as a file: ``(filename, content)``; ``fmt`` is "docx" or "pdf"."""
    if fmt not in FORMATS:
        raise ValidationError(f"不支持的文件格式：{fmt!r}（可用：docx、pdf）")
    letter = build_letter(application, kind)
    if fmt == "docx":
        from gongkai.casework.letters.to_docx import write
    else:
        from gongkai.casework.letters.to_pdf import write
    return filename(application, letter, fmt), write(letter)


def _not_yet(kind: str) -> str:
    return {
        "reply": "尚未作出答复",
        "supplement": "尚未告知补正",
        "extension": "尚未批准延期答复",
        "consultation": "尚未征求意见",
        "fee": "尚未发出收费通知",
    }[kind]
