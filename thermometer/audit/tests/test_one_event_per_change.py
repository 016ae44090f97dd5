"""Every service that changes a scan writes its audit event, exactly one per change, in
the same transaction, and the event reads as a Dutch sentence with the data it carries.

One row per service: ``arrange(scan, lead)`` builds what the change needs and returns
the change itself; the test runs it and compares the events it wrote with the row's.
The last test keeps the table whole: a new service that records an event needs a row.
"""

import ast
import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import translation

from thermometer.audit.events import EVENTS, sentence
from thermometer.audit.models import AuditEvent
from thermometer.scans.constants import ScanRole
from thermometer.testing import factories

PACKAGE = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[4] / "shared" / "data"


@dataclass(frozen=True)
class Change:
    service: str  # module:function, as the last test finds it
    events: tuple
    arrange: object


def _finding(scan, lead):
    from thermometer.findings import services

    return services.add_finding(
        scan,
        subject="cell",
        goal="self_reliance",
        actor="inwoner",
        text="Inwoners kennen het doel niet",
        user=lead,
    )


def _effect(scan, lead, statement="Inwoners wonen langer thuis"):
    from thermometer.goals import services

    return services.add_effect(
        scan, goal="self_reliance", statement=statement, layer="beleid", user=lead
    )


def _questionnaire(scan, **traits):
    return factories.QuestionnaireFactory(scan=scan, template="uitvoering", **traits)


# --- scans ---------------------------------------------------------------------------------


def _create_scan(scan, lead):
    return lambda: factories.make_scan(lead=lead, title="Tweede scan")


def _update_scan(scan, lead):
    from thermometer.scans import services

    scan.title = "Thermometer Noordoostpolder 2027"
    return lambda: services.update_scan(scan, user=lead, changed_fields=["title"])


def _update_planning(scan, lead):
    from thermometer.scans import services

    planning = dict(scan.step_states.values_list("step_key", "planned_date"))
    planning["scope"] = datetime.date(2026, 11, 9)
    return lambda: services.update_planning(scan, user=lead, planning=planning)


def _step(action, reason=""):
    def arrange(scan, lead):
        from thermometer.scans import services

        if action == "reopen":
            services.transition_step(scan, "scope", "complete", user=lead)
        return lambda: services.transition_step(scan, "scope", action, user=lead, reason=reason)

    return arrange


def _tick(done):
    def arrange(scan, lead):
        from thermometer.scans import services

        if not done:
            services.set_checklist_item(scan, "scope", "kickoff", True, user=lead)
        return lambda: services.set_checklist_item(scan, "scope", "kickoff", done, user=lead)

    return arrange


def _comment(scan, lead):
    from thermometer.scans import services

    return lambda: services.add_comment(scan, "scope", "Planning besproken.", user=lead)


def _member(action):
    def arrange(scan, lead):
        from thermometer.scans import services

        colleague = factories.adviser(scan.organisation, email="collega@example.org")
        if action == "add":
            return lambda: services.add_member(scan, colleague, ScanRole.ADVISER, user=lead)
        member = services.add_member(scan, colleague, ScanRole.ADVISER, user=lead)
        if action == "role":
            return lambda: services.change_member_role(member, ScanRole.CLIENT, user=lead)
        return lambda: services.remove_member(member, user=lead)

    return arrange


# --- participants --------------------------------------------------------------------------


def _add_participant(scan, lead):
    from thermometer.participants import services

    return lambda: services.add_participant(
        scan, user=lead, name="Anna", layer="beleid", actor="gemeente"
    )


def _participant(action):
    def arrange(scan, lead):
        from thermometer.participants import services

        person = services.add_participant(
            scan, user=lead, name="Anna", layer="beleid", actor="gemeente"
        )
        if action == "update":
            return lambda: services.update_participant(
                person, user=lead, name="Anna de Vries", layer="beleid", actor="gemeente"
            )
        return lambda: services.remove_participant(person, user=lead)

    return arrange


