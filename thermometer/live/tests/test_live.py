"""Live sessions from the outside: a person joins with the short code (typed loosely),
their device is known by their browser session alone, joining is capped per address and
per session, a closed session says so, and the room screen shows how to join."""

import pytest
from django.test import Client
from django.urls import reverse

from thermometer.audit.models import AuditEvent
from thermometer.live import services
from thermometer.live.models import CODE_ALPHABET, CODE_LENGTH, LiveParticipant, new_code
from thermometer.testing import factories


@pytest.fixture
def tweedaagse(lead, organisation):
    return factories.ScanFactory(lead=lead, organisation=organisation, tweedaagse=True)


@pytest.fixture
def session(tweedaagse):
    return factories.LiveSessionFactory(scan=tweedaagse, votes_per_person=2)


def _join_url(code):
    return reverse("live:join_code", kwargs={"code": code})


def _device_url(session):
    return reverse("journey_device:device", kwargs={"session_uuid": session.uuid})


def _join(client, session, name="Wijkteam", code=None):
    return client.post(_join_url(code or session.code), {"name": name})


def test_codes_are_long_and_easy_to_type():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200  # about 44 bits: no two alike in a handful
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("0O1IL") & set(CODE_ALPHABET)


def test_a_code_is_found_however_it_is_typed(client, session):
    loose = f" {session.code_shown.lower()} ".replace(" ", "-", 1)
    assert services.find_session(loose) == session
    page = client.get(_join_url(session.code_shown.replace(" ", "-").lower()))
    assert page.status_code == 200 and page.context["session"] == session
    by_query = client.get(reverse("live:join") + f"?code={session.code.lower()}")
    assert by_query.status_code == 200 and by_query.context["session"] == session
    assert client.get(reverse("live:join")).status_code == 200  # the page to type a code


def test_an_unknown_code_is_a_404(client, session):
    page = client.get(_join_url("ABCABCABC"))
    assert page.status_code == 404 and page.context["error"] == "unknown"
    assert not LiveParticipant.objects.exists()


def test_joining_makes_one_device_known_by_the_browser_session(session):
    phone = Client()
    joined = _join(phone, session, name="  Wijkteam Noord  ")
    assert joined.status_code == 302 and joined["Location"] == _device_url(session)
    (device,) = session.devices.all()
    assert device.name == "Wijkteam Noord"
    # The same browser again: the same device, renamed; visiting the join page sends it on.
    _join(phone, session, name="Wijkteam Zuid")
    assert session.devices.get().name == "Wijkteam Zuid"
    assert phone.get(_join_url(session.code))["Location"] == _device_url(session)
    # Another browser is another device; a browser that did not join is sent to join.
    _join(Client(), session)
    assert session.devices.count() == 2
    stranger = Client().get(_device_url(session))
    assert stranger.status_code == 302 and stranger["Location"] == _join_url(session.code)


def test_a_device_belongs_to_its_own_session_only(session, tweedaagse):
    other = factories.LiveSessionFactory(scan=tweedaagse, title="Tweede ronde")
    phone = Client()
    _join(phone, session)
    assert phone.get(_device_url(session)).status_code == 200
    sent = phone.get(_device_url(other))
    assert sent.status_code == 302 and sent["Location"] == _join_url(other.code)


def test_joining_is_capped_per_address_and_per_session(session, settings):
    settings.THROTTLE_RATES = {
        **settings.THROTTLE_RATES,
        "live_join": "3/m",
        "live_join_session": "5/m",
    }
    same_address = [Client(REMOTE_ADDR="192.0.2.10") for _ in range(4)]
    assert [_join(c, session).status_code for c in same_address] == [302, 302, 302, 429]
    # A device that joined comes back without counting again.
    assert _join(same_address[0], session).status_code == 302
    others = [Client(REMOTE_ADDR=f"192.0.2.{20 + n}") for n in range(3)]
    assert [_join(c, session).status_code for c in others] == [302, 302, 429]
    assert session.devices.count() == 5
    refused = _join(Client(REMOTE_ADDR="192.0.2.99"), session)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0


def test_a_closed_session_takes_no_one_and_says_so(session, lead):
    phone = Client()
    _join(phone, session)
    services.close_session(session, user=lead)
    for page in (phone.get(_device_url(session)), Client().get(_join_url(session.code))):
        assert page.status_code == 410 and "gesloten" in page.text
    assert _join(Client(), session).status_code == 410
    assert session.devices.count() == 1
    # Closing twice records it once.
    services.close_session(session, user=lead)
    assert AuditEvent.objects.filter(event="live_session_closed").count() == 1


def test_a_session_needs_a_title_and_a_sensible_vote_budget(tweedaagse, lead):
    for title, votes in (("  ", 3), ("Klantreis", 0), ("Klantreis", 11)):
        with pytest.raises(services.LiveError):
            services.open_session(
                tweedaagse, kind="journey", title=title, votes_per_person=votes, user=lead
            )
    assert not tweedaagse.live_sessions.exists()
    session = factories.LiveSessionFactory(scan=tweedaagse, votes_per_person=2)
    assert [services.votes_left(session, used) for used in (0, 2, 5)] == [2, 0, 0]


def test_the_room_screen_shows_the_code_and_the_qr_until_it_closes(session, lead, lead_client):
    url = reverse("journeys:room", kwargs={"slug": session.scan.slug, "session_uuid": session.uuid})
    page = lead_client.get(url)
    assert page.status_code == 200
    assert session.code_shown in page.text and "<svg" in page.text
    assert _join_url(session.code) in page.context["qr"]
    services.close_session(session, user=lead)
    closed = lead_client.get(url)
    assert closed.status_code == 200 and closed.context["qr"] == ""
    assert session.code_shown not in closed.text


def test_the_room_screen_is_for_the_scan_team_only(session, outsider):
    url = reverse("journeys:room", kwargs={"slug": session.scan.slug, "session_uuid": session.uuid})
    room = Client()
    room.force_login(outsider)
    assert room.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to sign in


def test_the_privacy_statement_of_a_session(client, session):
    page = client.get(reverse("privacy:live_statement", kwargs={"code": session.code}))
    assert page.status_code == 200
    assert session.scan.municipality.name in page.text
    unknown = reverse("privacy:live_statement", kwargs={"code": "ABCABCABC"})
    assert client.get(unknown).status_code == 404
