"""A PDF's layout into blocks as a reader sees them (pure: bytes in, blocks out).

pdfplumber (MIT, on pdfminer.six) gives every word with its position, size and font,
and finds ruled tables; from those this module rebuilds what a reader sees:

- lines of words, paragraphs from lines (a blank line's worth of space, a short line
  ending a sentence, an indent, a change of size or weight starts a new one), a word
  hyphenated at a line end joined again;
- headings (larger or bold short lines, numbered sections), list items (bullets and
  enumerations) with their continuation lines;
- running headers and footers dropped: a line at the same height near the top or bottom
  edge on three or more pages, and page numbers ("Pagina 5 van 120", "- 5 -");
- tables kept as tables: ruled tables as pdfplumber finds them, unruled ones from
  columns of aligned figures; their words never end up in the running text;
- a page that is only an image inside a text PDF read by text recognition where it is
  installed, and otherwise a note naming the page.

pdfplumber was chosen after measuring it against pypdf (the previous reader, which only
gives lines) and pypdfium2 (fast, but no fonts or tables): see docs/adr.
"""

import io
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thermometer.sources.inspection import UploadRefused

from .blocks import HEADING, LIST_ITEM, PARAGRAPH, TABLE_ROW, Block, join_lines, row_text
from .ocr import ocr_available, ocr_blocks

EDGE = 0.12  # share of the page height where running headers and footers live
WIDE_GAP = 2.2  # a gap of this many font sizes between words separates table cells
PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"(?:\s*(?:van|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
BULLET = re.compile(
    r"^(?:[•●▪■◦○·∙‣⁃➢➤►✓✔\-–—*\uf0a7\uf0b7\uf0d8\uf076\uf0fc\uf06e\uf0a8]|o(?=\s))\s*"
)
ENUMERATION = re.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|\(?[a-z]\)|[ivx]{1,4}[.)])\s+")
NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\S")
FIGURE = re.compile(r"\d|%|€")
# A line of a table of contents: words, dot leaders, a page number.
CONTENTS_LINE = re.compile(r"^(?P<entry>.+?)\s*(?:[.…·_]\s*){4,}\s*(?P<page>\d{1,4})$")
GENERIC_TITLES = re.compile(
    r"^(?:inhoud(?:sopgave|sopgaaf)?|voorwoord|colofon|inleiding|samenvatting|bijlagen?)\W*$",
    re.IGNORECASE,
)
MIN_TEXT_CHARS = 20  # fewer characters than this on a page with an image: an image page


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    cells: list  # texts between wide gaps


