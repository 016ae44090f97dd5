"""Pages for respondents: reached by a personal link only, no account.

The token scopes everything: a link opens only its own questionnaire and response.
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thermometer.core import throttling

from . import respond
from .constants import RESPONDENT_LANGUAGES, QuestionnaireStatus
from .presentation import question_views, render_questions

LANGUAGES = dict(RESPONDENT_LANGUAGES)


def _response(invitation):
    # A missing reverse one-to-one raises an AttributeError subclass.
    return getattr(invitation, "response", None)


def _page(request, template, context, status=200, language="nl"):
    with translation.override(language):
        return render(request, f"questionnaires/respond/{template}", context, status=status)


def link_language(request, token, invitation) -> str:
    """The language of a personal link's pages: the one chosen with the switch, else
    that of its response, else Dutch."""
    response = _response(invitation)
    return request.session.get(f"lang-{token}") or (response.language if response else "nl")


def invalid_link(request):
    """The page of a personal link that does not exist (404)."""
    return _page(request, "invalid.html", {}, status=404)


def respondent_view(view):
    """Resolve the token; show the right page for an unknown, closed or finished link."""

    @login_not_required
    @never_cache
    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        invitation = throttling.look_up(request, respond.find_invitation, token)
        if invitation is None:
            return invalid_link(request)
        questionnaire = invitation.questionnaire
        response = _response(invitation)
        language = link_language(request, token, invitation)
        context = {
            "token": token,
            "questionnaire": questionnaire,
            "municipality": respond.scan_facts(questionnaire.scan_id)["municipality"],
            "language": language,
            "languages": RESPONDENT_LANGUAGES,
        }
        if response is not None and response.submitted_at:
            # Just thanks right after sending; a note that nothing was sent twice only for
            # a second send or a later visit to the link.
            just_sent = request.method == "GET" and request.session.pop(f"sent-{token}", False)
            return _page(
                request, "thanks.html", {**context, "again": not just_sent}, language=language
            )
        if not questionnaire.accepts_answers():
            closed = questionnaire.status == QuestionnaireStatus.CLOSED or (
                questionnaire.closes_at and questionnaire.closes_at <= timezone.now()
            )
            template = "closed.html" if closed else "not_open.html"
            return _page(
                request, template, context, status=410 if closed else 200, language=language
            )
        with translation.override(language):
            return view(request, invitation, context, *args, **kwargs)

    return wrapper


@respondent_view
def start(request, invitation, context):
    response = _response(invitation)
    if request.method == "POST":
        if request.POST.get("consent") == "yes":
            response = respond.start_response(
                invitation, context["language"], consent_at=timezone.now()
            )
            if response.consent_at is None:
                response.consent_at = timezone.now()
                response.save(update_fields=["consent_at"])
            return redirect("respond:page", token=context["token"], page=response.last_page)
        context["consent_error"] = True
    elif response is not None and response.consent_at:
        return redirect("respond:page", token=context["token"], page=response.last_page)
    from django.utils.formats import date_format

    ends = respond.scan_facts(invitation.questionnaire.scan_id)["retention_ends"]
    context["retention_ends"] = date_format(ends, "j F Y")
    return render(request, "questionnaires/respond/intro.html", context)


def _pages_context(all_items, answered, page, context):
    numbers = sorted({item.page for item in all_items})
    position = numbers.index(page)
    return {
        **context,
        "page": page,
        "position": position + 1,
        "page_count": len(numbers),
        "previous_page": numbers[position - 1] if position > 0 else None,
        "next_page": numbers[position + 1] if position + 1 < len(numbers) else None,
        "answered": answered,
        "total": len(all_items),
    }


@respondent_view
def page(request, invitation, context, page):
    response = _response(invitation)
    if response is None or response.consent_at is None:
        return redirect("respond:start", token=context["token"])
    questionnaire = invitation.questionnaire
    all_items = respond.items_of(questionnaire)
    items = [item for item in all_items if item.page == page]
    if not items:
        return redirect("respond:page", token=context["token"], page=response.last_page)
    errors, reasons = {}, {}
    if request.method == "POST":
        saved = respond.save_answers(response, items, request.POST)
        errors, reasons = saved.errors, saved.reasons
        if not errors:
            target = request.POST.get("go")
            pages = _pages_context(all_items, 0, page, context)
            if target == "previous" and pages["previous_page"]:
                return _move(response, context["token"], pages["previous_page"])
            if target == "next" and pages["next_page"]:
                return _move(response, context["token"], pages["next_page"])
            if target == "next":
                return redirect("respond:review", token=context["token"])
    answers = respond.answers_of(response)
    values = respond.initial_values(items, answers)
    values.update(errors)
    context = _pages_context(all_items, len(answers), page, context)
    context["questions"] = question_views(
        items, values, reasons, respond.scales_of(questionnaire), context["language"]
    )
    render_questions(context["questions"], context["language"], cacheable=questionnaire.is_locked)
    context["errors"] = errors
    status = 400 if errors else 200
    return render(request, "questionnaires/respond/page.html", context, status=status)


def _move(response, token, page):
    respond.move_to(response, page)
    return redirect("respond:page", token=token, page=page)


@require_POST
@respondent_view
def autosave(request, invitation, context, page):
    response = _response(invitation)
    if response is None or response.consent_at is None:
        return render(request, "questionnaires/respond/_saved.html", {"failed": True}, status=409)
    items = [i for i in respond.items_of(invitation.questionnaire) if i.page == page]
    # Each question saves itself ("only"): a page open in two tabs, each answering other
    # questions, must not clear the other tab's answers with its own empty ones.
    only = request.POST.get("only")
    if only:
        items = [i for i in items if respond.field_name(i) == only]
    result = respond.save_answers(response, items, request.POST)
    return render(
        request,
        "questionnaires/respond/_saved.html",
        {"failed": bool(result.errors), "at": timezone.localtime()},
    )


@respondent_view
def review(request, invitation, context):
    response = _response(invitation)
    if response is None or response.consent_at is None:
        return redirect("respond:start", token=context["token"])
    if request.method == "POST":
        respond.submit(response)
        request.session[f"sent-{context['token']}"] = True
        return redirect("respond:start", token=context["token"])
    missing = respond.unanswered(response)
    numbers = respond.page_numbers(invitation.questionnaire)
    context.update(
        {
            "missing": [{"text": i.text_in(context["language"]), "page": i.page} for i in missing],
            "total": len(respond.items_of(invitation.questionnaire)),
            "last_page": numbers[-1] if numbers else 1,
        }
    )
    return render(request, "questionnaires/respond/review.html", context)


@login_not_required
@require_POST
def switch_language(request, token):
    language = request.POST.get("language")
    invitation = respond.find_invitation(token)
    if invitation is not None and language in LANGUAGES:
        request.session[f"lang-{token}"] = language
        response = _response(invitation)
        if response is not None and not response.submitted_at:
            response.language = language
            response.save(update_fields=["language"])
    back = request.POST.get("next", "")
    if back.startswith(f"/v/{token}/"):
        return redirect(back)
    return redirect("respond:start", token=token)


@login_not_required
@never_cache
def open_link(request, token):
    """The shared link of a group: each visitor gets (and keeps) a personal link."""
    from .models import OpenLink
    from .open_links import LinkFull, join

    links = OpenLink.objects.select_related("questionnaire__scan__municipality")
    link = throttling.look_up(request, lambda t: links.filter(token=t).first(), token)
    if link is None:
        return _page(request, "invalid.html", {}, status=404)
    questionnaire = link.questionnaire
    context = {"questionnaire": questionnaire, "municipality": questionnaire.scan.municipality}
    remembered = request.session.get(f"open-{token}")
    if remembered:
        return redirect("respond:start", token=remembered)
    if not questionnaire.accepts_answers():
        closed = questionnaire.status == QuestionnaireStatus.CLOSED or (
            questionnaire.closes_at and questionnaire.closes_at <= timezone.now()
        )
        return _page(request, "closed.html" if closed else "not_open.html", context)
    if request.method == "POST":
        # Scripted joins with fresh cookies would fill the link's places in seconds.
        throttling.hit(request, "open_link_join", link.pk, throttling.address(request))
        throttling.hit(request, "open_link_join_link", link.pk)
        try:
            invitation = join(link)
        except LinkFull:
            return _page(request, "full.html", context, status=410)
        request.session[f"open-{token}"] = invitation.token
        return redirect("respond:start", token=invitation.token)
    if link.invitations.count() >= link.cap:
        return _page(request, "full.html", context, status=410)
    return _page(request, "open_link.html", {**context, "link": link})