def _import_participants(scan, lead):
    from thermometer.participants import services

    data = b"naam;e-mail;laag;organisatie\nAnna;anna@example.org;beleid;Gemeente\n"
    return lambda: services.import_participants(
        scan, data, "deelnemers.csv", user=lead, max_rows=100
    )


# --- questionnaires ------------------------------------------------------------------------


def _optional_questionnaire(scan, lead):
    from thermometer.questionnaires.generation import add_optional_questionnaire

    return lambda: add_optional_questionnaire(scan, "burgerpeiling", user=lead)


def _item(action):
    def arrange(scan, lead):
        from thermometer.questionnaires import services

        item = _questionnaire(scan).items.order_by("order").first()
        return {
            "update": lambda: services.update_item(item, user=lead, text="Nieuw?", text_en=""),
            "move": lambda: services.move_item(item, 1, user=lead),
            "remove": lambda: services.remove_item(item, user=lead),
            "add": lambda: services.add_item(
                item.questionnaire, user=lead, type="open", text="Nog iets?", page=1
            ),
        }[action]

    return arrange


def _open_questionnaire(scan, lead):
    from thermometer.questionnaires import services

    questionnaire = _questionnaire(scan)
    return lambda: services.open_questionnaire(questionnaire, user=lead)


def _close_questionnaire(scan, lead):
    from thermometer.questionnaires import services

    questionnaire = _questionnaire(scan, opened=True)
    return lambda: services.close_questionnaire(questionnaire, user=lead)


def _invitations(scan, lead):
    from thermometer.questionnaires import services

    factories.ParticipantFactory(scan=scan)
    questionnaire = _questionnaire(scan, opened=True)
    return lambda: services.create_invitations(questionnaire, user=lead)


def _email(reminder):
    def arrange(scan, lead):
        from thermometer.questionnaires import services

        factories.ParticipantFactory(scan=scan, email="pro@example.org")
        questionnaire = _questionnaire(scan, invited=True)
        if reminder:
            services.email_invitations(questionnaire, user=lead)
        return lambda: services.email_invitations(questionnaire, user=lead, reminder=reminder)

    return arrange


def _open_link(scan, lead):
    from thermometer.questionnaires.open_links import create_open_link

    questionnaire = _questionnaire(scan, opened=True)
    return lambda: create_open_link(
        questionnaire, user=lead, label="Wijkteam", layer="uitvoering", cap=20
    )


# --- sources and coding --------------------------------------------------------------------


def _add_document(scan, lead):
    from thermometer.sources.services import add_documents

    text = (DATA / "policy_documents" / "SOURCES.md").read_bytes()
    return lambda: add_documents(scan, [("bronnen.md", text)], place="visie", user=lead)


def _add_conversation(scan, lead):
    from thermometer.sources.services import add_conversation

    person = factories.ParticipantFactory(scan=scan)
    return lambda: add_conversation(
        scan,
        user=lead,
        kind="interview",
        title="Gesprek wijkteam",
        date=datetime.date(2026, 11, 10),
        participants=[person],
        notes="Wij kennen de visie niet.",
    )


def _delete_source(scan, lead):
    from thermometer.sources.services import delete_source

    source = factories.document(scan)
    return lambda: delete_source(source, user=lead)


def _add_code(scan, lead):
    from thermometer.coding.services import add_code

    return lambda: add_code(scan, user=lead, name="Wachttijden")


def _code_passage(scan, lead):
    from thermometer.coding.services import code_passage

    passage = factories.document(scan).passages.first()
    code = scan.codes.get(key="integrality")
    return lambda: code_passage(passage, code, user=lead)


def _remove_coding(scan, lead):
    from thermometer.coding.models import Coding
    from thermometer.coding.services import remove_coding

    factories.coded_document(scan)
    coding = Coding.objects.get(code__scan=scan)
    return lambda: remove_coding(coding, user=lead)


# --- goals and findings --------------------------------------------------------------------


