"""Fixtures for casework: staff of an agency and a helper to register applications."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.actions import do_add_member
from gongkai.casework.actions import do_receive_application


@pytest.fixture
def agency(region: Any) -> Any:
    return region.county  # short name 张店区政府


@pytest.fixture
def officer(agency: Any, make_user: Any) -> Any:
    user = make_user("officer", full_name="经办人")
    do_add_member(agency, user, "officer")
    return user


@pytest.fixture
def approver(agency: Any, make_user: Any) -> Any:
    user = make_user("approver", full_name="负责人")
    do_add_member(agency, user, "approver")
    return user


@pytest.fixture
def receive(agency: Any) -> Any:
    def make(on: date = date(2025, 3, 3), *, kind: str = "natural", name: str = "张三", **fields: Any) -> Any:
        fields.setdefault("agency", agency)
        return do_receive_application(
            channel="in_person",
            submitted_on=on,
            applicant_kind=kind,
            applicant_name=name,
            description="2024年本单位财政预算执行情况",
            **fields,
        )

    return make
