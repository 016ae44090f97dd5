"""Check an upload before reading it: size, real type, archive bombs (pure)."""

import io
import zipfile

from django.utils.translation import gettext as _

from thermometer.core.tabular import ZIP_MAGIC, zip_bomb

EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "odt": "odt",
    "txt": "text",
    "md": "text",
    "markdown": "text",
    "html": "html",
    "htm": "html",
}


class UploadRefused(ValueError):
    """The message is Dutch, for the adviser, and names what is wrong."""


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _zip_kind(data: bytes, max_uncompressed: int, max_ratio: int) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UploadRefused(_("The file is damaged: it cannot be opened.")) from None
    if zip_bomb(archive, packed_size=len(data), max_unpacked=max_uncompressed, max_ratio=max_ratio):
        raise UploadRefused(
            _("The file unpacks to far more than its own size (a “zip bomb”); it is not read.")
        )
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names and archive.read("mimetype").startswith(
        b"application/vnd.oasis.opendocument.text"
    ):
        return "odt"
    return "zip"


def inspect_upload(
    data: bytes, filename: str, *, max_bytes: int, max_uncompressed: int, max_ratio: int = 100
) -> str:
    """The kind of document to read ("pdf", "docx", "odt", "text", "html"), or UploadRefused."""
    expected = EXTENSIONS.get(extension(filename))
    if expected is None:
        raise UploadRefused(
            _("“.%(ext)s” files cannot be read. Use PDF, DOCX, ODT, TXT, Markdown or HTML.")
            % {"ext": extension(filename) or "?"}
        )
    if len(data) > max_bytes:
        from django.template.defaultfilters import filesizeformat

        raise UploadRefused(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(max_bytes)}
        )
    if not data.strip():
        raise UploadRefused(_("The file is empty."))
    if data.startswith(b"%PDF-"):
        actual = "pdf"
    elif data.startswith(ZIP_MAGIC):
        actual = _zip_kind(data, max_uncompressed, max_ratio)
    elif b"\x00" in data[:8192]:
        actual = "binary"
    else:
        head = data[:2048].lstrip().lower()
        actual = "html" if head.startswith((b"<!doctype html", b"<html")) else "text"
    if actual == "text" and expected == "html":
        actual = "html"  # an HTML fragment without <html> is still HTML
    if actual == "html" and expected == "text":
        actual = "text"  # Markdown may start with a tag; read it as text
    if actual != expected:
        raise UploadRefused(
            _("The content does not match the extension “.%(ext)s”: this is not a %(kind)s file.")
            % {"ext": extension(filename), "kind": expected.upper()}
        )
    return actual
