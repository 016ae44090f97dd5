from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.audit import security
from thermometer.core import pending
from thermometer.core.forms import error_message
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context
from thermometer.sources.models import Passage
from thermometer.sources.visibility import visible_sources

from . import services
from .agreement import agreement_per_code
from .constants import Assessment
from .forms import CodeForm, CodingForm
from .models import Code, Coding


def _tree(scan):
    codes = list(scan.codes.all().prefetch_related("codings"))
    counts = {c.pk: c.codings.count() for c in codes}

    def branch(parent_id, depth):
        rows = []
        for code in (c for c in codes if c.parent_id == parent_id):
            # Indented up to six steps (core CSS classes; no inline style under the CSP).
            rows.append(
                {"code": code, "depth": depth, "indent": min(depth, 6), "count": counts[code.pk]}
            )
            rows.extend(branch(code.pk, depth + 1))
        return rows

    return branch(None, 0)


@scan_view(Action.VIEW)
def codebook(request, access):
    context = scan_context(access)
    context.update(
        {
            "tree": _tree(access.scan),
            "form": CodeForm(scan=access.scan) if access.can_edit else None,
        }
    )
    return render(request, "coding/codebook.html", context)


@scan_view(Action.EDIT)
@require_POST
def code_add(request, access):
    form = CodeForm(request.POST, scan=access.scan)
    if form.is_valid():
        services.add_code(access.scan, user=request.user, **form.cleaned_data)
        messages.success(request, _("The code has been added."))
    else:
        error_message(request, form)
    return redirect("coding:codebook", slug=access.scan.slug)


def _passage(access, passage_id):
    return get_object_or_404(
        Passage.objects.select_related("source"),
        pk=passage_id,
        source__in=visible_sources(access),
    )


@scan_view(Action.VIEW)
def passage(request, access, passage_id):
    scan = access.scan
    found = _passage(access, passage_id)
    initial = {k: request.GET.get(k) for k in ("start", "end") if request.GET.get(k, "").isdigit()}
    context = scan_context(access)
    selected = ""
    if "start" in initial and "end" in initial:
        selected = found.text[int(initial["start"]) : int(initial["end"])]
    context.update(
        {
            "passage": found,
            "codings": found.codings.select_related("code", "coder"),
            "form": CodingForm(scan=scan, passage=found, initial=initial)
            if access.can_edit
            else None,
            "selected": selected,
            "suggestions": suggestion_views(scan, found),
        }
    )
    return render(request, "coding/passage.html", context)


@scan_view(Action.EDIT)
@require_POST
def code_passage(request, access, passage_id):
    scan = access.scan
    found = _passage(access, passage_id)
    form = CodingForm(request.POST, scan=scan, passage=found)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.code_passage(
                found,
                data["code"],
                user=request.user,
                start=data["start"],
                end=data["end"],
                assessment=data["assessment"],
                memo=data["memo"],
            )
        except services.CodingError:
            messages.error(request, _("This part of the passage cannot be coded; select it again."))
        else:
            messages.success(request, _("The passage has been coded."))
    else:
        error_message(request, form)
    return redirect(
        reverse("sources:detail", kwargs={"slug": scan.slug, "source_uuid": found.source.uuid})
        + f"#passage-{found.index}"
    )


@scan_view(Action.EDIT)
@require_POST
def coding_remove(request, access, coding_uuid):
    coding = get_object_or_404(Coding, uuid=coding_uuid, code__scan=access.scan)
    source = coding.passage.source
    services.remove_coding(coding, user=request.user)
    messages.success(request, _("The coding has been removed."))
    return redirect("sources:detail", slug=access.scan.slug, source_uuid=source.uuid)


@scan_view(Action.VIEW)
def retrieve(request, access):
    scan = access.scan

    def pick(name):
        value = request.GET.get(name, "")
        return scan.codes.filter(uuid=value).first() if len(value) == 32 else None

    code, also = pick("code"), pick("also")
    source = (
        scan.sources.filter(uuid=request.GET.get("source") or None).first()
        if request.GET.get("source")
        else None
    )
    assessment = (
        request.GET.get("assessment")
        if request.GET.get("assessment") in Assessment.values
        else None
    )
    participant = (
        scan.participants.filter(uuid=request.GET["participant"]).first()
        if len(request.GET.get("participant", "")) == 36
        else None
    )
    codings = services.retrieve(
        scan, code=code, also=also, source=source, assessment=assessment, participant=participant
    ).filter(passage__source__in=visible_sources(access))
    context = scan_context(access)
    context.update(
        {
            "codes": scan.codes.all(),
            "sources": visible_sources(access).only("uuid", "title"),
            "assessments": Assessment.choices,
            "chosen": {
                "code": code,
                "also": also,
                "source": source,
                "assessment": assessment,
                "participant": participant,
            },
            "participants": scan.participants.filter(sources__isnull=False).distinct()
            if access.can_view_personal
            else scan.participants.none(),
            "codings": codings[:300],
            "count": codings.count(),
        }
    )
    return render(request, "coding/retrieve.html", context)


