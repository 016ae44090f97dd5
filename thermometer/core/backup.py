"""Backup and restore of everything a scan holds: the database (as Django's own
serialised data, the same on SQLite and PostgreSQL) and the media files (uploaded
documents, rendered reports), in one .tar.gz; the search index is rebuilt on restore.

What is left out is what the product makes again or must not carry over: sessions,
throttle and lockout records, queued background tasks, content types and permissions
(made by the migrations)."""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from . import restoring

LEFT_OUT = ["contenttypes", "auth.permission", "sessions", "axes", "django_tasks_database"]
DATA = "data.json"
MEDIA = "media/"
MANIFEST = "manifest.json"


class BackupError(ValueError):
    """The message is Dutch and meant for the operator."""


def backup(target: Path) -> dict:
    """Write the backup to ``target``; returns its manifest."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        *[arg for label in LEFT_OUT for arg in ("--exclude", label)],
        "--natural-foreign",
        indent=None,
        stdout=data,
    )
    media_root = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    manifest = {
        "made_at": timezone.now().isoformat(timespec="seconds"),
        "database": connection.vendor,
        "objects": len(json.loads(data.getvalue())),
        "media_files": len(files),
    }
    with tarfile.open(target, "w:gz") as archive:
        _add(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
        _add(archive, DATA, data.getvalue().encode())
        for path in files:
            archive.add(path, arcname=MEDIA + str(path.relative_to(media_root)))
    return manifest


def restore(source: Path) -> dict:
    """Load a backup into an empty, migrated database and the media folder; rebuild the
    search index. Refuses a database that already holds scans. What the apps add (the
    refusal, the seeded rows, the index) they register in ``core.restoring``."""
    refused = restoring.refusal()
    if refused:
        raise BackupError(refused)
    try:
        archive = tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Dit is geen back-up van Thermometer ({error}).") from None
    with archive:
        names = archive.getnames()
        if MANIFEST not in names or DATA not in names:
            raise BackupError(
                "Dit is geen back-up van Thermometer: manifest of gegevens ontbreken."
            )
        manifest = json.loads(archive.extractfile(MANIFEST).read())
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / DATA
            data.write_bytes(archive.extractfile(DATA).read())
            restoring.clear_seeded_rows()
            call_command("loaddata", str(data), verbosity=0)
        media_root = Path(settings.MEDIA_ROOT)
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith(MEDIA):
                relative = member.name.removeprefix(MEDIA)
                target = (media_root / relative).resolve()
                if media_root.resolve() not in target.parents:
                    raise BackupError(f"Onveilig pad in de back-up: {member.name}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.extractfile(member).read())
    manifest.update(restoring.finish())
    return manifest


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))
