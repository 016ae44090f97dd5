"""The elements of a REFI-QDA <Project> as plain data (pure; see ``refi_read``).

Tolerant by design: an element this product cannot hold (pictures, audio, video,
graphs, links, variables, cases, PDF regions without text) is skipped with a warning
that names it, never silently.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from .refi_read import (
    RefiCode,
    RefiCoding,
    RefiNote,
    RefiSelection,
    RefiSet,
    RefiSource,
    child,
    children,
    guid_of,
    local,
    text_of,
)

COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
DEFAULT_COLOUR = "#4a4a4a"
UNSUPPORTED = {
    "PictureSource": _lazy("picture"),
    "AudioSource": _lazy("audio"),
    "VideoSource": _lazy("video"),
}


def read_elements(root, archive, project) -> None:
    for user in (u for users in children(root, "Users") for u in children(users, "User")):
        if guid := guid_of(user.get("guid")):
            project.users[guid] = user.get("name", "")
    for book in children(root, "CodeBook"):
        for codes in children(book, "Codes"):
            project.codes += [c for e in children(codes, "Code") if (c := _code(e, project))]
    for sources in children(root, "Sources"):
        for element in sources:
            source = _source(element, archive, project)
            if source is not None:
                project.sources.append(source)
    for notes in children(root, "Notes"):
        project.notes += [n for e in children(notes, "Note") if (n := _note(e))]
    for sets in children(root, "Sets"):
        project.sets += [s for e in children(sets, "Set") if (s := _set(e))]
    for name in ("Variables", "Cases", "Links", "Graphs"):
        if child(root, name) is not None and len(child(root, name)):
            project.warnings.append(
                _("The project's <%(element)s> cannot be kept in a scan and were skipped.")
                % {"element": name}
            )


def _colour(value: str | None) -> str:
    value = (value or "").strip()
    if not COLOUR.match(value):
        return DEFAULT_COLOUR
    if len(value) == 4:  # #abc -> #aabbcc
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.lower()


def _note_refs(element) -> list[str]:
    return [g for ref in children(element, "NoteRef") if (g := guid_of(ref.get("targetGUID")))]


def _code(element, project) -> RefiCode | None:
    guid, name = guid_of(element.get("guid")), (element.get("name") or "").strip()
    if not name:
        project.warnings.append(_("A code without a name was skipped, with the codes under it."))
        return None
    code = RefiCode(
        guid=guid,
        name=name,
        colour=_colour(element.get("color")),
        codable=(element.get("isCodable") or "true").strip().lower() not in ("false", "0"),
        description=text_of(element, "Description"),
        notes=_note_refs(element),
    )
    code.children = [c for e in children(element, "Code") if (c := _code(e, project))]
    return code


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def _plain_text(element, archive) -> tuple[str | None, bytes | None]:
    """A text source's (or representation's) plain text, and the bytes it came from."""
    inline = child(element, "PlainTextContent")
    if inline is not None and inline.text:
        return inline.text, inline.text.encode("utf-8")
    data = archive.source(element.get("plainTextPath") or "")
    return (_decode(data), data) if data is not None else (None, None)


def _source(element, archive, project) -> RefiSource | None:
    kind = local(element)
    name = (element.get("name") or "").strip() or _("Source without a name")
    if kind in UNSUPPORTED or kind not in ("TextSource", "PDFSource"):
        project.warnings.append(
            _("“%(name)s” (%(kind)s) was skipped: a scan holds text and PDF sources only.")
            % {"name": name, "kind": UNSUPPORTED.get(kind, kind)}
        )
        return None
    source = RefiSource(
        guid=guid_of(element.get("guid")),
        name=name,
        kind="text",
        description=text_of(element, "Description"),
        notes=_note_refs(element),
    )
    if kind == "TextSource":
        source.plain_text, source.data = _plain_text(element, archive)
        selections_of = element
    else:
        source.kind = "pdf"
        source.data = archive.source(element.get("path") or "")
        selections_of = child(element, "Representation")
        if selections_of is not None:
            source.plain_text, _data = _plain_text(selections_of, archive)
        source.selections += _pdf_selections(element, name, project)
    if source.data is None:
        project.warnings.append(
            _(
                "The file of “%(name)s” is not in the archive (only files inside a .qdpx are "
                "read); the source and its codings were skipped."
            )
            % {"name": name}
        )
        return None
    if selections_of is not None:
        source.selections += [
            _selection(e, source.plain_text) for e in children(selections_of, "PlainTextSelection")
        ]
    if children(element, "Coding"):
        project.warnings.append(
            _("Codings of the whole source “%(name)s” were skipped: a scan codes passages.")
            % {"name": name}
        )
    return source


def _codings(element) -> list[RefiCoding]:
    found = []
    for coding in children(element, "Coding"):
        ref = child(coding, "CodeRef")
        code = guid_of(ref.get("targetGUID")) if ref is not None else ""
        found.append(
            RefiCoding(
                guid=guid_of(coding.get("guid")),
                code=code,
                creator=guid_of(coding.get("creatingUser")),
                notes=_note_refs(coding),
            )
        )
    return found


def _position(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _selection(element, text) -> RefiSelection:
    start, end = _position(element.get("startPosition")), _position(element.get("endPosition"))
    return RefiSelection(
        guid=guid_of(element.get("guid")),
        start=start,
        end=end,
        creator=guid_of(element.get("creatingUser")),
        description=text_of(element, "Description"),
        quote=text[start:end] if text and start is not None and end is not None else "",
        codings=_codings(element),
        notes=_note_refs(element),
    )


def _pdf_selections(element, name, project) -> list[RefiSelection]:
    """PDF regions that carry their text: found again in the PDF's text by that text."""
    found, regions = [], 0
    for selection in children(element, "PDFSelection"):
        representation = child(selection, "Representation")
        quote = text_of(representation, "PlainTextContent") if representation is not None else ""
        if not quote.strip():
            regions += 1
            continue
        found.append(
            RefiSelection(
                guid=guid_of(selection.get("guid")),
                start=None,
                end=None,
                creator=guid_of(selection.get("creatingUser")),
                description=text_of(selection, "Description"),
                quote=quote,
                codings=_codings(selection),
                notes=_note_refs(selection),
            )
        )
    if regions:
        project.warnings.append(
            ngettext(
                "%(count)d PDF region of “%(name)s” carries no text and was skipped.",
                "%(count)d PDF regions of “%(name)s” carry no text and were skipped.",
                regions,
            )
            % {"count": regions, "name": name}
        )
    return found


def _note(element) -> RefiNote | None:
    text = text_of(element, "PlainTextContent")
    return RefiNote(
        guid=guid_of(element.get("guid")),
        name=(element.get("name") or "").strip() or text[:60] or _("Memo"),
        text=text,
        description=text_of(element, "Description"),
        creator=guid_of(element.get("creatingUser")),
    )


def _set(element) -> RefiSet:
    def targets(name):
        return [g for e in children(element, name) if (g := guid_of(e.get("targetGUID")))]

    return RefiSet(
        guid=guid_of(element.get("guid")),
        name=(element.get("name") or "").strip() or _("Set"),
        description=text_of(element, "Description"),
        codes=targets("MemberCode"),
        sources=targets("MemberSource"),
    )
