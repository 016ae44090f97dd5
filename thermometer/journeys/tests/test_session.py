"""The household seeded from the method, the live session from a device, votes, the
checklist and the lights — on a Tweedaagse scan."""

import pytest
from django.test import Client
from django.urls import reverse

from thermometer.journeys import services
from thermometer.journeys.models import ChecklistAnswer, Observation, ObservationVote
from thermometer.live import services as live
from thermometer.testing import factories


@pytest.fixture
def tweedaagse(lead, organisation):
    scan = factories.make_scan(
        lead=lead, organisation=organisation, method="tweedaagse_scan", title="Tweedaagse Hoorn"
    )
    services.seed(scan)
    return scan


@pytest.fixture
def session(tweedaagse, lead):
    return live.open_session(
        tweedaagse, kind="journey", title="Klantreis", votes_per_person=2, user=lead
    )


def _joined(session, name="Wijkteam"):
    client = Client()
    response = client.post(reverse("live:join_code", kwargs={"code": session.code}), {"name": name})
    assert response.status_code == 302
    return client


def test_the_family_and_the_journey_come_from_the_method(tweedaagse):
    household = tweedaagse.household
    assert household.name == "Familie Hermans"
    assert [m.role for m in household.members.all()][:2] == ["vader", "moeder"]
    assert household.questions.count() == 4
    steps = list(tweedaagse.journey_steps.values_list("key", flat=True))
    assert steps[:3] == ["first_question", "access", "kitchen_table"] and len(steps) == 7
    assert services.seed(tweedaagse).pk == household.pk  # idempotent


def test_a_device_joins_by_code_and_adds_observations(session, tweedaagse):
    client = _joined(session)
    device = reverse("journey_device:device", kwargs={"session_uuid": session.uuid})
    page = client.get(device)
    assert page.status_code == 200 and "Peter Hermans" in page.text
    step = tweedaagse.journey_steps.get(key="access")
    add = reverse("journey_device:device_add", kwargs={"session_uuid": session.uuid})
    client.post(
        add,
        {
            "step": step.pk,
            "kind": "pain",
            "text": "Drie loketten",
            "theme": "communicatie_en_toegang",
        },
    )
    refused = client.post(add, {"step": step.pk, "kind": "pain", "text": "   "})
    assert refused.status_code == 400
    foreign_step = client.post(add, {"step": 999999, "kind": "pain", "text": "x"})
    assert foreign_step.status_code == 400
    (observation,) = Observation.objects.all()
    assert (observation.step, observation.theme) == (step, "communicatie_en_toegang")
    # Another browser that did not join is sent to the join page.
    stranger = Client().get(device)
    assert stranger.status_code == 302 and session.code in stranger["Location"]


def test_unknown_and_closed_sessions(session, lead):
    client = Client()
    assert client.get(reverse("live:join_code", kwargs={"code": "XXXXXX"})).status_code == 404
    joined = _joined(session)
    live.close_session(session, user=lead)
    device = reverse("journey_device:device", kwargs={"session_uuid": session.uuid})
    assert joined.get(device).status_code == 410
    assert client.get(reverse("live:join_code", kwargs={"code": session.code})).status_code == 410


def test_votes_are_limited_and_can_be_taken_back(session, tweedaagse):
    device = live.LiveParticipant.objects.create(session=session)
    step = tweedaagse.journey_steps.first()
    pains = [
        services.add_observation(session, device, step_id=step.pk, kind="pain", text=f"P{i}")
        for i in range(3)
    ]
    good = services.add_observation(session, device, step_id=step.pk, kind="good", text="Goed")
    assert services.toggle_vote(session, device, pains[0]) is True
    assert services.toggle_vote(session, device, pains[1]) is True
    with pytest.raises(services.JourneyError, match="2"):
        services.toggle_vote(session, device, pains[2])
    assert services.toggle_vote(session, device, pains[0]) is False
    assert services.toggle_vote(session, device, pains[2]) is True
    with pytest.raises(services.JourneyError):
        services.toggle_vote(session, device, good)
    assert ObservationVote.objects.count() == 2


def test_checklist_answers_and_the_lights(session, tweedaagse, lead):
    voters = [live.LiveParticipant.objects.create(session=session) for _ in range(2)]
    step = tweedaagse.journey_steps.first()
    pains = [
        services.add_observation(
            session, voters[0], step_id=step.pk, kind="pain", text=f"Privacy {i}", theme="privacy"
        )
        for i in range(3)
    ]
    for pain in pains[:2]:
        for voter in voters:
            services.toggle_vote(session, voter, pain)
    for item, answer in (
        ("processing_register", "yes"),
        ("avg_compliance", "yes"),
        ("consent", "no"),
    ):
        services.answer_item(tweedaagse, "privacy", item, answer=answer, user=lead)
    lights = {entry["theme"]: entry for entry in services.theme_lights(tweedaagse)}
    privacy = lights["privacy"]["light"]
    # Two pain points everyone voted for (3 each) and one without votes (1): 7.
    assert (privacy.share_yes, privacy.weighted, privacy.colour) == (0.667, 7.0, "amber")
    assert lights["kennis"]["light"].colour is None
    with pytest.raises(services.JourneyError):
        services.answer_item(tweedaagse, "privacy", "onzin", answer="yes", user=lead)
    assert ChecklistAnswer.objects.count() == 3
