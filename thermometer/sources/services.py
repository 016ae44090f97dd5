"""Adding documents to a scan; reading them happens in a background task."""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from thermometer.audit.events import record
from thermometer.core.files import delete_after_commit

from .constants import SourceStatus
from .inspection import UploadRefused, inspect_upload
from .models import Source

logger = logging.getLogger(__name__)


@dataclass
class Added:
    filename: str
    source: Source | None
    message: str  # Dutch, for the adviser

    @property
    def ok(self) -> bool:
        return self.source is not None


def default_title(filename: str) -> str:
    return filename.rsplit(".", 1)[0].replace("_", " ")


def limits() -> dict:
    return {
        "max_bytes": settings.SOURCE_MAX_BYTES,
        "max_uncompressed": settings.SOURCE_MAX_UNCOMPRESSED_BYTES,
    }


def add_documents(scan, files, *, place, user, date=None, owner="") -> list[Added]:
    """Check every file at once; store the good ones and queue them to be read.

    One bad file never stops the others.
    """
    from .tasks import extract_source

    results = []
    for filename, data in files:
        try:
            inspect_upload(data, filename, **limits())
        except UploadRefused as refused:
            results.append(Added(filename, None, str(refused)))
            continue
        digest = hashlib.sha256(data).hexdigest()
        existing = scan.sources.filter(sha256=digest).first()
        if existing is not None:
            results.append(
                Added(
                    filename,
                    None,
                    _("Already in this scan as “%(title)s”.") % {"title": existing.title},
                )
            )
            continue
        with transaction.atomic():
            source = Source(
                scan=scan,
                title=default_title(filename),
                place=place,
                date=date,
                owner=owner,
                original_name=filename[:255],
                size=len(data),
                sha256=digest,
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
            source.file.save(filename[-200:], ContentFile(data), save=False)
            source.save()
            record("source_added", user=user, scan=scan, title=source.title)
            transaction.on_commit(lambda pk=source.pk: extract_source.enqueue(pk))
        results.append(Added(filename, source, _("Added; it is being read.")))
    return results


def add_conversation(scan, *, user, kind, title, date, participants, notes="", upload=None):
    """An interview or group session with its notes; read like a document."""
    from .tasks import extract_source

    if upload is not None:
        filename, data = upload
    else:
        filename, data = "notities.txt", notes.encode("utf-8")
    inspect_upload(data, filename, **limits())
    digest = hashlib.sha256(data).hexdigest()
    if scan.sources.filter(sha256=digest).exists():
        raise UploadRefused(_("These notes are already in this scan."))
    with transaction.atomic():
        source = Source(
            scan=scan,
            kind=kind,
            title=title,
            date=date,
            original_name=filename[:255],
            size=len(data),
            sha256=digest,
            consent_recorded=True,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        source.file.save(filename[-200:], ContentFile(data), save=False)
        source.save()
        source.participants.set(participants)
        record("source_added", user=user, scan=scan, title=title)
        transaction.on_commit(lambda: extract_source.enqueue(source.pk))
    return source


def read_again(source, *, user) -> bool:
    """Queue a document whose reading failed, or whose worker died (``core.leases``), to
    be read again; returns whether it was (one still being read is left alone)."""
    from .tasks import extract_source

    if not (source.status == SourceStatus.FAILED or source.is_stale):
        return False
    with transaction.atomic():
        source.status, source.error, source.progress = SourceStatus.QUEUED, "", 0
        source.heartbeat_at = None
        source.save(update_fields=["status", "error", "progress", "heartbeat_at"])
        record("source_read_again", user=user, scan=source.scan, title=source.title)
    extract_source.enqueue(source.pk)
    return True


def what_goes_with(source) -> dict:
    """What deleting ``source`` deletes too, counted (the codings through the passages'
    reverse relation: coding sits above sources)."""
    return source.passages.aggregate(passages=Count("pk", distinct=True), codings=Count("codings"))


@transaction.atomic
def delete_source(source, *, user) -> None:
    """Delete a document or conversation with its passages, their codings, vectors and
    search entries, and its file; audited. A reading still running finds nothing left
    to write to."""
    counts = what_goes_with(source)
    record(
        "source_deleted",
        user=user,
        scan=source.scan,
        title=source.title,
        passages=counts["passages"],
        codings=counts["codings"],
    )
    remove_sources(Source.objects.filter(pk=source.pk))


def remove_sources(sources) -> None:
    """Delete ``sources`` (a queryset) with their passages, codings, vectors, search
    entries and files; the caller records why."""

    from .search import unindex_source

    found = list(sources)
    for source in found:
        unindex_source(source)
    delete_after_commit(source.file for source in found)
    sources.delete()
