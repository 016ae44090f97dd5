"""A NUL byte or another control character in anything sent never breaks a page: it is
taken out in one place (core.middleware) and the rest is saved — on both databases."""

import pytest
from django.test import Client
from django.urls import reverse

from thermometer.journeys import services
from thermometer.journeys.models import Observation
from thermometer.live import services as live
from thermometer.live.models import LiveParticipant
from thermometer.testing import factories


@pytest.fixture
def session(lead, organisation):
    scan = factories.make_scan(
        lead=lead, organisation=organisation, method="tweedaagse_scan", title="Tweedaagse Hoorn"
    )
    services.seed(scan)
    return live.open_session(scan, kind="journey", title="Klantreis", votes_per_person=2, user=lead)


def test_a_live_name_and_a_device_post_with_control_characters_are_saved_clean(session):
    client = Client()
    joined = client.post(
        reverse("live:join_code", kwargs={"code": session.code}), {"name": "Wijk\x00team\x07"}
    )
    assert joined.status_code == 302
    assert LiveParticipant.objects.get().name == "Wijkteam"
    step = session.scan.journey_steps.get(key="access")
    added = client.post(
        reverse("journey_device:device_add", kwargs={"session_uuid": session.uuid}),
        {"step": step.pk, "kind": "pain", "text": "Drie\x00 loketten\x1b", "theme": ""},
    )
    assert added.status_code in (200, 302)
    assert Observation.objects.get().text == "Drie loketten"


def test_a_search_and_a_link_with_a_nul_byte(lead_client, scan):
    search = reverse("sources:search", kwargs={"slug": scan.slug})
    assert lead_client.get(search, {"q": "zorg\x00"}).status_code == 200
    assert Client().get("/v/abc%00def/").status_code == 404
