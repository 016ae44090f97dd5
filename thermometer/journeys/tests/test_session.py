"""The household seeded from the method, the live session from a device, votes, the
checklist and the lights — on a Tweedaagse scan."""

import pytest
from django.test import Client
from django.urls import reverse

from thermometer.journeys import services
from thermometer.journeys.models import ChecklistAnswer, Observation, ObservationVote
from thermometer.live import services as live
from thermometer.live.models import LiveParticipant
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


def _tables(queries) -> str:
    return " ".join(q["sql"] for q in queries)


def test_the_device_poll_reads_the_lists_only(session, tweedaagse, django_assert_num_queries):
    client = _joined(session)
    device = LiveParticipant.objects.get(session=session)
    step = tweedaagse.journey_steps.first()
    pain = services.add_observation(session, device, step_id=step.pk, kind="pain", text="Loket")
    services.toggle_vote(session, device, pain)
    kwargs = {"session_uuid": session.uuid}
    # The session, the browser session, the device; the votes, the observations, the steps.
    with django_assert_num_queries(6) as captured:
        lists = client.get(reverse("journey_device:device_board", kwargs=kwargs))
    assert lists.status_code == 200 and 'aria-pressed="true"' in lists.text
    read = _tables(captured.captured_queries)
    assert "SAVEPOINT" not in read and '"journeys_household"' not in read  # no seed
    assert "SELECT COUNT(*)" not in read and "methods_" not in read
    # The whole page adds the household, its members and the themes, and counts the
    # votes left from the pain points voted for.
    with django_assert_num_queries(9) as captured:
        page = client.get(reverse("journey_device:device", kwargs=kwargs))
    assert "SAVEPOINT" not in _tables(captured.captured_queries)
    assert "Peter Hermans" in page.text
    assert (
        page.context["votes_left"]
        == 1
        == live.votes_left(session, services.used_votes(session, device))
    )


def test_seeding_a_seeded_scan_only_reads(tweedaagse, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        services.seed(tweedaagse)
    assert "SAVEPOINT" not in _tables(captured.captured_queries)


def test_the_room_refresh_is_the_board_alone(session, lead, django_assert_num_queries):
    room = Client()
    room.force_login(lead)
    url = reverse("journeys:room", kwargs={"slug": session.scan.slug, "session_uuid": session.uuid})
    with django_assert_num_queries(9) as captured:
        board = room.get(url, HTTP_HX_REQUEST="true")
    assert board.status_code == 200 and board.text.startswith('<div id="room-board"')
    assert "scans_stepstate" not in _tables(captured.captured_queries)  # no step navigation
    assert "<svg" not in board.text
    page = room.get(url)
    assert "<svg" in page.text and session.code in page.text and 'id="room-board"' in page.text


def test_the_room_screen_is_a_clean_projector_view(session, lead):
    room = Client()
    room.force_login(lead)
    url = reverse("journeys:room", kwargs={"slug": session.scan.slug, "session_uuid": session.uuid})
    page = room.get(url).text
    # No menus to read past on a projector: no site menu, no steps, no footer.
    assert "room-view" in page and 'class="site-nav"' not in page
    assert 'class="step-nav"' not in page and "site-footer" not in page
    assert reverse("scans:detail", kwargs={"slug": session.scan.slug}) in page  # a way back
