from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thermometer.access.policy import Action, organisations_where_user_creates_scans
from thermometer.audit.models import AuditEvent
from thermometer.municipalities.models import Municipality
from thermometer.scans import guidance, services
from thermometer.scans.forms import ScanCreateForm, ScanEditForm
from thermometer.scans.guard import scan_view
from thermometer.scans.models import Scan
from thermometer.scans.retention import retention_ends

from .context import progress, scan_context


def scan_list(request):
    scans = (
        Scan.objects.for_user(request.user)
        .select_related("municipality", "method_version", "organisation")
        .prefetch_related("step_states")
    )
    return render(
        request,
        "scans/scan_list.html",
        {
            "scans": [(scan, progress(scan)) for scan in scans],
            "can_create": organisations_where_user_creates_scans(request.user).exists(),
        },
    )


def scan_create(request):
    organisations = organisations_where_user_creates_scans(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = ScanCreateForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scan = services.create_scan(
            user=request.user,
            organisation=data["organisation"],
            municipality=data["municipality"],
            method_version=data["method_version"],
            title=data["title"],
            policy_areas=data["policy_areas"],
            other_policy_area=data["other_policy_area"],
            client_questions=form.questions(),
            start_date=data["start_date"],
        )
        messages.success(
            request, _("The scan has been created. Check the suggested planning per step.")
        )
        return redirect("scans:planning", slug=scan.slug)
    return render(
        request,
        "scans/scan_create.html",
        {"form": form, "municipalities": Municipality.objects.current(), "creating": True},
    )


@scan_view(Action.VIEW)
def scan_detail(request, access):
    context = scan_context(access)
    context["retention_ends"] = retention_ends(access.scan)
    if access.can_edit:
        context["next_step"] = guidance.panel(access.scan, context["steps"])
    return render(request, "scans/scan_detail.html", context)


@scan_view(Action.EDIT)
def scan_edit(request, access):
    scan = access.scan
    initial = {
        "title": scan.title,
        "municipality": scan.municipality,
        "policy_areas": scan.policy_areas,
        "other_policy_area": scan.other_policy_area,
        "client_sees_personal_data": scan.client_sees_personal_data,
        "client_questions": "\n".join(q.text for q in scan.client_questions.all()),
        "retention_months": scan.retention_months,
    }
    form = ScanEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = ("title", "municipality", "policy_areas", "other_policy_area")
        for field in (*fields, "client_sees_personal_data", "retention_months"):
            setattr(scan, field, data[field])
        services.update_scan(
            scan,
            user=request.user,
            changed_fields=[str(form.fields[name].label) for name in form.changed_data],
            client_questions=form.questions(),
        )
        messages.success(request, _("The scan details have been saved."))
        return redirect("scans:detail", slug=scan.slug)
    context = scan_context(access)
    context.update({"form": form, "municipalities": Municipality.objects.current()})
    return render(request, "scans/scan_edit.html", context)


@scan_view(Action.VIEW)
def scan_history(request, access):
    events = AuditEvent.objects.for_scan(access.scan)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = scan_context(access)
    context["page"] = page
    return render(request, "scans/scan_history.html", context)
