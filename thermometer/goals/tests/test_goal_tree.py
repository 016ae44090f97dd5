"""The goal tree: proposals answered once, effects edited and merged, verdicts in the
layers under an effect, and the pages that show them."""

import pytest
from django.urls import reverse

from thermometer.audit.models import AuditEvent
from thermometer.goals import services
from thermometer.goals.models import EffectQuote, IntendedEffect, ProposalDecision
from thermometer.testing import factories

VISION = (
    "Visie (fictief)\n\n"
    "Wij willen dat inwoners zo lang mogelijk zelfstandig thuis wonen. "
    "Het college vergadert op dinsdag.\n\n"
    "Eén gezin, één plan, één regisseur: wij willen dat hulp niet langs elkaar heen werkt."
)


@pytest.fixture
def vision(scan):
    return factories.document(scan, text=VISION)


def _proposal(scan, goal):
    return next(p for p in services.open_proposals(scan) if p.goal == goal)


def test_the_vision_proposes_its_intent_sentences_with_their_goal(scan, vision):
    proposals = services.open_proposals(scan)
    goals = {p.goal for p in proposals}
    assert {"self_reliance", "integrality"} <= goals
    first = _proposal(scan, "self_reliance")
    assert "zelfstandig thuis wonen" in first.text
    assert (first.layer, first.source_title) == ("visie", vision.title)


def test_client_questions_are_proposed_too(scan):
    scan.client_questions.create(text="Blijven de uitgaven binnen het budget?")
    (proposal,) = services.open_proposals(scan)
    assert (proposal.kind, proposal.goal) == ("client", "finances")


def test_accepting_a_proposal_makes_an_effect_with_its_quote(scan, vision, lead):
    proposal = _proposal(scan, "self_reliance")
    effect = services.answer_proposal(
        scan,
        proposal.ref,
        "accepted",
        user=lead,
        statement="Inwoners wonen langer zelfstandig thuis",
    )
    assert (effect.goal, effect.layer, effect.origin) == ("self_reliance", "visie", "document")
    (quote,) = effect.quotes.all()
    assert quote.quote == proposal.text and quote.source_title == vision.title
    assert proposal.ref not in [p.ref for p in services.open_proposals(scan)]
    assert AuditEvent.objects.filter(event="intended_effect_added").exists()


def test_a_proposal_is_answered_once(scan, vision, lead):
    proposal = _proposal(scan, "self_reliance")
    services.answer_proposal(scan, proposal.ref, "dismissed", user=lead)
    with pytest.raises(services.GoalTreeError, match="al beantwoord|already been answered"):
        services.answer_proposal(scan, proposal.ref, "accepted", user=lead, statement="x")
    assert IntendedEffect.objects.count() == 0
    assert ProposalDecision.objects.count() == 1


def test_a_proposal_of_another_scan_is_unknown(scan, vision, lead, organisation):
    other = factories.make_scan(lead=lead, organisation=organisation, title="Andere scan")
    proposal = _proposal(scan, "self_reliance")
    with pytest.raises(services.GoalTreeError):
        services.answer_proposal(other, proposal.ref, "accepted", user=lead, statement="x")
    with pytest.raises(services.GoalTreeError):
        services.answer_proposal(scan, "p:999999:0:10", "accepted", user=lead, statement="x")
    assert not IntendedEffect.objects.exists()


def test_merging_a_proposal_adds_its_quote_to_an_effect(scan, vision, lead):
    effect = services.add_effect(
        scan, goal="integrality", statement="Eén huishouden, één plan", layer="bestuur", user=lead
    )
    proposal = _proposal(scan, "integrality")
    services.answer_proposal(scan, proposal.ref, "merged", user=lead, effect=effect)
    assert effect.quotes.get().quote == proposal.text


def test_merging_two_effects_keeps_the_quotes(scan, vision, lead):
    proposal = _proposal(scan, "self_reliance")
    first = services.answer_proposal(scan, proposal.ref, "accepted", user=lead, statement="A")
    second = services.add_effect(
        scan, goal="self_reliance", statement="B", layer="beleid", user=lead
    )
    services.merge_effects(second, first, user=lead)
    assert list(IntendedEffect.objects.values_list("statement", flat=True)) == ["B"]
    assert EffectQuote.objects.get().effect == second
    with pytest.raises(services.GoalTreeError):
        services.merge_effects(second, second, user=lead)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"goal": "happiness"}, "doelen|goals"),
        ({"layer": "hemel"}, "laag|layer"),
        ({"statement": "   "}, "korte|short"),
        ({"actor": "robot"}, "voor wie|for whom"),
    ],
)
def test_bad_effects_are_refused_in_dutch(scan, lead, fields, message):
    values = {"goal": "finances", "statement": "Binnen budget", "layer": "beleid", "actor": ""}
    with pytest.raises(services.GoalTreeError, match=message):
        services.add_effect(scan, user=lead, **{**values, **fields})
    assert not IntendedEffect.objects.exists()


def test_a_verdict_only_in_a_layer_below_the_effect(scan, lead):
    effect = services.add_effect(
        scan, goal="finances", statement="Binnen budget", layer="beleid", user=lead
    )
    with pytest.raises(services.GoalTreeError):
        services.give_verdict(effect, "visie", "found", user=lead)
    given = services.give_verdict(effect, "opdrachtgeving", "lost", user=lead, suggested="lost")
    again = services.give_verdict(effect, "opdrachtgeving", "weakened", user=lead)
    assert given.pk == again.pk and again.verdict == "weakened"


