"""A whole REFI-QDA project (.qdpx) into a scan: first a preview, then the import.

``preview_project`` reads the project (``refi_read``) and every source by the sources
app's own readers (``sources.extraction``, the same code the background reading runs),
maps each selection onto the passages (``refi_align``) and counts what would be stored,
with every warning; it writes nothing. ``refi_store.store_project`` then stores it all in
one transaction. The web page and ``manage.py import_qdpx`` both go this way.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thermometer.sources.extraction import extract
from thermometer.sources.inspection import UploadRefused, inspect_upload
from thermometer.sources.services import limits

from .constants import Assessment
from .refi_align import locate, offset_map, pieces
from .refi_read import RefiError, RefiProject, read_project

__all__ = ["RefiError", "preview_project"]


@dataclass
class PlannedSource:
    refi: object  # RefiSource
    filename: str
    existing: object = None  # a Source of the scan with the same file
    refused: str = ""  # Dutch reason; the source is then not stored


@dataclass
class MappedCoding:
    selection: object  # RefiSelection
    coding: object  # RefiCoding
    passage: int  # index into the source's passages
    start: int
    end: int


@dataclass
class Preview:
    project: RefiProject
    sources: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    @property
    def importable(self) -> bool:
        return any(self.counts.get(k) for k in ("codes", "sources", "memos", "sets"))


def filename_for(source) -> str:
    """The name the source is read under: its own name with the extension of its kind."""
    stem = source.name.rsplit(".", 1)[0] if "." in source.name[-6:] else source.name
    stem = "".join(c for c in stem if c not in '/\\:*?"<>|\x00').strip() or "bron"
    return f"{stem[:150]}.{'pdf' if source.kind == 'pdf' else 'txt'}"


def read_source(planned) -> tuple[str, list] | None:
    """The product's text and passage spans of a planned source, read as the sources
    app reads an upload; None (and ``refused`` set) when it cannot be read."""
    try:
        kind = inspect_upload(planned.refi.data, planned.filename, **limits())
        extracted = extract(planned.refi.data, kind)
    except UploadRefused as refused:
        planned.refused = str(refused)
        return None
    return extracted.text, [(p.start, p.end) for p in extracted.passages]


def map_selections(refi_source, text: str, spans: list, known_codes: set, warnings: list):
    """Every coding of ``refi_source``'s selections on the product's passages."""
    mapping = offset_map(refi_source.plain_text, text) if refi_source.plain_text else None
    found = []
    for selection in refi_source.selections:
        expected = None
        if mapping and selection.start is not None and selection.end is not None:
            if not 0 <= selection.start < selection.end <= len(refi_source.plain_text):
                warnings.append(_selection_warning(refi_source, selection, "range"))
                continue
            expected = (mapping[selection.start], mapping[selection.end])
        span = locate(selection.quote, text, expected) if selection.quote.strip() else None
        if span is None:
            warnings.append(_selection_warning(refi_source, selection, "text"))
            continue
        parts = pieces(span, spans)
        if len(parts) > 1:
            warnings.append(_selection_warning(refi_source, selection, "split", len(parts)))
        for coding in selection.codings:
            if coding.code not in known_codes:
                warnings.append(_selection_warning(refi_source, selection, "code"))
                continue
            found += [MappedCoding(selection, coding, p.passage, p.start, p.end) for p in parts]
    return found


def _selection_warning(source, selection, problem, count=0) -> str:
    quote = " ".join(selection.quote.split())
    where = _("Selection “%(quote)s” in “%(source)s”") % {
        "quote": quote[:50] + ("…" if len(quote) > 50 else ""),
        "source": source.name,
    }
    reason = {
        "range": _("its positions fall outside the text; skipped."),
        "text": _("its text was not found in the source as read; skipped."),
        "code": _("a coding refers to a code that is not in the codebook; that coding skipped."),
        "split": _("it runs over %(count)d passages; it is coded in each of them.")
        % {"count": count},
    }[problem]
    return f"{where}: {reason}"


def assessment_and_memo(description: str) -> tuple[str, str]:
    """The assessment and memo this product's export wrote into a selection's
    description ("Positief. Kern van de visie"); another tool's text is the memo."""
    from django.utils import translation

    text = (description or "").strip()
    for value in Assessment:
        for language in ("nl", "en"):
            with translation.override(language):
                label = f"{value.label}."
            if text == label or text.startswith(label + " "):
                return value.value, text[len(label) :].strip()
    return Assessment.NEUTRAL.value, text


def preview_project(scan, data: bytes) -> Preview:
    """What importing ``data`` into ``scan`` would store, and every warning; writes nothing."""
    project = read_project(data)
    preview = Preview(project=project, warnings=list(project.warnings))
    known = {c.guid for c in project.all_codes()}
    codings = []
    for refi in project.sources:
        planned = PlannedSource(refi, filename_for(refi))
        preview.sources.append(planned)
        read = read_source(planned)
        if read is None:
            preview.warnings.append(
                _("“%(name)s” cannot be read: %(reason)s")
                % {"name": refi.name, "reason": planned.refused}
            )
            continue
        planned.existing = _same_file(scan, refi.data)
        if planned.existing is not None:
            preview.warnings.append(
                _("“%(name)s” is already in this scan as “%(title)s”; its codings go onto that.")
                % {"name": refi.name, "title": planned.existing.title}
            )
        codings += map_selections(refi, *read, known, preview.warnings)
    preview.counts = _counts(project, preview, codings)
    return preview


def _same_file(scan, data: bytes):
    import hashlib

    return scan.sources.filter(sha256=hashlib.sha256(data).hexdigest()).first()


def _counts(project, preview, codings) -> dict:
    used = {c.coding.creator for c in codings if c.coding.creator}
    used |= {n.creator for n in project.notes if n.creator}
    return {
        "codes": sum(1 for _code in project.all_codes()),
        "sources": sum(1 for s in preview.sources if not s.refused),
        "selections": len({c.selection.guid or id(c.selection) for c in codings}),
        "codings": len(codings),
        "memos": len(project.notes),
        "sets": len(project.sets),
        "coders": len(used),
    }