def _interpretation(scan, lead):
    from thermometer.goals.services import set_interpretation

    return lambda: set_interpretation(scan, "self_reliance", "Zelf regie houden", user=lead)


def _goal_effect(action):
    def arrange(scan, lead):
        from thermometer.goals import services

        if action == "add":
            return lambda: _effect(scan, lead)
        effect = _effect(scan, lead)
        if action == "update":
            return lambda: services.update_effect(
                effect, goal="self_reliance", statement="Langer thuis", layer="beleid", user=lead
            )
        if action == "merge":
            other = _effect(scan, lead, statement="Thuis wonen")
            return lambda: services.merge_effects(effect, other, user=lead)
        if action == "verdict":
            return lambda: services.give_verdict(effect, "uitvoering", "lost", user=lead)
        return lambda: services.remove_effect(effect, user=lead)

    return arrange


def _matrix_actions(scan, lead):
    from thermometer.findings.services import save_actions

    return lambda: save_actions(scan, "self_reliance", "inwoner", "Informeren", user=lead)


def _finding_change(action):
    def arrange(scan, lead):
        from thermometer.findings import services

        if action == "add":
            return lambda: _finding(scan, lead)
        finding = _finding(scan, lead)
        if action == "update":
            return lambda: services.update_finding(finding, "Nauwelijks bekend", user=lead)
        if action == "quote":
            return lambda: services.link_quote(finding, "Ik weet het niet.", "Gesprek", user=lead)
        if action == "unquote":
            evidence = services.link_quote(finding, "Ik weet het niet.", "Gesprek", user=lead)
            return lambda: services.remove_evidence(evidence, user=lead)
        return lambda: services.remove_finding(finding, user=lead)

    return arrange


# --- advice --------------------------------------------------------------------------------

RECOMMENDATION = {
    "title": "Bedoeling in contracten",
    "text": "Neem de bedoeling op in elk contract.",
    "priority": "hoog",
    "horizon": "kort",
    "owner_layer": "opdrachtgeving",
}


def _recommendation(action):
    def arrange(scan, lead):
        from thermometer.advice import services

        if action == "add":
            return lambda: services.add_recommendation(scan, RECOMMENDATION, user=lead)
        first = factories.RecommendationFactory(scan=scan)
        if action == "update":
            return lambda: services.update_recommendation(
                first, RECOMMENDATION, revision=first.revision, user=lead
            )
        if action == "move":
            factories.RecommendationFactory(scan=scan)
            return lambda: services.move_recommendation(first, "down", user=lead)
        return lambda: services.remove_recommendation(first, user=lead)

    return arrange


def _freeze(final):
    def arrange(scan, lead):
        from thermometer.advice import services

        factories.RecommendationFactory(scan=scan)
        return lambda: services.freeze(scan, user=lead, final=final)

    return arrange


def _reopen_advice(scan, lead):
    from thermometer.advice import services

    factories.advise(scan, "final")
    return lambda: services.reopen(scan, user=lead, reason="De raad vraagt meer")


def _feedback(action):
    def arrange(scan, lead):
        from thermometer.advice import services

        if action == "open":
            factories.ParticipantFactory(scan=scan)
            version = factories.advise(scan, "concept")
            deadline = datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
            return lambda: services.open_round(version, deadline=deadline, user=lead)
        factories.ParticipantFactory(scan=scan, email="deelnemer@example.org")
        feedback_round = factories.concept_advice_in_feedback(scan)
        if action == "email":
            return lambda: services.email_links(feedback_round, user=lead)
        if action == "minority":
            (rec,) = feedback_round.version.snapshot["recommendations"]
            return lambda: services.record_minority(
                scan,
                recommendation=rec["uuid"],
                group="uitvoering",
                view="Eerst scholing",
                decision="partly",
                reason="Scholing staat in de eerste fase",
                feedback_round=feedback_round,
                user=lead,
            )
        return lambda: services.close_round(feedback_round, user=lead)

    return arrange


