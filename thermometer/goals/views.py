from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.core.forms import error_message
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context
from thermometer.sources.models import Passage

from . import services, tracing
from .constants import layers_below
from .forms import EffectForm, InterpretationForm, MergeForm, ProposalForm, VerdictForm
from .models import IntendedEffect

PROPOSALS_PER_PAGE = 20


def _effect(scan, effect_uuid) -> IntendedEffect:
    return get_object_or_404(IntendedEffect, scan=scan, uuid=effect_uuid)


def _refuse(request, error):
    messages.error(request, str(error))


@scan_view(Action.VIEW)
def tree(request, access):
    scan = access.scan
    goals = services.goal_tree(scan)
    for goal in goals:
        if access.can_edit:
            goal["form"] = InterpretationForm(
                initial={"text": goal["interpretation"].text if goal["interpretation"] else ""},
                prefix=goal["key"],
            )
    context = scan_context(access)
    context.update(
        {
            "goals": goals,
            "proposal_count": len(services.open_proposals(scan, guess_goals=False)),
            "layers": dict(scan.method.layers),
            "actors": dict(scan.method.actors),
            "effect_form": EffectForm(scan=scan, initial={"layer": "beleid"})
            if access.can_edit
            else None,
        }
    )
    return render(request, "goals/tree.html", context)


@scan_view(Action.EDIT)
@require_POST
def interpretation(request, access, goal):
    if goal not in access.scan.method.goals:
        raise Http404
    form = InterpretationForm(request.POST, prefix=goal)
    if form.is_valid():
        services.set_interpretation(access.scan, goal, form.cleaned_data["text"], user=request.user)
        messages.success(request, _("The local interpretation has been saved."))
    else:
        error_message(request, form)
    return redirect("goals:tree", slug=access.scan.slug)


@scan_view(Action.EDIT)
@require_POST
def effect_add(request, access):
    form = EffectForm(request.POST, scan=access.scan)
    if form.is_valid():
        try:
            services.add_effect(access.scan, user=request.user, **form.cleaned_data)
            messages.success(request, _("The intended effect has been added."))
        except services.GoalTreeError as error:
            _refuse(request, error)
    else:
        error_message(request, form)
    return redirect("goals:tree", slug=access.scan.slug)


@scan_view(Action.EDIT)
def effect_edit(request, access, effect_uuid):
    scan = access.scan
    effect = _effect(scan, effect_uuid)
    fields = ("statement", "goal", "layer", "actor")
    form = EffectForm(initial={f: getattr(effect, f) for f in fields}, scan=scan)
    merge_form = MergeForm(effect=effect)
    if request.method == "POST":
        form = EffectForm(request.POST, scan=scan)
        if form.is_valid():
            try:
                services.update_effect(effect, user=request.user, **form.cleaned_data)
                messages.success(request, _("The intended effect has been changed."))
                return redirect("goals:tree", slug=scan.slug)
            except services.GoalTreeError as error:
                form.add_error(None, str(error))
    context = scan_context(access)
    context.update({"effect": effect, "form": form, "merge_form": merge_form})
    return render(request, "goals/effect_edit.html", context)


@scan_view(Action.EDIT)
@require_POST
def effect_remove(request, access, effect_uuid):
    effect = _effect(access.scan, effect_uuid)
    services.remove_effect(effect, user=request.user)
    messages.success(request, _("The intended effect has been removed."))
    return redirect("goals:tree", slug=access.scan.slug)


@scan_view(Action.EDIT)
@require_POST
def effect_merge(request, access, effect_uuid):
    scan = access.scan
    target = _effect(scan, effect_uuid)
    form = MergeForm(request.POST, effect=target)
    if not form.is_valid() or not form.cleaned_data["other"]:
        messages.error(request, _("Choose another intended effect of this scan to merge."))
        return redirect("goals:effect_edit", slug=scan.slug, effect_uuid=target.uuid)
    other = _effect(scan, form.cleaned_data["other"])
    try:
        services.merge_effects(target, other, user=request.user)
        messages.success(request, _("The intended effects have been merged."))
    except services.GoalTreeError as error:
        _refuse(request, error)
    return redirect("goals:tree", slug=scan.slug)


def _proposal_form(scan, proposal, effects):
    return ProposalForm(
        scan=scan,
        effects=effects,
        prefix=proposal.ref.replace(":", "-"),
        initial={
            "ref": proposal.ref,
            "statement": proposal.text[:300],
            "goal": proposal.goal,
            "layer": proposal.layer,
            "answer": "accepted",
        },
    )


@scan_view(Action.VIEW)
def proposals(request, access):
    scan = access.scan
    goal = request.GET.get("goal", "")
    found = services.open_proposals(scan)
    if goal in scan.method.goals:
        found = [p for p in found if p.goal == goal]
    elif goal == "none":
        found = [p for p in found if not p.goal]
    else:
        goal = ""
    page = Paginator(found, PROPOSALS_PER_PAGE).get_page(request.GET.get("page"))
    effects = list(scan.intended_effects.all())
    rows = [
        {
            "proposal": proposal,
            "form": _proposal_form(scan, proposal, effects) if access.can_edit else None,
        }
        for proposal in page.object_list
    ]
    context = scan_context(access)
    context.update(
        {
            "rows": rows,
            "page": page,
            "goal": goal,
            "goals": scan.method.goals,
            "layers": dict(scan.method.layers),
        }
    )
    return render(request, "goals/proposals.html", context)


