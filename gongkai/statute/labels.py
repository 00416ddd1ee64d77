"""Resolving labels as written in real reports to the canonical labels of a format.

Real reports write the statutory labels in many ways: full-width or ASCII brackets,
「、」 for 「，」, stray spaces, Word auto-numbering such as （5） or 4、, labels wrapped
across lines, and typos. ``label_key`` folds the harmless differences away;
``split_numbering`` separates the numbering so it can be checked on its own; and
``LabelIndex`` finds the canonical entry, reporting how the match was made.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum
from functools import lru_cache
from typing import Generic, TypeVar

CHINESE_NUMERALS = "零一二三四五六七八九十"
_NUMERAL_VALUES = {ch: i for i, ch in enumerate(CHINESE_NUMERALS)}

_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_QUOTES = re.compile(r"[\"'“”‘’「」『』]")
_ENUM_COMMA = re.compile(r"[,，、;；]")
_COLON = re.compile(r"[:：]")
_TRAILING = re.compile(r"[。.．:：]+$")

# Numbering at the start of a label: 一、 / （一） / (5) / 4、 / 1. / 1．/ 第一、
_NUMBERING = re.compile(
    r"^(?:"
    r"\((?P<pcn>[一二三四五六七八九十]+)\)"
    r"|\((?P<pdigit>\d+)\)"
    r"|(?P<cn>[一二三四五六七八九十]+)[、.．,，]"
    r"|(?P<digit>\d{1,2})[、.．,，](?!\d)"
    r")"
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC with all white space removed: the form in which labels are compared."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """A comparison key: folded, quotes dropped, 「、」/「，」/「；」 unified, no trailing stop."""
    key = fold(text)
    key = _QUOTES.sub("", key)
    key = _ENUM_COMMA.sub("、", key)
    key = _COLON.sub(":", key)
    return _TRAILING.sub("", key)


class NumberStyle(str, Enum):
    CN_COMMA = "一、"  # section headings, table 三 rows 一 to 四
    CN_PAREN = "（一）"  # sub-heads, table 三 outcome groups
    DIGIT_PAREN = "（1）"  # Word auto-numbering in place of （一）
    DIGIT_COMMA = "1、"
    DIGIT_DOT = "1."


@dataclass(frozen=True)
class Numbering:
    written: str  # as in the folded text, e.g. "(5)" or "4、"
    style: NumberStyle
    value: int

    @property
    def canonical(self) -> str:
        return self.written


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as an integer (enough for any numbering in a report)."""
    if not text or any(ch not in CHINESE_NUMERALS for ch in text):
        return None
    digits = _NUMERAL_VALUES
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return (digits[tens] if tens else 1) * 10 + (digits[units] if units else 0)
    if len(text) == 1:
        return digits[text]
    return None


def to_chinese_number(value: int) -> str:
    if value <= 10:
        return CHINESE_NUMERALS[value]
    tens, units = divmod(value, 10)
    return (CHINESE_NUMERALS[tens] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[units] if units else "")


@lru_cache(maxsize=65536)
def split_numbering(text: str) -> tuple[Numbering | None, str]:
    """Split the leading numbering from a label; the rest is returned folded.

    Memoised like ``fold``: reports repeat the same labels, and the result is immutable."""
    folded = fold(text)
    match = _NUMBERING.match(folded)
    if not match:
        return None, folded
    rest = folded[match.end() :]
    if match["pcn"]:
        numbering = Numbering(match.group(0), NumberStyle.CN_PAREN, chinese_number(match["pcn"]) or 0)
    elif match["pdigit"]:
        numbering = Numbering(match.group(0), NumberStyle.DIGIT_PAREN, int(match["pdigit"]))
    elif match["cn"]:
        numbering = Numbering(match.group(0), NumberStyle.CN_COMMA, chinese_number(match["cn"]) or 0)
    else:
        sep = match.group(0)[len(match["digit"]) :]
        style = NumberStyle.DIGIT_COMMA if sep in ("、", ",", "，") else NumberStyle.DIGIT_DOT
        numbering = Numbering(match.group(0), style, int(match["digit"]))
    return numbering, rest


def body_key(text: str) -> str:
    """The label key without its numbering: what identifies a row whatever its numbering."""
    _, rest = split_numbering(text)
    return label_key(rest)


