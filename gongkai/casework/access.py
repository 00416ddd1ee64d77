"""Who may see and do what on an application, and the masking of the applicant's particulars.

The rules (issue 3, design.md "Data that must hold"):

- officers and approvers (the handling roles) read and act on their own agencies' cases;
- only approvers approve an extension (条例第三十三条);
- viewers read their own agency, supervisors read every agency in their region, superusers
  read everything; none of them acts unless they also hold a handling role;
- an applicant's personal data is shown only to the handling agency's officers and approvers;
  everyone else who may read the case sees it masked;
- a case outside the user's scope is "not found" (its existence is not leaked), a forbidden
  action on a case in scope is refused with a Chinese message (403).

The checks are built on ``gongkai.agencies.permissions`` and cost a fixed number of queries:
``scope_for`` two, ``access_for`` at most two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import agencies_visible_to, can_supervise
from gongkai.casework.models import Application

Role = Membership.Role
HANDLING_ROLES = frozenset({Role.OFFICER.value, Role.APPROVER.value})

# The applicant's particulars that are personal data, in the order they are shown.
PERSONAL_FIELDS = ("applicant_name", "id_number", "contact_person", "phone", "email", "address", "postcode")
# Shown with the particulars but not personal data in themselves.
PARTICULAR_FIELDS = ("applicant_kind", "applicant_name", "id_type", "id_number", "contact_person", "phone", "email",
                     "address", "postcode")

NOT_FOUND_MESSAGE = "没有找到该申请，或您无权查看。"
HANDLE_DENIED_MESSAGE = "您在该机构没有经办人或负责人（审核人）角色，只能查看，不能办理。"
APPROVE_DENIED_MESSAGE = "只有本机构政府信息公开工作机构负责人（审核人）才能批准延长答复期限（条例第三十三条）。"
MASKED_NOTE = "申请人的个人信息仅向承办机构的经办人和负责人（审核人）显示，此处已部分隐去。"


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class CaseAccess:
    """What one user may do with the cases of one agency."""

    can_view: bool = False
    can_handle: bool = False
    can_approve: bool = False

    @property
    def sees_personal_data(self) -> bool:
        return self.can_handle

    def require_handle(self) -> None:
        if not self.can_handle:
            raise PermissionDenied(HANDLE_DENIED_MESSAGE)

    def require_approve(self) -> None:
        if not self.can_approve:
            raise PermissionDenied(APPROVE_DENIED_MESSAGE)


NO_ACCESS = CaseAccess()


def access_for(user: Any, agency: Agency | int) -> CaseAccess:
    """The user's access to ``agency``'s cases (one query, two for a supervisor's region check)."""
    if not _active(user):
        return NO_ACCESS
    agency_id = agency if isinstance(agency, int) else agency.pk
    roles = set(Membership.objects.filter(user=user, agency_id=agency_id).values_list("role", flat=True))
    handle = bool(roles & HANDLING_ROLES)
    approve = Role.APPROVER.value in roles
    view = bool(roles) or user.is_superuser
    if not view:
        target = agency if isinstance(agency, Agency) else Agency(pk=agency_id)
        view = can_supervise(user, target)
    return CaseAccess(can_view=view, can_handle=handle, can_approve=approve)


@dataclass(frozen=True)
class Scope:
    """A user's reach over all agencies at once, for lists (two queries to build)."""

    visible: tuple[Agency, ...]  # ordered by name, for the agency filter
    handled_ids: frozenset[int]
    approved_ids: frozenset[int]
    everything: bool = False  # superuser: no agency restriction

    @property
    def visible_ids(self) -> frozenset[int]:
        return frozenset(a.pk for a in self.visible)

    def sees_personal_data(self, agency_id: int) -> bool:
        return agency_id in self.handled_ids

    def access(self, agency_id: int) -> CaseAccess:
        return CaseAccess(
            can_view=self.everything or agency_id in self.visible_ids,
            can_handle=agency_id in self.handled_ids,
            can_approve=agency_id in self.approved_ids,
        )


def scope_for(user: Any) -> Scope:
    if not _active(user):
        return Scope((), frozenset(), frozenset())
    handled: set[int] = set()
    approved: set[int] = set()
    for agency_id, role in Membership.objects.filter(user=user, role__in=HANDLING_ROLES).values_list(
        "agency_id", "role"
    ):
        handled.add(agency_id)
        if role == Role.APPROVER.value:
            approved.add(agency_id)
    visible = tuple(agencies_visible_to(user).order_by("name"))
    return Scope(visible, frozenset(handled), frozenset(approved), everything=user.is_superuser)


def visible_applications(user: Any) -> Any:
    """Applications the user may read, as a lazy queryset (one SQL statement with a subquery)."""
    if not _active(user):
        return Application.objects.none()
    if user.is_superuser:
        return Application.objects.all()
    return Application.objects.filter(agency__in=agencies_visible_to(user).values("pk"))


def get_case(user: Any, pk: Any) -> tuple[Application, CaseAccess]:
    """The application and the user's access to it; ``Http404`` if it is out of the user's scope."""
    try:
        application = Application.objects.select_related("agency", "created_by").get(pk=int(pk))
    except (Application.DoesNotExist, ValueError, TypeError):
        raise Http404(NOT_FOUND_MESSAGE) from None
    access = access_for(user, application.agency)
    if not access.can_view:
        raise Http404(NOT_FOUND_MESSAGE)
    return application, access


def handled_agencies(user: Any) -> list[Agency]:
    """Agencies in which the user may register and handle applications."""
    if not _active(user):
        return []
    return list(
        Agency.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(user=user, role__in=HANDLING_ROLES).values("agency_id"),
        ).order_by("name")
    )


