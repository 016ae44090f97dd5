"""One upload field for both REFI-QDA files: a .qdc codebook, or a whole project (.qdpx
zip as ATLAS.ti, MAXQDA, NVivo and QualCoder write it, or a bare .qde). The web page's
preview and import go through here; the commands call the same functions underneath."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thermometer.core.tabular import ZIP_MAGIC

from .refi import import_codebook, plan_codebook
from .refi_project import preview_project
from .refi_read import RefiError
from .refi_store import store_project
from .refi_summary import count_lines


@dataclass
class Outcome:
    project: bool  # a whole project, else a codebook
    lines: list = field(default_factory=list)  # counts, Dutch
    warnings: list = field(default_factory=list)
    importable: bool = False


def is_project(filename: str, data: bytes) -> bool:
    if data.startswith(ZIP_MAGIC) or filename.lower().endswith((".qdpx", ".qde")):
        return True
    return b"<Project" in data[:4096] and b"<CodeBook" not in data[:4096].split(b"<Project")[0]


def preview(scan, filename: str, data: bytes) -> Outcome:
    """What importing the upload would do; nothing is stored. RefiError when refused."""
    if is_project(filename, data):
        found = preview_project(scan, data)
        return Outcome(True, count_lines(found.counts), found.warnings, found.importable)
    report = plan_codebook(scan, data)
    counts = {"codes": report.created, "codes_existing": report.existing}
    return Outcome(False, count_lines(counts), report.warnings, report.created > 0)


def store(scan, filename: str, data: bytes, *, user) -> Outcome:
    """Import the upload (RefiError when refused); the same checks as the preview."""
    if is_project(filename, data):
        found = preview_project(scan, data)
        if not found.importable:
            raise RefiError(nothing_to_import())
        report = store_project(scan, found, user=user)
        return Outcome(True, count_lines(report.counts), report.warnings, True)
    report = import_codebook(scan, data, user=user)
    counts = {"codes": report.created, "codes_existing": report.existing}
    return Outcome(False, count_lines(counts), report.warnings, True)


def nothing_to_import() -> str:
    return _("the project holds no codes, readable sources, memos or sets.")
