from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.audit import security
from thermometer.core.forms import error_message
from thermometer.core.spreadsheets import csv_bytes
from thermometer.findings.models import Finding
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from . import services, versioning
from .constants import SUPPORT_CHOICES, Horizon, MinorityDecision, Priority
from .forms import (
    DiscussionForm,
    FreezeForm,
    MinorityForm,
    PresentationForm,
    RecommendationForm,
    RoundForm,
)
from .models import AdviceVersion, FeedbackRound, Recommendation
from .reading import consolidation_for, grouped, round_progress


def _recommendation(scan, rec_uuid) -> Recommendation:
    return get_object_or_404(scan.recommendations, uuid=rec_uuid)


@scan_view(Action.VIEW)
def overview(request, access):
    scan = access.scan
    versions = list(scan.advice_versions.order_by("number"))
    latest = versions[-1] if versions else None
    recommendations = list(services.working_copy(scan))
    changes = versioning.diff(
        latest.snapshot if latest else None, services.current_snapshot(scan, recommendations)
    )
    context = scan_context(access)
    context.update(
        {
            "groups": grouped(scan, recommendations),
            "versions": versions,
            "latest": latest,
            "locked": latest is not None and latest.locks_advice,
            "pending": [c for c in changes if c["status"] != "unchanged"],
            "freeze_form": FreezeForm() if access.can_edit else None,
            "presentation_form": PresentationForm() if access.can_edit else None,
            "presentations": scan.presentations.select_related("version"),
        }
    )
    return render(request, "advice/overview.html", context)


def _findings_of(scan, keys):
    return list(Finding.objects.filter(scan=scan, uuid__in=keys))


@scan_view(Action.EDIT)
def add(request, access):
    scan = access.scan
    form = RecommendationForm(request.POST or None, scan=scan, initial={"owner_layer": "beleid"})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_recommendation(
                scan,
                form.cleaned_data,
                user=request.user,
                findings=_findings_of(scan, form.cleaned_data["findings"]),
            )
            messages.success(request, _("The recommendation has been added."))
            return redirect("advice:overview", slug=scan.slug)
        except services.AdviceError as error:
            form.add_error(None, str(error))
    context = scan_context(access)
    context.update({"form": form, "recommendation": None})
    return render(request, "advice/recommendation_form.html", context)


def _initial(recommendation) -> dict:
    return {
        **{f: getattr(recommendation, f) for f in services.EDITABLE},
        "findings": [f.uuid.hex for f in recommendation.findings.all()],
        "revision": recommendation.revision,
    }


