from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.audit import security
from thermometer.core import throttling
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from . import services
from .constants import CONTENT_TYPES, ReportFormat, ReportStatus
from .content import narrow, report_content
from .forms import ShareForm
from .models import ReportFile, ShareLink


def _overview_context(scan, request) -> dict:
    method = scan.method
    content = narrow(
        report_content(scan),
        method,
        goal=request.GET.get("goal", ""),
        layer=request.GET.get("layer", ""),
        theme=request.GET.get("theme", ""),
    )
    return {
        "c": content,
        "medium": "web",
        "goals": method.goals,
        "layers": method.layers,
        "themes": method.themes,
    }


@scan_view(Action.VIEW)
def overview(request, access):
    scan = access.scan
    context = scan_context(access)
    context.update(_overview_context(scan, request))
    context["formats"] = ReportFormat.choices
    return render(request, "reports/overview.html", context)


@scan_view(Action.VIEW)
def report_file(request, access, fmt):
    """The report in ``fmt``: served when ready, else made in the background."""
    if fmt not in ReportFormat.values:
        raise Http404
    report = services.request_report(access.scan, fmt, user=request.user)
    report.refresh_from_db()
    if report.status == ReportStatus.DONE:
        security.log("report_downloaded", request, scan=access.scan, what=f"report.{fmt}")
        return _serve(report)
    context = scan_context(access)
    context["report"] = report
    return render(request, "reports/status.html", context)


def _serve(report):
    response = FileResponse(
        report.file.open("rb"),
        content_type=CONTENT_TYPES[report.format],
        as_attachment=True,
        filename=f"{report.scan.slug}-advies.{report.format}",
    )
    return response


@scan_view(Action.VIEW)
def status(request, access, report_uuid):
    report = get_object_or_404(ReportFile, scan=access.scan, uuid=report_uuid)
    template = "reports/_status.html" if request.htmx else "reports/status.html"
    context = scan_context(access)
    context["report"] = report
    return render(request, template, context)


@scan_view(Action.VIEW)
def download(request, access, report_uuid):
    report = get_object_or_404(
        ReportFile, scan=access.scan, uuid=report_uuid, status=ReportStatus.DONE
    )
    security.log("report_downloaded", request, scan=access.scan, what=f"report.{report.format}")
    return _serve(report)


@scan_view(Action.EDIT)
def shares(request, access):
    scan = access.scan
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.add_share_link(scan, user=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("The link has been made. Send it to %(label)s.") % {"label": link.label},
            )
            return redirect("reports:shares", slug=scan.slug)
        except services.ShareError as error:
            form.add_error(None, str(error))
    context = scan_context(access)
    context.update({"form": form, "links": scan.share_links.select_related("created_by")})
    return render(request, "reports/shares.html", context)


@scan_view(Action.EDIT)
@require_POST
def share_revoke(request, access, share_uuid):
    link = get_object_or_404(ShareLink, scan=access.scan, uuid=share_uuid)
    services.revoke_share_link(link, user=request.user)
    messages.success(request, _("The link no longer works."))
    return redirect("reports:shares", slug=access.scan.slug)


@login_not_required
@never_cache
def shared(request, token):
    """The digital overview behind a read-only link: the token opens this one scan's
    overview and nothing else; an expired or revoked link says so."""
    link = throttling.look_up(request, services.find_share_link, token)
    if link is None:
        return render(request, "reports/shared_invalid.html", {}, status=404)
    if not link.is_valid():
        return render(request, "reports/shared_expired.html", {"link": link}, status=410)
    security.log("share_link_visited", request, scan=link.scan)
    context = _overview_context(link.scan, request)
    context.update({"scan": link.scan, "public": True, "link": link})
    return render(request, "reports/shared.html", context)
