from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.analysis.presentation import present
from thermometer.analysis.services import analysis_for
from thermometer.coding.constants import Assessment
from thermometer.coding.models import Coding
from thermometer.core.forms import error_message
from thermometer.goals.models import IntendedEffect
from thermometer.goals.tracing import trails_for
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from . import services
from .constants import EvidenceKind, Subject
from .forms import ActionsForm, EvidenceForm, FindingForm
from .matrix import annotate_matrix, cell_effects
from .models import Evidence, Finding, MatrixCell
from .options import finance_figures, score_options

CODED_PER_SIDE = 8


def _finding(scan, finding_uuid) -> Finding:
    return get_object_or_404(scan.findings, uuid=finding_uuid)


def _findings_of(scan, **subject):
    return list(
        Finding.objects.filter(scan=scan, **subject).prefetch_related("evidence").order_by("id")
    )


@scan_view(Action.VIEW)
def overview(request, access):
    scan = access.scan
    analysis = present(analysis_for(scan), scan.method)
    annotate_matrix(analysis, scan)
    context = scan_context(access)
    context.update(
        {
            "analysis": analysis,
            "candidates": services.trail_candidates(scan) if access.can_edit else [],
        }
    )
    return render(request, "findings/overview.html", context)


def _coded_for_cell(scan, goal, actor):
    """Coded passages of the goal in the layers of the actor, negative and positive."""
    layer_actor = scan.method.layer_default_actor
    codings = (
        Coding.objects.filter(code__scan=scan, code__key=goal)
        .exclude(assessment=Assessment.NEUTRAL)
        .select_related("passage__source")
        .prefetch_related("passage__source__participants")
        .order_by("passage__source__title", "passage__index")
    )
    sides = {Assessment.NEGATIVE: [], Assessment.POSITIVE: []}
    for coding in codings:
        if layer_actor.get(coding.passage.source.layer) == actor:
            sides[coding.assessment].append(coding)
    return {
        "negative": sides[Assessment.NEGATIVE][:CODED_PER_SIDE],
        "negative_count": len(sides[Assessment.NEGATIVE]),
        "positive": sides[Assessment.POSITIVE][:CODED_PER_SIDE],
        "positive_count": len(sides[Assessment.POSITIVE]),
    }


@scan_view(Action.VIEW)
def cell(request, access, goal, actor):
    scan = access.scan
    method = scan.method
    if goal not in method.goals or actor not in method.actors:
        raise Http404
    analysis = present(analysis_for(scan), method)
    measured = next(
        c
        for row in analysis["matrix"]
        for c in row["cells"]
        if (c["goal"], c["actor"]) == (goal, actor)
    )
    saved = MatrixCell.objects.filter(scan=scan, goal=goal, actor=actor).first()
    context = scan_context(access)
    context.update(
        {
            "goal": goal,
            "actor": actor,
            "goal_name": method.goals[goal],
            "actor_name": method.actors[actor],
            "measured": measured,
            "effects": cell_effects(scan, goal, actor),
            "coded": _coded_for_cell(scan, goal, actor),
            "findings": _findings_of(scan, subject=Subject.CELL, goal=goal, actor=actor),
            "saved": saved,
            "actions_form": ActionsForm(initial={"actions": saved.actions if saved else ""})
            if access.can_edit
            else None,
            "finding_form": FindingForm(
                initial={"subject": Subject.CELL, "goal": goal, "actor": actor}
            )
            if access.can_edit
            else None,
        }
    )
    return render(request, "findings/cell.html", context)


@scan_view(Action.EDIT)
@require_POST
def actions(request, access, goal, actor):
    scan = access.scan
    form = ActionsForm(request.POST)
    if form.is_valid():
        try:
            services.save_actions(
                scan, goal, actor, form.cleaned_data["actions"], user=request.user
            )
            messages.success(request, _("The actions have been saved."))
        except services.FindingError:
            raise Http404 from None
    else:
        error_message(request, form)
    return redirect("findings:cell", slug=scan.slug, goal=goal, actor=actor)


@scan_view(Action.VIEW)
def theme(request, access, theme):
    scan = access.scan
    method = scan.method
    if theme not in method.themes:
        raise Http404
    analysis = present(analysis_for(scan), method)
    measured = next(t for t in analysis["themes"] if t["theme"] == theme)
    codings = (
        Coding.objects.filter(code__scan=scan, code__key=theme)
        .select_related("passage__source")
        .order_by("passage__source__title", "passage__index")
    )
    context = scan_context(access)
    context.update(
        {
            "theme": theme,
            "theme_name": method.themes[theme],
            "measured": measured,
            "codings": codings[:20],
            "coding_count": codings.count(),
            "findings": _findings_of(scan, subject=Subject.THEME, theme=theme),
            "finding_form": FindingForm(initial={"subject": Subject.THEME, "theme": theme})
            if access.can_edit
            else None,
        }
    )
    return render(request, "findings/theme.html", context)


def _subject_page(finding):
    if finding.subject == Subject.THEME:
        return "findings:theme", {"theme": finding.theme}
    return "findings:cell", {"goal": finding.goal, "actor": finding.actor}


