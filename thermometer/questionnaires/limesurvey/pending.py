"""Uploads waiting between the preview and the import, kept in the file storage."""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

PREFIX = "limesurvey-pending"


def stash(session, scan, files: dict) -> str:
    """Keep ``files`` ({name: (filename, bytes)}) under a key this session owns."""
    key = uuid.uuid4().hex
    stored = {}
    for name, (filename, data) in files.items():
        stored[name] = [filename, default_storage.save(f"{PREFIX}/{key}/{name}", ContentFile(data))]
    session[f"{PREFIX}-{key}"] = {"scan": scan.pk, "files": stored}
    return key


def take(session, scan, key: str) -> dict | None:
    """The stashed files, removed from storage; None for a key of another session or scan."""
    entry = session.pop(f"{PREFIX}-{key}", None) if key.isalnum() else None
    if entry is None or entry["scan"] != scan.pk:
        return None
    files = {}
    for name, (filename, path) in entry["files"].items():
        with default_storage.open(path, "rb") as handle:
            files[name] = (filename, handle.read())
        default_storage.delete(path)
    return files
