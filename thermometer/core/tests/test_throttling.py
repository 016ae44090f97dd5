"""The public surface is throttled: sign-in, password reset, guessing links and codes,
open-link and live-session joins and device posts each meet a Dutch 429 page that says
when to try again."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from thermometer.live import services as live
from thermometer.live.models import CODE_LENGTH, LiveParticipant
from thermometer.testing.factories import PASSWORD


def _is_throttled(response, minutes):
    assert response.status_code == 429
    assert response["Retry-After"] == str(minutes * 60)
    page = response.content.decode()
    assert "Te veel pogingen" in page and f"over {minutes} minu" in page


def _sign_in(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, lead):
    for _ in range(4):
        assert _sign_in(client, lead.email, "fout").status_code == 200
    _is_throttled(_sign_in(client, lead.email, "fout"), 15)  # the fifth
    _is_throttled(_sign_in(client, lead.email, PASSWORD), 15)
    # From another address the account is locked too.
    other = Client(REMOTE_ADDR="10.0.0.9")
    _is_throttled(_sign_in(other, lead.email, PASSWORD), 15)


def test_an_address_trying_many_accounts_is_locked(client, lead):
    for n in range(5):
        _sign_in(client, f"iemand{n}@example.org", "fout")
    _is_throttled(_sign_in(client, lead.email, PASSWORD), 15)
    # The account itself still opens from elsewhere.
    assert _sign_in(Client(REMOTE_ADDR="10.0.0.8"), lead.email, PASSWORD).status_code == 302


def test_password_resets_are_limited_per_account(client, lead, django_capture_on_commit_callbacks):
    url = reverse("accounts:password_reset")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            # From three addresses: the account's own limit counts.
            other = Client(REMOTE_ADDR=f"10.0.1.{n}")
            assert other.post(url, {"email": lead.email}).status_code == 302
        _is_throttled(client.post(url, {"email": lead.email.upper()}), 60)
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("prefix", ["/t/", "/r/", "/s/", "/o/"])
def test_every_kind_of_link_counts_wrong_guesses(client, prefix, db):
    for n in range(20):
        client.get(f"{prefix}GERADEN{n:04d}/")
    assert client.get(f"{prefix}GERADEN9999/").status_code == 429


@pytest.fixture
def journey_session(lead, organisation):
    from thermometer.journeys import services
    from thermometer.testing import factories

    scan = factories.make_scan(
        lead=lead, organisation=organisation, method="tweedaagse_scan", title="Tweedaagse"
    )
    services.seed(scan)
    return live.open_session(scan, kind="journey", title="Klantreis", votes_per_person=2, user=lead)


def test_a_script_cannot_flood_a_live_session_with_devices(journey_session):
    url = reverse("live:join_code", kwargs={"code": journey_session.code})
    # A council of fifty behind the town hall's one address joins...
    for _ in range(50):
        assert Client().post(url, {"name": "Lid"}).status_code == 302
    # ...a script from that address is stopped there, and from many at sixty a minute.
    _is_throttled(Client().post(url, {"name": "Nep"}), 10)
    for n in range(10):
        assert Client(REMOTE_ADDR=f"10.0.2.{n}").post(url, {"name": "Nep"}).status_code == 302
    _is_throttled(Client(REMOTE_ADDR="10.0.3.1").post(url, {"name": "Nep"}), 1)
    assert LiveParticipant.objects.count() == 60
    assert len(journey_session.code) == CODE_LENGTH == 9
    # The code as the room screen shows it, in groups, is taken as well.
    assert Client().get(f"/s/?code={journey_session.code_shown}").status_code == 200


def test_a_device_posting_too_fast_is_paused(journey_session):
    client = Client()
    client.post(reverse("live:join_code", kwargs={"code": journey_session.code}), {"name": "A"})
    step = journey_session.scan.journey_steps.first()
    url = reverse("journey_device:device_add", kwargs={"session_uuid": journey_session.uuid})
    for n in range(20):
        client.post(url, {"step": step.pk, "kind": "pain", "text": f"Punt {n}"})
    _is_throttled(client.post(url, {"step": step.pk, "kind": "pain", "text": "Te veel"}), 1)
    assert journey_session.scan.journey_steps.first().observations.count() == 20


def _redis_answers() -> bool:
    import redis

    try:
        return redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_the_counters_are_shared_by_every_process(settings, db):
    import redis
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "thermometer-test",
        }
    }
    caches["default"].clear()
    try:
        for n in range(20):
            Client().get(f"/s/GERADEN{n:04d}/")
        # What another web process sees: the same counter in Redis, so it refuses too.
        keys = redis.Redis.from_url("redis://127.0.0.1:6379/15").keys("thermometer-test*")
        assert keys
        caches["default"].close()
        assert Client().get("/s/GERADEN9999/").status_code == 429
    finally:
        caches["default"].clear()
