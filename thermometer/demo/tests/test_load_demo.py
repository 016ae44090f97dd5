from django.core.management import call_command

from thermometer.demo.demo_data import DEMO_SLUG
from thermometer.participants.models import Participant
from thermometer.scans.models import Scan


def test_load_demo_is_idempotent_and_covers_every_layer(db, capsys):
    call_command("load_demo")
    counts = (Scan.objects.count(), Participant.objects.count())
    call_command("load_demo")
    assert (Scan.objects.count(), Participant.objects.count()) == counts
    scan = Scan.objects.get(slug=DEMO_SLUG)
    assert scan.municipality.code == "GM0629"
    assert "fictie" in scan.title
    layers = set(scan.participants.values_list("layer", flat=True))
    assert layers == set(scan.method.layers)
    out = capsys.readouterr().out
    assert "adviseur@example.org" in out and "opdrachtgever@example.org" in out
    # Dutch, like the interface it introduces.
    assert "deelnemers" in out and "Hoofdadviseur" in out and "participants" not in out


def test_demo_responses_fade_down_the_chain(db):
    from statistics import mean

    from thermometer.questionnaires.models import Answer

    call_command("load_demo")
    scan = Scan.objects.get(slug=DEMO_SLUG)
    scores = {}
    for answer in Answer.objects.filter(
        response__questionnaire__scan=scan, item__type="agreement", dont_know=False
    ).select_related("response"):
        scores.setdefault(answer.response.layer, []).append(answer.value)
    order = list(scan.method.layers)
    means = [mean(scores[layer]) for layer in order]
    assert means[0] > means[3] > means[-1]
    assert means[0] - means[-1] > 1.0
    # Every layer has at least the minimum group size of completed responses.
    from thermometer.questionnaires.models import Response

    for layer in order:
        completed = Response.objects.filter(
            questionnaire__scan=scan, layer=layer, submitted_at__isnull=False
        ).count()
        assert completed >= scan.method.min_group_size, layer


def test_demo_has_coded_documents_in_every_layer_and_conversations(db):
    from thermometer.coding.models import Coding
    from thermometer.sources.constants import SourceStatus

    call_command("load_demo")
    scan = Scan.objects.get(slug=DEMO_SLUG)
    assert not scan.sources.exclude(status=SourceStatus.DONE).exists()
    layers = {s.layer for s in scan.sources.all()}
    assert layers == set(scan.method.layers)
    assert scan.sources.filter(kind="interview").exists()
    assert all("ictie" in s.text for s in scan.sources.all())
    assert Coding.objects.filter(code__scan=scan, code__key="intent").exists()
    assert Coding.objects.filter(code__scan=scan, passage__source__kind="interview").exists()


def test_demo_goal_tree_and_its_trail_loses_an_effect(db):
    from thermometer.goals.tracing import trails_for

    call_command("load_demo")
    scan = Scan.objects.get(slug=DEMO_SLUG)
    effects = list(scan.intended_effects.all())
    assert {e.goal for e in effects} == set(scan.method.goals)
    assert all(e.quotes.exists() for e in effects)  # each taken in from a stated intent
    assert scan.goal_interpretations.count() == 3
    trails = trails_for(scan, effects)
    # Computed by the matcher from the fictitious documents, not typed in.
    assert any(t.lost_in for t in trails)
    assert any(c.suggested == "found" for t in trails for c in t.cells)
    assert not any(c.confirmed for t in trails for c in t.cells)


def test_demo_completes_all_seven_steps_with_dissent_handled(db):
    from thermometer.advice.reading import consolidation_for

    call_command("load_demo")
    scan = Scan.objects.get(slug=DEMO_SLUG)
    assert set(scan.step_states.values_list("status", flat=True)) == {"done"}
    assert [v.status for v in scan.advice_versions.all()] == ["concept", "final"]
    feedback_round = scan.feedback_rounds.get()
    assert feedback_round.closed_at is not None
    items = consolidation_for(feedback_round, scan)
    with_dissent = [i for i in items if i["minority"]]
    assert len(with_dissent) >= 2
    # Every minority view of those recommendations has a record of what was done.
    recorded = [row for item in with_dissent for row in item["minority"] if row["record"]]
    assert len(recorded) >= 2
    final = scan.advice_versions.get(status="final")
    assert len(final.snapshot["minority"]) == len(recorded)
    assert scan.discussion_notes.exists() and scan.presentations.exists()
    assert all(r["findings"] for r in final.snapshot["recommendations"])


def test_demo_tweedaagse_has_the_family_a_session_and_all_three_lights(db):
    from thermometer.journeys.services import theme_lights

    call_command("load_demo")
    scan = Scan.objects.get(slug="demo-tweedaagse")
    assert "fictie" in scan.title
    assert scan.household.name == "Familie Hermans"
    session = scan.live_sessions.get()
    assert not session.is_open and session.observations.filter(kind="pain").count() >= 5
    assert session.observations.filter(votes__isnull=False).exists()
    colours = {entry["light"].colour for entry in theme_lights(scan)}
    assert {"red", "amber", "green"} <= colours


def test_demo_raad_has_a_decided_framework_with_two_periods(db):
    from thermometer.frameworks.services import monitoring, tree

    call_command("load_demo")
    scan = Scan.objects.get(slug="demo-raad")
    framework = tree(scan)
    assert len(framework) == 3
    assert any(v["item"].quote for v in framework)  # builds on what was decided
    assert all(v["results"] and v["results"][0]["criteria"] for v in framework)
    assert scan.decision.decided_on
    rows = monitoring(scan)
    assert len(rows) == 3 and all(len(r["measurements"]) == 2 for r in rows)
    assert {r["status"].colour for r in rows} >= {"green", "red"} or len(
        {r["status"].colour for r in rows}
    ) >= 2