def _discussion(scan, lead):
    from thermometer.advice import services

    return lambda: services.add_discussion_note(
        scan, date=datetime.date(2026, 11, 20), text="Besproken.", user=lead
    )


def _presentation(scan, lead):
    from thermometer.advice import services

    factories.advise(scan, "final")
    return lambda: services.record_presentation(
        scan, kind="symposium", date=datetime.date(2026, 12, 1), user=lead
    )


# --- frameworks ----------------------------------------------------------------------------


def _raad(scan, lead):
    return factories.ScanFactory(lead=lead, organisation=scan.organisation, raad=True)


def _framework_change(action):
    def arrange(scan, lead):
        from thermometer.frameworks import services

        raad = _raad(scan, lead)
        if action == "take":
            return lambda: services.take_as_value(
                raad, text="Eén gezin, één plan", quote="", source_title="Visie", user=lead
            )
        framework = factories.FrameworkFactory(scan=raad, values=("Eén gezin", "Ook één gezin"))
        value, twin = framework.values
        return {
            "status": lambda: services.set_status(value, "chosen", user=lead),
            "merge": lambda: services.merge(twin, value, user=lead),
            "edit": lambda: services.edit_item(value, text="Eén plan", description="", user=lead),
            "indicator": lambda: factories.IndicatorFactory(criterion=framework.criterion),
            "decide": lambda: services.decide(
                raad, decided_on=datetime.date(2026, 10, 1), user=lead
            ),
            "measurements": lambda: services.import_measurements(
                raad,
                b"indicator;periode;waarde\nHuishoudens met een regisseur;2025;91\n",
                "metingen.csv",
                user=lead,
            ),
        }[action]

    return arrange


def _framework_reopen(scan, lead):
    from thermometer.frameworks import services

    raad = _raad(scan, lead)
    factories.FrameworkFactory(scan=raad, bare=True)
    services.decide(raad, decided_on=datetime.date(2026, 10, 1), user=lead)
    return lambda: services.reopen(raad, reason="Nieuwe raad", user=lead)


# --- finances, journeys, live, reports, privacy --------------------------------------------


def _finances(action):
    def arrange(scan, lead):
        from thermometer.finances import services

        path = DATA / "open_data" / "wassenaar_taakveld_lasten_2020_2025.csv"
        reading = services.read(
            path.read_bytes(), path.name, services.reading.Defaults(document="rekening")
        )
        if action == "store":
            return lambda: services.store(scan, reading, source=path.name, user=lead)
        services.store(scan, reading, source=path.name, user=lead)
        return lambda: services.remove_all(scan, user=lead)

    return arrange


def _journey(action):
    def arrange(scan, lead):
        from thermometer.journeys import services

        household = factories.JourneyFactory(scan=_tweedaagse(scan, lead), pains=["Drie loketten"])
        tweedaagse = household.scan
        if action == "answer":
            return lambda: services.answer_item(
                tweedaagse, "privacy", "consent", answer="no", user=lead
            )
        observation = tweedaagse.live_sessions.get().observations.get()
        return lambda: services.hide_observation(observation, hidden=True, user=lead)

    return arrange


def _tweedaagse(scan, lead):
    return factories.ScanFactory(lead=lead, organisation=scan.organisation, tweedaagse=True)


def _live(action):
    def arrange(scan, lead):
        from thermometer.live import services

        if action == "open":
            return lambda: services.open_session(
                scan, kind="journey", title="Klantreis", votes_per_person=3, user=lead
            )
        session = factories.LiveSessionFactory(scan=scan)
        return lambda: services.close_session(session, user=lead)

    return arrange


def _share_link(action):
    def arrange(scan, lead):
        from thermometer.reports import services

        if action == "add":
            return lambda: services.add_share_link(scan, label="Raad", days=7, user=lead)
        link = services.add_share_link(scan, label="Raad", days=7, user=lead)
        return lambda: services.revoke_share_link(link, user=lead)

    return arrange


