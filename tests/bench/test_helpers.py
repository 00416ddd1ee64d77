"""The benchmark helpers that decide what is measured and where the figures go."""

from __future__ import annotations

import random
from datetime import date, timedelta

from bench import caselist_data
from bench.readme import sections, update_section
from bench.workdays import FIRST, LAST, receipt_dates
from gongkai.casework.lifecycle import OPEN_STATES, CaseEvent, State, replay


def test_one_section_is_replaced_and_the_others_kept(tmp_path):
    readme = tmp_path / "README.md"
    update_section("report", ["## 报告", "旧"], readme)
    update_section("workdays", ["## 工作日", "1"], readme)
    update_section("report", ["## 报告", "新"], readme)
    found = sections(readme.read_text(encoding="utf-8"))
    assert found == {"report": "## 报告\n新\n", "workdays": "## 工作日\n1\n"}
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# 基准测试结果") and text.index("## 报告") < text.index("## 工作日")


def test_generated_case_lives_are_lawful_and_their_cached_state_is_what_they_lead_to():
    rng = random.Random(7)
    today = date(2026, 11, 27)
    closed = 0
    for _ in range(2000):
        received = caselist_data.FIRST_RECEIPT + timedelta(days=rng.randrange((today - caselist_data.FIRST_RECEIPT).days))
        case = caselist_data.make_case(rng, received, today)
        status = replay([CaseEvent(kind, when, details) for kind, when, details in case.events])
        assert status.state.value == case.state
        assert (status.outcome.value if status.outcome else "") == case.outcome
        assert status.decided_on == case.decided_on
        assert all(when <= today for _, when, _ in case.events)
        closed += State(case.state) not in OPEN_STATES
    assert 0.6 < closed / 2000 < 0.8  # about 70 % closed, as the brief asks


def test_receipt_dates_are_reproducible_and_in_range():
    dates = receipt_dates(1000)
    assert dates == receipt_dates(1000)
    assert FIRST <= min(dates) and max(dates) <= LAST
