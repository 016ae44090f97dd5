"""The security log: sign-ins and failures, sign-outs, lockouts, password and factor
changes, views and downloads of personal data, with who, when, what and from where;
append-only, purged after its retention, exportable; no token of a personal link in it
or in any other log."""

import datetime
import logging

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thermometer.audit.models import AppendOnly, SecurityEvent
from thermometer.audit.security import MaskTokensFilter, mask
from thermometer.testing import factories
from thermometer.testing.factories import PASSWORD

Kind = SecurityEvent.Kind


def _kinds():
    return list(SecurityEvent.objects.order_by("at", "id").values_list("kind", flat=True))


def test_sign_in_failure_and_sign_out_are_logged_with_the_address(lead):
    client = Client(REMOTE_ADDR="192.0.2.7")
    client.post(reverse("accounts:login"), {"username": "Lead@Example.org", "password": "fout"})
    client.post(reverse("accounts:login"), {"username": lead.email, "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    assert _kinds() == [Kind.SIGN_IN_FAILED, Kind.SIGN_IN, Kind.SIGN_OUT]
    failed, signed_in, _ = SecurityEvent.objects.order_by("at", "id")
    assert (failed.account, failed.address, failed.user) == ("lead@example.org", "192.0.2.7", None)
    assert signed_in.user == lead and signed_in.organisation == lead.memberships.get().organisation


def test_views_and_downloads_of_personal_data_are_logged(lead_client, scan):
    factories.ParticipantFactory(scan=scan)
    lead_client.get(reverse("participants:list", kwargs={"slug": scan.slug}))
    lead_client.get(reverse("coding:export", kwargs={"slug": scan.slug}))
    events = list(SecurityEvent.objects.filter(scan=scan).order_by("at", "id"))
    assert [(e.kind, e.what) for e in events] == [
        (Kind.PERSONAL_DATA_VIEWED, "participants"),
        (Kind.EXPORT_DOWNLOADED, "REFI-QDA project"),
    ]
    assert all(e.user.email == "lead@example.org" for e in events)


def test_a_share_link_visit_is_logged_without_its_token(scan, lead):
    from thermometer.reports import services

    link = services.add_share_link(scan, label="Raad", days=7, user=lead)
    token = link.token
    Client().get(f"/r/{token}/")
    event = SecurityEvent.objects.get(kind=Kind.SHARE_LINK_VISITED)
    assert token not in event.what and token[:6] in event.what


def test_the_log_is_append_only_and_purged_after_its_retention(lead, settings):
    old = SecurityEvent.objects.create(kind=Kind.SIGN_IN, user=lead, at=timezone.now())
    with pytest.raises(AppendOnly):
        old.what = "anders"
        old.save()
    with pytest.raises(AppendOnly):
        old.delete()
    with pytest.raises(AppendOnly):
        SecurityEvent.objects.all().delete()
    with pytest.raises(AppendOnly):
        SecurityEvent.objects.update(what="anders")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=400), tick=False):
        SecurityEvent.objects.create(kind=Kind.SIGN_IN, user=lead)  # logged 400 days ago
    settings.SECURITY_LOG_DAYS = 365
    call_command("purge_security_log", stdout=None)
    assert SecurityEvent.objects.count() == 1


def test_an_organisations_log_is_exported_as_csv(lead, tmp_path):
    Client().post(reverse("accounts:login"), {"username": lead.email, "password": PASSWORD})
    out = tmp_path / "log.csv"
    organisation = lead.memberships.get().organisation
    call_command("security_log", organisation.name, "-o", str(out), stdout=None)
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "moment;gebeurtenis;account;adres;scan;wat"
    assert "Ingelogd" in text and "lead@example.org" in text


def test_tokens_of_personal_links_are_masked_in_every_log(caplog):
    token = "n3KqM6Y2wkq2wxpMhiUW2Qy876RFHirn"
    assert mask(f"GET /v/{token}/page/1/ 200") == "GET /v/n3KqM6…/page/1/ 200"
    assert token not in mask(f"/account/password-reset/MQ/{token}/")
    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Not Found: %s", (f"/t/{token}/",), None
    )
    MaskTokensFilter().filter(record)
    assert token not in record.getMessage() and "/t/n3KqM6…/" in record.getMessage()


def test_gunicorns_access_log_masks_tokens():
    from types import SimpleNamespace

    from gunicorn.config import Config

    from thermometer.conf.gunicorn_logging import MaskingLogger

    token = "n3KqM6Y2wkq2wxpMhiUW2Qy876RFHirn"
    logger = MaskingLogger(Config())
    request = SimpleNamespace(
        headers=[], method="GET", path=f"/v/{token}/", query="", version=(1, 1), uri=f"/v/{token}/"
    )
    response = SimpleNamespace(status="200 OK", response_length=10, sent=10, headers=[])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/v/{token}/",
        "PATH_INFO": f"/v/{token}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.1",
    }
    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0.1))
    assert all(token not in str(value) for value in atoms.values())
