"""Remedies against a disclosure decision: 行政复议 and 行政诉讼, as data.

- the three kinds of case and the four results, each mapped to a table 四 column key
  (``review.upheld`` …, spec §4.5); the labels are the format's own (``statute.formats.common``);
- the legal periods of spec §2 that run in such a case, each with its source article;
- 复议前置: since 2024-01-01 a 不予公开 decision must go to 行政复议 before a suit.

Plain Python: the appeals app and the report engine both read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from gongkai.statute.formats.common import REVIEW, SUIT, SUIT_AFTER_REVIEW, SUIT_DIRECT, T4_KINDS, T4_RESULTS
from gongkai.statute.outcomes import Outcome

REVIEW_LAW = "《中华人民共和国行政复议法》（2023年修订）"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》（2017年修正）"


class RemedyKind(str, Enum):
    """The three kinds of case; the value is the table 四 column-group key."""

    REVIEW = "review"
    SUIT_DIRECT = "suit_direct"
    SUIT_AFTER_REVIEW = "suit_after_review"

    @property
    def is_suit(self) -> bool:
        return self is not RemedyKind.REVIEW


class RemedyResult(str, Enum):
    """The four results; the value is the table 四 column key suffix."""

    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"


class Procedure(str, Enum):
    SIMPLE = "simple"
    ORDINARY = "ordinary"


TOTAL = "total"  # the 总计 column of each kind

_RESULT_LABELS = dict(T4_RESULTS)
_KIND_GROUPS = dict(T4_KINDS)

# The kinds as staff read them: the table 四 header cells under which the case is counted.
KIND_LABELS: dict[RemedyKind, str] = {
    RemedyKind.REVIEW: REVIEW,
    RemedyKind.SUIT_DIRECT: f"{SUIT}（{SUIT_DIRECT}）",
    RemedyKind.SUIT_AFTER_REVIEW: f"{SUIT}（{SUIT_AFTER_REVIEW}）",
}
RESULT_LABELS: dict[RemedyResult, str] = {r: _RESULT_LABELS[r.value] for r in RemedyResult}
PROCEDURE_LABELS: dict[Procedure, str] = {Procedure.SIMPLE: "简易程序", Procedure.ORDINARY: "普通程序"}
# What the body is called, and what "filing" and "acceptance" mean, for each kind.
BODY_LABELS: dict[RemedyKind, str] = {
    RemedyKind.REVIEW: "行政复议机关",
    RemedyKind.SUIT_DIRECT: "人民法院",
    RemedyKind.SUIT_AFTER_REVIEW: "人民法院",
}


def column_key(kind: RemedyKind | str, result: RemedyResult | str) -> str:
    """The table 四 column key of a kind and a result (or ``TOTAL``), e.g. ``review.upheld``."""
    kind = RemedyKind(kind)
    suffix = result if result == TOTAL else RemedyResult(result).value
    return f"{kind.value}.{suffix}"


def column_group(kind: RemedyKind | str) -> tuple[str, ...]:
    """The header cells of a kind in table 四, outermost first, e.g. (行政诉讼, 复议后起诉)."""
    return _KIND_GROUPS[RemedyKind(kind).value]


# --- typical dispositions (guidance only) -----------------------------------------------------------

# How common decisions are usually counted. The format does not define 其他结果 or 尚未审结
# (spec §4.5, §9 item 1: UNCONFIRMED); this is shown to staff as guidance, never enforced.
TYPICAL_DISPOSITIONS: dict[RemedyKind, tuple[tuple[str, RemedyResult], ...]] = {
    RemedyKind.REVIEW: (
        ("决定维持（复议法第六十八条）", RemedyResult.UPHELD),
        ("决定驳回行政复议请求（复议法第六十九条）", RemedyResult.UPHELD),
        ("决定撤销、部分撤销、变更、确认违法或责令重新答复（复议法第六十三至六十六条）", RemedyResult.CORRECTED),
        ("责令履行公开职责（复议法第六十六条）", RemedyResult.CORRECTED),
        ("终止行政复议、调解、和解后撤回申请（复议法第四十一条、第七十三条、第七十四条）", RemedyResult.OTHER),
        ("受理后驳回行政复议申请（复议法第三十三条）", RemedyResult.OTHER),
    ),
    RemedyKind.SUIT_DIRECT: (
        ("判决驳回原告诉讼请求（行诉法第六十九条）", RemedyResult.UPHELD),
        ("判决撤销、确认违法、责令履行或变更（行诉法第七十条至第七十七条）", RemedyResult.CORRECTED),
        ("裁定驳回起诉、准予撤诉、按撤诉处理、调解（行诉法第六十条、第六十二条）", RemedyResult.OTHER),
    ),
}
TYPICAL_DISPOSITIONS[RemedyKind.SUIT_AFTER_REVIEW] = TYPICAL_DISPOSITIONS[RemedyKind.SUIT_DIRECT]


# --- legal periods (spec §2) ---------------------------------------------------------------------------


class PeriodUnit(str, Enum):
    WORKDAYS = "workdays"  # 复议法第八十八条: its 三日、五日、七日、十日 are working days
    DAYS = "days"  # calendar days (民事诉讼法第八十五条 via 复议法第八十八条 and 行诉法第一百零一条)
    MONTHS = "months"


UNIT_LABELS = {PeriodUnit.WORKDAYS: "个工作日", PeriodUnit.DAYS: "日", PeriodUnit.MONTHS: "个月"}


class Duty(str, Enum):
    """Who must act within the period: it decides whose lateness the agency must watch."""

    CLAIMANT = "claimant"  # the applicant / plaintiff
    BODY = "body"  # the 复议机关 or the court
    RESPONDENT = "respondent"  # our agency


DUTY_LABELS = {
    Duty.CLAIMANT: "申请人（原告）",
    Duty.BODY: "复议机关（人民法院）",
    Duty.RESPONDENT: "本机关（被申请人、被告）",
}


class Start(str, Enum):
    """The event a period runs from; the appeals app maps each to a recorded date."""

    KNEW_ACT = "knew_act"  # knew or should have known of the act (the reply)
    FILED = "filed"  # the body received the 复议 application / the complaint
    ACCEPTED = "accepted"  # 受理 / 立案
    COPY_RECEIVED = "copy_received"  # the respondent received the copy of the application / complaint
    REVIEW_DECIDED = "review_decided"  # the claimant received the 复议 decision


START_LABELS = {
    Start.KNEW_ACT: "知道或者应当知道该行政行为之日",
    Start.FILED: "收到申请（起诉状）之日",
    Start.ACCEPTED: "受理（立案）之日",
    Start.COPY_RECEIVED: "本机关收到申请书（起诉状）副本之日",
    Start.REVIEW_DECIDED: "收到行政复议决定书之日",
}
# The same, worded for a 复议 (False) or a suit (True), as the case page shows them.
START_LABELS_BY_FORUM: dict[tuple[Start, bool], str] = {
    (Start.FILED, False): "复议机关收到行政复议申请之日",
    (Start.FILED, True): "人民法院收到起诉状之日",
    (Start.ACCEPTED, False): "受理之日",
    (Start.ACCEPTED, True): "立案之日",
    (Start.COPY_RECEIVED, False): "本机关收到行政复议申请书副本之日",
    (Start.COPY_RECEIVED, True): "本机关收到起诉状副本之日",
}
DUTY_LABELS_BY_FORUM: dict[tuple[Duty, bool], str] = {
    (Duty.CLAIMANT, False): "申请人",
    (Duty.CLAIMANT, True): "原告",
    (Duty.BODY, False): "行政复议机关",
    (Duty.BODY, True): "人民法院",
    (Duty.RESPONDENT, False): "本机关（被申请人）",
    (Duty.RESPONDENT, True): "本机关（被告）",
}


def start_label(start: Start, kind: RemedyKind | str) -> str:
    return START_LABELS_BY_FORUM.get((start, RemedyKind(kind).is_suit), START_LABELS[start])


def duty_label(duty: Duty, kind: RemedyKind | str) -> str:
    return DUTY_LABELS_BY_FORUM[(duty, RemedyKind(kind).is_suit)]


class End(str, Enum):
    """The event that meets the period."""

    FILED = "filed"
    ACCEPTED = "accepted"
    ANSWERED = "answered"
    DECIDED = "decided"


@dataclass(frozen=True)
class LegalPeriod:
    key: str
    label: str
    length: int
    unit: PeriodUnit
    start: Start
    end: End
    duty: Duty
    kinds: frozenset[RemedyKind]
    article: str
    procedure: Procedure | None = None  # None: both procedures
    extension: int = 0  # at most this much more, same unit, with approval
    note: str = ""

    @property
    def length_label(self) -> str:
        text = f"{self.length}{UNIT_LABELS[self.unit]}"
        if self.extension:
            text += f"（经批准可延长不超过{self.extension}{UNIT_LABELS[self.unit]}）"
        return text

    def applies(self, kind: RemedyKind | str, procedure: Procedure | str) -> bool:
        return RemedyKind(kind) in self.kinds and (self.procedure is None or self.procedure == Procedure(procedure))


_REVIEW = frozenset({RemedyKind.REVIEW})
_SUITS = frozenset({RemedyKind.SUIT_DIRECT, RemedyKind.SUIT_AFTER_REVIEW})

LEGAL_PERIODS: tuple[LegalPeriod, ...] = (
    LegalPeriod(
        "review_window", "申请行政复议期限", 60, PeriodUnit.DAYS, Start.KNEW_ACT, End.FILED, Duty.CLAIMANT, _REVIEW,
        f"{REVIEW_LAW}第二十条",
        note="未告知申请行政复议的权利、机关和期限的，自知道或者应当知道之日起计算，最长不超过一年（第二十条第二款）",
    ),
    LegalPeriod(
        "review_acceptance", "受理审查期限", 5, PeriodUnit.WORKDAYS, Start.FILED, End.ACCEPTED, Duty.BODY, _REVIEW,
        f"{REVIEW_LAW}第三十条、第八十八条", note="期限届满未作出不予受理决定的，视为受理（第三十条）",
    ),
    LegalPeriod(
        "review_answer_simple", "书面答复期限（简易程序）", 5, PeriodUnit.WORKDAYS, Start.COPY_RECEIVED, End.ANSWERED,
        Duty.RESPONDENT, _REVIEW, f"{REVIEW_LAW}第五十四条、第八十八条", procedure=Procedure.SIMPLE,
        note="提出书面答复，并提交作出行政行为的证据、依据和其他有关材料",
    ),
    LegalPeriod(
        "review_answer_ordinary", "书面答复期限（普通程序）", 10, PeriodUnit.WORKDAYS, Start.COPY_RECEIVED,
        End.ANSWERED, Duty.RESPONDENT, _REVIEW, f"{REVIEW_LAW}第四十八条、第八十八条", procedure=Procedure.ORDINARY,
        note="第八十八条：“十日”指工作日；提出书面答复，并提交证据、依据和其他有关材料",
    ),
    LegalPeriod(
        "review_decision_simple", "行政复议决定期限（简易程序）", 30, PeriodUnit.DAYS, Start.ACCEPTED, End.DECIDED,
        Duty.BODY, _REVIEW, f"{REVIEW_LAW}第六十二条第二款", procedure=Procedure.SIMPLE,
        note="政府信息公开案件可以适用简易程序（第五十三条第一款第（四）项）",
    ),
    LegalPeriod(
        "review_decision_ordinary", "行政复议决定期限（普通程序）", 60, PeriodUnit.DAYS, Start.ACCEPTED, End.DECIDED,
        Duty.BODY, _REVIEW, f"{REVIEW_LAW}第六十二条第一款", procedure=Procedure.ORDINARY, extension=30,
        note="情况复杂的，经行政复议机构负责人批准可以适当延长，最多不超过三十日",
    ),
    LegalPeriod(
        "suit_after_review_window", "复议后起诉期限", 15, PeriodUnit.DAYS, Start.REVIEW_DECIDED, End.FILED,
        Duty.CLAIMANT, frozenset({RemedyKind.SUIT_AFTER_REVIEW}), f"{LITIGATION_LAW}第四十五条",
        note="复议机关逾期不作决定的，自复议期满之日起十五日内起诉",
    ),
    LegalPeriod(
        "direct_suit_window", "直接起诉期限", 6, PeriodUnit.MONTHS, Start.KNEW_ACT, End.FILED, Duty.CLAIMANT,
        frozenset({RemedyKind.SUIT_DIRECT}), f"{LITIGATION_LAW}第四十六条",
        note="自知道或者应当知道作出行政行为之日起六个月内；最长不超过五年",
    ),
    LegalPeriod(
        "defence", "答辩期限", 15, PeriodUnit.DAYS, Start.COPY_RECEIVED, End.ANSWERED, Duty.RESPONDENT, _SUITS,
        f"{LITIGATION_LAW}第六十七条", note="提交作出行政行为的证据和所依据的规范性文件，并提出答辩状",
    ),
    LegalPeriod(
        "judgment_simple", "一审审理期限（简易程序）", 45, PeriodUnit.DAYS, Start.ACCEPTED, End.DECIDED, Duty.BODY,
        _SUITS, f"{LITIGATION_LAW}第八十二条、第八十三条", procedure=Procedure.SIMPLE,
        note="政府信息公开案件可以适用简易程序（第八十二条第一款第（三）项）",
    ),
    LegalPeriod(
        "judgment_ordinary", "一审审理期限（普通程序）", 6, PeriodUnit.MONTHS, Start.ACCEPTED, End.DECIDED, Duty.BODY,
        _SUITS, f"{LITIGATION_LAW}第八十一条", procedure=Procedure.ORDINARY,
        note="有特殊情况需要延长的，由高级人民法院批准",
    ),
)
PERIODS_BY_KEY = {p.key: p for p in LEGAL_PERIODS}

# 民事诉讼法 Art 85 as 复议法 Art 88 and 行诉法 Art 101 apply it (spec §2: seen only as a quote).
CALENDAR_PERIOD_RULE = (
    "期间开始之日不计算在期间内；期间届满的最后一日是法定休假日的，以休假日后的第一日为期间届满的日期"
    "（《民事诉讼法》第八十五条，经复议法第八十八条、行政诉讼法第一百零一条适用）"
)


def periods_for(kind: RemedyKind | str, procedure: Procedure | str) -> tuple[LegalPeriod, ...]:
    return tuple(p for p in LEGAL_PERIODS if p.applies(kind, procedure))


# --- 复议前置 -----------------------------------------------------------------------------------------

REVIEW_FIRST_SINCE = date(2024, 1, 1)
REVIEW_FIRST_ARTICLE = f"{REVIEW_LAW}第二十三条第一款第（四）项、第二款"
# 不予公开 only: whether 部分公开 is covered is UNCONFIRMED (spec §2, §9 item 9).
REVIEW_FIRST_OUTCOMES = frozenset(o for o in Outcome if o.name.startswith("WITHHELD_"))


def review_first_applies(outcome: Outcome | str | None, decided_on: date | None) -> bool:
    """Whether a reply had to go to 行政复议 before any suit (复议前置)."""
    if not outcome or decided_on is None:
        return False
    try:
        outcome = Outcome(outcome)
    except ValueError:
        return False
    return outcome in REVIEW_FIRST_OUTCOMES and decided_on >= REVIEW_FIRST_SINCE


__all__ = [
    "BODY_LABELS",
    "CALENDAR_PERIOD_RULE",
    "DUTY_LABELS",
    "KIND_LABELS",
    "LEGAL_PERIODS",
    "PERIODS_BY_KEY",
    "PROCEDURE_LABELS",
    "RESULT_LABELS",
    "REVIEW_FIRST_ARTICLE",
    "REVIEW_FIRST_OUTCOMES",
    "REVIEW_FIRST_SINCE",
    "START_LABELS",
    "TOTAL",
    "TYPICAL_DISPOSITIONS",
    "Duty",
    "End",
    "LegalPeriod",
    "PeriodUnit",
    "Procedure",
    "RemedyKind",
    "RemedyResult",
    "Start",
    "column_group",
    "column_key",
    "duty_label",
    "periods_for",
    "review_first_applies",
    "start_label",
]
