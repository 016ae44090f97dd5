from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.audit import security
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from . import services
from .forms import ImportForm, ParticipantForm


def _layer_summary(scan):
    method = scan.method
    counts = Counter(scan.participants.values_list("layer", flat=True))
    return [
        {"key": k, "name": name, "count": counts.get(k, 0)} for k, name in method.layers.items()
    ]


@scan_view(Action.VIEW_PERSONAL)
def participant_list(request, access):
    scan = access.scan
    security.log("personal_data_viewed", request, scan=scan, what="participants")
    method = scan.method
    context = scan_context(access)
    context.update(
        {
            "participants": scan.participants.all(),
            "layer_names": method.layers,
            "actor_names": method.actors,
            "layer_summary": _layer_summary(scan),
        }
    )
    return render(request, "participants/participant_list.html", context)


def _form_page(request, access, form, participant=None):
    context = scan_context(access)
    context.update({"form": form, "participant": participant})
    return render(request, "participants/participant_form.html", context)


def _participant_data(form):
    return {k: form.cleaned_data[k] for k in ("name", "email", "layer", "actor", "organisation")}


@scan_view(Action.MANAGE_PARTICIPANTS)
def participant_add(request, access):
    scan = access.scan
    form = ParticipantForm(request.POST or None, method=scan.method)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.add_participant(
                scan, user=request.user, **_participant_data(form)
            )
        except services.DuplicateParticipantError:
            form.add_error(None, _("This participant is already in the scan."))
        else:
            messages.success(
                request,
                _("Participant %(pseudonym)s has been added.")
                % {"pseudonym": participant.pseudonym},
            )
            return redirect("participants:list", slug=scan.slug)
    return _form_page(request, access, form)


@scan_view(Action.MANAGE_PARTICIPANTS)
def participant_edit(request, access, participant_uuid):
    scan = access.scan
    participant = get_object_or_404(scan.participants, uuid=participant_uuid)
    initial = {
        k: getattr(participant, k) for k in ("name", "email", "layer", "actor", "organisation")
    }
    form = ParticipantForm(request.POST or None, initial=initial, method=scan.method)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_participant(participant, user=request.user, **_participant_data(form))
        except services.DuplicateParticipantError:
            form.add_error(None, _("Another participant in this scan has the same details."))
        else:
            messages.success(request, _("The participant has been saved."))
            return redirect("participants:list", slug=scan.slug)
    return _form_page(request, access, form, participant)


@scan_view(Action.MANAGE_PARTICIPANTS)
@require_POST
def participant_remove(request, access, participant_uuid):
    scan = access.scan
    participant = scan.participants.filter(uuid=participant_uuid).first()
    if participant is not None:
        services.remove_participant(participant, user=request.user)
        messages.success(
            request,
            _("Participant %(pseudonym)s has been removed.") % {"pseudonym": participant.pseudonym},
        )
    return redirect("participants:list", slug=scan.slug)


@scan_view(Action.MANAGE_PARTICIPANTS)
def participant_import(request, access):
    scan = access.scan
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        plan, created = services.import_participants(
            scan,
            upload.read(),
            upload.name,
            user=request.user,
            max_rows=settings.PARTICIPANT_IMPORT_MAX_ROWS,
        )
        result = {"plan": plan, "created": created, "filename": upload.name}
        if created:
            messages.success(
                request,
                ngettext(
                    "%(count)d participant has been imported.",
                    "%(count)d participants have been imported.",
                    created,
                )
                % {"count": created},
            )
        form = ImportForm()
    context = scan_context(access)
    context.update({"form": form, "result": result})
    return render(request, "participants/participant_import.html", context)