def _privacy(action):
    def arrange(scan, lead):
        from thermometer.privacy import purge, subjects

        person = factories.ParticipantFactory(scan=scan, name="Anna")
        return {
            "purge": lambda: purge.purge_scan(scan, by=lead),
            "expire": lambda: purge.purge_scan(scan),
            "export": lambda: subjects.exported(person, user=lead),
            "erase": lambda: subjects.erase(person, user=lead),
        }[action]

    return arrange


CHANGES = [
    Change("scans/services.py:create_scan", ("scan_created",), _create_scan),
    Change("scans/services.py:update_scan", ("scan_updated",), _update_scan),
    Change("scans/services.py:update_planning", ("planning_updated",), _update_planning),
    Change("scans/services.py:transition_step", ("step_started",), _step("start")),
    Change(
        "scans/services.py:transition_step",
        ("step_reopened_because",),
        _step("reopen", reason="Nieuwe vraag"),
    ),
    Change("scans/services.py:set_checklist_item", ("checklist_ticked",), _tick(True)),
    Change("scans/services.py:set_checklist_item", ("checklist_unticked",), _tick(False)),
    Change("scans/services.py:add_comment", ("comment_added",), _comment),
    Change("scans/services.py:add_member", ("member_added",), _member("add")),
    Change("scans/services.py:change_member_role", ("member_role_changed",), _member("role")),
    Change("scans/services.py:remove_member", ("member_removed",), _member("remove")),
    Change("participants/services.py:add_participant", ("participant_added",), _add_participant),
    Change(
        "participants/services.py:update_participant",
        ("participant_updated",),
        _participant("update"),
    ),
    Change(
        "participants/services.py:remove_participant",
        ("participant_removed",),
        _participant("remove"),
    ),
    Change(
        "participants/services.py:import_participants",
        ("participants_imported",),
        _import_participants,
    ),
    Change(
        "questionnaires/generation.py:_create", ("questionnaire_created",), _optional_questionnaire
    ),
    Change("questionnaires/services.py:update_item", ("questionnaire_changed",), _item("update")),
    Change("questionnaires/services.py:move_item", ("questionnaire_changed",), _item("move")),
    Change("questionnaires/services.py:remove_item", ("questionnaire_changed",), _item("remove")),
    Change("questionnaires/services.py:add_item", ("questionnaire_changed",), _item("add")),
    Change(
        "questionnaires/services.py:open_questionnaire",
        ("questionnaire_opened",),
        _open_questionnaire,
    ),
    Change(
        "questionnaires/services.py:close_questionnaire",
        ("questionnaire_closed",),
        _close_questionnaire,
    ),
    Change("questionnaires/services.py:create_invitations", ("invitations_created",), _invitations),
    Change("questionnaires/services.py:email_invitations", ("invitations_emailed",), _email(False)),
    Change("questionnaires/services.py:email_invitations", ("reminders_emailed",), _email(True)),
    Change("questionnaires/open_links.py:create_open_link", ("open_link_created",), _open_link),
    Change("sources/services.py:add_documents", ("source_added",), _add_document),
    Change("sources/services.py:add_conversation", ("source_added",), _add_conversation),
    Change("sources/services.py:delete_source", ("source_deleted",), _delete_source),
    Change("coding/services.py:add_code", ("code_added",), _add_code),
    Change("coding/services.py:code_passage", ("passage_coded",), _code_passage),
    Change("coding/services.py:remove_coding", ("coding_removed",), _remove_coding),
    Change(
        "goals/services.py:set_interpretation", ("goal_interpretation_changed",), _interpretation
    ),
    Change("goals/services.py:_create_effect", ("intended_effect_added",), _goal_effect("add")),
    Change("goals/services.py:update_effect", ("intended_effect_changed",), _goal_effect("update")),
    Change("goals/services.py:remove_effect", ("intended_effect_removed",), _goal_effect("remove")),
    Change("goals/services.py:merge_effects", ("intended_effects_merged",), _goal_effect("merge")),
    Change("goals/services.py:give_verdict", ("trail_verdict_given",), _goal_effect("verdict")),
    Change("findings/services.py:save_actions", ("matrix_actions_saved",), _matrix_actions),
    Change("findings/services.py:add_finding", ("finding_added",), _finding_change("add")),
    Change("findings/services.py:update_finding", ("finding_changed",), _finding_change("update")),
    Change("findings/services.py:remove_finding", ("finding_removed",), _finding_change("remove")),
    Change("findings/services.py:_evidence_added", ("evidence_added",), _finding_change("quote")),
    Change(
        "findings/services.py:remove_evidence", ("evidence_removed",), _finding_change("unquote")
    ),
    Change(
        "advice/services.py:add_recommendation", ("recommendation_added",), _recommendation("add")
    ),
    Change(
        "advice/services.py:update_recommendation",
        ("recommendation_changed",),
        _recommendation("update"),
    ),
    Change(
        "advice/services.py:remove_recommendation",
        ("recommendation_removed",),
        _recommendation("remove"),
    ),
    Change(
        "advice/services.py:move_recommendation",
        ("recommendations_reordered",),
        _recommendation("move"),
    ),
    Change("advice/services.py:freeze", ("advice_frozen",), _freeze(False)),
    Change("advice/services.py:freeze", ("advice_final",), _freeze(True)),
    Change("advice/services.py:reopen", ("advice_reopened_because",), _reopen_advice),
    Change("advice/services.py:open_round", ("feedback_opened",), _feedback("open")),
    Change("advice/services.py:close_round", ("feedback_closed",), _feedback("close")),
    Change("advice/services.py:email_links", ("feedback_links_emailed",), _feedback("email")),
    Change("advice/services.py:record_minority", ("minority_recorded",), _feedback("minority")),
    Change("advice/services.py:add_discussion_note", ("discussion_noted",), _discussion),
    Change("advice/services.py:record_presentation", ("advice_presented",), _presentation),
    Change(
        "frameworks/services.py:take_as_value", ("framework_item_added",), _framework_change("take")
    ),
    Change(
        "frameworks/services.py:set_status", ("framework_item_status",), _framework_change("status")
    ),
    Change("frameworks/services.py:merge", ("framework_items_merged",), _framework_change("merge")),
    Change(
        "frameworks/services.py:edit_item", ("framework_item_edited",), _framework_change("edit")
    ),
    Change(
        "frameworks/services.py:add_indicator",
        ("indicator_added",),
        _framework_change("indicator"),
    ),
    Change("frameworks/services.py:decide", ("framework_decided",), _framework_change("decide")),
    Change("frameworks/services.py:reopen", ("framework_reopened",), _framework_reopen),
    Change(
        "frameworks/services.py:import_measurements",
        ("measurements_imported",),
        _framework_change("measurements"),
    ),
    Change("finances/services.py:store", ("finances_imported",), _finances("store")),
    Change("finances/services.py:remove_all", ("finances_removed",), _finances("remove")),
    Change("journeys/services.py:answer_item", ("checklist_answered",), _journey("answer")),
    Change("journeys/services.py:hide_observation", ("observation_hidden",), _journey("hide")),
    Change("live/services.py:open_session", ("live_session_opened",), _live("open")),
    Change("live/services.py:close_session", ("live_session_closed",), _live("close")),
    Change("reports/services.py:add_share_link", ("share_link_added",), _share_link("add")),
    Change("reports/services.py:revoke_share_link", ("share_link_revoked",), _share_link("revoke")),
    Change("privacy/purge.py:purge_scan", ("personal_data_purged",), _privacy("purge")),
    Change("privacy/purge.py:purge_scan", ("personal_data_expired",), _privacy("expire")),
    Change("privacy/subjects.py:exported", ("subject_exported",), _privacy("export")),
    Change("privacy/subjects.py:erase", ("subject_erased",), _privacy("erase")),
]