def _lines(words: list[dict]) -> list[Line]:
    """Words grouped into lines (by height), left to right, with cells at wide gaps."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        for row in reversed(rows[-3:]):
            ref = row[0]
            overlap = min(ref["bottom"], word["bottom"]) - max(ref["top"], word["top"])
            if overlap > 0.5 * min(ref["bottom"] - ref["top"], word["bottom"] - word["top"]):
                row.append(word)
                break
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = statistics.median(w.get("size", 10) for w in row)
        cells, current = [], [row[0]["text"]]
        for previous, word in zip(row, row[1:], strict=False):
            if word["x0"] - previous["x1"] > WIDE_GAP * size:
                cells.append(" ".join(current))
                current = []
            current.append(word["text"])
        cells.append(" ".join(current))
        bold_chars = sum(len(w["text"]) for w in row if _is_bold(w.get("fontname", "")))
        lines.append(
            Line(
                text=" ".join(cells),
                x0=row[0]["x0"],
                x1=max(w["x1"] for w in row),
                top=min(w["top"] for w in row),
                bottom=max(w["bottom"] for w in row),
                size=round(size * 2) / 2,
                bold=bold_chars > 0.6 * sum(len(w["text"]) for w in row),
                cells=cells,
            )
        )
    lines.sort(key=lambda line: line.top)
    return lines


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", ",b"))


@dataclass
class Page:
    number: int
    height: float
    lines: list  # Line
    tables: list  # (top, rows)
    image_only: bool


def _read_page(page, number: int) -> Page:
    tables = []
    boxes = []
    for table in page.find_tables():
        rows = [row for row in table.extract() if any(cell for cell in row)]
        if len(rows) >= 2 and max(len(row) for row in rows) >= 2:
            tables.append((table.bbox[1], rows))
            boxes.append(table.bbox)
    words = page.extract_words(
        x_tolerance=1.5, y_tolerance=2, extra_attrs=["size", "fontname"], use_text_flow=False
    )

    def in_table(word):
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    words = [w for w in words if not in_table(w)]
    chars = sum(len(w["text"]) for w in words)
    image_only = chars < MIN_TEXT_CHARS and not tables and bool(page.images)
    return Page(number, float(page.height), _lines(words), tables, image_only)


def furniture(pages: list[Page]) -> set[tuple[int, int]]:
    """(page number, line number) of running headers, footers and page numbers."""
    found: set[tuple[int, int]] = set()
    seen: dict[tuple, list] = defaultdict(list)
    for page in pages:
        for i, line in enumerate(page.lines):
            near_top = line.bottom < page.height * EDGE
            near_bottom = line.top > page.height * (1 - EDGE)
            if not (near_top or near_bottom):
                continue
            if PAGE_NUMBER.match(line.text.strip()):
                found.add((page.number, i))
                continue
            # The same words (numbers aside) at the same height on several pages.
            key = (re.sub(r"\d+", "#", line.text.lower()), round(line.top / 4))
            seen[key].append((page.number, i))
    for places in seen.values():
        if len({number for number, _ in places}) >= 3:
            found.update(places)
    return found


def _body_style(pages: list[Page]) -> tuple[float, float, float]:
    """The body text's size, the usual space between its lines, and its right edge."""
    sizes: Counter = Counter()
    gaps, right = [], []
    for page in pages:
        for previous, line in zip(page.lines, page.lines[1:], strict=False):
            if line.size == previous.size:
                gap = line.top - previous.bottom
                if 0 <= gap < 3 * line.size:
                    gaps.append(gap)
        for line in page.lines:
            sizes[line.size] += len(line.text)
            right.append(line.x1)
    size = sizes.most_common(1)[0][0] if sizes else 10.0
    gap = statistics.median(gaps) if gaps else size * 0.3
    right.sort()
    edge = right[int(len(right) * 0.9)] if right else 500.0
    return size, gap, edge


def _is_table_run(run: list[Line]) -> bool:
    with_figures = sum(1 for line in run if any(FIGURE.search(c) for c in line.cells[1:]))
    return len(run) >= 3 and with_figures >= 0.4 * len(run)


class _Layout:
    def __init__(self, pages: list[Page]):
        self.pages = pages
        self.size, self.gap, self.right = _body_style(pages)
        self.furniture = furniture(pages)
        # A line ending this far before the right edge ends its paragraph.
        self.short_line = self.right - 0.12 * (self.right - 50)
        self.table_number = 0

    def is_heading(self, line: Line) -> bool:
        text = line.text.strip()
        if len(text) > 140 or text.endswith((".", ",", ";")) or BULLET.match(text):
            return False
        if line.size >= self.size + 1:
            return True
        if line.bold and len(text) < 120 and not text.endswith(":"):
            return True
        return bool(NUMBERED_HEADING.match(text)) and len(text) < 90 and not line.size < self.size

    def blocks(self, page: Page) -> list[Block]:
        lines = [
            line for i, line in enumerate(page.lines) if (page.number, i) not in self.furniture
        ]
        items: list[tuple[float, object]] = [(line.top, line) for line in lines]
        items += [(top, rows) for top, rows in page.tables]
        items.sort(key=lambda item: item[0])
        builder = _PageBlocks(self, page.number)
        run: list[Line] = []  # lines with cells, perhaps an unruled table
        for _top, item in items:
            if isinstance(item, list):  # a ruled table
                builder.lines(run)
                run = []
                builder.table([row_text(row) for row in item])
            elif len(item.cells) >= 2:
                run.append(item)
            else:
                builder.lines(run)
                run = []
                builder.line(item)
        builder.lines(run)
        builder.flush()
        # The first paragraph of a page may go on from the last one of the page before.
        for block in builder.blocks:
            if block.kind == PARAGRAPH:
                block.continues = True
            break
        return builder.blocks


