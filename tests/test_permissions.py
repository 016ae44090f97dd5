"""Every URL is in a table with the action it needs; the table is then walked
anonymous → other organisation → client (read and comment only) → lead adviser."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from thermometer.access.policy import Action
from thermometer.audit.models import AuditEvent
from thermometer.participants.models import Participant
from thermometer.testing import factories

SCAN_URLS = {
    "scans:detail": Action.VIEW,
    "scans:edit": Action.EDIT,
    "scans:history": Action.VIEW,
    "scans:planning": Action.EDIT,
    "scans:step": Action.VIEW,
    "scans:step_transition": Action.ADVANCE_STEPS,
    "scans:checklist_toggle": Action.ADVANCE_STEPS,
    "scans:comment_add": Action.COMMENT,
    "scans:team": Action.VIEW,
    "scans:member_add": Action.MANAGE_TEAM,
    "scans:member_update": Action.MANAGE_TEAM,
    "privacy:overview": Action.EDIT,
    "privacy:purge": Action.MANAGE_PRIVACY,
    "privacy:requests": Action.MANAGE_PRIVACY,
    "privacy:export": Action.MANAGE_PRIVACY,
    "privacy:erase": Action.MANAGE_PRIVACY,
    "privacy:register": Action.EDIT,
    "privacy:delete": Action.MANAGE_PRIVACY,
    "participants:list": Action.VIEW_PERSONAL,
    "participants:add": Action.MANAGE_PARTICIPANTS,
    "participants:import": Action.MANAGE_PARTICIPANTS,
    "participants:edit": Action.MANAGE_PARTICIPANTS,
    "participants:remove": Action.MANAGE_PARTICIPANTS,
    "coding:codebook": Action.VIEW,
    "coding:code_add": Action.EDIT,
    "coding:codebook_import": Action.EDIT,
    "coding:export": Action.VIEW_PERSONAL,
    "coding:passage": Action.VIEW,
    "coding:code_passage": Action.EDIT,
    "coding:suggestion": Action.EDIT,
    "coding:coding_remove": Action.EDIT,
    "coding:retrieve": Action.VIEW,
    "coding:agreement": Action.VIEW,
    "analysis:overview": Action.VIEW,
    "goals:tree": Action.VIEW,
    "goals:interpretation": Action.EDIT,
    "goals:effect_add": Action.EDIT,
    "goals:effect_edit": Action.EDIT,
    "goals:effect_remove": Action.EDIT,
    "goals:effect_merge": Action.EDIT,
    "goals:proposals": Action.VIEW,
    "goals:proposal_answer": Action.EDIT,
    "goals:trail": Action.VIEW,
    "goals:trail_cell": Action.VIEW,
    "goals:verdict": Action.EDIT,
    "findings:overview": Action.VIEW,
    "findings:cell": Action.VIEW,
    "findings:actions": Action.EDIT,
    "findings:theme": Action.VIEW,
    "findings:finding_add": Action.EDIT,
    "findings:candidate_accept": Action.EDIT,
    "findings:finding": Action.VIEW,
    "findings:finding_edit": Action.EDIT,
    "findings:finding_remove": Action.EDIT,
    "findings:evidence_add": Action.EDIT,
    "findings:evidence_remove": Action.EDIT,
    "advice:overview": Action.VIEW,
    "advice:add": Action.EDIT,
    "advice:edit": Action.EDIT,
    "advice:remove": Action.EDIT,
    "advice:move": Action.EDIT,
    "advice:freeze": Action.EDIT,
    "advice:reopen": Action.EDIT,
    "advice:version": Action.VIEW,
    "advice:feedback": Action.VIEW,
    "advice:feedback_open": Action.EDIT,
    "advice:feedback_close": Action.EDIT,
    "advice:feedback_links": Action.MANAGE_PARTICIPANTS,
    "advice:feedback_email": Action.MANAGE_PARTICIPANTS,
    "advice:consolidation": Action.EDIT,
    "advice:minority": Action.EDIT,
    "advice:discussion": Action.VIEW,
    "advice:discussion_add": Action.EDIT,
    "advice:presentation_add": Action.EDIT,
    "reports:overview": Action.VIEW,
    "reports:file": Action.VIEW,
    "reports:status": Action.VIEW,
    "reports:download": Action.VIEW,
    "reports:shares": Action.EDIT,
    "reports:share_revoke": Action.EDIT,
    "journeys:overview": Action.VIEW,
    "journeys:edit": Action.EDIT,
    "journeys:session_open": Action.EDIT,
    "journeys:room": Action.VIEW,
    "journeys:session_close": Action.EDIT,
    "journeys:hide": Action.EDIT,
    "journeys:checklist": Action.VIEW,
    "journeys:checklist_answer": Action.EDIT,
    "frameworks:overview": Action.VIEW,
    "frameworks:documents": Action.VIEW,
    "frameworks:take": Action.EDIT,
    "frameworks:session_open": Action.EDIT,
    "frameworks:room": Action.VIEW,
    "frameworks:session_close": Action.EDIT,
    "frameworks:item_action": Action.EDIT,
    "frameworks:indicator_add": Action.EDIT,
    "frameworks:framework": Action.VIEW,
    "frameworks:decide": Action.EDIT,
    "frameworks:reopen": Action.EDIT,
    "frameworks:monitoring": Action.VIEW,
    "frameworks:measurement_import": Action.EDIT,
    "frameworks:national_import": Action.EDIT,
    "frameworks:finance_take": Action.EDIT,
    "finances:overview": Action.VIEW,
    "finances:import": Action.EDIT,
    "finances:import_confirm": Action.EDIT,
    "finances:cbs": Action.EDIT,
    "finances:remove": Action.EDIT,
    "frameworks:measurement_add": Action.EDIT,
    "frameworks:cbs_fetch": Action.EDIT,
    "sources:list": Action.VIEW,
    "sources:upload": Action.EDIT,
    "sources:search": Action.VIEW,
    "sources:conversation_add": Action.EDIT,
    "sources:detail": Action.VIEW,
    "sources:retry": Action.EDIT,
    "sources:delete": Action.EDIT,
    "questionnaires:list": Action.VIEW,
    "questionnaires:generate": Action.EDIT,
    "questionnaires:limesurvey": Action.EDIT,
    "questionnaires:spss_import": Action.EDIT,
    "questionnaires:document_import": Action.EDIT,
    "questionnaires:optional_add": Action.EDIT,
    "questionnaires:detail": Action.VIEW,
    "questionnaires:preview": Action.VIEW,
    "questionnaires:monitor": Action.VIEW,
    "questionnaires:export": Action.EDIT,
    "questionnaires:status": Action.EDIT,
    "questionnaires:invite": Action.MANAGE_PARTICIPANTS,
    "questionnaires:email": Action.MANAGE_PARTICIPANTS,
    "questionnaires:letters": Action.MANAGE_PARTICIPANTS,
    "questionnaires:open_link_add": Action.MANAGE_PARTICIPANTS,
    "questionnaires:item_add": Action.EDIT,
    "questionnaires:item_edit": Action.EDIT,
    "questionnaires:item_change": Action.EDIT,
}
# Respondent pages: scoped by the personal token, tested in the questionnaires app.
RESPONDENT_URLS = {
    "respond:start",
    "respond:page",
    "respond:autosave",
    "respond:review",
    "respond:language",
    "privacy:respondent_statement",
    "privacy:feedback_statement",
    "privacy:live_statement",
    "open_link",
    "feedback:start",
    "feedback:form",
    "feedback:autosave",
    "shared_overview",
    "live:join",
    "live:join_code",
    "journey_device:device",
    "journey_device:device_add",
    "journey_device:device_board",
    "journey_device:device_vote",
    "framework_device:device",
    "framework_device:device_add",
    "framework_device:device_tree",
    "framework_device:device_dot",
}
# Not about one scan: who may use them is tested in their own apps.
OTHER_URLS = {
    "home",
    "healthz",
    "scans:list",
    "scans:create",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:two_factor",
    "accounts:two_factor_verify",
    "privacy:organisation_settings",
    "privacy:security_log",
}


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry, namespace)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}", entry


def test_every_url_is_in_the_permission_table():
    names = dict(_walk(get_resolver()))
    missing = set(names) - set(SCAN_URLS) - OTHER_URLS - RESPONDENT_URLS
    assert not missing, f"URLs without an entry in the permission table: {sorted(missing)}"
    for name, action in SCAN_URLS.items():
        view = names[name].callback
        assert getattr(view, "required_action", None) == action, name


def _kwargs(name, scan, participant):
    kwargs = {"slug": scan.slug}
    if name.startswith("questionnaires:") and name not in (
        "questionnaires:list",
        "questionnaires:generate",
        "questionnaires:limesurvey",
        "questionnaires:spss_import",
        "questionnaires:document_import",
        "questionnaires:optional_add",
    ):
        questionnaire = scan.questionnaires.first()
        kwargs["questionnaire_uuid"] = questionnaire.uuid
        if name.startswith("questionnaires:item_") and name != "questionnaires:item_add":
            kwargs["item_uuid"] = questionnaire.items.first().uuid
    if name.startswith("scans:step") or name in ("scans:checklist_toggle", "scans:comment_add"):
        kwargs["step_key"] = "scope"
    if name == "scans:member_update":
        kwargs["member_id"] = scan.members.first().pk
    if name in ("participants:edit", "participants:remove"):
        kwargs["participant_uuid"] = participant.uuid
    if name in ("coding:passage", "coding:code_passage", "coding:suggestion"):
        from thermometer.sources.models import Passage

        kwargs["passage_id"] = Passage.objects.filter(source__scan=scan).first().pk
    if name == "coding:coding_remove":
        from thermometer.coding.models import Coding

        kwargs["coding_uuid"] = Coding.objects.filter(code__scan=scan).first().uuid
    if name in ("sources:detail", "sources:retry", "sources:delete"):
        kwargs["source_uuid"] = scan.sources.first().uuid
    if name == "goals:interpretation":
        kwargs["goal"] = "self_reliance"
    if name.startswith(("goals:effect_", "goals:trail_", "goals:verdict")) and name != (
        "goals:effect_add"
    ):
        kwargs["effect_uuid"] = scan.intended_effects.first().uuid
    if name in ("goals:trail_cell", "goals:verdict"):
        kwargs["layer"] = "regelgeving"
    if name in ("findings:cell", "findings:actions"):
        kwargs.update(goal="self_reliance", actor="inwoner")
    if name == "findings:theme":
        kwargs["theme"] = "privacy"
    if name == "findings:candidate_accept":
        kwargs["effect_uuid"] = scan.intended_effects.first().uuid
    if name in ("findings:finding", "findings:finding_edit", "findings:finding_remove"):
        kwargs["finding_uuid"] = scan.findings.first().uuid
    if name == "findings:evidence_add":
        kwargs["finding_uuid"] = scan.findings.first().uuid
    if name == "findings:evidence_remove":
        kwargs["evidence_id"] = scan.findings.first().evidence.first().pk
    if name in ("advice:edit", "advice:remove", "advice:move"):
        kwargs["rec_uuid"] = scan.recommendations.first().uuid
    if name == "advice:version":
        kwargs["number"] = 1
    if name in ("journeys:room", "journeys:session_close"):
        kwargs["session_uuid"] = scan.live_sessions.get(kind="journey").uuid
    if name == "journeys:hide":
        from thermometer.journeys.models import Observation

        kwargs["observation_uuid"] = Observation.objects.filter(session__scan=scan).first().uuid
    if name == "journeys:checklist_answer":
        kwargs.update(theme="privacy", item="consent")
    if name in ("frameworks:room", "frameworks:session_close"):
        kwargs["session_uuid"] = scan.live_sessions.get(kind="framework_values").uuid
    if name in ("frameworks:item_action", "frameworks:indicator_add"):
        kwargs["item_uuid"] = scan.framework.get(level="criterion").uuid
    if name in ("frameworks:measurement_add", "frameworks:cbs_fetch", "frameworks:finance_take"):
        from thermometer.frameworks.models import Indicator

        kwargs["indicator_uuid"] = Indicator.objects.get(criterion__scan=scan).uuid
    if name == "reports:file":
        kwargs["fmt"] = "html"
    if name in ("reports:status", "reports:download"):
        kwargs["report_uuid"] = scan.reports.first().uuid
    if name == "reports:share_revoke":
        kwargs["share_uuid"] = scan.share_links.first().uuid
    if name.startswith(("advice:feedback_", "advice:consolidation", "advice:minority")) and (
        name != "advice:feedback_open"
    ):
        kwargs["round_uuid"] = scan.feedback_rounds.first().uuid
    return kwargs


def fill_scan(scan):
    """Something behind every URL of the table: questionnaires, a coded document, an
    intended effect, a finding with evidence, and a participant."""
    from thermometer.questionnaires.generation import generate_questionnaires

    generate_questionnaires(scan, user=scan.created_by)
    factories.coded_document(scan)
    scan.intended_effects.create(
        goal="self_reliance", statement="Inwoners wonen langer thuis", layer="beleid"
    )
    finding = scan.findings.create(
        subject="cell", goal="self_reliance", actor="inwoner", text="Inwoners kennen het doel niet"
    )
    finding.evidence.create(kind="quote", quote="Ik weet niet waar ik terecht kan.")
    participant = factories.ParticipantFactory(scan=scan)
    factories.concept_advice_in_feedback(scan)
    from django.core.files.base import ContentFile

    from thermometer.reports import services as reports

    report = scan.reports.create(format="pdf", fingerprint="x", status="done")
    report.file.save("rapport.pdf", ContentFile(b"%PDF-1.7"))
    reports.add_share_link(scan, label="Raad", days=7, user=scan.created_by)
    from thermometer.journeys import services as journeys
    from thermometer.live import services as live

    journeys.seed(scan)
    step = scan.journey_steps.create(key="toegang", name="Toegang")
    session = live.open_session(
        scan, kind="journey", title="Klantreis", votes_per_person=3, user=scan.created_by
    )
    journeys.add_observation(session, None, step_id=step.pk, kind="pain", text="Lange wachttijd")
    framework_session = live.open_session(
        scan, kind="framework_values", title="Werksessie", votes_per_person=3, user=scan.created_by
    )
    value = scan.framework.create(level="value", text="Eén gezin, één plan")
    result = scan.framework.create(level="result", text="Eén plan per gezin", parent=value)
    criterion = scan.framework.create(level="criterion", text="Regisseur aangewezen", parent=result)
    criterion.indicators.create(
        name="Regie",
        definition="Aandeel huishoudens met een regisseur",
        unit="%",
        source="own_registration",
        direction="at_least",
        frequency="yearly",
    )
    assert framework_session.is_open
    return participant


@pytest.fixture
def participant(scan):
    return fill_scan(scan)


ALL = sorted(SCAN_URLS)


@pytest.mark.parametrize("name", ALL)
def test_anonymous_is_sent_to_log_in(client, scan, participant, name):
    url = reverse(name, kwargs=_kwargs(name, scan, participant))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ALL)
def test_other_organisation_gets_404(client, scan, participant, outsider, name):
    client.force_login(outsider)
    url = reverse(name, kwargs=_kwargs(name, scan, participant))
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "complete", "item": "x", "text": "x"}).status_code == 404


@pytest.mark.parametrize("name", ALL)
def test_client_cannot_change_anything(client, scan, participant, client_user, name):
    client.force_login(client_user)
    url = reverse(name, kwargs=_kwargs(name, scan, participant))
    before = AuditEvent.objects.count(), Participant.objects.count()
    post = client.post(
        url, {"action": "complete", "item": "x", "text": "Een opmerking", "role": "client"}
    )
    if SCAN_URLS[name] in (Action.VIEW,):
        assert client.get(url).status_code == 200
    elif SCAN_URLS[name] == Action.COMMENT:
        assert post.status_code == 302
        return
    else:
        assert client.get(url).status_code in (403, 405)
        assert post.status_code == 403
    assert (AuditEvent.objects.count(), Participant.objects.count()) == before


PERSONAL = sorted(n for n, a in SCAN_URLS.items() if a == Action.VIEW_PERSONAL)


@pytest.mark.parametrize("name", PERSONAL)
def test_the_client_sees_personal_data_only_where_the_scan_allows(
    client, scan, participant, client_user, name
):
    client.force_login(client_user)
    url = reverse(name, kwargs=_kwargs(name, scan, participant))
    assert client.get(url).status_code == 403
    scan.client_sees_personal_data = True
    scan.save(update_fields=["client_sees_personal_data"])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", [n for n, a in SCAN_URLS.items() if a != Action.MANAGE_TEAM])
def test_adviser_not_on_the_team_reads_along(client, scan, participant, organisation, name):
    colleague = factories.adviser(organisation, email="colleague@example.org")
    client.force_login(colleague)
    url = reverse(name, kwargs=_kwargs(name, scan, participant))
    response = client.get(url)
    if SCAN_URLS[name] in (Action.VIEW, Action.VIEW_PERSONAL):
        assert response.status_code == 200
    elif SCAN_URLS[name] != Action.COMMENT:
        assert response.status_code in (403, 405)


@pytest.mark.parametrize("name", ALL)
def test_lead_adviser_may_do_everything(client, scan, participant, lead, name):
    client.force_login(lead)
    url = reverse(name, kwargs=_kwargs(name, scan, participant))
    response = client.get(url)
    assert response.status_code in (200, 405)
    # Every page of a scan: the policy, no browser features, never stored anywhere.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_scan_list_shows_only_own_organisation(client, scan, outsider):
    other_scan = factories.make_scan(lead=outsider, title="Scan van B")
    client.force_login(outsider)
    page = client.get(reverse("scans:list")).content.decode()
    assert "Scan van B" in page and scan.title not in page
    assert other_scan.title in page


def test_client_sees_only_scans_on_whose_team_they_are(client, scan, client_user, lead):
    hidden = factories.make_scan(lead=lead, title="Andere scan")
    client.force_login(client_user)
    page = client.get(reverse("scans:list")).content.decode()
    assert scan.title in page and hidden.title not in page
    assert client.get(reverse("scans:detail", kwargs={"slug": hidden.slug})).status_code == 404


def test_client_cannot_create_scans(client, client_user):
    client.force_login(client_user)
    assert client.get(reverse("scans:create")).status_code == 403