def _id(change: Change) -> str:
    return f"{change.service.replace('/', '.').replace('.py:', ':')}-{change.events[0]}"


@pytest.mark.parametrize("change", CHANGES, ids=_id)
def test_each_change_writes_its_one_audit_event(change, scan, lead):
    act = change.arrange(scan, lead)
    seen = set(AuditEvent.objects.values_list("pk", flat=True))
    act()
    written = list(AuditEvent.objects.exclude(pk__in=seen).order_by("created", "id"))
    assert tuple(e.event for e in written) == change.events
    automatic = change.events == ("personal_data_expired",)
    with translation.override("nl"):
        for event in written:
            assert event.scan is not None
            assert event.user == (None if automatic else lead)
            text = sentence(event)  # every name in the template comes with the event
            assert "{" not in text and text != event.event
            assert "{user}" not in str(EVENTS[event.event]) or "Lea Lead" in text


def _names_an_event(call) -> bool:
    """``record("name", ...)`` or ``record("a" if x else "b", ...)``; not the privacy
    app's own ``record(scan, ...)`` of a purge."""
    if getattr(call.func, "id", None) not in ("record", "audit") or not call.args:
        return False
    first = call.args[0]
    return isinstance(first, ast.IfExp) or (
        isinstance(first, ast.Constant) and isinstance(first.value, str)
    )


