"""The named audit events and the Dutch sentence each one reads as.

Events are written explicitly by services, in the same transaction as the
change they describe, so the trail never claims what did not happen.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .models import AuditEvent

EVENTS = {
    "two_factor_enabled": _("{user} turned on two-step sign-in."),
    "two_factor_disabled": _("{user} turned off two-step sign-in."),
    "two_factor_recovery_codes_renewed": _("{user} made new recovery codes."),
    "scan_created": _("{user} created the scan “{title}”."),
    "scan_updated": _("{user} changed the scan details ({fields})."),
    "planning_updated": _("{user} changed the planning."),
    "step_started": _("{user} started step “{step}”."),
    "step_completed": _("{user} completed step “{step}”."),
    "step_reopened": _("{user} reopened step “{step}”."),
    "step_reopened_because": _("{user} reopened step “{step}”, because: {reason}"),
    "checklist_ticked": _("{user} ticked “{item}” in step “{step}”."),
    "checklist_unticked": _("{user} unticked “{item}” in step “{step}”."),
    "comment_added": _("{user} commented on step “{step}”."),
    "member_added": _("{user} added {member} to the team as {role}."),
    "member_role_changed": _("{user} made {member} {role}."),
    "member_removed": _("{user} removed {member} from the team."),
    "participant_added": _("{user} added participant {pseudonym}."),
    "participant_updated": _("{user} changed participant {pseudonym}."),
    "participant_removed": _("{user} removed participant {pseudonym}."),
    "questionnaire_created": _("{user} created the questionnaire “{name}”."),
    "questionnaire_changed": _("{user} changed the questionnaire “{name}” ({change})."),
    "questionnaire_opened": _("{user} opened the questionnaire “{name}”."),
    "questionnaire_closed": _("{user} closed the questionnaire “{name}”."),
    "invitations_created": ngettext_lazy(
        "{user} made {count} personal link for “{name}”.",
        "{user} made {count} personal links for “{name}”.",
        "count",
    ),
    "open_link_created": _(
        "{user} made an open link “{label}” for “{name}” (at most {cap} respondents)."
    ),
    "questionnaire_imported": ngettext_lazy(
        "{user} took over the questionnaire “{name}” from LimeSurvey ({count} question).",
        "{user} took over the questionnaire “{name}” from LimeSurvey ({count} questions).",
        "count",
    ),
    "questionnaire_document_imported": ngettext_lazy(
        "{user} took over the questionnaire “{name}” from the document “{file}” "
        "({count} question).",
        "{user} took over the questionnaire “{name}” from the document “{file}” "
        "({count} questions).",
        "count",
    ),
    "responses_imported": ngettext_lazy(
        "{user} imported {count} response into “{name}”.",
        "{user} imported {count} responses into “{name}”.",
        "count",
    ),
    "source_added": _("{user} added the document “{title}”."),
    "source_deleted": _(
        "{user} deleted the document “{title}” with its passages ({passages}) "
        "and codings ({codings})."
    ),
    "source_read_again": _("{user} had the document “{title}” read again."),
    "codebook_seeded": ngettext_lazy(
        "The codebook was made from the method ({count} code).",
        "The codebook was made from the method ({count} codes).",
        "count",
    ),
    "code_added": _("{user} added the code “{name}” to the codebook."),
    "passage_coded": _("{user} coded a passage of “{source}” with “{code}”."),
    "coding_removed": _("{user} removed a coding with “{code}”."),
    "codebook_imported": ngettext_lazy(
        "{user} imported {count} code from a REFI-QDA codebook.",
        "{user} imported {count} codes from a REFI-QDA codebook.",
        "count",
    ),
    "qdpx_imported": _(
        "{user} imported the REFI-QDA project “{name}” (sources: {sources}, codes: {codes}, "
        "codings: {codings}, memos: {memos}, sets: {sets})."
    ),
    "invitations_emailed": ngettext_lazy(
        "{user} e-mailed {count} invitation for “{name}”.",
        "{user} e-mailed {count} invitations for “{name}”.",
        "count",
    ),
    "reminders_emailed": ngettext_lazy(
        "{user} e-mailed {count} reminder for “{name}”.",
        "{user} e-mailed {count} reminders for “{name}”.",
        "count",
    ),
    "goal_interpretation_changed": _("{user} wrote the local interpretation of “{goal}”."),
    "intended_effect_added": _("{user} added the intended effect “{statement}” to “{goal}”."),
    "intended_effect_changed": _("{user} changed the intended effect “{statement}”."),
    "intended_effect_removed": _("{user} removed the intended effect “{statement}”."),
    "intended_effects_merged": _("{user} merged the intended effect “{other}” into “{statement}”."),
    "effect_proposal_answered": _("{user} answered a proposed intended effect ({answer})."),
    "trail_verdict_given": _("{user} judged “{statement}” in layer “{layer}” as {verdict}."),
    "matrix_actions_saved": _("{user} wrote the actions for the cell {cell}."),
    "finding_added": _("{user} wrote a finding on {subject}."),
    "finding_changed": _("{user} changed a finding on {subject}."),
    "finding_removed": _("{user} removed a finding on {subject}."),
    "evidence_added": _("{user} added evidence ({kind}) to a finding on {subject}."),
    "evidence_removed": _("{user} removed evidence ({kind}) from a finding on {subject}."),
    "recommendation_added": _("{user} added the recommendation “{title}”."),
    "recommendation_changed": _("{user} changed the recommendation “{title}”."),
    "recommendation_removed": _("{user} removed the recommendation “{title}”."),
    "recommendations_reordered": _("{user} changed the order of the recommendations."),
    "advice_frozen": _("{user} froze version {number} of the advice as a concept."),
    "advice_final": _("{user} froze version {number} as the final advice."),
    "advice_reopened": _("{user} reopened the advice to work on version {number}."),
    "advice_reopened_because": _(
        "{user} opened the final advice again to work on version {number}, because: {reason}"
    ),
    "feedback_opened": ngettext_lazy(
        "{user} opened the feedback round on version {number} for {count} participant.",
        "{user} opened the feedback round on version {number} for {count} participants.",
        "count",
    ),
    "feedback_closed": _("{user} closed the feedback round."),
    "minority_recorded": _("{user} recorded a minority view of {group}: {decision}."),
    "discussion_noted": _("{user} wrote the notes of the discussion of {date}."),
    "advice_presented": _("{user} recorded how version {number} of the advice was presented."),
    "share_link_added": ngettext_lazy(
        "{user} made a read-only link for {label}, valid for {days} day.",
        "{user} made a read-only link for {label}, valid for {days} days.",
        "days",
    ),
    "share_link_revoked": _("{user} revoked the read-only link for {label}."),
    "live_session_opened": _("{user} opened the live session “{title}”."),
    "live_session_closed": _("{user} closed the live session “{title}”."),
    "observation_hidden": _("{user} set aside the observation “{text}”."),
    "observation_shown": _("{user} put the observation “{text}” back."),
    "checklist_answered": _("{user} answered a checklist question of {theme}: {answer}."),
    "journey_seeded": ngettext_lazy(
        "The household “{household}” and the journey ({steps} step) came from the method.",
        "The household “{household}” and the journey ({steps} steps) came from the method.",
        "steps",
    ),
    "journey_edited": _("{user} adapted the household and the journey."),
    "framework_item_added": _("{user} took “{text}” into the framework."),
    "framework_item_status": _("{user} marked “{text}” as {status}."),
    "framework_items_merged": _("{user} merged “{text}” into “{into}”."),
    "framework_item_edited": _("{user} edited “{text}” in the framework."),
    "indicator_added": _("{user} added the indicator “{name}”."),
    "framework_decided": _("{user} recorded the council's decision of {date}."),
    "measurements_imported": ngettext_lazy(
        "{user} imported {count} measurement (rows refused: {errors}).",
        "{user} imported {count} measurements (rows refused: {errors}).",
        "count",
    ),
    "national_indicators_imported": _(
        "{user} imported the national file “{file}”: {own} own measurements, "
        "{peers} values of other municipalities, {skipped} rows skipped."
    ),
    "measurements_fetched": ngettext_lazy(
        "{user} fetched {count} value of “{name}” from CBS.",
        "{user} fetched {count} values of “{name}” from CBS.",
        "count",
    ),
    "feedback_links_emailed": ngettext_lazy(
        "{user} e-mailed {count} link to the feedback round.",
        "{user} e-mailed {count} links to the feedback round.",
        "count",
    ),
    "participants_imported": ngettext_lazy(
        "{user} imported {created} participant from “{filename}” "
        "(duplicates skipped: {duplicates}, rows refused: {errors}).",
        "{user} imported {created} participants from “{filename}” "
        "(duplicates skipped: {duplicates}, rows refused: {errors}).",
        "created",
    ),
    "framework_reopened": _(
        "{user} reopened the framework the council decided on {date}, because: {reason}"
    ),
    "personal_data_purged": _("{user} deleted or anonymised the personal data of the scan."),
    "personal_data_expired": _(
        "The retention period ended: the personal data of the scan was deleted or "
        "anonymised automatically."
    ),
    "subject_exported": _("{user} exported the data of {pseudonym} on their request."),
    "subject_erased": _("{user} erased the data of {pseudonym} on their request."),
    "finances_imported": ngettext_lazy(
        "{user} imported {count} financial figure from “{name}” (rows refused: {errors}).",
        "{user} imported {count} financial figures from “{name}” (rows refused: {errors}).",
        "count",
    ),
    "finances_removed": _("{user} removed the scan's financial figures."),
    "finance_references_fetched": ngettext_lazy(
        "{user} fetched {count} comparison figure from CBS.",
        "{user} fetched {count} comparison figures from CBS.",
        "count",
    ),
}


class UnknownEvent(KeyError):
    pass


def record(event: str, *, user, scan=None, organisation=None, **data) -> AuditEvent:
    """Write one audit event; call inside the transaction of the change."""
    if event not in EVENTS:
        raise UnknownEvent(event)
    if organisation is None and scan is not None:
        organisation = scan.organisation
    return AuditEvent.objects.create(
        event=event,
        user=user if getattr(user, "is_authenticated", False) else None,
        user_label=str(user) if getattr(user, "is_authenticated", False) else "",
        scan=scan,
        organisation=organisation,
        data={key: str(value) for key, value in data.items()},
    )


def sentence(event: AuditEvent) -> str:
    template = EVENTS.get(event.event)
    if template is None:
        return event.event
    who = event.user_label or (str(event.user) if event.user_id else _("Someone"))
    # A count chooses the plural ("1 persoonlijke link"), a date reads "30 november 2026".
    return template.format(user=who, **{key: _shown(v) for key, v in event.data.items()})


def _shown(value):
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, str) and len(value) == 10:
        try:
            return date_format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            pass
    return value
