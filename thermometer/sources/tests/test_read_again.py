"""Reading a document again goes through ``services.read_again``, with its audit event."""

from django.urls import reverse

from thermometer.audit.models import AuditEvent
from thermometer.sources.constants import SourceStatus
from thermometer.sources.models import Source
from thermometer.testing import factories


def _retry(client, scan, source):
    url = reverse("sources:retry", kwargs={"slug": scan.slug, "source_uuid": source.uuid})
    return client.post(url)


def test_a_failed_reading_is_read_again_and_recorded(lead_client, scan, lead):
    source = factories.document(scan)
    Source.objects.filter(pk=source.pk).update(status=SourceStatus.FAILED, error="kapot")
    assert _retry(lead_client, scan, source).status_code == 302
    source.refresh_from_db()
    assert source.status == SourceStatus.DONE and source.error == ""
    event = AuditEvent.objects.get(scan=scan, event="source_read_again")
    assert event.user == lead
    assert str(event) == "Lea Lead liet het document “Visie (fictief)” opnieuw lezen."


def test_a_document_being_read_is_left_alone_and_nothing_recorded(lead_client, scan):
    source = factories.document(scan)
    Source.objects.filter(pk=source.pk).update(status=SourceStatus.PROCESSING, progress=40)
    _retry(lead_client, scan, source)
    source.refresh_from_db()
    assert source.status == SourceStatus.PROCESSING and source.progress == 40
    assert not AuditEvent.objects.filter(scan=scan, event="source_read_again").exists()
