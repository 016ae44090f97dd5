"""Copy method definitions from YAML files into immutable MethodVersion rows."""

import logging

from django.conf import settings
from django.db import transaction

from .loader import MethodError, checksum, discover_method_files, load_method_file

logger = logging.getLogger(__name__)


class MethodChangedError(MethodError):
    pass


@transaction.atomic
def sync_method_versions(model=None, dirs=None) -> list:
    """Register every method file; refuse a file whose content changed under a used version.

    A version no scan uses yet is refreshed from its file (drafting a method);
    once a scan runs on it, its definition is frozen and a change needs a new
    version number.
    """
    from .models import MethodVersion

    model = model or MethodVersion
    versions = []
    for path in discover_method_files(dirs or settings.METHOD_DIRS):
        definition = load_method_file(path)
        digest = checksum(path.read_text(encoding="utf-8"))
        source_name = f"{path.parent.name}/{path.name}"
        existing = model.objects.filter(
            slug=definition["slug"], version=definition["version"]
        ).first()
        if existing is None:
            existing = model.objects.create(
                slug=definition["slug"],
                version=definition["version"],
                name=definition["name"],
                kind=definition["kind"],
                definition=definition,
                checksum=digest,
                source_name=source_name,
            )
        elif existing.checksum != digest:
            if _is_used(existing):
                raise MethodChangedError(
                    source_name,
                    "version",
                    f"content changed, but scans already run on version {existing.version}; "
                    "give the changed method a new version number",
                )
            existing.definition = definition
            existing.name = definition["name"]
            existing.kind = definition["kind"]
            existing.checksum = digest
            existing.save()
        versions.append(existing)
    return versions


def _is_used(method_version) -> bool:
    return method_version.scans.exists() if hasattr(method_version, "scans") else False
