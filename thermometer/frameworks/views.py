from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.core import pending
from thermometer.core.forms import error_message
from thermometer.live import services as live
from thermometer.live import views as live_views
from thermometer.live.models import LiveSession
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from . import services
from .constants import SESSION_RESULTS, SESSION_VALUES, ItemStatus, Level
from .forms import DecisionForm, IndicatorForm, MeasurementForm, SessionForm
from .models import FrameworkItem, Indicator

KINDS = (SESSION_VALUES, SESSION_RESULTS)


@scan_view(Action.VIEW)
def overview(request, access):
    scan = access.scan
    context = scan_context(access)
    context.update(
        {
            "sessions": LiveSession.objects.filter(scan=scan, kind__in=KINDS),
            "tree": services.tree(scan),
            "decision": getattr(scan, "decision", None),
            "session_form": SessionForm() if access.can_edit else None,
            "decision_form": DecisionForm() if access.can_edit else None,
        }
    )
    return render(request, "frameworks/overview.html", context)


@scan_view(Action.VIEW)
def documents(request, access):
    context = scan_context(access)
    context["groups"] = services.decided_intents(access.scan)
    return render(request, "frameworks/documents.html", context)


@scan_view(Action.EDIT)
@require_POST
def take(request, access):
    try:
        services.take_as_value(
            access.scan,
            text=request.POST.get("text", ""),
            quote=request.POST.get("quote", "")[:2000],
            source_title=request.POST.get("source", "")[:300],
            user=request.user,
        )
        messages.success(request, _("Taken into the framework as a value to discuss."))
    except services.FrameworkError as error:
        messages.error(request, str(error))
    return redirect("frameworks:documents", slug=access.scan.slug)


@scan_view(Action.EDIT)
@require_POST
def session_open(request, access):
    form = SessionForm(request.POST)
    if not form.is_valid():
        error_message(request, form)
        return redirect("frameworks:overview", slug=access.scan.slug)
    try:
        session = services.open_work_session(access.scan, user=request.user, **form.cleaned_data)
    except (services.FrameworkError, live.LiveError) as error:
        messages.error(request, str(error))
        return redirect("frameworks:overview", slug=access.scan.slug)
    return redirect("frameworks:room", slug=access.scan.slug, session_uuid=session.uuid)


def _session(scan, session_uuid) -> LiveSession:
    return get_object_or_404(LiveSession, scan=scan, uuid=session_uuid, kind__in=KINDS)


def _board(access, session) -> dict:
    return {
        "scan": access.scan,
        "session": session,
        "tree": services.tree(access.scan),
        "parked": FrameworkItem.objects.filter(scan=access.scan, status=ItemStatus.PARKED),
        "devices": session.devices.count(),
        "access": access,
        "results_session": session.kind == SESSION_RESULTS,
    }


@scan_view(Action.VIEW)
def room(request, access, session_uuid):
    """The room screen: the code and QR to join, and the framework growing, refreshed by
    htmx every few seconds (then only the board)."""
    session = _session(access.scan, session_uuid)
    board = _board(access, session)
    if request.htmx:  # the board alone: no step navigation, no QR code
        return render(request, "frameworks/_room_board.html", board)
    context = scan_context(access)
    context.update(board)
    context["qr"] = live_views.join_qr(request, session)
    return render(request, "frameworks/room.html", context)


@scan_view(Action.EDIT)
@require_POST
def session_close(request, access, session_uuid):
    live.close_session(_session(access.scan, session_uuid), user=request.user)
    messages.success(request, _("The session is closed. Everything written is kept."))
    return redirect("frameworks:overview", slug=access.scan.slug)


@scan_view(Action.EDIT)
@require_POST
def item_action(request, access, item_uuid):
    """The facilitator's hand: choose, park, put back, merge or edit an item."""
    scan = access.scan
    item = get_object_or_404(FrameworkItem, scan=scan, uuid=item_uuid)
    action = request.POST.get("action", "")
    try:
        if action in ("chosen", "parked", "proposed"):
            services.set_status(item, action, user=request.user)
        elif action == "merge":
            into = get_object_or_404(FrameworkItem, scan=scan, uuid=request.POST.get("into"))
            services.merge(item, into, user=request.user)
        elif action == "edit":
            services.edit_item(
                item,
                text=request.POST.get("text", ""),
                description=request.POST.get("description", item.description),
                user=request.user,
            )
        else:
            messages.error(request, _("Choose what to do with the item."))
    except services.FrameworkError as error:
        messages.error(request, str(error))
    back = request.POST.get("next", "")
    if back.startswith(f"/scans/{scan.slug}/"):
        return redirect(back)
    return redirect("frameworks:framework", slug=scan.slug)


