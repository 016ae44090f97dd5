"""Error pages are Dutch, in the product's look, and render while the database is down."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse


def _down(*args, **kwargs):
    raise OperationalError("database is down")


@pytest.mark.django_db
def test_a_wrong_link_gets_a_dutch_404_page():
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Deze pagina bestaat niet" in page and 'lang="nl"' in page
    assert "utrecht" in page  # the product's look, not Django's bare page


def test_with_the_database_down_a_respondent_gets_a_dutch_500_page(monkeypatch):
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", _down)
    client = Client(raise_request_exception=False)
    response = client.get("/v/" + "a" * 40 + "/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging bij ons iets mis" in page and "Server Error" not in page


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_a_dutch_403_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.content.decode()


@pytest.mark.django_db
def test_public_pages_carry_the_security_headers(client):
    page = client.get(reverse("accounts:login"))
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    assert "geolocation=()" in page["Permissions-Policy"]
    assert "no-store" in page["Cache-Control"]
    respondent = client.get("/v/" + "b" * 40 + "/")
    assert "no-store" in respondent["Cache-Control"] and respondent["Content-Security-Policy"]
