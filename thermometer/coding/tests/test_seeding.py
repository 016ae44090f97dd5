"""The codebook is made when a scan is created (or by the data migration for older
scans), never by a page that shows it."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from thermometer.audit.models import AuditEvent
from thermometer.coding.models import Code
from thermometer.coding.services import seed_codebook
from thermometer.scans import seeding
from thermometer.testing import factories
from thermometer.testing.queries import no_writes

migration = importlib.import_module("thermometer.coding.migrations.0004_seed_codebooks")


def _expected(scan) -> int:
    method = scan.method
    # A heading per group, its codes, and the code for intended effects.
    return 4 + len(method.goals) + len(method.layers) + len(method.themes) + 4 + 1


def _unseeded(scan):
    """A scan as one made before codebooks were seeded with the scan."""
    scan.codes.all().delete()
    AuditEvent.objects.filter(scan=scan, event="codebook_seeded").delete()
    return scan


def test_a_new_scan_has_its_codebook_once(scan):
    assert scan.codes.count() == _expected(scan)
    assert scan.codes.get(kind="goal", parent=None).name == "Hoofddoelen"
    # Part of creating the scan, which its one event records.
    assert list(AuditEvent.objects.filter(scan=scan).values_list("event", flat=True)) == [
        "scan_created"
    ]
    seeding.seed(scan)  # a second call makes nothing twice
    assert seed_codebook(scan, user=scan.created_by) == 0
    assert scan.codes.count() == _expected(scan)
    assert not AuditEvent.objects.filter(scan=scan, event="codebook_seeded").exists()


def test_every_method_gives_its_scans_a_codebook(lead, organisation):
    for method in ("tweedaagse_scan", "raad_in_positie"):
        made = factories.make_scan(lead=lead, organisation=organisation, method=method)
        assert made.codes.filter(kind="intent").exists()
        assert made.codes.filter(kind="goal", parent=None).exists()


def test_seeding_a_scan_made_without_a_codebook_records_it(scan, lead):
    _unseeded(scan)
    assert seed_codebook(scan, user=lead) == _expected(scan)
    event = AuditEvent.objects.get(scan=scan, event="codebook_seeded")
    assert event.user == lead and event.data == {"count": str(_expected(scan))}
    assert str(event) == f"Het codeboek is gemaakt uit de methode ({_expected(scan)} codes)."


def test_the_helper_sees_a_write(db):
    with pytest.raises(AssertionError, match="a read path wrote"):
        with no_writes():
            factories.OrganisationFactory(name="Schrijft")


@pytest.mark.parametrize("name", ["coding:codebook", "coding:retrieve"])
def test_the_codebook_pages_only_read(lead_client, scan, name):
    _unseeded(scan)
    with no_writes():
        page = lead_client.get(reverse(name, kwargs={"slug": scan.slug}))
    assert page.status_code == 200
    assert not scan.codes.exists()
    if name == "coding:codebook":
        assert "Het codeboek bevat geen codes." in page.text


def test_the_passage_page_only_reads(lead_client, scan):
    passage = factories.document(scan).passages.first()
    _unseeded(scan)
    url = reverse("coding:passage", kwargs={"slug": scan.slug, "passage_id": passage.pk})
    with no_writes():
        assert lead_client.get(url).status_code == 200
    assert not scan.codes.exists()


def test_the_migration_seeds_an_old_scan_in_dutch_and_leaves_the_others(scan, lead):
    other = factories.make_scan(lead=lead, organisation=scan.organisation, title="Al gevuld")
    _unseeded(scan)
    migration.seed_codebooks(apps, None)
    assert scan.codes.count() == _expected(scan)
    assert scan.codes.get(kind="layer", parent=None).name == "Lagen in de keten"
    assert scan.codes.get(key="self_reliance").name == "Eigen kracht"
    event = AuditEvent.objects.get(scan=scan, event="codebook_seeded")
    assert event.user is None and event.organisation == scan.organisation
    assert event.data == {"count": str(_expected(scan))}
    # A scan that has its codebook is left alone, and a second run adds nothing.
    migration.seed_codebooks(apps, None)
    assert Code.objects.filter(scan=other).count() == _expected(other)
    assert not AuditEvent.objects.filter(event="codebook_seeded", scan=other).exists()
    assert AuditEvent.objects.filter(event="codebook_seeded", scan=scan).count() == 1
