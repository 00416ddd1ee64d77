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


@pytest.fixture
def department(region: Any, officer: Any, approver: Any) -> Any:
    """A county department (Art 49: publishes by 31 January) with the officer and approver."""
    from gongkai.agencies.models import Agency

    agency = Agency.objects.create(
        name="淄博市张店区教育和体育局", level=Agency.Level.DEPARTMENT, parent=region.county,
        disclosure_office="淄博市张店区教育和体育局办公室", phone="0533-2000000",
    )
    do_add_member(agency, officer, "officer")
    do_add_member(agency, approver, "approver")
    return agency


def fill_in(version: Any, actor: Any) -> Any:
    """Replace every 【请填写…】 sentence with text an officer would write."""
    import re

    from gongkai.annual.actions import do_edit_text
    from gongkai.annual.narrative import has_placeholder

    for key, text in list(version.texts.items()):
        if has_placeholder(text):
            do_edit_text(version, key, re.sub(r"【请填写：([^】]*)】", r"按要求完成了\1相关工作。", text), actor=actor)
    return version


def add_regulation(agency: Any, title: str = "关于加强校园安全管理的规定") -> Any:
    """A 规章 registered by a county department, which cannot make 规章: PL-REGULATIONS warns."""
    from gongkai.publishing.models import NormativeDocument

    return NormativeDocument.objects.create(agency=agency, kind="regulations", title=title, issued_on=date(2025, 4, 1))
