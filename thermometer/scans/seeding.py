"""What other apps give a new scan from its method: the codebook (coding), the household
and its journey (journeys, where the method has one).

Those apps sit above ``scans``; so that ``scans`` imports none of them, each registers
its seeder in its ``AppConfig.ready``::

    register("codebook", codebook_for_new_scan)   # codebook_for_new_scan(scan)

``services.create_scan`` runs every seeder in its transaction, so pages and report
building only read what a scan holds. What they make is part of creating the scan, which
its one audit event (``scan_created``) records; seeding apart from creation (an older
scan, the data migrations) records its own event.
"""

from collections.abc import Callable

from thermometer.core.registry import put

_seeders: dict[str, Callable] = {}


def register(name: str, seeder: Callable) -> None:
    """Run ``seeder(scan)`` for every new scan; it decides from the scan's method whether
    there is anything to make, and makes nothing twice."""
    put(_seeders, name, seeder, "scan seeder")


def seed(scan) -> None:
    """Everything the registered apps make for ``scan`` from its method."""
    for seeder in _seeders.values():
        seeder(scan)
