"""Remedies as data: kinds and results name exactly the table 四 columns, periods carry articles."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.statute import remedies as r
from gongkai.statute.formats import FORMATS
from gongkai.statute.outcomes import Outcome


@pytest.mark.parametrize("fmt", list(FORMATS.values()), ids=list(FORMATS))
def test_kinds_and_results_are_the_table_4_columns(fmt):
    table = fmt.table("四")
    keys = {r.column_key(kind, result) for kind in r.RemedyKind for result in [*r.RemedyResult, r.TOTAL]}
    assert keys == {c.key for c in table.columns}
    for kind in r.RemedyKind:
        for result in r.RemedyResult:
            column = table.column(r.column_key(kind, result))
            assert column.label == r.RESULT_LABELS[result]
            assert column.group == r.column_group(kind)


def test_labels_are_the_formats_own():
    assert r.RESULT_LABELS[r.RemedyResult.UPHELD] == "结果维持"
    assert r.RESULT_LABELS[r.RemedyResult.PENDING] == "尚未审结"
    assert r.KIND_LABELS[r.RemedyKind.SUIT_DIRECT].endswith("（未经复议直接起诉）")
    assert r.KIND_LABELS[r.RemedyKind.SUIT_AFTER_REVIEW].endswith("（复议后起诉）")
    assert not r.RemedyKind.REVIEW.is_suit and r.RemedyKind.SUIT_DIRECT.is_suit


def test_column_key_refuses_unknown_values():
    with pytest.raises(ValueError):
        r.column_key("appeal", "upheld")
    with pytest.raises(ValueError):
        r.column_key("review", "won")


def test_every_period_cites_its_law_and_article():
    for period in r.LEGAL_PERIODS:
        assert period.article.startswith(("《中华人民共和国行政复议法》", "《中华人民共和国行政诉讼法》"))
        assert "第" in period.article and "条" in period.article
        assert period.length > 0 and period.kinds


def test_periods_per_kind_and_procedure():
    simple_review = {p.key for p in r.periods_for("review", "simple")}
    assert simple_review == {"review_window", "review_acceptance", "review_answer_simple", "review_decision_simple"}
    ordinary_review = {p.key for p in r.periods_for("review", "ordinary")}
    assert "review_decision_ordinary" in ordinary_review and "review_answer_simple" not in ordinary_review
    direct = {p.key for p in r.periods_for("suit_direct", "simple")}
    assert direct == {"direct_suit_window", "defence", "judgment_simple"}
    after = {p.key for p in r.periods_for("suit_after_review", "ordinary")}
    assert after == {"suit_after_review_window", "defence", "judgment_ordinary"}


def test_article_88_periods_are_working_days_the_others_calendar():
    units = {p.key: (p.length, p.unit) for p in r.LEGAL_PERIODS}
    assert units["review_acceptance"] == (5, r.PeriodUnit.WORKDAYS)
    assert units["review_answer_simple"] == (5, r.PeriodUnit.WORKDAYS)
    assert units["review_answer_ordinary"] == (10, r.PeriodUnit.WORKDAYS)
    assert units["review_decision_simple"] == (30, r.PeriodUnit.DAYS)
    assert units["review_decision_ordinary"] == (60, r.PeriodUnit.DAYS)
    assert r.PERIODS_BY_KEY["review_decision_ordinary"].extension == 30
    assert units["direct_suit_window"] == (6, r.PeriodUnit.MONTHS)
    assert units["judgment_simple"] == (45, r.PeriodUnit.DAYS)
    assert r.PERIODS_BY_KEY["review_decision_ordinary"].length_label == "60日（经批准可延长不超过30日）"


@pytest.mark.parametrize(
    ("outcome", "decided_on", "applies"),
    [
        (Outcome.WITHHELD_STATE_SECRET, date(2024, 1, 1), True),
        (Outcome.WITHHELD_PROCESS, date(2026, 5, 1), True),
        (Outcome.WITHHELD_STATE_SECRET, date(2023, 12, 31), False),
        (Outcome.PARTIAL, date(2025, 1, 1), False),
        (Outcome.UNABLE_NOT_HELD, date(2025, 1, 1), False),
        ("", date(2025, 1, 1), False),
        ("NONSENSE", date(2025, 1, 1), False),
        (Outcome.WITHHELD_STATE_SECRET, None, False),
    ],
)
def test_review_first(outcome, decided_on, applies):
    assert r.review_first_applies(outcome, decided_on) is applies


def test_statute_does_not_import_django():
    import sys

    assert "gongkai.statute.remedies" in sys.modules
    source = open(r.__file__, encoding="utf-8").read()
    assert "django" not in source