def _functions(tree):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for method in node.body:
                if isinstance(method, ast.FunctionDef):
                    yield f"{node.name}.{method.name}", method


def _recording_functions() -> set[str]:
    """``app/module.py:function`` of every function (or ``Class.method``) that writes an
    audit event."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if {"tests", "migrations"} & set(path.parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, node in _functions(tree):
            if any(isinstance(c, ast.Call) and _names_an_event(c) for c in ast.walk(node)):
                found.add(f"{path.relative_to(PACKAGE).as_posix()}:{name}")
    return found


# Audited changes tested elsewhere, with why not here.
ELSEWHERE = {
    "accounts/views.py:two_factor": "the second factor, in accounts/tests/test_two_factor.py",
    "coding/refi.py:import_codebook": "a REFI-QDA codebook file, in coding/tests",
    "coding/refi_store.py:_Store.run": "a REFI-QDA project file, in coding/tests",
    "coding/services.py:seed_codebook": "a scan made without its codebook, in coding/tests",
    "journeys/services.py:seed": "a scan made without its journey, in journeys/tests",
    "journeys/services.py:edit_journey": "the household form, in journeys/tests",
    "finances/services.py:_keep_references": "CBS over the network, in finances/tests",
    "frameworks/services.py:take_finances": "needs a scan's finances; frameworks/tests",
    "frameworks/services.py:fetch_cbs": "CBS over the network, in frameworks/tests",
    "frameworks/services.py:_store_national": "a national file, in frameworks/tests",
    "goals/services.py:answer_proposal": "a proposal from a read document, in goals/tests",
    "questionnaires/document_import.py:import_plan": "a DOCX/PDF questionnaire, in its tests",
    "questionnaires/limesurvey/importer.py:_create_questionnaire": "a .lss file, in its tests",
    "questionnaires/limesurvey/importer.py:_store_responses": "a LimeSurvey response file",
    "questionnaires/spss_import.py:_draft": "a .sav file, in questionnaires/tests/test_spss.py",
    "questionnaires/spss_import.py:_import_rows": "a .sav file, in test_spss.py",
    "sources/services.py:read_again": "a reading whose worker died, in sources/tests",
}


def test_the_table_holds_every_audited_change():
    tested = {change.service for change in CHANGES}
    recording = _recording_functions()
    missing = recording - tested - set(ELSEWHERE)
    assert not missing, f"audited changes without a row: {sorted(missing)}"
    assert tested | set(ELSEWHERE) <= recording  # no row for a change that went away
    assert len(tested) >= 25
    assert all(event in EVENTS for change in CHANGES for event in change.events)
