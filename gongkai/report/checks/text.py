"""Narrative text helpers: flattening, sentences, clauses, and short quotations.

PDF text wraps mid-sentence (「受理政府信息公开申请 17\n件」), so every pattern is matched
on flattened text: all white space removed and full-width digits made ASCII. Chinese
punctuation is kept (no NFKC), so that a quotation in a message reads as written;
patterns accept both the full-width and the ASCII forms.
"""

from __future__ import annotations

import re

from gongkai.report.model import AnnualReport

_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT = re.compile("[０-９]")

SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
CLAUSE_END = re.compile(r"[。！？；，、：!?;,:()（）\n]+")
DIGITS = re.compile(r"\d+")


def flatten(text: str) -> str:
    """White space removed, full-width digits made ASCII; punctuation as written."""
    if _FULLWIDTH_DIGIT.search(text):  # rare, and translate() is slow on long non-ASCII text
        text = text.translate(_DIGITS)
    return _SPACE.sub("", text)


def narrative(report: AnnualReport) -> str:
    """Preamble and section bodies (with headings), flattened. Table cells are not included."""
    return flatten(report.text)


def sentences(text: str, min_length: int = 10) -> list[str]:
    """Sentences split on 。！？； and line ends, folded, without the very short ones."""
    result = []
    for part in SENTENCE_END.split(text):
        flat = flatten(part)
        if len(flat) >= min_length:
            result.append(flat)
    return result


def quote(text: str, start: int, end: int, context: int = 8) -> str:
    """The matched text with a little context, for a message: …共公开政务信息19次…"""
    left = max(0, start - context)
    right = min(len(text), end + context)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence containing text[start:end]."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    match = SENTENCE_END.search(text, end)
    return left, match.start() if match else len(text)


def short_list(items: list[str], limit: int = 5, sep: str = "、") -> str:
    """「a、b、c等7处」: the first few items and how many there are in all."""
    return short_count(items[:limit], len(items), limit, sep)


def short_count(first: list[str], count: int, limit: int = 5, sep: str = "、") -> str:
    """``short_list`` given only the first ``limit`` items (or all, if fewer) and the count,
    for long lists whose items cost something to name."""
    shown = sep.join(first[:limit])
    return f"{shown}等 {count} 处" if count > limit else shown
