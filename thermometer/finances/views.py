from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.core import pending
from thermometer.core.forms import error_message
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from . import presentation, services
from .forms import ImportForm


@scan_view(Action.VIEW)
def overview(request, access):
    scan = access.scan
    context = scan_context(access)
    context.update(presentation.page(scan))
    context["form"] = ImportForm()
    return render(request, "finances/overview.html", context)


@scan_view(Action.EDIT)
@require_POST
def import_preview(request, access):
    """Read the file and show what would be kept; nothing is stored yet."""
    scan = access.scan
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        error_message(request, form)
        return redirect("finances:overview", slug=scan.slug)
    upload = form.cleaned_data["file"]
    try:
        result = services.read(upload.read(), upload.name, form.defaults())
    except services.FinanceError as error:
        messages.error(request, str(error))
        return redirect("finances:overview", slug=scan.slug)
    key = pending.stash(
        request.session, scan, data={"name": upload.name[:200], **services.as_plain(result)}
    )
    context = scan_context(access)
    context.update(presentation.preview(result))
    context.update({"key": key, "name": upload.name})
    return render(request, "finances/preview.html", context)


@scan_view(Action.EDIT)
@require_POST
def import_confirm(request, access):
    scan = access.scan
    stashed = pending.take(request.session, scan, request.POST.get("key", ""))
    if stashed is None:
        # A second click, or a preview from another session: nothing is kept twice.
        messages.warning(
            request, _("This import was already kept or has expired. Choose the file again.")
        )
        return redirect("finances:overview", slug=scan.slug)
    try:
        count = services.store(
            scan,
            services.from_plain(stashed.data),
            source=stashed.data["name"],
            user=request.user,
        )
    except services.FinanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(n)s figures imported.") % {"n": count})
    return redirect("finances:overview", slug=scan.slug)


@scan_view(Action.EDIT)
@require_POST
def fetch_references(request, access):
    try:
        count = services.fetch_references(access.scan, user=request.user)
    except services.FinanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(n)s comparison figures fetched from CBS.") % {"n": count})
    return redirect("finances:overview", slug=access.scan.slug)


@scan_view(Action.EDIT)
@require_POST
def remove(request, access):
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the figures may be removed."))
    else:
        services.remove_all(access.scan, user=request.user)
        messages.success(request, _("The financial figures of this scan have been removed."))
    return redirect("finances:overview", slug=access.scan.slug)
