"""The appeals demo data: loaded through the actions on the sample applications, once."""

from __future__ import annotations

import pytest

from gongkai.appeals.models import AppealCase
from gongkai.appeals.periods import legal_periods
from gongkai.demodata import appeals as demo_appeals
from gongkai.demodata import load_demo

pytestmark = pytest.mark.django_db


def test_loads_once_and_resets():
    load_demo(note=lambda _: None)
    cases = AppealCase.objects.all()
    first = sorted(cases.values_list("case_number", "kind", "result"))
    assert {kind for _, kind, _ in first} == {"review", "suit_direct", "suit_after_review"}
    assert {"upheld", "corrected", "other", "pending"} <= {result for _, _, result in first}
    assert not cases.filter(is_sample=False).exists()
    assert cases.filter(application__isnull=True).count() == 1
    demo_appeals.load()
    assert sorted(cases.values_list("case_number", "kind", "result")) == first
    # The pending review about a recent reply has its answer period running or just due.
    recent = cases.get(case_number__endswith="88号")
    answer = next(p for p in legal_periods(recent) if p.period.key == "review_answer_simple")
    assert answer.start is not None and answer.due is not None
    demo_appeals.reset()
    assert not cases.exists()
