"""An uploaded codebook or project waiting between its preview and its import, kept in
the file storage under a key only this session and scan can use."""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

PREFIX = "refi-pending"


def stash(session, scan, filename: str, data: bytes) -> str:
    key = uuid.uuid4().hex
    path = default_storage.save(f"{PREFIX}/{key}/upload", ContentFile(data))
    session[f"{PREFIX}-{key}"] = {"scan": scan.pk, "filename": filename, "path": path}
    return key


def take(session, scan, key: str) -> tuple[str, bytes] | None:
    """The stashed (filename, bytes), removed from storage; None when it is not this
    session's or scan's, or gone."""
    entry = session.pop(f"{PREFIX}-{key}", None) if key.isalnum() else None
    if entry is None or entry["scan"] != scan.pk:
        return None
    try:
        with default_storage.open(entry["path"], "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return None
    default_storage.delete(entry["path"])
    return entry["filename"], data