@scan_view(Action.VIEW)
def framework(request, access):
    scan = access.scan
    tree = services.tree(scan)
    if access.can_edit and not services.is_decided(scan):
        for value in tree:
            for result in value["results"]:
                for criterion in result["criteria"]:
                    criterion["form"] = IndicatorForm(scan=scan, prefix=f"i-{criterion['item'].pk}")
    context = scan_context(access)
    context.update(
        {
            "tree": tree,
            "decision": getattr(scan, "decision", None),
            "sources": {s["key"]: s["name"] for s in scan.method.data.get("indicator_sources", [])},
            "frequencies": {f["key"]: f["name"] for f in scan.method.data.get("frequencies", [])},
        }
    )
    return render(request, "frameworks/framework.html", context)


@scan_view(Action.EDIT)
@require_POST
def indicator_add(request, access, item_uuid):
    scan = access.scan
    criterion = get_object_or_404(FrameworkItem, scan=scan, uuid=item_uuid, level=Level.CRITERION)
    form = IndicatorForm(request.POST, scan=scan, prefix=f"i-{criterion.pk}")
    if form.is_valid():
        try:
            services.add_indicator(criterion, form.cleaned_data, user=request.user)
            messages.success(request, _("The indicator has been added."))
        except services.FrameworkError as error:
            messages.error(request, str(error))
    else:
        error_message(request, form)
    return redirect(
        f"{reverse('frameworks:framework', kwargs={'slug': scan.slug})}#item-{criterion.uuid.hex}"
    )


@scan_view(Action.EDIT)
@require_POST
def decide(request, access):
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide(access.scan, user=request.user, **form.cleaned_data)
            messages.success(request, _("The council's decision has been recorded."))
        except services.FrameworkError as error:
            messages.error(request, str(error))
    else:
        error_message(request, form)
    return redirect("frameworks:overview", slug=access.scan.slug)


@scan_view(Action.EDIT)
@require_POST
def reopen(request, access):
    try:
        services.reopen(access.scan, reason=request.POST.get("reason", ""), user=request.user)
        messages.success(request, _("The framework is open for change again."))
    except services.FrameworkError as error:
        messages.error(request, str(error))
    return redirect("frameworks:framework", slug=access.scan.slug)


@scan_view(Action.VIEW)
def monitor(request, access):
    scan = access.scan
    rows = services.monitoring(scan)
    if access.can_edit:
        for row in rows:
            row["form"] = MeasurementForm(prefix=f"m-{row['indicator'].pk}")
    context = scan_context(access)
    context.update({"rows": rows, "decision": getattr(scan, "decision", None)})
    return render(request, "frameworks/monitoring.html", context)


@scan_view(Action.EDIT)
@require_POST
def measurement_add(request, access, indicator_uuid):
    scan = access.scan
    indicator = get_object_or_404(Indicator, uuid=indicator_uuid, criterion__scan=scan)
    form = MeasurementForm(request.POST, prefix=f"m-{indicator.pk}")
    if form.is_valid():
        try:
            services.save_measurement(indicator, user=request.user, **form.cleaned_data)
            messages.success(request, _("The measurement has been saved."))
        except services.FrameworkError as error:
            messages.error(request, str(error))
    else:
        error_message(request, form)
    return redirect(
        f"{reverse('frameworks:monitoring', kwargs={'slug': scan.slug})}#ind-{indicator.uuid.hex}"
    )


@scan_view(Action.EDIT)
@require_POST
def measurement_import(request, access):
    scan = access.scan
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a CSV or Excel file."))
    elif upload.size > 5 * 1024 * 1024:
        messages.error(request, _("The file is larger than 5 MB."))
    else:
        try:
            saved, errors = services.import_measurements(
                scan, upload.read(), upload.name, user=request.user
            )
            messages.success(request, _("%(n)s measurements imported.") % {"n": saved})
            for row, message in errors[:20]:
                messages.warning(
                    request, _("Row %(row)s: %(message)s") % {"row": row, "message": message}
                )
        except services.FrameworkError as error:
            messages.error(request, str(error))
    return redirect("frameworks:monitoring", slug=scan.slug)


@scan_view(Action.EDIT)
@require_POST
def finance_take(request, access, indicator_uuid):
    return _fill_indicator(
        request,
        access,
        indicator_uuid,
        services.take_finances,
        _("%(n)s values taken from the scan's finances."),
    )


@scan_view(Action.EDIT)
@require_POST
def cbs_fetch(request, access, indicator_uuid):
    return _fill_indicator(
        request, access, indicator_uuid, services.fetch_cbs, _("%(n)s values fetched from CBS.")
    )


def _fill_indicator(request, access, indicator_uuid, fill, done: str):
    """An indicator's values from where its source keeps them (``fill``), then back to the
    monitoring; ``done`` says how many."""
    indicator = get_object_or_404(Indicator, uuid=indicator_uuid, criterion__scan=access.scan)
    try:
        messages.success(request, done % {"n": fill(indicator, user=request.user)})
    except services.FrameworkError as error:
        messages.error(request, str(error))
    return redirect("frameworks:monitoring", slug=access.scan.slug)


