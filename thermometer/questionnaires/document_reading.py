"""A questionnaire document (DOCX or PDF) as a flat list of elements (pure: bytes in).

An element is a line of text, a list item or a table (rows of cells), in reading
order. Word's tracked changes are read as accepted (inserted text kept, deleted text
left out), a line break inside a paragraph splits it into lines. PDFs are read with
the sources app's page reader: its lines and ruled tables, running headers and
footers dropped.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thermometer.core.safe_xml import DECLARES_ENTITY
from thermometer.core.tabular import OLE2_MAGIC
from thermometer.sources.inspection import UploadRefused, inspect_upload
from thermometer.sources.reading.pdf import furniture, read_layout

MAX_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED = 100 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT, LIST, TABLE = "text", "list", "table"
SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
# A list glyph a PDF writes as text: bullets, boxes and circles for ticking.
GLYPH = re.compile(r"^(?:[•●▪■□☐☑☒◦○◯⚪·∙‣⁃➢➤►✓✔\uf0a7\uf0b7\uf0a8\uf06f\uf071]|o(?=\s))\s*")


class DocumentError(UploadRefused):
    """Why a document cannot be read; the message is Dutch, for the adviser."""


@dataclass
class Element:
    kind: str  # TEXT, LIST or TABLE
    text: str = ""
    rows: list = field(default_factory=list)  # TABLE: list of lists of cell texts
    style: str = ""


def tidy(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def read_document(data: bytes, filename: str) -> tuple[list[Element], str]:
    """The document's elements and its own title (may be empty); DocumentError if unreadable."""
    if not filename.lower().endswith((".docx", ".pdf")):
        raise DocumentError(_("Upload a questionnaire as a Word file (.docx) or a PDF."))
    if data.startswith(OLE2_MAGIC) and filename.lower().endswith(".docx"):
        raise DocumentError(
            _(
                "The document is protected with a password (or is an old .doc file); save it "
                "without a password as .docx and upload it again."
            )
        )
    try:
        kind = inspect_upload(
            data, filename, max_bytes=MAX_BYTES, max_uncompressed=MAX_UNCOMPRESSED
        )
    except UploadRefused as error:
        raise DocumentError(str(error)) from None
    elements, title = docx_elements(data) if kind == "docx" else pdf_elements(data)
    if not any(e.text or e.rows for e in elements):
        raise DocumentError(_("The document contains no text."))
    return elements, title


# Word


def _run_text(element) -> str:
    """Text of a paragraph or cell: w:t (not w:delText), tabs as spaces, breaks as new lines."""
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if any(a.tag == f"{W}moveFrom" for a in node.iterancestors()):
            continue
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        else:
            parts.append(" " if node.tag == f"{W}tab" else "\n")
    return "".join(parts)


def _paragraph_elements(p) -> list[Element]:
    style = p.find(f"{W}pPr/{W}pStyle")
    style = style.get(f"{W}val", "") if style is not None else ""
    listed = p.find(f"{W}pPr/{W}numPr") is not None or style.lower().startswith("list")
    lines = [tidy(line) for line in _run_text(p).split("\n")]
    lines = [line for line in lines if line]
    if listed and lines:
        return [Element(LIST, " ".join(lines), style=style)]
    return [Element(TEXT, line, style=style) for line in lines]


def _table_element(tbl) -> Element:
    rows = []
    for tr in tbl.iter(f"{W}tr"):
        cells = [tidy(_run_text(tc).replace("\n", " ")) for tc in tr.findall(f"{W}tc")]
        if any(cells):
            rows.append(cells)
    return Element(TABLE, rows=rows)


def _walk(parent, out: list[Element]) -> None:
    for child in parent:
        if child.tag == f"{W}p":
            out.extend(_paragraph_elements(child))
        elif child.tag == f"{W}tbl":
            table = _table_element(child)
            if table.rows:
                out.append(table)
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins"):
            _walk(child, out)


def docx_elements(data: bytes) -> tuple[list[Element], str]:
    import docx

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")) and DECLARES_ENTITY.search(archive.read(name)):
                raise DocumentError(
                    _("The file declares XML entities; for safety such a file is not read.")
                )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
        raise DocumentError(_("The file is damaged: it cannot be opened.")) from None
    elements: list[Element] = []
    _walk(document.element.body, elements)
    return elements, tidy(document.core_properties.title or "")


# PDF


def pdf_elements(data: bytes) -> tuple[list[Element], str]:
    """Lines and ruled tables of each page by height (the sources' PDF reader); running
    headers and footers dropped."""
    try:
        pages, _metadata = read_layout(data)
    except UploadRefused as error:
        raise DocumentError(str(error)) from None
    running = furniture(pages)
    elements: list[Element] = []
    for page in pages:
        placed = [
            (line.top, _pdf_line(line))
            for index, line in enumerate(page.lines)
            if (page.number, index) not in running
        ]
        placed += [(top, Element(TABLE, rows=_pdf_rows(rows))) for top, rows in page.tables]
        elements.extend(element for _, element in sorted(placed, key=lambda pair: pair[0]))
    if not any(e.text or e.rows for e in elements):
        raise DocumentError(
            _(
                "The PDF has no text layer (a scan?); upload the questionnaire as Word or a PDF "
                "with text."
            )
        )
    return elements, ""


def _pdf_line(line) -> Element:
    text = tidy(line.text)
    if GLYPH.match(text):
        return Element(LIST, tidy(GLYPH.sub("", text)))
    return Element(TEXT, text)


def _pdf_rows(rows) -> list:
    return [[tidy((cell or "").replace("\n", " ")) for cell in row] for row in rows]