@scan_view(Action.EDIT)
def edit(request, access, rec_uuid):
    scan = access.scan
    recommendation = _recommendation(scan, rec_uuid)
    form = (
        RecommendationForm(request.POST, scan=scan)
        if request.method == "POST"
        else RecommendationForm(initial=_initial(recommendation), scan=scan)
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_recommendation(
                recommendation,
                form.cleaned_data,
                revision=form.cleaned_data["revision"] or 0,
                user=request.user,
                findings=_findings_of(scan, form.cleaned_data["findings"]),
            )
            messages.success(request, _("The recommendation has been changed."))
            return redirect("advice:overview", slug=scan.slug)
        except services.Conflict as clash:
            conflict = clash.current
            # Keep what this adviser typed, but against the other's revision now.
            data = request.POST.copy()
            data["revision"] = conflict.revision
            form = RecommendationForm(data, scan=scan)
            form.is_valid()
        except services.AdviceError as error:
            form.add_error(None, str(error))
    context = scan_context(access)
    context.update(
        {
            "form": form,
            "recommendation": recommendation,
            "conflict": conflict,
            "conflict_diff": versioning.word_diff(conflict.text, request.POST.get("text", ""))
            if conflict
            else None,
        }
    )
    return render(
        request, "advice/recommendation_form.html", context, status=409 if conflict else 200
    )


@scan_view(Action.EDIT)
@require_POST
def remove(request, access, rec_uuid):
    scan = access.scan
    try:
        services.remove_recommendation(_recommendation(scan, rec_uuid), user=request.user)
        messages.success(request, _("The recommendation has been removed."))
    except services.AdviceError as error:
        messages.error(request, str(error))
    return redirect("advice:overview", slug=scan.slug)


@scan_view(Action.EDIT)
@require_POST
def move(request, access, rec_uuid):
    scan = access.scan
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    try:
        services.move_recommendation(_recommendation(scan, rec_uuid), direction, user=request.user)
    except services.AdviceError as error:
        messages.error(request, str(error))
    return redirect(f"{reverse('advice:overview', kwargs={'slug': scan.slug})}#rec-{rec_uuid.hex}")


@scan_view(Action.EDIT)
@require_POST
def freeze(request, access):
    scan = access.scan
    form = FreezeForm(request.POST)
    final = request.POST.get("final") == "1"
    if form.is_valid():
        try:
            version = services.freeze(
                scan, user=request.user, final=final, note=form.cleaned_data["note"]
            )
            messages.success(
                request,
                _("Version %(n)s has been frozen.") % {"n": version.number},
            )
            return redirect("advice:version", slug=scan.slug, number=version.number)
        except services.AdviceError as error:
            messages.error(request, str(error))
    return redirect("advice:overview", slug=scan.slug)


@scan_view(Action.EDIT)
@require_POST
def reopen(request, access):
    try:
        services.reopen(access.scan, user=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("The advice is open for a next version."))
    except services.AdviceError as error:
        messages.error(request, str(error))
    return redirect("advice:overview", slug=access.scan.slug)


@scan_view(Action.VIEW)
def version(request, access, number):
    scan = access.scan
    shown = get_object_or_404(AdviceVersion, scan=scan, number=number)
    previous = scan.advice_versions.filter(number__lt=number).order_by("-number").first()
    context = scan_context(access)
    context.update(
        {
            "version": shown,
            "previous": previous,
            "changes": versioning.diff(previous.snapshot if previous else None, shown.snapshot),
            "minority": shown.snapshot.get("minority", []),
            "names": {
                "goal": scan.method.goals,
                "theme": scan.method.themes,
                "layer": scan.method.layers,
                "priority": dict(Priority.choices),
                "horizon": dict(Horizon.choices),
            },
        }
    )
    return render(request, "advice/version.html", context)


def _open_concept(scan) -> AdviceVersion | None:
    """The latest concept version without a feedback round: the one feedback is asked on."""
    return (
        scan.advice_versions.filter(status="concept", feedback_round__isnull=True)
        .order_by("-number")
        .first()
    )


@scan_view(Action.VIEW)
def feedback(request, access):
    scan = access.scan
    rounds = list(FeedbackRound.objects.filter(scan=scan).select_related("version"))
    concept = _open_concept(scan)
    context = scan_context(access)
    context.update(
        {
            "rounds": [{"round": r, "progress": round_progress(r, scan)} for r in rounds],
            "round_form": RoundForm() if access.can_edit and concept is not None else None,
            "concept": concept,
            # Why no round can be opened now: the advice is final, the latest concept has
            # had its round, or there is no concept yet.
            "locked": services.is_locked(scan),
        }
    )
    return render(request, "advice/feedback.html", context)


@scan_view(Action.EDIT)
@require_POST
def feedback_open(request, access):
    scan = access.scan
    form = RoundForm(request.POST)
    concept = _open_concept(scan)
    if concept is None:
        messages.error(request, _("Freeze a concept version first; feedback is asked on it."))
    elif not form.is_valid():
        error_message(request, form)
    else:
        try:
            services.open_round(concept, deadline=form.cleaned_data["deadline"], user=request.user)
            messages.success(
                request, _("The feedback round is open. Send each participant their link.")
            )
        except services.AdviceError as error:
            messages.error(request, str(error))
    return redirect("advice:feedback", slug=scan.slug)


def _round(scan, round_uuid) -> FeedbackRound:
    return get_object_or_404(scan.feedback_rounds.select_related("version"), uuid=round_uuid)


@scan_view(Action.EDIT)
@require_POST
def feedback_close(request, access, round_uuid):
    services.close_round(_round(access.scan, round_uuid), user=request.user)
    messages.success(request, _("The feedback round is closed."))
    return redirect("advice:feedback", slug=access.scan.slug)


@scan_view(Action.MANAGE_PARTICIPANTS)
def feedback_links(request, access, round_uuid):
    """Pseudonym, layer and personal link per participant, for mail merges and letters."""
    scan = access.scan
    security.log("export_downloaded", request, scan=scan, what="feedback links")
    feedback_round = _round(scan, round_uuid)
    rows = [
        [
            invitation.participant.pseudonym,
            scan.method.layers.get(invitation.layer, invitation.layer),
            request.build_absolute_uri(
                reverse("feedback:start", kwargs={"token": invitation.token})
            ),
        ]
        for invitation in feedback_round.invitations.select_related("participant").order_by(
            "participant__number"
        )
    ]
    response = HttpResponse(
        csv_bytes([_("pseudonym"), _("layer"), _("link")], rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="terugkoppeling-{scan.slug}.csv"'
    return response


@scan_view(Action.MANAGE_PARTICIPANTS)
@require_POST
def feedback_email(request, access, round_uuid):
    feedback_round = _round(access.scan, round_uuid)
    try:
        sent = services.email_links(feedback_round, user=request.user)
        messages.success(request, _("%(n)s links have been e-mailed.") % {"n": sent})
    except services.AdviceError as error:
        messages.error(request, str(error))
    return redirect("advice:feedback", slug=access.scan.slug)


@scan_view(Action.EDIT)
def consolidation(request, access, round_uuid):
    scan = access.scan
    feedback_round = _round(scan, round_uuid)
    context = scan_context(access)
    context.update(
        {
            "round": feedback_round,
            "items": consolidation_for(feedback_round, scan),
            "levels": SUPPORT_CHOICES,
            "decisions": MinorityDecision.choices,
        }
    )
    return render(request, "advice/consolidation.html", context)


@scan_view(Action.EDIT)
@require_POST
def minority(request, access, round_uuid):
    scan = access.scan
    feedback_round = _round(scan, round_uuid)
    form = MinorityForm(request.POST)
    if not form.is_valid():
        error_message(request, form)
    else:
        data = form.cleaned_data
        try:
            services.record_minority(
                scan,
                recommendation=data["recommendation"],
                group=data["group"],
                view=data["view"],
                decision=data["decision"],
                reason=data["reason"],
                feedback_round=feedback_round,
                user=request.user,
            )
            messages.success(request, _("What was done with the minority view is recorded."))
        except services.AdviceError as error:
            messages.error(request, str(error))
    url = reverse("advice:consolidation", kwargs={"slug": scan.slug, "round_uuid": round_uuid})
    return redirect(f"{url}#rec-{request.POST.get('recommendation', '')}")


@scan_view(Action.VIEW)
def discussion(request, access):
    scan = access.scan
    context = scan_context(access)
    context.update(
        {
            "notes": scan.discussion_notes.prefetch_related("recommendations").select_related(
                "author"
            ),
            "form": DiscussionForm(scan=scan) if access.can_edit else None,
        }
    )
    return render(request, "advice/discussion.html", context)


@scan_view(Action.EDIT)
@require_POST
def discussion_add(request, access):
    scan = access.scan
    form = DiscussionForm(request.POST, scan=scan)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_discussion_note(
                scan,
                date=data["date"],
                text=data["text"],
                decisions=data["decisions"],
                recommendations=scan.recommendations.filter(uuid__in=data["recommendations"]),
                user=request.user,
            )
            messages.success(request, _("The notes of the discussion have been saved."))
        except services.AdviceError as error:
            messages.error(request, str(error))
    else:
        error_message(request, form)
    return redirect("advice:discussion", slug=scan.slug)


@scan_view(Action.EDIT)
@require_POST
def presentation_add(request, access):
    scan = access.scan
    form = PresentationForm(request.POST)
    if form.is_valid():
        try:
            services.record_presentation(scan, user=request.user, **form.cleaned_data)
            messages.success(request, _("The presentation has been recorded."))
        except services.AdviceError as error:
            messages.error(request, str(error))
    else:
        error_message(request, form)
    return redirect("advice:overview", slug=scan.slug)
