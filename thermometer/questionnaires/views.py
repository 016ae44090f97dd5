from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.audit import security
from thermometer.core import pending
from thermometer.core.forms import error_message
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from . import respond, services
from .forms import ItemMappingForm, NewItemForm, OpenForm, OpenLinkForm
from .generation import generate_questionnaires, optional_templates
from .monitor import monitor_rows, tally
from .presentation import question_views


def _questionnaire(access, questionnaire_uuid):
    return get_object_or_404(access.scan.questionnaires, uuid=questionnaire_uuid)


def _item(questionnaire, item_uuid):
    return get_object_or_404(questionnaire.items, uuid=item_uuid)


@scan_view(Action.VIEW)
def questionnaire_list(request, access):
    context = scan_context(access)
    questionnaires = []
    for questionnaire in access.scan.questionnaires.all():
        rows = monitor_rows(questionnaire)
        questionnaires.append(
            {
                "questionnaire": questionnaire,
                "items": questionnaire.items.count(),
                "total": tally([{**r, "group": "all"} for r in rows], ["all"]),
            }
        )
    context["questionnaires"] = questionnaires
    templates = access.scan.method.data.get("questionnaire_templates", [])
    context["can_generate"] = any(not template.get("optional") for template in templates)
    context["optional_templates"] = optional_templates(access.scan)
    return render(request, "questionnaires/questionnaire_list.html", context)


@scan_view(Action.EDIT)
@require_POST
def questionnaire_generate(request, access):
    created = generate_questionnaires(access.scan, user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d questionnaire has been made from the method.",
            "%(count)d questionnaires have been made from the method.",
            len(created),
        )
        % {"count": len(created)},
    )
    return redirect("questionnaires:list", slug=access.scan.slug)


@scan_view(Action.VIEW)
def questionnaire_detail(request, access, questionnaire_uuid):
    questionnaire = _questionnaire(access, questionnaire_uuid)
    pages = {}
    for item in questionnaire.items.all():
        pages.setdefault(item.page, []).append(item)
    context = scan_context(access)
    method = access.scan.method
    context.update(
        {
            "questionnaire": questionnaire,
            "pages": sorted(pages.items()),
            "new_item_form": NewItemForm(initial={"page": max(pages, default=1)}),
            "open_form": OpenForm(
                initial={"opens_at": questionnaire.opens_at, "closes_at": questionnaire.closes_at}
            ),
            "layer_names": [method.layers.get(k, k) for k in questionnaire.audience_layers],
            "audience_count": services.audience(questionnaire).count(),
            "invitation_count": questionnaire.invitations.count(),
            "open_links": [
                {
                    "link": link,
                    "url": settings.SITE_URL + reverse("open_link", kwargs={"token": link.token}),
                    "used": link.invitations.count(),
                }
                for link in questionnaire.open_links.all()
            ],
            "open_link_form": OpenLinkForm(layers=_audience_layers(access.scan, questionnaire)),
        }
    )
    return render(request, "questionnaires/questionnaire_detail.html", context)


def _locked(request, access, questionnaire):
    messages.error(
        request,
        _("This questionnaire is open or closed, so its questions can no longer change."),
    )
    return redirect(
        "questionnaires:detail", slug=access.scan.slug, questionnaire_uuid=questionnaire.uuid
    )


