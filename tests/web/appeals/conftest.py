"""Fixtures for appeals: staff of 张店区残联, decided applications and a case factory."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.actions import do_add_member
from gongkai.appeals.actions import do_register_appeal
from gongkai.casework.actions import do_decide, do_receive_application
from gongkai.statute.outcomes import Outcome


@pytest.fixture
def agency(region: Any) -> Any:
    return region.county_department


@pytest.fixture
def officer(agency: Any, make_user: Any) -> Any:
    user = make_user("officer", full_name="经办人")
    do_add_member(agency, user, "officer")
    return user


@pytest.fixture
def decided(agency: Any) -> Any:
    """An application of ``agency`` received on ``on`` and answered with ``outcome`` on ``decided_on``."""

    def make(
        on: date = date(2025, 3, 3),
        outcome: Outcome = Outcome.DISCLOSED,
        decided_on: date = date(2025, 3, 20),
        *,
        name: str = "张三",
        **fields: Any,
    ) -> Any:
        fields.setdefault("agency", agency)
        application = do_receive_application(
            channel="in_person", submitted_on=on, applicant_kind="natural", applicant_name=name,
            description="2024年本单位财政预算执行情况", **fields,
        )
        do_decide(application, outcome, on=decided_on)
        application.refresh_from_db()
        return application

    return make


@pytest.fixture
def application(decided: Any) -> Any:
    return decided()


@pytest.fixture
def register(agency: Any, application: Any) -> Any:
    def make(kind: str = "review", filed_on: date = date(2025, 4, 1), **fields: Any) -> Any:
        fields.setdefault("agency", agency)
        fields.setdefault("application", application)
        fields.setdefault("body", "淄博市张店区人民政府" if kind == "review" else "淄博市张店区人民法院")
        return do_register_appeal(kind=kind, filed_on=filed_on, **fields)

    return make
