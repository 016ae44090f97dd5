from django.contrib import messages
from django.forms import modelformset_factory
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thermometer.access.policy import Action
from thermometer.coding.models import Coding
from thermometer.core.forms import error_message
from thermometer.live import services as live
from thermometer.live import views as live_views
from thermometer.live.models import LiveSession
from thermometer.scans.guard import scan_view
from thermometer.scans.views.context import scan_context

from . import services
from .constants import ObservationKind
from .forms import ChecklistForm, SessionForm
from .models import ChecklistAnswer, HouseholdMember, JourneyStep, Observation

KIND = "journey"


@scan_view(Action.VIEW)
def overview(request, access):
    scan = access.scan
    household = services.household(scan)
    sessions = list(LiveSession.objects.filter(scan=scan, kind=KIND))
    journey = services.board(scan)
    context = scan_context(access)
    context.update(
        {
            "household": household,
            "members": household.members.prefetch_related("questions"),
            "journey": journey,
            "sessions": sessions,
            "lights": services.theme_lights(scan),
            "priorities": services.priorities(journey),
            "session_form": SessionForm() if access.can_edit else None,
            "themes": scan.method.themes,
        }
    )
    return render(request, "journeys/overview.html", context)


MemberFormSet = modelformset_factory(
    HouseholdMember, fields=("name", "role", "age", "situation"), extra=0
)
StepFormSet = modelformset_factory(
    JourneyStep, fields=("name", "description", "involved", "systems"), extra=0
)


@scan_view(Action.EDIT)
def edit(request, access):
    """The household and the journey, adapted to the municipality."""
    scan = access.scan
    household = services.household(scan)
    members = MemberFormSet(
        request.POST or None, queryset=household.members.all(), prefix="members"
    )
    steps = StepFormSet(
        request.POST or None, queryset=JourneyStep.objects.filter(scan=scan), prefix="steps"
    )
    if request.method == "POST" and members.is_valid() and steps.is_valid():
        services.edit_journey(
            scan,
            members=members.save(commit=False),
            steps=steps.save(commit=False),
            user=request.user,
        )
        messages.success(request, _("The household and the journey have been saved."))
        return redirect("journeys:overview", slug=scan.slug)
    context = scan_context(access)
    context.update({"member_forms": members, "step_forms": steps})
    return render(request, "journeys/edit.html", context)


@scan_view(Action.EDIT)
@require_POST
def session_open(request, access):
    scan = access.scan
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            session = live.open_session(scan, kind=KIND, user=request.user, **form.cleaned_data)
            return redirect("journeys:room", slug=scan.slug, session_uuid=session.uuid)
        except live.LiveError as error:
            messages.error(request, str(error))
    else:
        error_message(request, form)
    return redirect("journeys:overview", slug=scan.slug)


def _session(scan, session_uuid) -> LiveSession:
    return get_object_or_404(LiveSession, scan=scan, uuid=session_uuid, kind=KIND)


@scan_view(Action.VIEW)
def room(request, access, session_uuid):
    """The room screen (projector): the code and QR to join, and the board, refreshed by
    htmx every few seconds (then only the board)."""
    scan = access.scan
    session = _session(scan, session_uuid)
    board = {
        "scan": scan,
        "access": access,
        "session": session,
        "board": services.board(scan, session),
        "devices": session.devices.count(),
        "themes": scan.method.themes,
    }
    if request.htmx:  # the board alone: no step navigation, no QR code
        return render(request, "journeys/_room_board.html", board)
    context = scan_context(access)
    context.update(board)
    context["qr"] = live_views.join_qr(request, session)
    return render(request, "journeys/room.html", context)


@scan_view(Action.EDIT)
@require_POST
def session_close(request, access, session_uuid):
    live.close_session(_session(access.scan, session_uuid), user=request.user)
    messages.success(request, _("The session is closed. Everything written is kept."))
    return redirect("journeys:overview", slug=access.scan.slug)


@scan_view(Action.EDIT)
@require_POST
def hide(request, access, observation_uuid):
    observation = get_object_or_404(Observation, uuid=observation_uuid, session__scan=access.scan)
    services.hide_observation(
        observation, hidden=request.POST.get("hidden") != "0", user=request.user
    )
    return redirect("journeys:room", slug=access.scan.slug, session_uuid=observation.session.uuid)


