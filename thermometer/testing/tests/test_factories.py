"""The factories' traits hold what their names promise: each state is checked through
the product's own reading of it (the services, the tree, the audit history)."""

import pytest

from thermometer.advice import services as advice
from thermometer.coding.models import Coding
from thermometer.frameworks import services as frameworks
from thermometer.journeys.models import Observation
from thermometer.questionnaires.respond import answers_of
from thermometer.testing import factories


def _events(scan) -> list[str]:
    return list(scan.audit_events.order_by("created", "id").values_list("event", flat=True))


@pytest.mark.django_db
def test_a_coded_scan_with_final_advice():
    scan = factories.ScanFactory(coded=True, advice="final")
    (coding,) = Coding.objects.filter(code__scan=scan)
    assert coding.code.key == "self_reliance"
    assert advice.is_locked(scan) and advice.latest_version(scan).number == 1
    assert _events(scan)[0] == "scan_created" and _events(scan)[-1] == "advice_final"


@pytest.mark.django_db
def test_advice_in_a_feedback_round_asks_every_participant():
    scan = factories.ScanFactory(participants=3, participants__layer="beleid", advice="feedback")
    (feedback_round,) = scan.feedback_rounds.all()
    assert feedback_round.accepts_feedback() and not feedback_round.version.is_final
    assert feedback_round.invitations.filter(layer="beleid").count() == 3
    alone = factories.ScanFactory(advice="feedback")  # a participant is added to ask
    assert alone.feedback_rounds.get().invitations.count() == 1
    with pytest.raises(ValueError):
        factories.advise(alone, "bijna klaar")


@pytest.mark.django_db
def test_the_method_traits_and_the_generated_questionnaires():
    raad = factories.ScanFactory(raad=True)
    tweedaagse = factories.ScanFactory(tweedaagse=True)
    assert (raad.method_version.slug, tweedaagse.method_version.slug) == (
        "raad_in_positie",
        "tweedaagse_scan",
    )
    with_questionnaires = factories.ScanFactory(questionnaires=True)
    assert set(with_questionnaires.questionnaires.values_list("template_key", flat=True)) == {
        "gemeente",
        "uitvoering",
        "inwoner",
    }


@pytest.mark.django_db
def test_an_invited_questionnaire_is_open_with_a_link_per_participant():
    scan = factories.ScanFactory(participants=2)
    questionnaire = factories.QuestionnaireFactory(scan=scan, template="uitvoering", invited=True)
    assert questionnaire.accepts_answers()
    assert questionnaire.invitations.count() == 2
    draft = factories.QuestionnaireFactory(scan=scan, template="gemeente")
    assert not draft.accepts_answers() and not draft.invitations.exists()


@pytest.mark.django_db
def test_a_response_holds_its_answers_and_dont_know():
    questionnaire = factories.QuestionnaireFactory(scan=factories.ScanFactory())
    response = factories.ResponseFactory(
        questionnaire=questionnaire,
        layer="beleid",
        actor="gemeente",
        answers={"self_reliance_effect": 4, "integrality_effect": "dont_know"},
    )
    stored = {questionnaire.items.get(pk=k).key: v for k, v in answers_of(response).items()}
    assert (stored["self_reliance_effect"].value, stored["integrality_effect"].dont_know) == (
        4,
        True,
    )
    assert response.submitted_at is not None and response.invitation.participant.layer == "beleid"
    draft = factories.ResponseFactory(questionnaire=questionnaire, submitted=False)
    assert draft.submitted_at is None


@pytest.mark.django_db
def test_a_framework_runs_from_values_to_indicators():
    raad = factories.ScanFactory(raad=True)
    framework = factories.FrameworkFactory(scan=raad, values=("Eén gezin, één plan", "Dichtbij"))
    (first, second) = frameworks.tree(raad)
    criterion = first["results"][0]["criteria"][0]
    assert first["item"].text == "Eén gezin, één plan" and second["item"].text == "Dichtbij"
    assert [i.name for i in criterion["indicators"]] == ["Huishoudens met een regisseur"]
    assert framework.indicator.criterion == framework.criterion == criterion["item"]
    assert "indicator_added" in _events(raad)
    bare = factories.FrameworkFactory(scan=factories.ScanFactory(raad=True), bare=True)
    assert bare.indicators == [] and not bare.criterion.indicators.exists()


@pytest.mark.django_db
def test_a_journey_is_seeded_with_its_pain_points():
    household = factories.JourneyFactory(pains=["Drie loketten", "Lang wachten"])
    assert household.name == "Familie Hermans"
    assert household.scan.method_version.slug == "tweedaagse_scan"
    session = household.scan.live_sessions.get()
    assert session.is_open and session.kind == "journey"
    assert sorted(Observation.objects.filter(session=session).values_list("text", flat=True)) == [
        "Drie loketten",
        "Lang wachten",
    ]


@pytest.mark.django_db
def test_a_closed_live_session_and_a_device():
    scan = factories.ScanFactory(tweedaagse=True)
    session = factories.LiveSessionFactory(scan=scan, closed=True)
    assert not session.is_open and session.closed_at is not None
    assert _events(scan)[-2:] == ["live_session_opened", "live_session_closed"]
    device = factories.DeviceFactory(session=session)
    assert list(session.devices.all()) == [device]
