"""The feedback round for participants: the concept advice behind a personal link, no
account. The token scopes everything: it opens only its own invitation's answers."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thermometer.core import throttling

from . import services
from .constants import SUPPORT_CHOICES, Support
from .models import FeedbackAnswer


def feedback_view(view):
    """Resolve the token; show the right page for an unknown, closed or used link."""

    @login_not_required
    @never_cache
    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        invitation = throttling.look_up(request, services.find_invitation, token)
        if invitation is None:
            return render(request, "advice/feedback/invalid.html", {}, status=404)
        feedback_round = invitation.round
        context = {
            "token": token,
            "invitation": invitation,
            "round": feedback_round,
            "municipality": feedback_round.scan.municipality,
        }
        if invitation.submitted_at is not None:
            return render(request, "advice/feedback/thanks.html", {**context, "again": True})
        if not feedback_round.accepts_feedback():
            return render(request, "advice/feedback/closed.html", context, status=410)
        return view(request, invitation, context, *args, **kwargs)

    return wrapper


def _form_rows(invitation, posted=None, errors=()):
    saved_answers = FeedbackAnswer.objects.filter(invitation=invitation)
    answers = {str(a.recommendation): a for a in saved_answers}
    rows = []
    for number, rec in enumerate(invitation.round.version.snapshot["recommendations"], start=1):
        saved = answers.get(rec["uuid"])
        if posted is not None:
            support = posted.get(f"support-{rec['uuid']}", "")
            needs = posted.get(f"needs-{rec['uuid']}", "")
            comment = posted.get(f"comment-{rec['uuid']}", "")
        else:
            support = str(saved.support) if saved and saved.support else ""
            needs = saved.needs if saved else ""
            comment = saved.comment if saved else ""
        rows.append(
            {
                "number": number,
                "rec": rec,
                "support": support,
                "needs": needs,
                "comment": comment,
                "missing": rec["uuid"] in errors,
            }
        )
    return rows


def _support(value: str):
    try:
        level = int(value)
    except (TypeError, ValueError):
        return None
    return level if level in Support.values else None


def _save_posted(invitation, data, only=None) -> list[str]:
    """Save what was posted for each recommendation (or ``only`` one); returns the
    recommendations still without an answer on the five-point scale."""
    missing = []
    for rec in invitation.round.version.snapshot["recommendations"]:
        key = rec["uuid"]
        if only is not None and key != only:
            continue
        support = _support(data.get(f"support-{key}"))
        needs = data.get(f"needs-{key}", "")[:4000]
        comment = data.get(f"comment-{key}", "")[:4000]
        if support is not None or needs.strip() or comment.strip():
            services.save_feedback(invitation, key, support=support, needs=needs, comment=comment)
        if support is None:
            missing.append(key)
    return missing


@feedback_view
def start(request, invitation, context):
    if request.method == "POST":
        services.mark_started(invitation)
        return redirect("feedback:form", token=context["token"])
    context["count"] = len(invitation.round.version.snapshot["recommendations"])
    return render(request, "advice/feedback/intro.html", context)


@feedback_view
def form(request, invitation, context):
    errors = []
    if request.method == "POST":
        errors = _save_posted(invitation, request.POST)
        if request.POST.get("send") == "1" and not errors:
            services.submit_feedback(invitation)
            return redirect("feedback:start", token=context["token"])
        if request.POST.get("send") != "1":
            errors = []
    context.update(
        {
            "rows": _form_rows(invitation, request.POST if errors else None, errors),
            "choices": SUPPORT_CHOICES,
            "errors": errors,
        }
    )
    return render(request, "advice/feedback/form.html", context, status=400 if errors else 200)


@require_POST
@feedback_view
def autosave(request, invitation, context, rec_uuid):
    known = {r["uuid"] for r in invitation.round.version.snapshot["recommendations"]}
    if str(rec_uuid) not in known:
        return render(request, "advice/feedback/_saved.html", {"failed": True}, status=404)
    _save_posted(invitation, request.POST, only=str(rec_uuid))
    return render(request, "advice/feedback/_saved.html", {"at": timezone.localtime()})
