"""A sign-in locked out by django-axes is in the security log, and the person sees the
throttle's Dutch 429 page for the cool-off time."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from thermometer.audit.models import SecurityEvent


def test_the_lockout_handler_is_the_security_logs():
    assert settings.AXES_LOCKOUT_CALLABLE == "thermometer.audit.security.locked_out"


def test_a_lockout_is_logged_with_the_account_and_answered_with_429(lead):
    client = Client(REMOTE_ADDR="192.0.2.8")
    for _ in range(5):
        response = client.post(
            reverse("accounts:login"), {"username": lead.email.upper(), "password": "fout"}
        )
    assert response.status_code == 429 and response["Retry-After"] == "900"
    event = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOCKED_OUT).get()
    assert event.account == lead.email.lower() and event.address == "192.0.2.8"