# --- masking -----------------------------------------------------------------------------------


def mask_name(value: str) -> str:
    """张三丰 → 张**: the family name stays, so staff can still tell cases apart."""
    value = value.strip()
    if not value:
        return ""
    return value[0] + "*" * max(len(value) - 1, 2)


def mask_tail(value: str, keep: int = 4) -> str:
    """A number with only its last ``keep`` characters left (the length is not revealed)."""
    value = value.strip()
    if not value:
        return ""
    return "******" + (value[-keep:] if len(value) > keep else "")


def mask_email(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    local, _, domain = value.partition("@")
    return (local[:1] + "***@" + domain) if domain else mask_tail(value)


def mask_address(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    return value[:6] + "****" if len(value) > 6 else value[:1] + "****"


def mask_postcode(value: str) -> str:
    value = value.strip()
    return value[:2] + "****" if value else ""


MASKERS = {
    "applicant_name": mask_name,
    "contact_person": mask_name,
    "id_number": mask_tail,
    "phone": mask_tail,
    "email": mask_email,
    "address": mask_address,
    "postcode": mask_postcode,
}


def shown_value(field: str, value: Any, sees_personal_data: bool) -> str:
    """A field of the applicant's particulars as this user may see it."""
    text = "" if value is None else str(value)
    if field in MASKERS and not sees_personal_data:
        return MASKERS[field](text)
    return text


def applicant_display(application: Application, sees_personal_data: bool) -> str:
    return shown_value("applicant_name", application.applicant_name, sees_personal_data)


def particulars(application: Application, sees_personal_data: bool) -> list[tuple[str, str]]:
    """(label, value) pairs of the applicant's particulars, masked unless allowed."""
    rows = []
    for name in PARTICULAR_FIELDS:
        field = Application._meta.get_field(name)
        raw = getattr(application, name)
        if getattr(field, "choices", None):
            raw = dict(field.choices).get(raw, raw)
        rows.append((str(field.verbose_name), shown_value(name, raw, sees_personal_data)))
    return rows