@scan_view(Action.VIEW)
def checklist(request, access):
    scan = access.scan
    method = scan.method
    given = {
        (a.theme, a.item): a
        for a in ChecklistAnswer.objects.filter(scan=scan).prefetch_related(
            "codings__passage__source", "sources"
        )
    }
    codings = list(
        Coding.objects.filter(code__scan=scan).select_related("code", "passage__source")[:300]
    )
    sources = list(scan.sources.all())
    themes = []
    for key, name in method.themes.items():
        rows = []
        for entry in services.checklist(method).get(key, []):
            answer = given.get((key, entry["key"]))
            form = None
            if access.can_edit:
                form = ChecklistForm(
                    prefix=f"{key}-{entry['key']}",
                    codings=codings,
                    sources=sources,
                    initial={
                        "answer": answer.answer if answer else "",
                        "explanation": answer.explanation if answer else "",
                        "codings": [c.uuid.hex for c in answer.codings.all()] if answer else [],
                        "sources": [s.uuid.hex for s in answer.sources.all()] if answer else [],
                    },
                )
            rows.append({"entry": entry, "answer": answer, "form": form})
        themes.append({"key": key, "name": name, "rows": rows})
    context = scan_context(access)
    context.update(
        {"themes": themes, "lights": {t["theme"]: t for t in services.theme_lights(scan)}}
    )
    return render(request, "journeys/checklist.html", context)


@scan_view(Action.EDIT)
@require_POST
def checklist_answer(request, access, theme, item):
    scan = access.scan
    codings = list(
        Coding.objects.filter(code__scan=scan).select_related("code", "passage__source")[:300]
    )
    sources = list(scan.sources.all())
    form = ChecklistForm(request.POST, prefix=f"{theme}-{item}", codings=codings, sources=sources)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_item(
                scan,
                theme,
                item,
                answer=data["answer"],
                explanation=data["explanation"],
                codings=[c for c in codings if c.uuid.hex in data["codings"]],
                sources=[s for s in sources if s.uuid.hex in data["sources"]],
                user=request.user,
            )
            messages.success(request, _("The answer has been saved."))
        except services.JourneyError as error:
            messages.error(request, str(error))
    else:
        error_message(request, form)
    return redirect(
        f"{reverse('journeys:checklist', kwargs={'slug': scan.slug})}#item-{theme}-{item}"
    )


# --- the device view: public, for the people in the session -------------------------------


device_view = live_views.device_view((KIND,))


def _lists_context(session, device) -> dict:
    """What the steps' lists read, and no more: the device polls them every few seconds."""
    voted = set(
        Observation.objects.filter(session=session, votes__device=device).values_list(
            "pk", flat=True
        )
    )
    return {"session": session, "board": services.board(session.scan, session), "voted": voted}


def _device_context(session, device, error="", step_id=None, posted=None):
    context = _lists_context(session, device)
    scan = session.scan
    household = services.household(scan)
    context.update(
        {
            "municipality": scan.municipality,
            "household": household,
            "members": household.members.all(),
            "themes": scan.method.themes,
            "kinds": ObservationKind.choices,
            # One vote per pain point and device (a unique constraint), so the pain
            # points this device voted for are as many as the votes it used.
            "votes_left": live.votes_left(session, len(context["voted"])),
            "error": error,
            "error_step": step_id,
            "posted": posted or {},
        }
    )
    return context


@device_view
def device(request, session, device):
    return render(request, "journeys/device.html", _device_context(session, device))


@device_view
def device_add(request, session, device):
    if request.method != "POST":
        return redirect("journey_device:device", session_uuid=session.uuid)
    step_id = request.POST.get("step")
    try:
        services.add_observation(
            session,
            device,
            step_id=step_id,
            kind=request.POST.get("kind", ""),
            text=request.POST.get("text", ""),
            theme=request.POST.get("theme", ""),
            member_id=request.POST.get("member") or None,
        )
    except (services.JourneyError, ValueError) as error:
        context = _device_context(session, device, str(error), step_id, request.POST)
        template = "journeys/_device_step.html" if request.htmx else "journeys/device.html"
        if request.htmx:
            context["entry"] = next(
                (e for e in context["board"] if str(e["step"].pk) == str(step_id)), None
            )
            if context["entry"] is None:
                return render(request, "live/code.html", {"error": "unknown"}, status=404)
        return render(request, template, context, status=400)
    if request.htmx:
        context = _device_context(session, device)
        context["entry"] = next(e for e in context["board"] if str(e["step"].pk) == str(step_id))
        context["saved"] = True
        return render(request, "journeys/_device_step.html", context)
    return redirect(
        f"{reverse('journey_device:device', kwargs={'session_uuid': session.uuid})}#step-{step_id}"
    )


@device_view
def device_vote(request, session, device, observation_uuid):
    if request.method != "POST":
        return redirect("journey_device:device", session_uuid=session.uuid)
    observation = Observation.objects.filter(uuid=observation_uuid, session=session).first()
    error = ""
    if observation is None:
        error = _("This pain point is no longer on the board.")
    else:
        try:
            services.toggle_vote(session, device, observation)
        except services.JourneyError as refused:
            error = str(refused)
    if error:
        messages.error(request, error)
    anchor = f"#step-{observation.step_id}" if observation else ""
    return redirect(
        f"{reverse('journey_device:device', kwargs={'session_uuid': session.uuid})}{anchor}"
    )


@device_view
def device_board(request, session, device):
    """The steps' lists, refreshed on the device while others write."""
    return render(request, "journeys/_device_lists.html", _lists_context(session, device))
