from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.audit.models import AuditEvent
from thermometer.scans import guidance, services
from thermometer.scans.forms import CommentForm, PlanningForm, SuggestPlanningForm
from thermometer.scans.guard import scan_view
from thermometer.scans.models import ChecklistTick
from thermometer.scans.panels import panels

from .context import scan_context


def _step_or_404(scan, step_key):
    try:
        return scan.method.step(step_key)
    except KeyError:
        raise Http404 from None


def _checklist(scan, step):
    ticks = {
        t.item_key: t
        for t in ChecklistTick.objects.filter(scan=scan, step_key=step.key).select_related(
            "ticked_by"
        )
    }
    return [{"item": item, "tick": ticks.get(item["key"])} for item in step.checklist]


# Where the work of a step is done, shown on its screen: (URL name, label).
STEP_LINKS = {
    "goals": [
        ("goals:tree", gettext_lazy("Goals and intended effects")),
        ("goals:trail", gettext_lazy("The document trail")),
    ],
    "matrix": [
        ("findings:overview", gettext_lazy("Matrix and findings")),
        ("advice:overview", gettext_lazy("Advice")),
    ],
    "feedback": [
        ("advice:feedback", gettext_lazy("Feedback round")),
        ("advice:overview", gettext_lazy("Advice")),
    ],
    "discussion": [("advice:discussion", gettext_lazy("Discussion with the client"))],
    "analysis": [("frameworks:documents", gettext_lazy("What the council already decided"))],
    "session_values": [("frameworks:overview", gettext_lazy("Steering framework"))],
    "session_results": [("frameworks:overview", gettext_lazy("Steering framework"))],
    "framework": [
        ("frameworks:framework", gettext_lazy("The framework and its indicators")),
        ("reports:overview", gettext_lazy("Council proposal")),
    ],
    "monitoring": [("frameworks:monitoring", gettext_lazy("Monitoring"))],
    "preparation": [("journeys:edit", gettext_lazy("Adapt the household and the journey"))],
    "day1_journey": [("journeys:overview", gettext_lazy("Journey and lights"))],
    "day2_governance": [("journeys:checklist", gettext_lazy("Day 2: the checklist per theme"))],
    "report": [
        ("journeys:overview", gettext_lazy("Journey and lights")),
        ("advice:overview", gettext_lazy("Advice")),
        ("reports:overview", gettext_lazy("Digital overview")),
    ],
    "presentation": [
        ("reports:overview", gettext_lazy("Digital overview")),
        ("advice:overview", gettext_lazy("Advice")),
    ],
}


@scan_view(Action.VIEW)
def step_detail(request, access, step_key):
    scan = access.scan
    step = _step_or_404(scan, step_key)
    context = scan_context(access, current_step=step)
    context.update(
        {
            "state": scan.step_states.get(step_key=step.key),
            # What other apps show on this step (the analysis, the goal tree, ...).
            **panels(scan, step),
            "step_links": [
                (reverse(name, kwargs={"slug": scan.slug}), label)
                for name, label in STEP_LINKS.get(step.key, [])
            ],
            "layers": scan.method.layers,
            "checklist": _checklist(scan, step),
            "comments": scan.comments.filter(step_key=step.key).select_related("author"),
            "comment_form": CommentForm(),
            "events": AuditEvent.objects.for_scan(scan).filter(data__step_key=step.key)[:20],
        }
    )
    if access.can_edit:
        context["next_step"] = guidance.panel(scan, context["steps"], step)
    return render(request, "scans/step_detail.html", context)


@scan_view(Action.ADVANCE_STEPS)
@require_POST
def step_transition(request, access, step_key):
    scan = access.scan
    step = _step_or_404(scan, step_key)
    action = request.POST.get("action", "")
    try:
        services.transition_step(
            scan, step.key, action, user=request.user, reason=request.POST.get("reason", "")
        )
    except services.StepLocked:
        messages.error(request, _("Say why the step is reopened."))
    except services.StepTransitionError:
        messages.error(request, _("This step cannot be changed that way in its current status."))
    return redirect("scans:step", slug=scan.slug, step_key=step.key)


@scan_view(Action.ADVANCE_STEPS)
@require_POST
def checklist_toggle(request, access, step_key):
    scan = access.scan
    step = _step_or_404(scan, step_key)
    item_key = request.POST.get("item", "")
    if item_key not in {item["key"] for item in step.checklist}:
        raise Http404
    try:
        services.set_checklist_item(
            scan, step.key, item_key, request.POST.get("done") == "1", user=request.user
        )
    except services.StepLocked:
        if request.htmx:
            return HttpResponse(
                _("This step is done. Reopen it first to change its checklist."), status=409
            )
        messages.error(request, _("This step is done. Reopen it first to change its checklist."))
    if request.htmx:
        entry = next(e for e in _checklist(scan, step) if e["item"]["key"] == item_key)
        return render(
            request,
            "scans/_checklist_item.html",
            {"scan": scan, "step": step, "entry": entry, "access": access},
        )
    return redirect("scans:step", slug=scan.slug, step_key=step.key)


@scan_view(Action.COMMENT)
@require_POST
def comment_add(request, access, step_key):
    scan = access.scan
    step = _step_or_404(scan, step_key)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(scan, step.key, form.cleaned_data["text"], user=request.user)
        messages.success(request, _("Your comment has been added."))
    else:
        messages.error(request, _("An empty comment was not added."))
    return redirect("scans:step", slug=scan.slug, step_key=step.key)


@scan_view(Action.EDIT)
def planning(request, access):
    scan = access.scan
    steps = scan.method.steps
    current = {s.step_key: s.planned_date for s in scan.step_states.all()}
    suggest_form = SuggestPlanningForm(initial={"start_date": scan.start_date}, prefix="suggest")
    form = PlanningForm(initial=current, steps=steps)
    if request.method == "POST" and "suggest-start_date" in request.POST:
        suggest_form = SuggestPlanningForm(request.POST, prefix="suggest")
        if suggest_form.is_valid():
            suggestion = services.suggested_planning(
                scan.method, suggest_form.cleaned_data["start_date"]
            )
            form = PlanningForm(initial=suggestion, steps=steps)
            messages.info(
                request, _("Dates suggested from the method. Check them and save the planning.")
            )
    elif request.method == "POST":
        form = PlanningForm(request.POST, steps=steps)
        if form.is_valid():
            services.update_planning(scan, user=request.user, planning=form.cleaned_data)
            messages.success(request, _("The planning has been saved."))
            return redirect("scans:detail", slug=scan.slug)
    context = scan_context(access)
    context.update({"form": form, "suggest_form": suggest_form})
    return render(request, "scans/planning.html", context)