@scan_view(Action.VIEW)
def agreement(request, access):
    scan = access.scan
    coders = list(
        get_user_model().objects.filter(codings__code__scan=scan).distinct().order_by("email")
    )
    context = scan_context(access)
    context["coders"] = coders
    a = next((u for u in coders if str(u.uuid) == request.GET.get("a")), None)
    b = next((u for u in coders if str(u.uuid) == request.GET.get("b")), None)
    if a and b and a != b:

        def by_passage(user):
            result = {}
            for passage_id, code_id in Coding.objects.filter(
                code__scan=scan, coder=user
            ).values_list("passage_id", "code_id"):
                result.setdefault(passage_id, set()).add(code_id)
            return result

        codes = [c for c in Code.objects.filter(scan=scan) if c.selectable]
        table = agreement_per_code(by_passage(a), by_passage(b), [c.pk for c in codes])
        context.update(
            {
                "a": a,
                "b": b,
                "rows": [
                    {"code": c, **table[c.pk]}
                    for c in codes
                    if table[c.pk]["a"] or table[c.pk]["b"]
                ],
                "units": next(iter(table.values()))["units"] if table else 0,
            }
        )
    return render(request, "coding/agreement.html", context)


def _lexicon(scan) -> dict:
    return scan.method.data.get("suggestion_lexicon", {})


def suggestion_views(scan, passage) -> list[dict]:
    from .passage_analysis import thresholds_of

    names = {c.key: c.name for c in scan.codes.exclude(key="")}
    return [
        {
            "suggestion": s,
            "name": names.get(s.key, s.key),
            "text": passage.text[s.start : s.end] if s.kind == "intent" else "",
        }
        for s in services.open_suggestions(passage, _lexicon(scan), thresholds_of(scan.method.data))
    ]


@scan_view(Action.EDIT)
@require_POST
def suggestion_decide(request, access, passage_id):
    scan = access.scan
    found = _passage(access, passage_id)
    try:
        start, end = int(request.POST["start"]), int(request.POST["end"])
        key = request.POST["key"]
        accepted = request.POST.get("decision") == "accept"
        services.decide_suggestion(
            found, user=request.user, key=key, start=start, end=end, accepted=accepted
        )
    except (KeyError, ValueError, services.CodingError):
        messages.error(request, _("This suggestion no longer applies."))
    else:
        messages.success(
            request,
            _("The suggestion has been accepted and coded.")
            if accepted
            else _("The suggestion has been rejected."),
        )
    return redirect("coding:passage", slug=scan.slug, passage_id=found.pk)


@scan_view(Action.VIEW_PERSONAL)
def export(request, access):
    from django.http import HttpResponse
    from django.utils.text import slugify

    from .refi import export_qdpx

    security.log("export_downloaded", request, scan=access.scan, what="REFI-QDA project")
    response = HttpResponse(export_qdpx(access.scan), content_type="application/zip")
    name = slugify(access.scan.title) or "scan"
    response["Content-Disposition"] = f'attachment; filename="{name}.qdpx"'
    return response


@scan_view(Action.EDIT)
@require_POST
def codebook_import(request, access):
    """A REFI-QDA codebook or whole project: first a preview with every warning, then,
    confirmed, the import (``refi_upload``)."""
    from django.conf import settings

    from . import refi_upload
    from .refi_read import RefiError

    scan = access.scan
    if request.POST.get("pending"):
        stashed = pending.take(request.session, scan, request.POST["pending"])
        if stashed is None:
            messages.error(request, _("This preview has expired. Upload the file again."))
            return redirect("coding:codebook", slug=scan.slug)
        try:
            outcome = refi_upload.store(scan, *stashed.files["upload"], user=request.user)
        except RefiError as error:
            messages.error(request, _("Nothing was imported: %(reason)s") % {"reason": error})
            return redirect("coding:codebook", slug=scan.slug)
        context = scan_context(access)
        context.update({"outcome": outcome, "imported": True})
        return render(request, "coding/refi_import.html", context)
    upload = request.FILES.get("codebook")
    if upload is None or upload.size > settings.SOURCE_MAX_BYTES:
        from django.template.defaultfilters import filesizeformat

        messages.error(
            request,
            _("Choose a REFI-QDA codebook (.qdc) or project (.qdpx) of at most %(limit)s.")
            % {"limit": filesizeformat(settings.SOURCE_MAX_BYTES)},
        )
        return redirect("coding:codebook", slug=scan.slug)
    data = upload.read()
    try:
        outcome = refi_upload.preview(scan, upload.name, data)
    except RefiError as error:
        messages.error(request, _("This file cannot be imported: %(reason)s") % {"reason": error})
        return redirect("coding:codebook", slug=scan.slug)
    context = scan_context(access)
    context["outcome"] = outcome
    if outcome.importable:
        context["pending"] = pending.stash(request.session, scan, {"upload": (upload.name, data)})
    return render(request, "coding/refi_import.html", context)
