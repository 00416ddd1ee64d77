"""Figures the narrative states about the tables: 「受理政府信息公开申请17件」,
「行政复议351件，其中结果维持72件…」, 「无依申请公开」 ….

Shared by the narrative rules (do the figures agree?) and the plausibility rules (do the
tables show any of the activity the text describes?). Patterns run on folded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.report.checks.text import SENTENCE_END

_UNIT = r"(?:件|个|宗|起)"
_COUNT = rf"(\d+){_UNIT}"

# kind -> patterns whose first group is the figure.
_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "received": (
        re.compile(
            r"(?:受理|收到|新收|接收|共收)了?(?:各类|群众)?(?:的)?"
            rf"(?:政府信息公开|依申请公开|信息公开|公开)?申请(?:共|总计|合计|总数)?(?:为)?{_COUNT}"
        ),
    ),
    "decided": (re.compile(rf"(?:答复|办结|办理完毕|作出答复|予以答复)了?(?:各类)?(?:申请)?(?:共|总计)?{_COUNT}"),),
    "carried_in": (re.compile(rf"(?:上年度?|上一年度?)结转(?:的|而来的)?(?:政府信息公开)?(?:申请)?{_COUNT}"),),
    "carried_out": (
        re.compile(r"(\d+)件(?:申请)?(?:顺延|结转|转入)(?:到|至)?下一?年度?"),
        re.compile(rf"结转(?:至|到)?下一?年度(?:继续)?(?:办理|答复)?(?:的)?(?:申请)?{_COUNT}"),
    ),
    "review": (re.compile(rf"行政复议(?:案件|申请)?(?:共|总计|合计)?(?:为)?{_COUNT}"),),
    "suit": (re.compile(rf"行政诉讼(?:案件)?(?:共|总计|合计)?(?:为)?{_COUNT}"),),
    "published": (
        re.compile(r"(?:公开|发布)(?:各类|各项)?(?:政府|政务)?信息(?:共|总计|合计)?(\d+)(?:条|次|件|篇)(?![余多])"),
    ),
}

# The results of 复议/诉讼 cases, looked for right after a 复议 or 诉讼 total.
_RESULTS: dict[str, re.Pattern[str]] = {
    "upheld": re.compile(rf"(?:结果)?维持(?:原决定|原行政行为)?{_COUNT}"),
    "corrected": re.compile(rf"(?:结果)?纠正(?:的)?{_COUNT}"),
    "other": re.compile(rf"其他(?:结果|情形)?{_COUNT}"),
    "pending": re.compile(rf"(?:尚未审结|未审结|审理中|正在审理){_COUNT}"),
}

# Statements that there was none of something.
_NONE: dict[str, re.Pattern[str]] = {
    "received": re.compile(
        r"(?:无|没有|未收到|未受理)(?:任何)?(?:群众|公民)?(?:的)?(?:依申请公开|政府信息公开申请|信息公开申请)"
    ),
    "review": re.compile(
        r"(?:未发生|没有发生|未出现|未收到|无)(?:因|涉及)?(?:政府信息公开(?:工作)?)?(?:而)?(?:引起|引发|被申请)?(?:的)?行政复议"
    ),
    "suit": re.compile(
        r"(?:未发生|没有发生|未出现|无)(?:因|涉及)?(?:政府信息公开(?:工作)?)?(?:而)?(?:引起|引发|被提起|被申请)?(?:的)?"
        r"(?:行政复议(?:、|和|及|或))?行政诉讼"
    ),
}


@dataclass(frozen=True)
class Claim:
    kind: str  # received, decided, carried_in, carried_out, review, suit, published
    value: int  # 0 for a statement of none
    start: int
    end: int
    part: str | None = None  # upheld/corrected/other/pending for 复议/诉讼 results


def find_claims(text: str) -> list[Claim]:
    claims: list[Claim] = []
    for kind, patterns in _PATTERNS.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                claims.append(Claim(kind, int(match.group(1)), match.start(), match.end()))
                if kind in ("review", "suit"):
                    claims.extend(_results(text, kind, match.end()))
    for kind, pattern in _NONE.items():
        for match in pattern.finditer(text):
            claims.append(Claim(kind, 0, match.start(), match.end()))
    return sorted(claims, key=lambda c: (c.start, c.part or ""))


def _results(text: str, kind: str, start: int) -> list[Claim]:
    """Results stated after a total, up to the end of the sentence or the next case kind."""
    end_match = SENTENCE_END.search(text, start)
    end = end_match.start() if end_match else len(text)
    next_kind = re.compile("行政诉讼" if kind == "review" else "行政复议").search(text, start, end)
    end = next_kind.start() if next_kind else end
    found = []
    for part, pattern in _RESULTS.items():
        match = pattern.search(text, start, end)
        if match:
            found.append(Claim(kind, int(match.group(1)), match.start(), match.end(), part))
    return found