@scan_view(Action.EDIT)
def item_edit(request, access, questionnaire_uuid, item_uuid):
    questionnaire = _questionnaire(access, questionnaire_uuid)
    item = _item(questionnaire, item_uuid)
    form = ItemMappingForm(
        request.POST or None,
        method=access.scan.method,
        initial={
            "text": item.text,
            "text_en": item.text_en,
            "goal": item.goal,
            "dimension": item.dimension,
        },
    )
    if questionnaire.is_locked:
        # Respondents have seen the wording; only the mapping for analysis may change.
        form.fields["text"].disabled = form.fields["text_en"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(item, user=request.user, **form.cleaned_data)
        except services.LockedError:
            return _locked(request, access, questionnaire)
        messages.success(request, _("The question has been saved."))
        return redirect(
            "questionnaires:detail", slug=access.scan.slug, questionnaire_uuid=questionnaire.uuid
        )
    context = scan_context(access)
    context.update({"questionnaire": questionnaire, "item": item, "form": form})
    return render(request, "questionnaires/item_form.html", context)


@scan_view(Action.EDIT)
@require_POST
def item_change(request, access, questionnaire_uuid, item_uuid):
    """Move a question up or down, or remove it."""
    questionnaire = _questionnaire(access, questionnaire_uuid)
    item = _item(questionnaire, item_uuid)
    try:
        action = request.POST.get("action")
        if action == "remove":
            services.remove_item(item, user=request.user)
            messages.success(request, _("The question has been removed."))
        elif action in ("up", "down"):
            services.move_item(item, -1 if action == "up" else 1, user=request.user)
    except services.LockedError:
        return _locked(request, access, questionnaire)
    return redirect(
        "questionnaires:detail", slug=access.scan.slug, questionnaire_uuid=questionnaire.uuid
    )


@scan_view(Action.EDIT)
@require_POST
def item_add(request, access, questionnaire_uuid):
    questionnaire = _questionnaire(access, questionnaire_uuid)
    form = NewItemForm(request.POST)
    if questionnaire.is_locked:
        return _locked(request, access, questionnaire)
    if form.is_valid():
        services.add_item(questionnaire, user=request.user, **form.cleaned_data)
        messages.success(request, _("The question has been added."))
    else:
        error_message(request, form)
    return redirect(
        "questionnaires:detail", slug=access.scan.slug, questionnaire_uuid=questionnaire.uuid
    )


@scan_view(Action.EDIT)
@require_POST
def questionnaire_status(request, access, questionnaire_uuid):
    questionnaire = _questionnaire(access, questionnaire_uuid)
    if request.POST.get("action") == "close":
        services.close_questionnaire(questionnaire, user=request.user)
        messages.success(request, _("The questionnaire has been closed."))
    else:
        form = OpenForm(request.POST)
        if form.is_valid():
            services.open_questionnaire(questionnaire, user=request.user, **form.cleaned_data)
            messages.success(request, _("The questionnaire is open; its questions are locked."))
        else:
            error_message(request, form)
    return redirect(
        "questionnaires:detail", slug=access.scan.slug, questionnaire_uuid=questionnaire.uuid
    )


@scan_view(Action.MANAGE_PARTICIPANTS)
@require_POST
def invitations_create(request, access, questionnaire_uuid):
    questionnaire = _questionnaire(access, questionnaire_uuid)
    count = services.create_invitations(questionnaire, user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d personal link has been made.",
            "%(count)d personal links have been made.",
            count,
        )
        % {"count": count},
    )
    return redirect(
        "questionnaires:monitor", slug=access.scan.slug, questionnaire_uuid=questionnaire.uuid
    )


@scan_view(Action.VIEW)
def questionnaire_preview(request, access, questionnaire_uuid):
    """The questionnaire as a respondent sees it, page by page; nothing is saved."""
    questionnaire = _questionnaire(access, questionnaire_uuid)
    numbers = respond.page_numbers(questionnaire) or [1]
    language = request.GET.get("language", "nl")
    try:
        page = int(request.GET.get("page", numbers[0]))
    except ValueError:
        page = numbers[0]
    page = page if page in numbers else numbers[0]
    items = list(questionnaire.items.filter(page=page))
    context = scan_context(access)
    context.update(
        {
            "questionnaire": questionnaire,
            "questions": question_views(items, {}, {}, respond.scales_of(questionnaire), language),
            "numbers": numbers,
            "page": page,
            "preview_language": language,
        }
    )
    return render(request, "questionnaires/preview.html", context)


@scan_view(Action.VIEW)
def questionnaire_monitor(request, access, questionnaire_uuid):
    questionnaire = _questionnaire(access, questionnaire_uuid)
    method = access.scan.method
    rows = monitor_rows(questionnaire)
    by_layer = tally([{**r, "group": r["layer"]} for r in rows], list(method.layers))
    by_actor = tally([{**r, "group": r["actor"]} for r in rows], list(method.actors))
    for row in by_layer:
        row["name"] = method.layers.get(row["group"], row["group"])
    for row in by_actor:
        row["name"] = method.actors.get(row["group"], row["group"])
    context = scan_context(access)
    context.update(
        {
            "questionnaire": questionnaire,
            "by_layer": by_layer,
            "by_actor": by_actor,
            "total": tally([{**r, "group": "all"} for r in rows], ["all"]),
            "nudge": sorted((r for r in rows if not r["completed"]), key=lambda r: r["pseudonym"]),
            "layer_names": method.layers,
        }
    )
    return render(request, "questionnaires/monitor.html", context)


@scan_view(Action.MANAGE_PARTICIPANTS)
@require_POST
def invitations_email(request, access, questionnaire_uuid):
    questionnaire = _questionnaire(access, questionnaire_uuid)
    reminder = request.POST.get("kind") == "reminder"
    count = services.email_invitations(questionnaire, user=request.user, reminder=reminder)
    if reminder:
        message = ngettext(
            "%(count)d reminder is being sent.", "%(count)d reminders are being sent.", count
        )
    else:
        message = ngettext(
            "%(count)d invitation is being sent.", "%(count)d invitations are being sent.", count
        )
    messages.success(request, message % {"count": count})
    return redirect(
        "questionnaires:monitor", slug=access.scan.slug, questionnaire_uuid=questionnaire.uuid
    )


