"""The one permission layer: who may see which scan, and do what on it.

Visibility: a user sees the scans of the organisations where they are an
adviser, and the scans on whose team they are (a client sees only those).
Actions: decided by ``ScanRole`` (team role, or OBSERVER for an adviser of the
organisation who is not on the team). Personal data (participants' names, interview
transcripts, the coded project) is for the advisers; the client sees it only where the
scan says so (``Scan.client_sees_personal_data``, off by default).
"""

from enum import StrEnum

from django.db.models import Q

from thermometer.organisations.constants import OrganisationRole
from thermometer.organisations.models import Organisation

from .roles import ScanRole


class Action(StrEnum):
    VIEW = "view"
    COMMENT = "comment"
    EDIT = "edit"
    MANAGE_TEAM = "manage_team"
    MANAGE_PARTICIPANTS = "manage_participants"
    ADVANCE_STEPS = "advance_steps"
    VIEW_PERSONAL = "view_personal"
    MANAGE_PRIVACY = "manage_privacy"  # purge now, requests of a person, delete the scan


_CHECKS = {
    Action.VIEW: ScanRole.can_view,
    Action.COMMENT: ScanRole.can_comment,
    Action.EDIT: ScanRole.can_edit_scan,
    Action.MANAGE_TEAM: ScanRole.can_manage_team,
    Action.MANAGE_PARTICIPANTS: ScanRole.can_manage_participants,
    Action.ADVANCE_STEPS: ScanRole.can_advance_steps,
    Action.MANAGE_PRIVACY: ScanRole.can_manage_privacy,
}


def visible_scans(queryset, user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    return queryset.filter(
        Q(
            organisation__memberships__user=user,
            organisation__memberships__role=OrganisationRole.ADVISER,
        )
        | Q(members__user=user, organisation__memberships__user=user)
    ).distinct()


def scan_role(user, scan) -> ScanRole | None:
    """The role of ``user`` on ``scan``, or None if they may not see it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    org_role = (
        scan.organisation.memberships.filter(user=user).values_list("role", flat=True).first()
    )
    if org_role is None:
        return None
    member_role = scan.members.filter(user=user).values_list("role", flat=True).first()
    if member_role:
        return ScanRole(member_role)
    if OrganisationRole(org_role).sees_all_scans():
        return ScanRole.OBSERVER
    return None


def allows(role: ScanRole | None, action: Action, scan=None) -> bool:
    if role is None:
        return False
    if Action(action) == Action.VIEW_PERSONAL:
        if role == ScanRole.CLIENT:
            return bool(scan is not None and scan.client_sees_personal_data)
        return role.can_view()
    return _CHECKS[Action(action)](role)


def administered_organisations(user):
    """The organisations whose privacy settings and security log ``user`` manages."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__administers=True)


def organisations_where_user_creates_scans(user):
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=OrganisationRole.ADVISER
    )