@scan_view(Action.EDIT)
@require_POST
def finding_add(request, access):
    scan = access.scan
    form = FindingForm(request.POST)
    if not form.is_valid():
        error_message(request, form)
        return redirect("findings:overview", slug=scan.slug)
    try:
        finding = services.add_finding(scan, user=request.user, **form.cleaned_data)
    except services.FindingError as error:
        messages.error(request, str(error))
        return redirect("findings:overview", slug=scan.slug)
    messages.success(request, _("The finding has been added. Link the evidence it rests on."))
    return redirect("findings:finding", slug=scan.slug, finding_uuid=finding.uuid)


@scan_view(Action.EDIT)
@require_POST
def candidate_accept(request, access, effect_uuid):
    scan = access.scan
    effect = get_object_or_404(IntendedEffect, scan=scan, uuid=effect_uuid)
    try:
        finding = services.accept_candidate(scan, effect, user=request.user)
    except services.FindingError as error:
        messages.error(request, str(error))
        return redirect("findings:overview", slug=scan.slug)
    messages.success(request, _("The finding has been added with the trail as its evidence."))
    return redirect("findings:finding", slug=scan.slug, finding_uuid=finding.uuid)


def _evidence_context(scan, finding):
    result = analysis_for(scan)
    return {
        "scores": score_options(
            result,
            scan.method,
            finding.subject,
            goal=finding.goal,
            actor=finding.actor,
            theme=finding.theme,
        ),
        "codings": list(services.relevant_codings(finding)[:200]),
        "effects": list(scan.intended_effects.filter(goal=finding.goal))
        if finding.subject == Subject.CELL
        else [],
        "figures": finance_figures(scan),
    }


@scan_view(Action.VIEW)
def finding(request, access, finding_uuid):
    scan = access.scan
    found = _finding(scan, finding_uuid)
    evidence = list(found.evidence.select_related("coding__passage", "effect"))
    page, kwargs = _subject_page(found)
    context = scan_context(access)
    context.update(
        {
            "finding": found,
            "subject": services.subject_label(scan, found),
            "back_url": reverse(page, kwargs={"slug": scan.slug, **kwargs}),
            "evidence": evidence,
            "sources": sorted({e.source_title for e in evidence if e.source_title}),
            "edit_form": FindingForm(
                initial={
                    "subject": found.subject,
                    "goal": found.goal,
                    "actor": found.actor,
                    "theme": found.theme,
                    "text": found.text,
                }
            )
            if access.can_edit
            else None,
        }
    )
    if access.can_edit:
        options = _evidence_context(scan, found)
        context["evidence_form"] = EvidenceForm(**options)
    return render(request, "findings/finding.html", context)


@scan_view(Action.EDIT)
@require_POST
def finding_edit(request, access, finding_uuid):
    scan = access.scan
    found = _finding(scan, finding_uuid)
    try:
        services.update_finding(found, request.POST.get("text", ""), user=request.user)
        messages.success(request, _("The finding has been changed."))
    except services.FindingError as error:
        messages.error(request, str(error))
    return redirect("findings:finding", slug=scan.slug, finding_uuid=found.uuid)


@scan_view(Action.EDIT)
@require_POST
def finding_remove(request, access, finding_uuid):
    scan = access.scan
    found = _finding(scan, finding_uuid)
    page, kwargs = _subject_page(found)
    services.remove_finding(found, user=request.user)
    messages.success(request, _("The finding has been removed."))
    return redirect(page, slug=scan.slug, **kwargs)


@scan_view(Action.EDIT)
@require_POST
def evidence_add(request, access, finding_uuid):
    scan = access.scan
    found = _finding(scan, finding_uuid)
    options = _evidence_context(scan, found)
    form = EvidenceForm(request.POST, **options)
    back = redirect("findings:finding", slug=scan.slug, finding_uuid=found.uuid)
    if not form.is_valid():
        error_message(request, form)
        return back
    data = form.cleaned_data
    try:
        if data["kind"] == EvidenceKind.CODING:
            coding = Coding.objects.get(uuid=data["coding"], code__scan=scan)
            services.link_coding(found, coding, user=request.user, note=data["note"])
        elif data["kind"] == EvidenceKind.SCORE:
            measure = next(o for o in options["scores"] if o["key"] == data["score"])
            services.link_score(found, measure, user=request.user, note=data["note"])
        elif data["kind"] == EvidenceKind.FIGURE:
            figure = next(f for f in options["figures"] if f["key"] == data["figure"])
            services.link_figure(found, figure, user=request.user, note=data["note"])
        elif data["kind"] == EvidenceKind.TRAIL:
            effect = scan.intended_effects.get(uuid=data["effect"])
            (effect_trail,) = trails_for(scan, [effect])
            summary = services.trail_summary(scan, effect_trail) or _(
                "The intent “%(effect)s” is carried down the chain."
            ) % {"effect": effect.statement}
            services.link_trail(found, effect, summary, user=request.user, note=data["note"])
        else:
            services.link_quote(found, data["quote"], data["source_title"], user=request.user)
    except services.FindingError as error:
        messages.error(request, str(error))
        return back
    messages.success(request, _("The evidence has been linked."))
    return back


@scan_view(Action.EDIT)
@require_POST
def evidence_remove(request, access, evidence_id):
    scan = access.scan
    evidence = get_object_or_404(
        Evidence.objects.select_related("finding"), pk=evidence_id, finding__scan=scan
    )
    evidence.finding.scan = scan  # the services read it; the filter vouches for it
    finding_uuid = evidence.finding.uuid
    services.remove_evidence(evidence, user=request.user)
    messages.success(request, _("The evidence has been removed."))
    return redirect("findings:finding", slug=scan.slug, finding_uuid=finding_uuid)