@scan_view(Action.EDIT)
@require_POST
def proposal_answer(request, access):
    scan = access.scan
    prefix = request.POST.get("prefix", "")
    form = ProposalForm(
        request.POST, scan=scan, effects=list(scan.intended_effects.all()), prefix=prefix
    )
    target = redirect(_back_to_proposals(scan, request.POST.get("return_query", "")))
    if not form.is_valid():
        error_message(request, form)
        return target
    data = form.cleaned_data
    effect = None
    if data["effect"]:
        effect = scan.intended_effects.filter(uuid=data["effect"]).first()
    try:
        services.answer_proposal(
            scan,
            data["ref"],
            data["answer"],
            user=request.user,
            statement=data["statement"],
            goal=data["goal"],
            layer=data["layer"],
            actor=data["actor"],
            effect=effect,
        )
        messages.success(request, _("The proposal has been answered."))
    except services.GoalTreeError as error:
        _refuse(request, error)
    return target


@scan_view(Action.VIEW)
def trail_view(request, access):
    scan = access.scan
    goal = request.GET.get("goal", "")
    effects = scan.intended_effects.all()
    if goal in scan.method.goals:
        effects = effects.filter(goal=goal)
    else:
        goal = ""
    layers = tracing.trail_layers(scan.method)
    rows = []
    for effect_trail in tracing.trails_for(scan, effects):
        rows.append(
            {
                "trail": effect_trail,
                "cells": [
                    {
                        "layer": key,
                        "cell": effect_trail.cell(key),
                        "own": key == effect_trail.effect.layer,
                    }
                    for key, _name in layers
                ],
            }
        )
    context = scan_context(access)
    context.update(
        {
            "rows": rows,
            "layers": layers,
            "layer_names": dict(layers),
            "goal": goal,
            "goals": scan.method.goals,
        }
    )
    return render(request, "goals/trail.html", context)


def _cell(scan, effect, layer):
    if layer not in layers_below(effect.layer):
        raise Http404
    effect_trail = tracing.trails_for(scan, [effect])[0]
    return effect_trail, effect_trail.cell(layer)


@scan_view(Action.VIEW)
def trail_cell(request, access, effect_uuid, layer):
    scan = access.scan
    effect = _effect(scan, effect_uuid)
    effect_trail, cell = _cell(scan, effect, layer)
    form = None
    if access.can_edit:
        initial = {
            "verdict": cell.verdict,
            "passage": cell.best["passage_id"] if cell.best else None,
        }
        if cell.confirmed:
            initial = {
                "verdict": cell.confirmed.verdict,
                "passage": cell.confirmed.passage_id,
                "note": cell.confirmed.note,
            }
        form = VerdictForm(initial=initial, matches=cell.matches)
    context = scan_context(access)
    context.update(
        {
            "effect": effect,
            "trail": effect_trail,
            "cell": cell,
            "layer": layer,
            "layer_name": scan.method.layers.get(layer, layer),
            "form": form,
        }
    )
    return render(request, "goals/trail_cell.html", context)


@scan_view(Action.EDIT)
@require_POST
def verdict(request, access, effect_uuid, layer):
    scan = access.scan
    effect = _effect(scan, effect_uuid)
    _trail, cell = _cell(scan, effect, layer)
    form = VerdictForm(request.POST, matches=cell.matches)
    if not form.is_valid():
        error_message(request, form)
        return redirect("goals:trail_cell", slug=scan.slug, effect_uuid=effect.uuid, layer=layer)
    data = form.cleaned_data
    passage = None
    if data["passage"]:
        passage = Passage.objects.filter(pk=data["passage"], source__scan=scan).first()
    chosen = next((m for m in cell.matches if m["passage_id"] == data["passage"]), None)
    try:
        services.give_verdict(
            effect,
            layer,
            data["verdict"],
            user=request.user,
            passage=passage,
            suggested=cell.suggested or "",
            similarity=chosen["similarity"] if chosen else None,
            note=data["note"],
        )
        messages.success(request, _("The verdict has been saved."))
    except services.GoalTreeError as error:
        _refuse(request, error)
    return redirect(f"{_trail_url(scan)}#effect-{effect.uuid.hex}")


def _trail_url(scan):
    return reverse("goals:trail", kwargs={"slug": scan.slug})


def _back_to_proposals(scan, query: str) -> str:
    """The proposals page the adviser came from (only its goal filter and page)."""
    kept = {k: v for k, v in QueryDict(query).items() if k in ("goal", "page")}
    url = reverse("goals:proposals", kwargs={"slug": scan.slug})
    return f"{url}?{urlencode(kept)}" if kept else url
