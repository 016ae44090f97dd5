"""A sign-in ends after a while without requests, and after a fixed time however active."""

import time_machine
from django.urls import reverse

from thermometer.testing.factories import PASSWORD


def _sign_in(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_a_sign_in_ends_after_half_an_hour_without_requests(client, lead, settings):
    with time_machine.travel("2026-12-02 09:00", tick=False) as clock:
        _sign_in(client, lead)
        assert client.get(reverse("scans:list")).status_code == 200
        clock.shift(29 * 60)
        assert client.get(reverse("scans:list")).status_code == 200
        clock.shift(29 * 60)  # within half an hour of the last request: still in
        assert client.get(reverse("scans:list")).status_code == 200
        clock.shift(31 * 60)
        response = client.get(reverse("scans:list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert "next=" in response["Location"]
        page = client.get(response["Location"]).content.decode()
        assert "opnieuw in" in page


def test_a_sign_in_ends_after_ten_hours_however_active(client, lead):
    with time_machine.travel("2026-12-02 08:00", tick=False) as clock:
        _sign_in(client, lead)
        for _quarter in range(39):
            clock.shift(15 * 60)
            assert client.get(reverse("scans:list")).status_code == 200
        clock.shift(20 * 60)
        assert client.get(reverse("scans:list")).status_code == 302
