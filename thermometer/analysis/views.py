from django.shortcuts import render

from thermometer.access.policy import Action
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from .comparing import comparison_for
from .presentation import present
from .services import analysis_for


@scan_view(Action.VIEW)
def overview(request, access):
    scan = access.scan
    context = scan_context(access)
    data = analysis_for(scan)
    context["analysis"] = present(data, scan.method)
    context["comparison"] = comparison_for(
        scan, request.user, data, same_size_class=request.GET.get("size") == "1"
    )
    return render(request, "analysis/overview.html", context)
