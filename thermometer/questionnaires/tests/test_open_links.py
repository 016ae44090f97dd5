from django.test import Client
from django.urls import reverse

from thermometer.participants.models import Participant
from thermometer.questionnaires.models import Invitation
from thermometer.questionnaires.open_links import create_open_link
from thermometer.questionnaires.services import open_questionnaire


def _panel(scan, questionnaires, cap=2):
    questionnaire = questionnaires["inwoner"]
    open_questionnaire(questionnaire, user=scan.created_by)
    return create_open_link(
        questionnaire, user=scan.created_by, label="Inwonerspanel", layer="inwoner", cap=cap
    )


def test_each_visitor_gets_a_personal_link_once(scan, questionnaires):
    link = _panel(scan, questionnaires)
    url = reverse("open_link", kwargs={"token": link.token})
    visitor = Client()
    assert visitor.get(url).status_code == 200
    first = visitor.post(url)
    invitation = Invitation.objects.get()
    assert first["Location"] == f"/v/{invitation.token}/"
    # A second click (or reload) by the same visitor makes no second participant.
    visitor.post(url)
    assert visitor.get(url)["Location"] == f"/v/{invitation.token}/"
    participant = Participant.objects.get()
    assert (participant.layer, participant.actor, participant.name) == ("inwoner", "inwoner", "")


def test_the_cap_stops_new_visitors(scan, questionnaires):
    link = _panel(scan, questionnaires, cap=2)
    url = reverse("open_link", kwargs={"token": link.token})
    for _ in range(2):
        Client().post(url)
    late = Client().post(url)
    assert late.status_code == 410
    assert "genoeg respondenten" in late.content.decode()
    assert Participant.objects.count() == 2


def test_adviser_makes_an_open_link(lead_client, scan, questionnaires):
    questionnaire = questionnaires["inwoner"]
    lead_client.post(
        reverse(
            "questionnaires:open_link_add",
            kwargs={"slug": scan.slug, "questionnaire_uuid": questionnaire.uuid},
        ),
        {"label": "Panel", "layer": "inwoner", "cap": "300"},
    )
    link = questionnaire.open_links.get()
    assert (link.cap, link.actor) == (300, "inwoner")
    page = lead_client.get(
        reverse(
            "questionnaires:detail",
            kwargs={"slug": scan.slug, "questionnaire_uuid": questionnaire.uuid},
        )
    ).content.decode()
    assert f"/o/{link.token}/" in page