def test_changing_the_layer_drops_verdicts_that_no_longer_apply(scan, lead):
    effect = services.add_effect(
        scan, goal="finances", statement="Binnen budget", layer="beleid", user=lead
    )
    services.give_verdict(effect, "regelgeving", "lost", user=lead)
    services.update_effect(
        effect, goal="finances", statement="Binnen budget", layer="opdrachtgeving", user=lead
    )
    assert not effect.verdicts.exists()


def test_pages_show_the_tree_the_proposals_and_the_trail(lead_client, scan, vision, lead):
    proposal = _proposal(scan, "self_reliance")
    effect = services.answer_proposal(
        scan, proposal.ref, "accepted", user=lead, statement="Inwoners wonen langer thuis"
    )
    factories.document(
        scan,
        text="Overeenkomst (fictief)\n\nDe aanbieder levert begeleiding in uren.",
        name="contract.txt",
        place="opdracht",
    )
    tree = lead_client.get(reverse("goals:tree", kwargs={"slug": scan.slug}))
    assert "Inwoners wonen langer thuis" in tree.text
    proposals = lead_client.get(reverse("goals:proposals", kwargs={"slug": scan.slug}))
    assert "één regisseur" in proposals.text.lower()
    trail = lead_client.get(reverse("goals:trail", kwargs={"slug": scan.slug}))
    assert trail.status_code == 200 and "Inwoners wonen langer thuis" in trail.text
    cell = lead_client.get(
        reverse(
            "goals:trail_cell",
            kwargs={"slug": scan.slug, "effect_uuid": effect.uuid, "layer": "opdrachtgeving"},
        )
    )
    assert cell.status_code == 200
    step = lead_client.get(reverse("scans:step", kwargs={"slug": scan.slug, "step_key": "goals"}))
    assert "Inwoners wonen langer thuis" in step.text


def test_answering_through_the_page_and_a_double_submit(lead_client, scan, vision):
    proposal = _proposal(scan, "self_reliance")
    prefix = proposal.ref.replace(":", "-")
    data = {
        "prefix": prefix,
        f"{prefix}-ref": proposal.ref,
        f"{prefix}-answer": "accepted",
        f"{prefix}-statement": "Inwoners wonen langer thuis",
        f"{prefix}-goal": "self_reliance",
        f"{prefix}-layer": "visie",
        f"{prefix}-actor": "inwoner",
        "return_query": "goal=self_reliance&evil=1",
    }
    url = reverse("goals:proposal_answer", kwargs={"slug": scan.slug})
    first = lead_client.post(url, data)
    assert first.status_code == 302 and first["Location"].endswith("?goal=self_reliance")
    second = lead_client.post(url, data, follow=True)
    assert IntendedEffect.objects.get().actor == "inwoner"
    assert "al beantwoord" in second.text or "already been answered" in second.text


def test_a_verdict_through_the_page(lead_client, scan, lead):
    effect = services.add_effect(
        scan, goal="finances", statement="Binnen budget", layer="beleid", user=lead
    )
    factories.document(
        scan, text="Contract (fictief)\n\nTarief per uur.", name="c.txt", place="opdracht"
    )
    url = reverse(
        "goals:verdict",
        kwargs={"slug": scan.slug, "effect_uuid": effect.uuid, "layer": "opdrachtgeving"},
    )
    response = lead_client.post(url, {"verdict": "lost", "note": "Niets over budget"})
    assert response.status_code == 302
    assert effect.verdicts.get().note == "Niets over budget"
    above = reverse(
        "goals:verdict", kwargs={"slug": scan.slug, "effect_uuid": effect.uuid, "layer": "visie"}
    )
    assert lead_client.post(above, {"verdict": "lost"}).status_code == 404


def test_reading_stores_the_intent_sentences_and_proposals_use_them(scan, vision):
    from thermometer.sources.intents import INTENTS_VERSION

    stored = {p.pk: p.intents for p in vision.passages.all()}
    assert all(p.intents_version == INTENTS_VERSION for p in vision.passages.all())
    stating = [pid for pid, spans in stored.items() if spans]
    assert len(stating) == 2
    # The stored spans decide, not a new reading of the text: a span stored as intent
    # is proposed as it is, and one stored as none is not looked for.
    first, second = stating
    vision.passages.filter(pk=first).update(intents=[[0, 6, "wij willen dat"]])
    vision.passages.filter(pk=second).update(intents=[])
    (proposal,) = services.open_proposals(scan)
    assert (proposal.passage_id, proposal.start, proposal.end) == (first, 0, 6)


def test_passages_read_before_intents_were_stored_are_worked_out_again(scan, vision):
    before = [(p.passage_id, p.start, p.end) for p in services.open_proposals(scan)]
    # As read by an earlier version (no spans), or with other intent patterns.
    vision.passages.update(intents=None, intents_version="")
    assert [(p.passage_id, p.start, p.end) for p in services.open_proposals(scan)] == before
    vision.passages.update(intents=[], intents_version="0ld")
    assert [(p.passage_id, p.start, p.end) for p in services.open_proposals(scan)] == before


def test_a_passage_coded_as_intent_is_proposed_though_it_states_none(scan, vision, lead):
    from thermometer.coding.services import code_passage, seed_codebook

    passage = next(p for p in vision.passages.all() if "dinsdag" in p.text)
    vision.passages.filter(pk=passage.pk).update(intents=[])
    seed_codebook(scan)
    code_passage(passage, scan.codes.get(kind="intent"), user=lead)
    assert passage.pk in [p.passage_id for p in services.open_proposals(scan)]
