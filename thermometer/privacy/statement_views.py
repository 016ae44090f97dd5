"""The privacy statement for people without an account, behind the link they came by:
a respondent at ``/v/<token>/privacy/``, a feedback giver at ``/t/<token>/privacy/`` and
a live session's participant at ``/s/<code>/privacy/``. Readable before, during and
after taking part (also once the questionnaire, round or session closed); an unknown
link or code gets the page of where it came from (404), and guessing is throttled as
on every other public link."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache

from thermometer.advice import services as feedback
from thermometer.core import throttling
from thermometer.live import services as live
from thermometer.questionnaires import respond, respondent_views

from . import statement
from .subjects import reference


def render_statement(request, scan, *, base: str, kind: str, reference="", back="", extra=None):
    """The statement about ``scan`` in the page frame ``base`` of where the person came
    from; ``kind`` says what is kept about them (``statement.held_for``)."""
    context = {
        "base_template": base,
        "facts": statement.facts(scan),
        "held": statement.held_for(kind),
        "reference": reference,
        "back": back,
        **(extra or {}),
    }
    return render(request, "privacy/statement.html", context)


@login_not_required
@never_cache
def respondent(request, token):
    """With the reference that proves a request is theirs, in the language they chose."""
    invitation = throttling.look_up(request, respond.find_invitation, token)
    if invitation is None:
        return respondent_views.invalid_link(request)
    questionnaire = invitation.questionnaire
    with translation.override(respondent_views.link_language(request, token, invitation)):
        return render_statement(
            request,
            questionnaire.scan,
            base="questionnaires/respond/base.html",
            kind="questionnaire",
            reference=reference(invitation.participant, token),
            back=reverse("respond:start", args=[token]),
            extra={
                "municipality": respond.scan_facts(questionnaire.scan_id)["municipality"],
                "questionnaire": questionnaire,
            },
        )


@login_not_required
@never_cache
def feedback_giver(request, token):
    """With the reference that proves a request is theirs."""
    invitation = throttling.look_up(request, feedback.find_invitation, token)
    if invitation is None:
        return render(request, "advice/feedback/invalid.html", {}, status=404)
    scan = invitation.round.scan
    return render_statement(
        request,
        scan,
        base="advice/feedback/base.html",
        kind="feedback",
        reference=reference(invitation.participant, token),
        back=reverse("feedback:start", args=[token]),
        extra={"municipality": scan.municipality},
    )


@login_not_required
@never_cache
def live_participant(request, code):
    """Linked from the session's join page."""
    session = throttling.look_up(request, live.find_session, code)
    if session is None:
        return render(request, "live/code.html", {"error": "unknown"}, status=404)
    return render_statement(
        request,
        session.scan,
        base="live/base.html",
        kind="live",
        back=reverse("live:join_code", kwargs={"code": session.code}),
        extra={"municipality": session.scan.municipality},
    )
