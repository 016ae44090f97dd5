"""Text out of documents, as paragraphs on pages (pure: bytes in, plain data out).

A source's text is its paragraphs joined by blank lines; each passage records its
page, paragraph and character offsets into that text, so a quote can always be
traced back to its place.
"""

import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .inspection import UploadRefused

SEPARATOR = "\n\n"
WHITESPACE = re.compile(r"[ \t\u00a0]+")


@dataclass
class Located:
    page: int | None
    paragraph: int
    start: int
    end: int
    text: str


@dataclass
class Extracted:
    text: str
    passages: list
    page_count: int | None
    notes: list


def _clean(text: str) -> str:
    lines = [WHITESPACE.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _paragraphs(text: str) -> list[str]:
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return [p for p in (_clean(block) for block in blocks) if p]


def locate(pages: list[tuple[int | None, list[str]]]) -> Extracted:
    parts, passages, offset = [], [], 0
    number = 0
    for page, paragraphs in pages:
        for paragraph in paragraphs:
            number += 1
            if parts:
                offset += len(SEPARATOR)
            passages.append(Located(page, number, offset, offset + len(paragraph), paragraph))
            parts.append(paragraph)
            offset += len(paragraph)
    page_count = max((p for p, _ in pages if p), default=None)
    return Extracted(SEPARATOR.join(parts), passages, page_count, [])


def _pdf_page_paragraphs(text: str) -> list[str]:
    # PDF text comes as lines; a line ending a sentence or a short line ends a paragraph.
    paragraphs, current = [], []
    for line in (_clean(text) or "").splitlines():
        current.append(line)
        if line.endswith((".", ":", "?", "!")) or len(line) < 40:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [p for p in paragraphs if p.strip()]


def ocr_available() -> bool:
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    result = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "nld" in result.stdout.split()


def _ocr_page(data: bytes, page_number: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "in.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "300",
                "-f",
                str(page_number),
                "-l",
                str(page_number),
                "-png",
                str(pdf),
                str(Path(folder) / "page"),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        image = next(Path(folder).glob("page*.png"))
        result = subprocess.run(
            ["tesseract", str(image), "stdout", "-l", "nld"],
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return result.stdout


def extract_pdf(data: bytes, progress: Callable[[int], None]) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UploadRefused(_("The PDF is protected with a password; it cannot be read."))
        count = len(reader.pages)
    except UploadRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise UploadRefused(_("The PDF is damaged: it cannot be read.")) from None
    if count == 0:
        raise UploadRefused(_("The PDF has no pages."))
    pages, without_text = [], []
    for index, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - one bad page must not lose the others
            text = ""
        paragraphs = _pdf_page_paragraphs(text)
        if not paragraphs:
            without_text.append(index)
        pages.append((index, paragraphs))
        progress(int(index * 100 / count))
    notes = []
    if len(without_text) == count:
        if not ocr_available():
            raise UploadRefused(
                _(
                    "This is a scanned PDF without a text layer. Install Tesseract with Dutch "
                    "data (Debian: tesseract-ocr-nld and poppler-utils) to have it read, or "
                    "upload a version with text."
                )
            )
        pages = [(i, _paragraphs(_ocr_page(data, i))) for i in range(1, count + 1)]
        notes.append(_("Read by text recognition (OCR); check quotes against the original."))
    extracted = locate(pages)
    extracted.page_count = count
    extracted.notes = notes
    return extracted


def extract_docx(data: bytes) -> Extracted:
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text.strip() for cell in row.cells))
    return locate([(None, [c for c in (_clean(p) for p in paragraphs) if c])])


def extract_odt(data: bytes) -> Extracted:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    paragraphs = [
        teletype.extractText(element)
        for element in document.getElementsByType(text.H) + document.getElementsByType(text.P)
    ]
    return locate([(None, [c for c in (_clean(p) for p in paragraphs) if c])])


def extract_html(data: bytes) -> Extracted:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    blocks = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th"])
    paragraphs = [b.get_text(" ", strip=True) for b in blocks] or [soup.get_text("\n")]
    return locate([(None, [c for c in (_clean(p) for p in paragraphs) if c])])


MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def _plain_markdown(text: str) -> str:
    # Headings and emphasis are layout, not words a quote should carry.
    return MARKDOWN_EMPHASIS.sub(r"\2", MARKDOWN_HEADING.sub("", text))


def extract_text(data: bytes, markdown: bool = False) -> Extracted:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if markdown:
        text = _plain_markdown(text)
    return locate([(None, _paragraphs(text))])


def guess_title(extracted: Extracted) -> str | None:
    """A document's first short paragraph, when it reads like a title."""
    if not extracted.passages:
        return None
    first = extracted.passages[0].text
    return first if len(first) <= 120 and "\n" not in first and not first.endswith(".") else None


def extract(
    data: bytes, kind: str, progress: Callable[[int], None] = lambda p: None, markdown=False
) -> Extracted:
    if kind == "pdf":
        extracted = extract_pdf(data, progress)
    else:
        try:
            extracted = {
                "docx": extract_docx,
                "odt": extract_odt,
                "html": extract_html,
                "text": lambda d: extract_text(d, markdown=markdown),
            }[kind](data)
        except UploadRefused:
            raise
        except Exception:  # noqa: BLE001 - a library's own error becomes a clear message
            raise UploadRefused(_("The file is damaged: it cannot be read.")) from None
    if not extracted.passages:
        raise UploadRefused(_("The document contains no text."))
    return extracted