class MatchKind(str, Enum):
    EXACT = "exact"  # same text after folding
    NORMALISED = "normalised"  # same after folding punctuation and numbering
    ALIAS = "alias"  # a known variant (typo, local wording)
    FUZZY = "fuzzy"  # close enough to one label and clearly closer than to any other


T = TypeVar("T")


@dataclass(frozen=True)
class LabelMatch(Generic[T]):
    target: T
    kind: MatchKind
    canonical: str
    score: float = 1.0


class LabelIndex(Generic[T]):
    """Finds the entry a written label stands for.

    Each entry has one canonical label and any number of aliases. A fuzzy match is only
    accepted when it is clearly better than the runner-up, so that a damaged label is
    never resolved to the wrong row silently.
    """

    def __init__(self, fuzzy_threshold: float = 0.8, margin: float = 0.08) -> None:
        self._exact: dict[str, tuple[T, str]] = {}
        self._body: dict[str, tuple[T, str, MatchKind]] = {}
        self._fuzzy: list[tuple[str, T, str]] = []
        self._chars: dict[str, Counter[str]] = {}  # each fuzzy key's characters, for the bound
        self.fuzzy_threshold = fuzzy_threshold
        self.margin = margin
        self._memo: dict[tuple[str, bool], LabelMatch[T] | None] = {}

    def add(self, target: T, canonical: str, aliases: Iterable[str] = ()) -> None:
        self._memo.clear()
        self._exact.setdefault(fold(canonical), (target, canonical))
        self._add_body(body_key(canonical), target, canonical, MatchKind.NORMALISED)
        for alias in aliases:
            self._add_body(body_key(alias), target, canonical, MatchKind.ALIAS)

    def _add_body(self, key: str, target: T, canonical: str, kind: MatchKind) -> None:
        if key and key not in self._body:
            self._body[key] = (target, canonical, kind)
            self._fuzzy.append((key, target, canonical))
            self._chars[key] = Counter(key)

    def match(self, text: str, fuzzy: bool = True) -> LabelMatch[T] | None:
        # Reports repeat the same labels; a bounded memo makes bulk audits cheap.
        key = (text, fuzzy)
        try:
            return self._memo[key]
        except KeyError:
            pass
        result = self._match(text, fuzzy)
        if len(self._memo) > 50_000:
            self._memo.clear()
        self._memo[key] = result
        return result

    def _match(self, text: str, fuzzy: bool) -> LabelMatch[T] | None:
        folded = fold(text)
        if folded in self._exact:
            target, canonical = self._exact[folded]
            return LabelMatch(target, MatchKind.EXACT, canonical)
        key = body_key(text)
        if not key:
            return None
        if key in self._body:
            target, canonical, kind = self._body[key]
            return LabelMatch(target, kind, canonical)
        if not fuzzy or len(key) < 2:
            return None
        # A candidate that cannot score even threshold - margin changes nothing: it can be
        # neither an accepted best nor a runner-up close enough to refuse the best. Such
        # candidates are skipped on an upper bound of the ratio (what difflib's
        # quick_ratio computes: the characters in common, in any order), which is far
        # cheaper than the ratio itself.
        floor = self.fuzzy_threshold - self.margin - 1e-9  # never skip one on a rounding
        chars = Counter(key)
        scored: list[tuple[float, T, str]] = []
        for candidate, target, canonical in self._fuzzy:
            if abs(len(candidate) - len(key)) > max(3, len(candidate) // 3):
                continue
            common = (chars & self._chars[candidate]).total()
            if 2.0 * common / (len(key) + len(candidate)) < floor:
                continue
            scored.append((SequenceMatcher(None, key, candidate, autojunk=False).ratio(), target, canonical))
        if not scored:
            return None
        scored.sort(key=lambda item: item[0], reverse=True)
        best_score, target, canonical = scored[0]
        runner_up = next((s for s, t, _ in scored[1:] if t != target), 0.0)
        if best_score >= self.fuzzy_threshold and best_score - runner_up >= self.margin:
            return LabelMatch(target, MatchKind.FUZZY, canonical, round(best_score, 3))
        return None

    def keys(self) -> list[str]:
        return list(self._body)
