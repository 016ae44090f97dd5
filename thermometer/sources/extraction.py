"""Text out of documents, as passages a reader recognises (pure: bytes in, plain data out).

Each format has a reader in ``reading/`` that yields blocks in reading order (headings,
paragraphs, list items, table rows; for PDF with their pages); ``reading.blocks``
assembles them into passages. A source's text is its passages joined by blank lines;
each passage records its page (range), paragraph number, kind and character offsets into
that text, so a quote can always be traced back to its place.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from thermometer.core.tabular import decode_text

from .inspection import UploadRefused
from .reading.blocks import SEPARATOR, Extracted, Located, locate  # noqa: F401 - public API
from .reading.ocr import ocr_available  # noqa: F401 - public API
from .reading.titles import usable_title


def _located(blocks, title: str | None) -> Extracted:
    """The passages of ``blocks``, titled by the document's own title or else its first
    heading (junk titles left out)."""
    from .reading.blocks import HEADING

    extracted = locate(blocks)
    extracted.title = usable_title(title or "") or next(
        (t for b in blocks if b.kind == HEADING and (t := usable_title(b.text))), None
    )
    return extracted


def extract_text(data: bytes, markdown: bool = False) -> Extracted:
    from .reading.markup import markdown_blocks, text_blocks

    text = decode_text(data)
    return _located(*(markdown_blocks(text) if markdown else (text_blocks(text), None)))


def _readers() -> dict:
    from .reading.markup import html_blocks
    from .reading.office import docx_blocks, odt_blocks

    return {"docx": docx_blocks, "odt": odt_blocks, "html": html_blocks}


def extract(
    data: bytes, kind: str, progress: Callable[[int], None] = lambda p: None, markdown=False
) -> Extracted:
    from .reading.pdf import read_pdf

    if kind == "pdf":
        extracted = read_pdf(data, progress)
    else:
        try:
            if kind == "text":
                extracted = extract_text(data, markdown=markdown)
            else:
                extracted = _located(*_readers()[kind](data))
        except UploadRefused:
            raise
        except Exception:  # noqa: BLE001 - a library's own error becomes a clear message
            raise UploadRefused(_("The file is damaged: it cannot be read.")) from None
    if not extracted.passages:
        if extracted.notes:
            raise UploadRefused(" ".join(str(n) for n in extracted.notes))
        raise UploadRefused(_("The document contains no text."))
    return extracted


def guess_title(extracted: Extracted) -> str | None:
    """The document's own title (metadata or first heading), else its first short line."""
    if extracted.title:
        return extracted.title
    if not extracted.passages:
        return None
    first = extracted.passages[0].text.split("\n", 1)[0]
    if len(first) <= 120 and not first.endswith("."):
        return usable_title(first)
    return None