# --- the member's device: public, reached by joining with the session code -----------------


device_view = live_views.device_view(KINDS)


def _tree_context(session, device) -> dict:
    """What the tree on the device reads, and no more: the device polls it every few
    seconds. Neither the tree nor the form beneath it shows indicators."""
    scan = session.scan
    mine = set(
        FrameworkItem.objects.filter(scan=scan, votes__device=device).values_list("pk", flat=True)
    )
    return {
        "session": session,
        "tree": services.tree(scan, indicators=False),
        "results_session": session.kind == SESSION_RESULTS,
        "mine": mine,
    }


def _device_context(session, device, error="", posted=None):
    context = _tree_context(session, device)
    context.update(
        {
            "municipality": session.scan.municipality,
            # One dot per item and device (a unique constraint), so the items this
            # device put a dot on are as many as the dots it used.
            "dots_left": live.votes_left(session, len(context["mine"])),
            "error": error,
            "posted": posted or {},
        }
    )
    return context


def _device_url(session):
    return reverse("framework_device:device", kwargs={"session_uuid": session.uuid})


@device_view
def device(request, session, device):
    return render(request, "frameworks/device.html", _device_context(session, device))


@device_view
def device_add(request, session, device):
    if request.method != "POST":
        return redirect(_device_url(session))
    try:
        services.propose(
            session,
            device,
            level=request.POST.get("level", ""),
            text=request.POST.get("text", ""),
            description=request.POST.get("description", ""),
            parent_id=request.POST.get("parent") or None,
        )
    except services.FrameworkError as error:
        context = _device_context(session, device, str(error), request.POST)
        return render(request, "frameworks/device.html", context, status=400)
    messages.success(request, _("Added. It is on the room screen."))
    if request.htmx:
        return render(request, "frameworks/device.html", _device_context(session, device))
    return redirect(_device_url(session))


@device_view
def device_dot(request, session, device, item_uuid):
    if request.method != "POST":
        return redirect(_device_url(session))
    item = FrameworkItem.objects.filter(uuid=item_uuid, scan=session.scan).first()
    try:
        if item is None:
            raise services.FrameworkError(_("This item is no longer on the board."))
        services.toggle_dot(session, device, item)
    except services.FrameworkError as error:
        messages.error(request, str(error))
    return redirect(f"{_device_url(session)}#item-{item_uuid.hex}")


@device_view
def device_tree(request, session, device):
    """The tree alone, refreshed on the device while others add."""
    return render(request, "frameworks/_device_tree.html", _tree_context(session, device))


NATIONAL_MAX_BYTES = 5 * 1024 * 1024


@scan_view(Action.EDIT)
def national_import(request, access):
    """Upload a national file, see per row what would be kept, mapped or skipped
    (nothing stored yet), then import it."""

    from .forms import NationalImportForm

    scan = access.scan
    indicators = Indicator.objects.filter(criterion__scan=scan)
    form = NationalImportForm(request.POST or None, request.FILES or None, indicators=indicators)
    context = scan_context(access)
    context["form"] = form
    if request.method == "POST" and request.POST.get("pending"):
        stashed = pending.take(request.session, scan, request.POST["pending"])
        if stashed is None:
            messages.error(request, _("This preview has expired. Upload the file again."))
            return redirect("frameworks:national_import", slug=scan.slug)
        (filename, data), options = stashed.files["file"], stashed.data
        try:
            report = services.import_national(
                scan, data, filename, user=request.user, **_national_options(scan, options)
            )
        except services.FrameworkError as error:
            messages.error(request, str(error))
            return redirect("frameworks:national_import", slug=scan.slug)
        messages.success(
            request,
            _("Imported: %(own)d own measurements and %(peers)d values of other municipalities.")
            % {"own": len(report.own), "peers": len(report.peers)},
        )
        return redirect("frameworks:monitoring", slug=scan.slug)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        options = {k: form.cleaned_data[k] for k in ("indicator", "series", "period")}
        if upload.size > NATIONAL_MAX_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            data = upload.read()
            try:
                report = services.import_national(
                    scan,
                    data,
                    upload.name,
                    user=request.user,
                    store=False,
                    **_national_options(scan, options),
                )
            except services.FrameworkError as error:
                form.add_error(None, str(error))
            else:
                context["report"] = report
                if report.importable:
                    context["pending"] = pending.stash(
                        request.session, scan, {"file": (upload.name, data)}, options
                    )
    return render(request, "frameworks/national_import.html", context)


def _national_options(scan, options: dict) -> dict:
    chosen = None
    if options.get("indicator"):
        chosen = Indicator.objects.filter(criterion__scan=scan, uuid=options["indicator"]).first()
    return {"indicator": chosen, "series": options["series"], "period": options["period"]}
