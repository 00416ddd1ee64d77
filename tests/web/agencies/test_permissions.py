"""Roles and visibility across a three-level region (city → counties → departments/streets)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.agencies.actions import do_add_member
from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import (
    agencies_handled_by,
    agencies_visible_to,
    can_approve,
    can_handle,
    can_manage_members,
    can_supervise,
    can_view,
    roles_in,
)
from gongkai.agencies.regions import ancestors, descendants
from gongkai.agencies.regions import region as region_of

pytestmark = pytest.mark.django_db


def names(qs):
    return sorted(a.name for a in qs)


def test_descendants_walk_all_levels_in_one_query(region, django_assert_num_queries):
    with django_assert_num_queries(1):
        below_city = names(descendants(region.city))
    assert below_city == names(a for a in region.all if a != region.city)
    with django_assert_num_queries(1):
        county_region = names(region_of(region.county))
    assert county_region == names([region.county, region.county_department, region.street])
    assert list(descendants(region.street)) == []


def test_descendants_of_a_deep_chain_is_still_one_query(db, django_assert_num_queries):
    top = parent = Agency.objects.create(name="第0级")
    for level in range(1, 8):
        parent = Agency.objects.create(name=f"第{level}级", parent=parent)
    with django_assert_num_queries(1):
        assert descendants(top).count() == 7


def test_ancestors(region):
    assert ancestors(region.street) == [region.county, region.city]
    assert ancestors(region.city) == []


def test_supervisor_sees_the_region_below_and_nothing_else(region, make_user):
    county_supervisor = make_user()
    do_add_member(region.county, county_supervisor, "supervisor")
    assert names(agencies_visible_to(county_supervisor)) == names(
        [region.county, region.county_department, region.street]
    )
    assert can_view(county_supervisor, region.street)
    assert not can_view(county_supervisor, region.other_department)
    assert not can_view(county_supervisor, region.city)
    assert can_supervise(county_supervisor, region.county_department)
    # Read-only: supervision gives no handling or approving rights.
    assert not can_handle(county_supervisor, region.street)
    assert not can_approve(county_supervisor, region.county)
    assert list(agencies_handled_by(county_supervisor)) == []


def test_city_supervisor_sees_every_level(region, make_user):
    city_supervisor = make_user()
    do_add_member(region.city, city_supervisor, "supervisor")
    assert names(agencies_visible_to(city_supervisor)) == names(region.all)
    assert can_supervise(city_supervisor, region.other_department)


def test_supervising_two_regions_and_overlap(region, make_user):
    user = make_user()
    do_add_member(region.county, user, "supervisor")
    do_add_member(region.other_county, user, "supervisor")
    do_add_member(region.county_department, user, "viewer")
    visible = list(agencies_visible_to(user))
    assert len(visible) == len({a.pk for a in visible}) == 5
    assert region.city not in visible


def test_visibility_is_one_query(region, make_user, django_assert_num_queries):
    user = make_user()
    do_add_member(region.city, user, "supervisor")
    do_add_member(region.street, user, "officer")
    with django_assert_num_queries(1):
        assert len(list(agencies_visible_to(user))) == 6


@pytest.mark.parametrize("role", ["officer", "approver", "viewer"])
def test_own_agency_roles_see_only_their_agency(region, make_user, role):
    user = make_user()
    do_add_member(region.county, user, role)
    assert names(agencies_visible_to(user)) == [region.county.name]
    assert not can_view(user, region.street)
    assert roles_in(user, region.county) == {role}


def test_handling_and_approving(region, make_user):
    officer, approver, viewer = make_user(), make_user(), make_user()
    do_add_member(region.street, officer, "officer")
    do_add_member(region.street, approver, "approver")
    do_add_member(region.street, viewer, "viewer")
    assert can_handle(officer, region.street) and can_handle(approver, region.street)
    assert not can_handle(viewer, region.street)
    assert can_approve(approver, region.street)
    assert not can_approve(officer, region.street)
    assert not can_approve(viewer, region.street)
    assert not can_approve(approver, region.county)  # approving is per agency, not inherited upwards
    assert can_manage_members(approver, region.street) and not can_manage_members(officer, region.street)
    assert names(agencies_handled_by(officer)) == [region.street.name]


def test_superuser_sees_all_but_approves_only_with_the_role(region, make_user):
    admin = make_user(is_superuser=True, is_staff=True)
    assert names(agencies_visible_to(admin)) == names(region.all)
    assert can_manage_members(admin, region.street)
    assert not can_approve(admin, region.street)
    do_add_member(region.street, admin, "approver")
    assert can_approve(admin, region.street)


def test_anonymous_and_inactive_users_see_nothing(region, make_user):
    assert list(agencies_visible_to(AnonymousUser())) == []
    assert not can_view(AnonymousUser(), region.city)
    user = make_user()
    do_add_member(region.city, user, "supervisor")
    do_add_member(region.city, user, "approver")
    user.is_active = False
    user.save()
    assert list(agencies_visible_to(user)) == []
    assert not can_approve(user, region.city)
    assert not can_supervise(user, region.county)
    assert roles_in(user, region.city) == set()
