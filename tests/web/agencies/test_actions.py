"""Business actions: validation, idempotence and who-did-it in the history tables."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.actions import (
    do_add_member,
    do_create_agency,
    do_deactivate_agency,
    do_remove_member,
    do_set_roles,
    do_update_agency,
)
from gongkai.agencies.models import Agency, Membership

pytestmark = pytest.mark.django_db


def test_create_validates_and_records_the_author(make_user):
    admin = make_user("admin")
    agency = do_create_agency(
        name="淄博市张店区残疾人联合会",
        credit_code="11341702486344515h",
        disclosure_office="张店区残联办公室",
        postcode="255000",
        acting_user=admin,
    )
    assert agency.credit_code == "11341702486344515H"
    record = agency.history.get()
    assert record.history_type == "+"
    assert record.history_user == admin
    with pytest.raises(ValidationError):
        do_create_agency(name="坏代码", credit_code="11341702486344515A")
    assert Agency.objects.count() == 1


def test_unknown_fields_are_a_programming_error():
    with pytest.raises(TypeError):
        do_create_agency(name="某局", colour="red")


def test_update_keeps_history_and_rejects_cycles(region, make_user):
    editor = make_user()
    do_update_agency(region.street, phone="0533-1234567", acting_user=editor)
    latest = region.street.history.first()
    assert latest.phone == "0533-1234567" and latest.history_user == editor
    assert region.street.history.count() == 2
    with pytest.raises(ValidationError):
        do_update_agency(region.city, parent=region.street)
    region.city.refresh_from_db()
    assert region.city.parent is None


def test_deactivate(region):
    do_deactivate_agency(region.street)
    region.street.refresh_from_db()
    assert not region.street.is_active


def test_add_member_is_idempotent_and_remove_reports(region, make_user):
    user, approver = make_user(), make_user()
    first = do_add_member(region.county, user, "officer", acting_user=approver)
    again = do_add_member(region.county, user, Membership.Role.OFFICER, acting_user=approver)
    assert first.pk == again.pk
    assert first.history.get().history_user == approver
    assert do_remove_member(region.county, user, "officer", acting_user=approver)
    assert not do_remove_member(region.county, user, "officer")
    assert Membership.history.filter(user_id=user.pk, history_type="-").get().history_user == approver


def test_add_member_rejects_unknown_role(region, make_user):
    with pytest.raises(ValidationError):
        do_add_member(region.county, make_user(), "boss")


def test_set_roles(region, make_user):
    user = make_user()
    do_add_member(region.county, user, "viewer")
    assert do_set_roles(region.county, user, ["officer", "approver"]) == {"officer", "approver"}
    assert set(Membership.objects.filter(user=user).values_list("role", flat=True)) == {"officer", "approver"}
    do_set_roles(region.county, user, [])
    assert not Membership.objects.filter(user=user).exists()
    with pytest.raises(ValueError):
        do_set_roles(region.county, user, ["boss"])