@scan_view(Action.MANAGE_PARTICIPANTS)
def letters(request, access, questionnaire_uuid):
    """Printable letters with link and QR code, for participants without e-mail."""
    import segno

    from .links import personal_link

    questionnaire = _questionnaire(access, questionnaire_uuid)
    invitations = questionnaire.invitations.select_related("participant").order_by(
        "participant__number"
    )
    if request.GET.get("all") != "1":
        invitations = invitations.filter(participant__email="")
    letters = []
    for invitation in invitations:
        link = personal_link(invitation)
        letters.append(
            {
                "invitation": invitation,
                "link": link,
                "qr": segno.make(link, error="m").svg_inline(scale=4, title=link),
            }
        )
    return render(
        request,
        "questionnaires/letters.html",
        {
            "scan": access.scan,
            "questionnaire": questionnaire,
            "letters": letters,
            "municipality": access.scan.municipality,
        },
    )


@scan_view(Action.MANAGE_PARTICIPANTS)
@require_POST
def open_link_add(request, access, questionnaire_uuid):
    from .open_links import create_open_link

    questionnaire = _questionnaire(access, questionnaire_uuid)
    form = OpenLinkForm(request.POST, layers=_audience_layers(access.scan, questionnaire))
    if form.is_valid():
        create_open_link(questionnaire, user=request.user, **form.cleaned_data)
        messages.success(request, _("The open link has been made."))
    else:
        error_message(request, form)
    return redirect(
        "questionnaires:detail", slug=access.scan.slug, questionnaire_uuid=questionnaire.uuid
    )


def _audience_layers(scan, questionnaire) -> dict:
    layers = scan.method.layers
    wanted = questionnaire.audience_layers or list(layers)
    return {key: name for key, name in layers.items() if key in wanted}


@scan_view(Action.EDIT)
def responses_export(request, access, questionnaire_uuid):
    from django.http import HttpResponse
    from django.utils.text import slugify

    from .response_files import FORMATS, response_file

    questionnaire = _questionnaire(access, questionnaire_uuid)
    security.log(
        "export_downloaded", request, scan=access.scan, what=f"answers: {questionnaire.name}"
    )
    file_format = request.GET.get("format") if request.GET.get("format") in FORMATS else "xlsx"
    content, content_type = response_file(questionnaire, file_format)
    name = slugify(f"{access.scan.municipality.name}-{questionnaire.name}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@scan_view(Action.EDIT)
def limesurvey_import(request, access):
    """Upload, see what would be imported (nothing is saved yet), then import."""

    from .forms import LimeSurveyForm
    from .limesurvey.importer import import_limesurvey, preview_limesurvey

    scan = access.scan
    form = LimeSurveyForm(request.POST or None, request.FILES or None, layers=scan.method.layers)
    context = scan_context(access)
    if request.method == "POST" and request.POST.get("pending"):
        stashed = pending.take(request.session, scan, request.POST["pending"])
        if stashed is None:
            messages.error(request, _("This preview has expired. Upload the file again."))
            return redirect("questionnaires:limesurvey", slug=scan.slug)
        files = stashed.files
        name, data = files["structure"]
        report = import_limesurvey(
            scan,
            data,
            name,
            user=request.user,
            **_limesurvey_responses(files),
            layer=request.POST.get("layer") or None,
        )
        if report.imported_anything:
            messages.success(
                request,
                _("Imported: %(items)d questions and %(responses)d responses.")
                % {"items": report.items_created, "responses": report.responses_imported},
            )
            return redirect(
                "questionnaires:detail",
                slug=scan.slug,
                questionnaire_uuid=report.questionnaire.uuid,
            )
        context.update({"report": report, "imported": True})
    elif request.method == "POST" and form.is_valid():
        files = form.uploads()
        layer = form.cleaned_data.get("layer") or None
        name, data = files["structure"]
        report = preview_limesurvey(scan, data, name, **_limesurvey_responses(files), layer=layer)
        context.update({"report": report, "layer": layer or ""})
        if report.imported_anything:
            context["pending"] = pending.stash(request.session, scan, files)
    context["form"] = form
    return render(request, "questionnaires/limesurvey.html", context)


def _limesurvey_responses(files: dict) -> dict:
    if "responses" not in files:
        return {}
    name, data = files["responses"]
    return {"responses_csv": data, "responses_name": name}
