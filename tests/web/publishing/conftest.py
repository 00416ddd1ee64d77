"""Fixtures for publishing: staff of two agencies and helpers to make and publish items."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.actions import do_add_member
from gongkai.publishing.actions import do_create_item, do_review, do_submit_for_review
from gongkai.publishing.catalogue import ensure_default_catalogue
from gongkai.publishing.models import Category


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def agency(region: Any) -> Any:
    return region.county  # has a credit code


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
def viewer(agency: Any, make_user: Any) -> Any:
    user = make_user("viewer")
    do_add_member(agency, user, "viewer")
    return user


@pytest.fixture
def catalogue(agency: Any) -> dict[str, Category]:
    return {c.slug: c for c in ensure_default_catalogue(agency)}


@pytest.fixture
def make_item(agency: Any, officer: Any, catalogue: dict[str, Category]) -> Any:
    def make(title: str = "关于印发2021年工作要点的通知", formed_on: date = date(2025, 3, 3), *,
             slugs: tuple[str, ...] = ("news",), target: Any = None, **fields: Any) -> Any:
        target = target or agency
        cats = [c for c in ensure_default_catalogue(target) if c.slug in slugs]
        return do_create_item(agency=target, title=title, formed_on=formed_on, actor=officer, categories=cats,
                              **fields)

    return make


@pytest.fixture
def publish(approver: Any) -> Any:
    def go(item: Any, on: date, reviewer: Any = None) -> Any:
        do_submit_for_review(item)
        return do_review(item, reviewer=reviewer or approver, approve=True, published_on=on, on=on)

    return go
