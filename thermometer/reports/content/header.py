"""The scan as every kind of report heads it."""

from datetime import date


def scan_header(scan) -> dict:
    """The scan as every kind of report heads it; ``today`` is left out of the
    ``fingerprint``."""
    method = scan.method
    return {
        "title": scan.title,
        "slug": scan.slug,
        "municipality": scan.municipality.name,
        "municipality_code": scan.municipality.code,
        "population": scan.municipality.population,
        "organisation": scan.organisation.name,
        "method": f"{method.name} {method.version}",
        "start_date": scan.start_date,
        "today": date.today(),
    }
