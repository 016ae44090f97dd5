"""What an import waits with between its preview and its confirmation: the uploaded files in
the file storage and plain data in the session, under a key only this session and scan can
redeem, once. Every import's preview (LimeSurvey, SPSS, REFI-QDA, national indicator files,
questionnaires from a document, financial figures) stashes here, so a double submit imports
nothing twice and ``privacy.cleanup`` finds every abandoned upload in one place."""

import uuid
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

PREFIX = "pending"
# Where uploads waited before they all waited here; the cleanup still sweeps them.
EARLIER_PREFIXES = ("limesurvey-pending",)


class Stashed(NamedTuple):
    files: dict  # {name: (filename, bytes)}
    data: dict


def stash(session, scan, files: dict | None = None, data: dict | None = None) -> str:
    """Keep ``files`` ({name: (filename, bytes)}) and JSON-safe ``data``; returns the key."""
    key = uuid.uuid4().hex
    stored = {}
    for name, (filename, content) in (files or {}).items():
        path = default_storage.save(f"{PREFIX}/{key}/{name}", ContentFile(content))
        stored[name] = [filename, path]
    session[f"{PREFIX}-{key}"] = {"scan": scan.pk, "files": stored, "data": data or {}}
    return key


def take(session, scan, key: str) -> Stashed | None:
    """What was stashed, removed from storage and session; None for a key of another
    session or scan, one already taken, or files that are gone."""
    entry = session.pop(f"{PREFIX}-{key}", None) if key.isalnum() else None
    if entry is None or entry["scan"] != scan.pk:
        return None
    files = {}
    try:
        for name, (filename, path) in entry["files"].items():
            with default_storage.open(path, "rb") as handle:
                files[name] = (filename, handle.read())
    except FileNotFoundError:
        return None
    for _filename, path in entry["files"].values():
        default_storage.delete(path)
    return Stashed(files, entry["data"])
