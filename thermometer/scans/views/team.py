from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.scans import services
from thermometer.scans.constants import TEAM_ROLES, ScanRole
from thermometer.scans.forms import AddMemberForm, MemberRoleForm
from thermometer.scans.guard import scan_view

from .context import scan_context


def _candidates(scan):
    return (
        get_user_model()
        .objects.filter(memberships__organisation=scan.organisation, is_active=True)
        .exclude(scan_memberships__scan=scan)
        .order_by("full_name", "email")
    )


@scan_view(Action.VIEW)
def team(request, access):
    scan = access.scan
    context = scan_context(access)
    context.update(
        {
            "members": scan.members.select_related("user"),
            "add_form": AddMemberForm(candidates=_candidates(scan))
            if access.can_manage_team
            else None,
            "role_choices": [(r.value, r.label) for r in TEAM_ROLES],
        }
    )
    return render(request, "scans/team.html", context)


@scan_view(Action.MANAGE_TEAM)
@require_POST
def member_add(request, access):
    scan = access.scan
    form = AddMemberForm(request.POST, candidates=_candidates(scan))
    if form.is_valid():
        services.add_member(
            scan, form.cleaned_data["user"], ScanRole(form.cleaned_data["role"]), user=request.user
        )
        messages.success(request, _("The team member has been added."))
    else:
        messages.error(request, _("Choose a person and a role."))
    return redirect("scans:team", slug=scan.slug)


@scan_view(Action.MANAGE_TEAM)
@require_POST
def member_update(request, access, member_id):
    scan = access.scan
    member = get_object_or_404(scan.members, pk=member_id)
    try:
        if request.POST.get("remove"):
            services.remove_member(member, user=request.user)
            messages.success(request, _("The team member has been removed."))
        else:
            form = MemberRoleForm(request.POST)
            if form.is_valid():
                services.change_member_role(
                    member, ScanRole(form.cleaned_data["role"]), user=request.user
                )
                messages.success(request, _("The role has been changed."))
    except services.LastLeadError:
        messages.error(request, _("A scan always keeps at least one lead adviser."))
    return redirect("scans:team", slug=scan.slug)
