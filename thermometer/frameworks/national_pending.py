"""A national file waiting between its preview and its import, kept in the file storage
under a key that only this session and scan can redeem."""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

PREFIX = "national-pending"


def stash(session, scan, filename: str, data: bytes, options: dict) -> str:
    key = uuid.uuid4().hex
    path = default_storage.save(f"{PREFIX}/{key}", ContentFile(data))
    session[f"{PREFIX}-{key}"] = {
        "scan": scan.pk,
        "filename": filename,
        "path": path,
        "options": options,
    }
    return key


def take(session, scan, key: str):
    """(filename, bytes, options), removed from storage; None for a key of another
    session or scan, or one already used."""
    entry = session.pop(f"{PREFIX}-{key}", None) if key.isalnum() else None
    if entry is None or entry["scan"] != scan.pk:
        return None
    with default_storage.open(entry["path"], "rb") as handle:
        data = handle.read()
    default_storage.delete(entry["path"])
    return entry["filename"], data, entry["options"]