class _PageBlocks:
    """The blocks of one page, built line by line: the paragraph being read and its kind."""

    def __init__(self, layout: _Layout, page_number: int):
        self.layout = layout
        self.page = page_number
        self.blocks: list[Block] = []
        self.current: list[Line] = []
        self.kind = PARAGRAPH
        self.current_heading = False  # whether the last line of ``current`` is a heading

    def flush(self):
        if self.current:
            text = join_lines([line.text for line in self.current])
            if self.kind == LIST_ITEM:
                text = BULLET.sub("", text, count=1)
            self.blocks.append(Block(self.kind, text, self.page))
        self.current = []
        self.kind = PARAGRAPH

    def table(self, rows: list[str]):
        self.flush()
        self.layout.table_number += 1
        for text in rows:
            if text:
                self.blocks.append(
                    Block(TABLE_ROW, text, self.page, table=self.layout.table_number)
                )

    def lines(self, run: list[Line]):
        """Lines with cells: an unruled table when figures stand in its columns."""
        if _is_table_run(run):
            self.table([row_text(line.cells) for line in run])
        else:
            for line in run:
                self.line(line)

    def line(self, line: Line):
        layout = self.layout
        text = line.text.strip()
        contents = CONTENTS_LINE.match(text)
        if contents:
            # An entry of the table of contents, without its dot leaders.
            self.flush()
            entry = f"{contents['entry']} … {contents['page']}"
            self.blocks.append(Block(LIST_ITEM, entry, self.page))
            return
        heading = layout.is_heading(line)
        starts_item = bool(BULLET.match(text) or ENUMERATION.match(text))
        if self.current:
            previous = self.current[-1]
            gap = line.top - previous.bottom
            near = gap <= layout.gap + 0.6 * layout.size
            breaks = (
                heading != self.current_heading
                or not near
                or gap < -2  # went back up: another column or a float
                or abs(line.size - previous.size) > 0.6
                or (starts_item and not heading)
                or (
                    previous.text.rstrip().endswith((".", "!", "?", ":"))
                    and (previous.x1 < layout.short_line or line.x0 > previous.x0 + 8)
                    and not self.current_heading
                )
            )
            # A list item's continuation lines hang under its text, not under its bullet.
            hangs = (
                not heading
                and not starts_item
                and BULLET.match(self.current[0].text)
                and line.x0 > self.current[0].x0 + 3
                and near
            )
            if breaks and not hangs:
                self.flush()
        if not self.current:
            self.kind = HEADING if heading else LIST_ITEM if starts_item else PARAGRAPH
        self.current.append(line)
        self.current_heading = heading


def _title(metadata: dict, pages: list[Page]) -> str | None:
    from .titles import usable_title

    title = usable_title(str(metadata.get("Title") or ""))
    if title:
        return title
    candidates = [
        [
            line
            for line in page.lines
            if len(line.text) > 3 and not GENERIC_TITLES.match(line.text.strip())
        ]
        for page in pages[:3]
    ]
    sizes = [line.size for lines in candidates for line in lines]
    if not sizes:
        return None
    largest = max(sizes)
    for lines in candidates:
        picked = [line.text for line in lines if line.size == largest]
        if picked:
            return usable_title(join_lines(picked[:3])[:200])
    return None


