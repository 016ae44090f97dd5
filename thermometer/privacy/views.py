import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.access.views import organisation_admin_view
from thermometer.audit import security
from thermometer.audit.models import SecurityEvent
from thermometer.core.spreadsheets import Sheet, csv_bytes, xlsx_bytes
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from . import statement, subjects
from .deletion import delete_scan, what_goes_with
from .forms import ConfirmForm, DeleteScanForm, FindPersonForm, PrivacySettingsForm
from .models import PurgeRecord
from .purge import inventory, purge_scan


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    return HttpResponse(
        content, content_type=content_type, headers={"Content-Disposition": disposition}
    )


@scan_view(Action.EDIT)
def overview(request, access):
    """Retention, what its end deletes (the dry run), what was purged, and the links to
    requests, the register and deleting the scan."""
    scan = access.scan
    facts = statement.facts(scan)
    context = scan_context(access)
    context.update(
        {
            "ends": facts["retention_ends"],
            "purges": [(step, count) for step, count in inventory(scan) if count],
            "records": PurgeRecord.objects.filter(scan=scan),
            "facts": facts,
            "may_manage": access.can(Action.MANAGE_PRIVACY),
        }
    )
    return render(request, "privacy/overview.html", context)


@scan_view(Action.MANAGE_PRIVACY)
def purge_now(request, access):
    """Purge before the retention ends (the study finished early); asks first."""
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        purge_scan(access.scan, by=request.user)
        messages.success(
            request, _("The personal data of this scan has been deleted or made anonymous.")
        )
        return redirect("privacy:overview", slug=access.scan.slug)
    context = scan_context(access)
    context.update({"form": form, "purges": [(s, c) for s, c in inventory(access.scan) if c]})
    return render(request, "privacy/purge.html", context)


@scan_view(Action.MANAGE_PRIVACY)
def requests(request, access):
    """Find a person (POST: a link must not land in an address bar or a log) and show
    what the scan holds about them, with export and erasure."""
    form = FindPersonForm(request.POST or None)
    person = held = None
    if request.method == "POST" and form.is_valid():
        person = subjects.find_subject(access.scan, form.cleaned_data["who"])
        if person is None:
            form.add_error("who", _("No participant or respondent of this scan matches this."))
        else:
            held = subjects.held_about(person)
            security.log("personal_data_viewed", request, scan=access.scan, what=person.pseudonym)
    context = scan_context(access)
    context.update({"form": form, "person": person, "held": held, "confirm": ConfirmForm()})
    return render(request, "privacy/requests.html", context)


def _person(access, request):
    return access.scan.participants.filter(uuid=request.POST.get("person")).first()


@scan_view(Action.MANAGE_PRIVACY)
@require_POST
def request_export(request, access):
    person = _person(access, request)
    if person is None:
        messages.error(request, _("This person is no longer in the scan."))
        return redirect("privacy:requests", slug=access.scan.slug)
    data = subjects.exported(person, user=request.user, request=request)
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    name = f"gegevens-{person.pseudonym}-{slugify(access.scan.title)[:40]}.json"
    return _attachment(content, name, "application/json; charset=utf-8")


@scan_view(Action.MANAGE_PRIVACY)
@require_POST
def request_erase(request, access):
    person = _person(access, request)
    form = ConfirmForm(request.POST)
    if person is None:
        messages.error(request, _("This person is no longer in the scan."))
    elif not form.is_valid():
        messages.error(request, _("Tick the box to confirm."))
    else:
        pseudonym = person.pseudonym
        entry = subjects.erase(person, user=request.user, request=request)
        left = entry.counts.get("transcripts_left", 0)
        messages.success(
            request, _("The data of %(person)s has been erased.") % {"person": pseudonym}
        )
        if left:
            messages.warning(
                request,
                _(
                    "%(count)s transcripts this person took part in were not changed: delete "
                    "them or remove their words under Documents."
                )
                % {"count": left},
            )
    return redirect("privacy:requests", slug=access.scan.slug)


@scan_view(Action.EDIT)
def register(request, access):
    """The scan's entry in the processing register, as a page or a spreadsheet."""
    rows = statement.register_rows(access.scan)
    fmt = request.GET.get("format")
    name = f"verwerkingsregister-{slugify(access.scan.title)[:40]}"
    if fmt == "csv":
        return _attachment(csv_bytes([_("Heading"), _("Content")], rows), f"{name}.csv", "text/csv")
    if fmt == "xlsx":
        content = xlsx_bytes([Sheet(_("Processing record"), [[_("Heading"), _("Content")], *rows])])
        return _attachment(
            content,
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    context = scan_context(access)
    context["rows"] = rows
    return render(request, "privacy/register.html", context)


@scan_view(Action.MANAGE_PRIVACY)
def delete(request, access):
    scan = access.scan
    form = DeleteScanForm(request.POST or None, scan=scan)
    if request.method == "POST" and form.is_valid():
        title = scan.title
        delete_scan(scan, user=request.user, request=request)
        messages.success(request, _("The scan “%(title)s” has been deleted.") % {"title": title})
        return redirect("scans:list")
    context = scan_context(access)
    context.update({"form": form, "counts": what_goes_with(scan)})
    return render(request, "privacy/delete.html", context)


@organisation_admin_view
def organisation_settings(request, organisation):
    form = PrivacySettingsForm(request.POST or None, instance=statement.settings_of(organisation))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The privacy settings have been saved."))
        return redirect("privacy:organisation_settings", organisation_uuid=organisation.uuid)
    return render(
        request, "privacy/organisation_settings.html", {"organisation": organisation, "form": form}
    )


@organisation_admin_view
def security_log(request, organisation):
    events = SecurityEvent.objects.filter(organisation=organisation).select_related("scan")
    kind = request.GET.get("kind", "")
    if kind in SecurityEvent.Kind.values:
        events = events.filter(kind=kind)
    if request.GET.get("format") == "csv":
        security.log("export_downloaded", request, what=_("security log"))
        stamp = timezone.localdate().isoformat()
        return _attachment(
            csv_bytes(security.EXPORT_HEADER, security.export_rows(events.order_by("at", "id"))),
            f"beveiligingslog-{stamp}.csv",
            "text/csv",
        )
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/security_log.html",
        {
            "organisation": organisation,
            "page": page,
            "kind": kind,
            "kinds": SecurityEvent.Kind.choices,
        },
    )
