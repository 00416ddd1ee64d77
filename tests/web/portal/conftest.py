"""Fixtures for the portal: public items, a staff member, clean rate-limit counters."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import pytest
from django.core.cache import cache

from gongkai.agencies.actions import do_add_member
from gongkai.publishing.models import Category, Item, ItemState

_serial = count(1)


@pytest.fixture(autouse=True)
def _clean_cache() -> Any:
    # Rate-limit counters live in the cache; each test starts with none used.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> Any:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def agency(region: Any) -> Any:
    region.county_department.disclosure_office = "张店区残联办公室"
    region.county_department.office_address = "淄博市张店区人民西路1号"
    region.county_department.phone = "0533-2100000"
    region.county_department.office_hours = "工作日 9:00-12:00，13:30-17:00"
    region.county_department.save()
    return region.county_department


@pytest.fixture
def officer(agency: Any, make_user: Any) -> Any:
    user = make_user("portal-officer")
    do_add_member(agency, user, "officer")
    return user


@pytest.fixture
def category(agency: Any) -> Any:
    return Category.objects.create(agency=agency, name="财政信息", slug="caizheng", order=10)


@pytest.fixture
def publish(agency: Any) -> Any:
    def make(
        title: str,
        *,
        summary: str = "",
        body_text: str = "",
        on: date = date(2026, 3, 2),
        state: str = ItemState.PUBLISHED,
        categories: tuple = (),
        owner: Any = None,
        **fields: Any,
    ) -> Item:
        owner = owner or agency
        serial = next(_serial)
        published = state in (ItemState.PUBLISHED, ItemState.WITHDRAWN)
        item = Item.objects.create(
            agency=owner,
            title=title,
            summary=summary,
            body=f"<p>{body_text}</p>" if body_text else "",
            body_text=body_text,
            formed_on=on,
            published_on=on if published else None,
            state=state,
            index_number=f"{owner.pk:04d}/{on.year}-{serial:05d}" if published else "",
            index_year=on.year if published else None,
            index_serial=serial if published else None,
            **fields,
        )
        if categories:
            item.categories.set(categories)
        return item

    return make


@pytest.fixture
def publish_report(agency: Any, make_user: Any) -> Any:
    """Publish a real annual report of ``agency`` through the annual actions (rendering its
    HTML, DOCX, PDF and JSON takes a few seconds, so tests publish as few as they can)."""
    import re

    from gongkai.annual import actions as annual
    from gongkai.annual.narrative import has_placeholder

    staff = make_user("portal-report-staff")
    do_add_member(agency, staff, "officer")
    do_add_member(agency, staff, "approver")

    def make(year: int, on: date) -> Any:
        version = annual.do_build_draft(agency, year, actor=staff)
        for key, text in list(version.texts.items()):
            if has_placeholder(text):
                filled = re.sub(r"【请填写：([^】]*)】", r"按要求完成了\1相关工作。", text)
                annual.do_edit_text(version, key, filled, actor=staff)
        for finding in version.checks:
            if finding["severity"] == "warning":
                annual.do_acknowledge_warning(version, finding["key"], "已核实。", actor=staff)
        annual.do_submit(version, actor=staff)
        annual.do_approve(version, actor=staff)
        return annual.do_publish(version, actor=staff, on=on)

    return make