def _page_count(data: bytes) -> int:
    """The number of pages; refused when the file does not open, is locked or is empty."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf answers quickly whether the file opens, is encrypted or is empty.
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
    return count


def _read_pages(data: bytes, count: int, progress: Callable[[int], None]):
    """Each page's lines and tables (the first 80% of the progress) and the metadata."""
    import pdfplumber

    pages: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            metadata = dict(pdf.metadata or {})
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    pages.append(_read_page(page, number))
                except Exception:  # noqa: BLE001 - one bad page must not lose the others
                    pages.append(Page(number, float(page.height or 842), [], [], True))
                finally:
                    page.close()  # frees the page's objects: memory stays flat
                progress(int(number * 80 / count))
    except UploadRefused:
        raise
    except Exception:  # noqa: BLE001 - pdfminer's own errors become a clear message
        raise UploadRefused(_("The PDF is damaged: it cannot be read.")) from None
    return pages, metadata


def _page_blocks(data: bytes, pages: list[Page], count: int, progress: Callable[[int], None]):
    """The blocks of every page (text pages by layout, image pages by OCR where it is
    installed), with the pages read by OCR, the image pages left unread, and whether
    OCR was available."""
    image_pages = [p.number for p in pages if p.image_only or not (p.lines or p.tables)]
    if len(image_pages) == count and not ocr_available():
        raise UploadRefused(
            _(
                "This is a scanned PDF without a text layer. Install Tesseract with Dutch "
                "data (Debian: tesseract-ocr-nld and poppler-utils) to have it read, or "
                "upload a version with text."
            )
        )
    layout = _Layout([p for p in pages if p.number not in image_pages])
    ocr = ocr_available() if image_pages else False
    blocks: list[Block] = []
    read_by_ocr, unread = [], []
    for page in pages:
        if page.number in image_pages:
            if not (page.image_only or len(image_pages) == count):
                continue  # an empty page: nothing to read
            page_blocks = ocr_blocks(data, page.number) if ocr else []
            (read_by_ocr if page_blocks else unread).append(page.number)
            blocks.extend(page_blocks)
        else:
            blocks.extend(layout.blocks(page))
        progress(80 + int(page.number * 20 / count))
    return blocks, read_by_ocr, unread, ocr


def _reading_notes(read_by_ocr: list[int], unread: list[int], ocr: bool) -> list[str]:
    """What the adviser should know about pages read by OCR or not read at all."""
    notes = []
    if read_by_ocr:
        notes.append(
            _("Read by text recognition (OCR), check quotes against the original: page %(pages)s.")
            % {"pages": _page_list(read_by_ocr)}
        )
    if unread and ocr:
        notes.append(
            _("Not read: text recognition found no text on page %(pages)s.")
            % {"pages": _page_list(unread)}
        )
    elif unread:
        notes.append(
            _(
                "Not read: page %(pages)s contains only an image, and text recognition "
                "(Tesseract with Dutch data) is not installed."
            )
            % {"pages": _page_list(unread)}
        )
    return notes


def read_layout(data: bytes, progress: Callable[[int], None] | None = None):
    """(each page's lines and tables, the metadata); ``UploadRefused`` when the file does
    not open, is locked or is empty. For readers that want the layout, not passages (a
    questionnaire read from a PDF)."""
    return _read_pages(data, _page_count(data), progress or (lambda _percent: None))


def read_pdf(data: bytes, progress: Callable[[int], None]):
    """The PDF read into passages, with its page count, notes (image pages) and title."""
    from .blocks import locate

    count = _page_count(data)
    pages, metadata = _read_pages(data, count, progress)
    blocks, read_by_ocr, unread, ocr = _page_blocks(data, pages, count, progress)
    extracted = locate(blocks, count)
    extracted.notes = _reading_notes(read_by_ocr, unread, ocr)
    extracted.title = _title(metadata, pages)
    return extracted


def _page_list(numbers: list[int]) -> str:
    """ "3, 7–9, 12" for the pages 3, 7, 8, 9 and 12."""
    ranges, start, previous = [], None, None
    for number in numbers:
        if start is None:
            start = previous = number
        elif number == previous + 1:
            previous = number
        else:
            ranges.append((start, previous))
            start = previous = number
    if start is not None:
        ranges.append((start, previous))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)
