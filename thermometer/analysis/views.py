from django.shortcuts import render

from thermometer.access.policy import Action
from thermometer.access.views import scan_view
from thermometer.scans.views.context import scan_context

from .presentation import present
from .services import analysis_for


@scan_view(Action.VIEW)
def overview(request, access):
    scan = access.scan
    context = scan_context(access)
    context["analysis"] = present(analysis_for(scan), scan.method)
    return render(request, "analysis/overview.html", context)
