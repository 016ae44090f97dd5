from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from thermometer.questionnaires.monitor import tally
from thermometer.questionnaires.respond import start_response, submit
from thermometer.testing import factories


def test_tally_counts_per_group_in_chain_order():
    rows = [
        {"group": "uitvoering", "started": True, "completed": True},
        {"group": "uitvoering", "started": True, "completed": False},
        {"group": "bestuur", "started": False, "completed": False},
    ]
    result = tally(rows, ["bestuur", "beleid", "uitvoering"])
    assert [(r["group"], r["invited"], r["started"], r["completed"]) for r in result] == [
        ("bestuur", 1, 0, 0),
        ("uitvoering", 2, 2, 1),
    ]
    assert result[1]["rate"] == 0.5


def test_monitor_shows_rates_and_whom_to_remind(lead_client, scan, invitation):
    other = factories.ParticipantFactory(scan=scan, layer="uitvoering")
    from thermometer.questionnaires.services import create_invitations

    create_invitations(invitation.questionnaire, user=scan.created_by)
    response = start_response(invitation)
    submit(response)
    page = lead_client.get(
        reverse(
            "questionnaires:monitor",
            kwargs={"slug": scan.slug, "questionnaire_uuid": invitation.questionnaire.uuid},
        )
    ).content.decode()
    assert "50%" in page
    assert other.pseudonym in page
    assert invitation.participant.pseudonym not in page.split("Nog niet ingevuld")[1]


def test_participant_links_prints_pseudonym_layer_and_link(scan, invitation, settings):
    settings.SITE_URL = "https://thermometer.example.org"
    out, err = StringIO(), StringIO()
    call_command("participant_links", scan.slug, stdout=out, stderr=err)
    header, line = out.getvalue().splitlines()
    assert header == "pseudonym\tlayer\tquestionnaire\tlink"
    pseudonym, layer, questionnaire, link = line.split("\t")
    assert (pseudonym, layer) == (invitation.participant.pseudonym, "Uitvoering")
    assert link == f"https://thermometer.example.org/v/{invitation.token}/"


def test_participant_links_can_create_missing_links(scan, questionnaires):
    factories.ParticipantFactory(scan=scan, layer="inwoner", actor="inwoner")
    out, err = StringIO(), StringIO()
    call_command("participant_links", scan.slug, stdout=out, stderr=err)
    assert "no personal link yet" in err.getvalue()
    call_command("participant_links", scan.slug, "--create", stdout=out, stderr=StringIO())
    assert "/v/" in out.getvalue()


def test_participant_links_unknown_scan(db):
    with pytest.raises(CommandError):
        call_command("participant_links", "bestaat-niet")
