"""The analysis of a scan, computed once per state of its inputs."""

from django.db import IntegrityError, transaction

from thermometer.scans.models import Scan

from . import loading
from .compute import analyse
from .models import AnalysisResult


def analysis_for(scan) -> dict:
    """The scan's analysis; recomputed only when answers, responses or codings changed."""
    fingerprint = loading.fingerprint(scan)
    cached = AnalysisResult.objects.filter(scan=scan).first()
    if cached is not None and cached.fingerprint == fingerprint:
        return cached.data
    data = analyse(loading.load(scan), scan.method.data)
    try:
        with transaction.atomic():
            AnalysisResult.objects.update_or_create(
                scan=scan, defaults={"fingerprint": fingerprint, "data": data}
            )
    except IntegrityError:  # computed at the same moment by another request: keep theirs
        pass
    return data


def recompute_all(scans=None, *, chunk_size: int = 500) -> dict[int, dict]:
    """Recompute and store the analysis of every scan (or of ``scans``), stale or not.

    The same result as ``analysis_for`` per scan, but the inputs of ``chunk_size`` scans
    at a time come in one set of grouped queries and the results are stored in one
    upsert, instead of a handful of round trips per scan. Returns scan id -> analysis.
    """
    queryset = Scan.objects.select_related("method_version").order_by("pk")
    if scans is not None:
        queryset = queryset.filter(pk__in=[getattr(scan, "pk", scan) for scan in scans])
    scans = list(queryset)
    definitions: dict[int, dict] = {}
    results: dict[int, dict] = {}
    for start in range(0, len(scans), chunk_size):
        chunk = scans[start : start + chunk_size]
        fingerprints = loading.fingerprints(chunk)
        loaded = loading.load_many(chunk)
        stored = []
        for scan in chunk:
            if scan.method_version_id not in definitions:
                definitions[scan.method_version_id] = scan.method.data
            data = analyse(loaded.pop(scan.pk), definitions[scan.method_version_id])
            results[scan.pk] = data
            stored.append(AnalysisResult(scan=scan, fingerprint=fingerprints[scan.pk], data=data))
        AnalysisResult.objects.bulk_create(
            stored,
            update_conflicts=True,
            unique_fields=["scan"],
            update_fields=["fingerprint", "data", "computed_at"],
        )
    return results
