"""Fixtures for the annual app: staff of 张店区政府 and helpers that make records."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.actions import do_add_member
from gongkai.casework.actions import do_receive_application


@pytest.fixture
def agency(region: Any) -> Any:
    return region.county  # 淄博市张店区人民政府


@pytest.fixture
def officer(region: Any, make_user: Any) -> Any:
    user = make_user("officer", full_name="经办人")
    for agency in (region.county, region.county_department, region.street):
        do_add_member(agency, user, "officer")
    return user


@pytest.fixture
def approver(region: Any, make_user: Any) -> Any:
    user = make_user("approver", full_name="负责人")
    for agency in (region.county, region.county_department, region.street):
        do_add_member(agency, user, "approver")
    return user


@pytest.fixture
def receive(agency: Any) -> Any:
    def make(on: date, *, kind: str = "natural", name: str = "张三", **fields: Any) -> Any:
        fields.setdefault("agency", agency)
        return do_receive_application(
            channel="in_person",
            submitted_on=on,
            applicant_kind=kind,
            applicant_name=name,
            description="本单位财政预算执行情况",
            **fields,
        )

    return make
