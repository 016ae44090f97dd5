"""The seeders other apps register: run for every new scan, inside its transaction."""

import pytest

from thermometer.scans import seeding
from thermometer.testing import factories


def test_a_seeder_is_registered_once_by_name():
    def first(scan):
        pass

    def second(scan):
        pass

    try:
        seeding.register("test-seeder", first)
        seeding.register("test-seeder", first)  # ready() run twice: no harm
        with pytest.raises(ValueError, match="registered twice"):
            seeding.register("test-seeder", second)
    finally:
        seeding._seeders.pop("test-seeder", None)


def test_creating_a_scan_runs_every_seeder_with_its_creator(lead, organisation):
    seen = []
    seeding.register("test-seen", lambda scan: seen.append((scan.title, scan.created_by)))
    try:
        scan = factories.make_scan(lead=lead, organisation=organisation, title="Gezaaid")
    finally:
        seeding._seeders.pop("test-seen", None)
    assert seen == [("Gezaaid", lead)]
    assert {"codebook", "journey"} <= set(seeding._seeders)
    assert scan.codes.exists()


def test_a_failing_seeder_leaves_no_scan(lead, organisation):
    from thermometer.scans.models import Scan

    def broken(scan):
        raise RuntimeError("disk full")

    seeding.register("test-broken", broken)
    try:
        with pytest.raises(RuntimeError):
            factories.make_scan(lead=lead, organisation=organisation, title="Half")
    finally:
        seeding._seeders.pop("test-broken", None)
    assert not Scan.objects.filter(title="Half").exists()
