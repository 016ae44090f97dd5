"""The web page for importing responses from an SPSS file: upload, preview, import."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thermometer.access.policy import Action
from thermometer.core import pending
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from .spss_forms import SavImportForm
from .spss_import import NEW, import_sav


def _preview(request, context, scan, filename, data, layer, target):
    report = import_sav(
        scan, data, filename, user=request.user, layer=layer, target=target, store=False
    )
    context.update({"report": report, "layer": layer, "target": target or "", "new": NEW})
    if report.imported_anything or report.offer_draft:
        context["pending"] = pending.stash(request.session, scan, {"sav": (filename, data)})


@scan_view(Action.EDIT)
def responses_import(request, access):
    """Upload a .sav, see what would be imported (nothing is saved yet), then import."""
    scan = access.scan
    form = SavImportForm(request.POST or None, request.FILES or None, scan=scan)
    context = scan_context(access)
    if request.method == "POST" and request.POST.get("pending"):
        stashed = pending.take(request.session, scan, request.POST["pending"])
        if stashed is None:
            messages.error(request, _("This preview has expired. Upload the file again."))
            return redirect("questionnaires:spss_import", slug=scan.slug)
        filename, data = stashed.files["sav"]
        layer, target = request.POST.get("layer") or None, request.POST.get("target") or None
        if request.POST.get("preview"):
            _preview(request, context, scan, filename, data, layer, target)
        else:
            report = import_sav(scan, data, filename, user=request.user, layer=layer, target=target)
            if report.imported_anything:
                messages.success(
                    request,
                    _("Imported: %(responses)d responses into “%(name)s”.")
                    % {"responses": report.responses_imported, "name": report.questionnaire},
                )
                return redirect(
                    "questionnaires:detail",
                    slug=scan.slug,
                    questionnaire_uuid=report.questionnaire.uuid,
                )
            context.update({"report": report, "imported": True})
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        _preview(
            request,
            context,
            scan,
            upload.name,
            upload.read(),
            form.cleaned_data["layer"],
            form.cleaned_data["target"] or None,
        )
    context["form"] = form
    return render(request, "questionnaires/spss_import.html", context)
