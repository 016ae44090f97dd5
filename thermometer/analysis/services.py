"""The analysis of a scan, computed once per state of its inputs."""

from django.db import IntegrityError, transaction

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
