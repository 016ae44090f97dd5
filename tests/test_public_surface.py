"""Every public form takes a NUL byte, other control characters and a text far over
any limit without a server error, and every public page carries the security headers
— on SQLite and PostgreSQL alike."""

import pytest
from django.test import Client
from django.urls import reverse

from thermometer.journeys import services as journeys
from thermometer.live import services as live
from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.questionnaires.services import create_invitations, open_questionnaire
from thermometer.testing import factories

HOSTILE = ["Tekst\x00 met\x07 nul", "x" * 100_000, "\x00" * 10]


def _respondent(scan, questionnaire):
    open_questionnaire(questionnaire, user=scan.created_by)
    factories.ParticipantFactory(scan=scan, layer="uitvoering")
    create_invitations(questionnaire, user=scan.created_by)
    invitation = questionnaire.invitations.first()
    client = Client()
    client.post(reverse("respond:start", kwargs={"token": invitation.token}), {"consent": "yes"})
    item = questionnaire.items.filter(type__in=["open", "reverse_check"]).first()
    return client, invitation, item


def _forms(scan, questionnaire, lead):
    """(name, client, url, field names) of every public form."""
    client, invitation, item = _respondent(scan, questionnaire)
    token = invitation.token
    yield "login", Client(), reverse("accounts:login"), ["username", "password"]
    yield "reset", Client(), reverse("accounts:password_reset"), ["email"]
    page = reverse("respond:page", kwargs={"token": token, "page": item.page})
    yield "answer", client, page, [f"a-{item.key}"]
    autosave = reverse("respond:autosave", kwargs={"token": token, "page": item.page})
    yield "autosave", client, autosave, [f"a-{item.key}", "only"]
    tweedaagse = factories.make_scan(
        lead=lead, organisation=scan.organisation, method="tweedaagse_scan", title="T"
    )
    journeys.seed(tweedaagse)
    session = live.open_session(
        tweedaagse, kind="journey", title="Reis", votes_per_person=2, user=lead
    )
    device = Client()
    join = reverse("live:join_code", kwargs={"code": session.code})
    yield "live join", device, join, ["name"]
    add = reverse("journey_device:device_add", kwargs={"session_uuid": session.uuid})
    yield "device post", device, add, ["text", "kind", "theme", "step", "member"]


@pytest.mark.django_db
def test_hostile_text_in_every_public_form_never_gives_a_server_error(scan, lead):
    questionnaires = {
        q.template_key: q for q in generate_questionnaires(scan, user=scan.created_by)
    }
    checked = []
    for name, client, url, fields in _forms(scan, questionnaires["uitvoering"], lead):
        for value in HOSTILE:
            response = client.post(url, {field: value for field in fields})
            assert response.status_code < 500, (name, repr(value[:20]), response.status_code)
        checked.append(name)
    assert len(checked) == 6


PUBLIC = [
    "/account/login/",
    "/account/password-reset/",
    "/v/onbekend/",
    "/t/onbekend/",
    "/r/onbekend/",
    "/s/",
    "/o/onbekend/",
    "/bestaat-niet/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC)
def test_every_public_page_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
