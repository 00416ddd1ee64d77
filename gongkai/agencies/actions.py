"""Business actions on agencies and staff: the only code paths that change these records.

Views, the admin's custom actions, management commands and the demo call these functions;
they validate with ``full_clean`` (so the same rules hold whatever the caller) and record the
acting user in the history tables. Permission checks belong to the caller (see
:mod:`gongkai.agencies.permissions`), because a command run by the operator and a web request
by an approver authorise differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency, Membership

# Fields a caller may set through do_create_agency / do_update_agency.
EDITABLE_AGENCY_FIELDS = frozenset(
    {
        "name",
        "short_name",
        "credit_code",
        "level",
        "parent",
        "is_active",
        "disclosure_office",
        "office_address",
        "postcode",
        "office_hours",
        "phone",
        "fax",
        "email",
        "website",
    }
)


def _check_fields(fields: Iterable[str]) -> None:
    unknown = set(fields) - EDITABLE_AGENCY_FIELDS
    if unknown:
        raise TypeError(f"unknown agency fields: {', '.join(sorted(unknown))}")


def _attribute_history(instance: Agency | Membership, acting_user: Any) -> None:
    # simple_history reads this attribute when it writes the history row; outside a request
    # (commands, tasks) it is the only way to say who made the change.
    if acting_user is not None:
        instance._history_user = acting_user  # type: ignore[union-attr]


@transaction.atomic
def do_create_agency(*, name: str, acting_user: Any = None, **fields: Any) -> Agency:
    _check_fields(fields)
    agency = Agency(name=name, **fields)
    agency.full_clean()
    _attribute_history(agency, acting_user)
    agency.save()
    return agency


@transaction.atomic
def do_update_agency(agency: Agency, *, acting_user: Any = None, **changes: Any) -> Agency:
    _check_fields(changes)
    for field, value in changes.items():
        setattr(agency, field, value)
    agency.full_clean()
    _attribute_history(agency, acting_user)
    agency.save()
    return agency


@transaction.atomic
def do_deactivate_agency(agency: Agency, *, acting_user: Any = None) -> Agency:
    """Mark an agency as 撤销/合并. Records and memberships stay, for history and reports."""
    return do_update_agency(agency, is_active=False, acting_user=acting_user)


@transaction.atomic
def do_add_member(agency: Agency, user: Any, role: str, *, acting_user: Any = None) -> Membership:
    """Give ``user`` the ``role`` in ``agency``; adding a role the user already has is a no-op."""
    existing = Membership.objects.filter(agency=agency, user=user, role=role).first()
    if existing is not None:
        return existing
    membership = Membership(agency=agency, user=user, role=role)
    membership.full_clean()
    _attribute_history(membership, acting_user)
    membership.save()
    return membership


@transaction.atomic
def do_remove_member(agency: Agency, user: Any, role: str, *, acting_user: Any = None) -> bool:
    """Take ``role`` in ``agency`` away from ``user``; returns whether there was one to remove."""
    membership = Membership.objects.filter(agency=agency, user=user, role=role).first()
    if membership is None:
        return False
    _attribute_history(membership, acting_user)
    membership.delete()
    return True


@transaction.atomic
def do_set_roles(agency: Agency, user: Any, roles: Iterable[str], *, acting_user: Any = None) -> set[str]:
    """Make ``user``'s roles in ``agency`` exactly ``roles`` (as a staff-edit form submits them)."""
    wanted = {Membership.Role(role).value for role in roles}
    current = set(Membership.objects.filter(agency=agency, user=user).values_list("role", flat=True))
    for role in sorted(current - wanted):
        do_remove_member(agency, user, role, acting_user=acting_user)
    for role in sorted(wanted - current):
        do_add_member(agency, user, role, acting_user=acting_user)
    return wanted
