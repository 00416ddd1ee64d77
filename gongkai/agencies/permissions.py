"""Who may see and do what, derived from memberships.

- 经办人 (officer) and 负责人/审核人 (approver) handle their own agency's work;
- only the approver approves (extensions, reply decisions, the annual report): 条例 Art 33
  requires the consent of the 工作机构负责人, so the record must name a person holding that role;
- 查看 (viewer) reads its own agency;
- 监督 (supervisor) reads the agency and every agency below it, and changes nothing.

Superusers (system administrators) can *see* everything, but they do not handle or approve
anything unless they also hold the role: an approval must be traceable to an accountable
person, not to whoever runs the server.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.regions import supervised_by

Role = Membership.Role
HANDLING_ROLES = frozenset({Role.OFFICER, Role.APPROVER})


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def roles_in(user: Any, agency: Agency) -> set[str]:
    """The roles ``user`` holds directly in ``agency`` (supervision of a parent not included)."""
    if not _active(user):
        return set()
    return set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """Agencies whose records ``user`` may read: own agencies plus supervised regions.

    One query whatever the depth of the regions (see :mod:`gongkai.agencies.regions`).
    """
    if not _active(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    own = Membership.objects.filter(user=user).values("agency_id")
    supervised = supervised_by(user.pk).values("pk")
    return Agency.objects.filter(Q(pk__in=own) | Q(pk__in=supervised))


def agencies_handled_by(user: Any) -> QuerySet[Agency]:
    """Agencies whose cases ``user`` works on (officer or approver)."""
    if not _active(user):
        return Agency.objects.none()
    return Agency.objects.filter(
        pk__in=Membership.objects.filter(user=user, role__in=HANDLING_ROLES).values("agency_id")
    )


def can_view(user: Any, agency: Agency) -> bool:
    return agencies_visible_to(user).filter(pk=agency.pk).exists()


def can_handle(user: Any, agency: Agency) -> bool:
    """May register and process applications, publications and cases for ``agency``."""
    return _active(user) and Membership.objects.filter(user=user, agency=agency, role__in=HANDLING_ROLES).exists()


def can_approve(user: Any, agency: Agency) -> bool:
    """May approve extensions, reply decisions and the annual report of ``agency``."""
    return _active(user) and Membership.objects.filter(user=user, agency=agency, role=Role.APPROVER).exists()


def can_supervise(user: Any, agency: Agency) -> bool:
    """Holds the supervisor role for ``agency`` itself or for a region that contains it."""
    return _active(user) and supervised_by(user.pk).filter(pk=agency.pk).exists()


def can_manage_members(user: Any, agency: Agency) -> bool:
    """May add and remove staff of ``agency``: a system administrator or the agency's approver."""
    return _active(user) and (user.is_superuser or can_approve(user, agency))
