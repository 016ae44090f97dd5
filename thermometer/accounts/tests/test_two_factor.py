"""Two-step sign-in: set up with an authenticator app, asked after the password before
any page, recovery codes that work once, and an organisation that requires it."""

import re

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from thermometer.audit.models import AuditEvent
from thermometer.testing.factories import PASSWORD


def _code(device, shift=0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=shift)
    return f"{value:06d}"


def _sign_in(client, user):
    return client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})


def _set_up(client, user) -> list[str]:
    page = client.get(reverse("accounts:two_factor"))
    assert "<svg" in page.text and "Sleutel" in page.text
    assert not TOTPDevice.objects.exists()  # showing the set-up stores nothing
    again = client.get(reverse("accounts:two_factor"))
    assert re.findall(r"<code[^>]*>([A-Z2-7 ]+)</code>", again.text) == re.findall(
        r"<code[^>]*>([A-Z2-7 ]+)</code>", page.text
    )  # the same key until it is confirmed
    key = client.session["two_factor_pending_key"]
    device = TOTPDevice(user=user, key=key)
    wrong = client.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert "niet juist" in wrong.text and not TOTPDevice.objects.exists()
    done = client.post(reverse("accounts:two_factor"), {"code": _code(device)}, follow=True)
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)
    assert len(codes) == 10
    return codes


def test_setting_up_then_signing_in_asks_for_the_code_before_any_page(client, lead, scan):
    _sign_in(client, lead)
    codes = _set_up(client, lead)
    assert AuditEvent.objects.filter(event="two_factor_enabled").exists()
    client.post(reverse("accounts:logout"))

    _sign_in(client, lead)
    page = reverse("scans:detail", kwargs={"slug": scan.slug})
    asked = client.get(page)
    assert asked.status_code == 302 and asked["Location"].startswith(
        reverse("accounts:two_factor_verify")
    )
    device = TOTPDevice.objects.get(user=lead, confirmed=True)
    wrong = client.post(asked["Location"], {"code": "123456", "next": page})
    assert wrong.status_code == 200 and "niet juist" in wrong.text
    device.refresh_from_db()
    device.throttle_reset()
    right = client.post(asked["Location"], {"code": _code(device, 1), "next": page})
    assert right.status_code == 302 and right["Location"] == page
    assert client.get(page).status_code == 200
    assert codes


def test_a_recovery_code_works_once(client, lead):
    _sign_in(client, lead)
    codes = _set_up(client, lead)
    client.post(reverse("accounts:logout"))
    verify = reverse("accounts:two_factor_verify")
    first = Client()
    _sign_in(first, lead)
    assert first.post(verify, {"code": codes[0].upper()}).status_code == 302
    assert "9 herstelcodes over" in first.get(reverse("accounts:two_factor")).text
    second = Client()
    _sign_in(second, lead)
    again = second.post(verify, {"code": codes[0]})
    assert again.status_code == 200 and "niet juist" in again.text


def test_public_pages_do_not_ask_for_the_code(client, lead):
    _sign_in(client, lead)
    _set_up(client, lead)
    client.post(reverse("accounts:logout"))
    _sign_in(client, lead)
    # A respondent's link (here a wrong one) is public: no code asked.
    assert client.get("/v/onbekend0000/").status_code == 404


def test_an_organisation_that_requires_it_sends_members_to_set_it_up(client, lead, scan):
    call_command("require_two_factor", scan.organisation.name, stdout=None)
    _sign_in(client, lead)
    response = client.get(reverse("scans:list"))
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    page = client.get(response["Location"]).text
    assert "Uw organisatie vereist" in page
    _set_up(client, lead)
    assert client.get(reverse("scans:list")).status_code == 200
    # Required: it cannot be turned off.
    client.post(reverse("accounts:two_factor"), {"action": "off"})
    assert TOTPDevice.objects.filter(user=lead, confirmed=True).exists()


def test_without_it_nothing_changes(client, lead):
    assert _sign_in(client, lead).status_code == 302
    assert client.get(reverse("scans:list")).status_code == 200
