"""From a reader's blocks to passages as a person reads them (pure).

Every format's reader yields ``Block``s in reading order: headings, paragraphs, list
items and table rows, each with the page it starts and ends on. ``assemble`` makes the
passages: a heading goes with the text under it (alone it is a fragment), a list goes
with its lead-in, a paragraph broken by a page turn is one passage over two pages, a
table is kept as a table (rows on lines, cells joined by " | "), cut into pieces of at
most ``MAX_CHARS`` between rows. The source's text is the passages joined by blank
lines; each passage records its offsets into it.
"""

import re
from dataclasses import dataclass, field

SEPARATOR = "\n\n"
MAX_CHARS = 1500
MAX_LIST_CHARS = 800  # a longer list is cut between items: each piece stays a unit
ROW_PASSAGE = 80  # a table whose rows are this long on average is read row by row
SHORT = 60  # a paragraph shorter than this is a fragment when it stands alone
WHITESPACE = re.compile(r"[ \t\u00a0\u2007\u202f]+")
SENTENCE_END = (".", "!", "?", ";", ":", '"', "”", "’", ")")
CELL_SEPARATOR = " | "

HEADING, PARAGRAPH, LIST_ITEM, TABLE_ROW = "heading", "paragraph", "list_item", "table_row"


@dataclass
class Block:
    kind: str  # HEADING, PARAGRAPH, LIST_ITEM or TABLE_ROW
    text: str  # for a table row: its cells joined by CELL_SEPARATOR
    page: int | None = None
    page_end: int | None = None
    table: int | None = None  # rows of one table share a number
    continues: bool = False  # a paragraph that goes on from the previous block

    def __post_init__(self):
        if self.page_end is None:
            self.page_end = self.page


@dataclass
class Located:
    page: int | None
    paragraph: int
    start: int
    end: int
    text: str
    page_end: int | None = None
    kind: str = "text"  # "text", "list" or "table"


@dataclass
class Extracted:
    text: str
    passages: list
    page_count: int | None
    notes: list = field(default_factory=list)
    title: str | None = None


def clean(text: str) -> str:
    """One space between words, no empty lines, no NUL or control characters."""
    text = "".join(c for c in text if c >= " " or c in "\n\t")
    lines = [WHITESPACE.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def row_text(cells) -> str:
    """A table row as one line: its non-empty cells joined, repeated merged cells once."""
    out = []
    for cell in cells:
        text = WHITESPACE.sub(" ", (cell or "").replace("\n", " ")).strip()
        if text and (not out or out[-1] != text):
            out.append(text)
    return CELL_SEPARATOR.join(out)


@dataclass
class _Piece:
    kind: str  # "text", "list", "table"
    lines: list
    page: int | None
    page_end: int | None
    table: int | None = None
    lead: bool = False  # only headings so far

    @property
    def size(self) -> int:
        return sum(len(line) + 1 for line in self.lines)

    def add(self, text: str, block: Block):
        self.lines.append(text)
        self.reach(block)

    def reach(self, block: Block):
        """The piece runs on to the pages of ``block``."""
        if block.page_end is not None:
            self.page_end = max(self.page_end or block.page_end, block.page_end)
            if self.page is None:
                self.page = block.page


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def _tables_read_by_row(blocks: list[Block]) -> set[int]:
    """The tables of long rows (questions and answers, a list of documents): each row is
    a unit. A table of figures is kept together, cut between rows."""
    rows: dict[int, list[int]] = {}
    for block in blocks:
        if block.kind == TABLE_ROW and block.table is not None:
            rows.setdefault(block.table, []).append(len(block.text))
    return {t for t, lengths in rows.items() if sum(lengths) / len(lengths) >= ROW_PASSAGE}


class _Assembly:
    """Blocks joined into pieces, one kind of block at a time; ``open_piece`` is the
    piece the next block may join."""

    def __init__(self, by_row: set[int]):
        self.by_row = by_row
        self.pieces: list[_Piece] = []
        self.open_piece: _Piece | None = None

    def start(self, kind: str, block: Block, text: str, lead: bool = False) -> None:
        piece = _Piece(kind, [text], block.page, block.page_end, block.table, lead)
        self.pieces.append(piece)
        self.open_piece = piece

    def fits(self, text: str) -> bool:
        piece = self.open_piece
        return piece is not None and piece.size + len(text) <= MAX_CHARS

    def heading(self, block: Block, text: str) -> None:
        piece = self.open_piece
        if piece is not None and piece.lead and self.fits(text) and len(piece.lines) < 4:
            piece.add(text, block)  # stacked headings: "Programma 6" / "6.1 Jeugd"
        else:
            self.start("text", block, text, lead=True)

    def table_row(self, block: Block, text: str) -> None:
        piece = self.open_piece
        same_table = piece is not None and piece.kind == "table" and piece.table == block.table
        if same_table and block.table in self.by_row:
            self.start("table", block, text)
        elif piece is not None and (piece.lead or same_table) and self.fits(text):
            piece.kind, piece.table, piece.lead = "table", block.table, False
            piece.add(text, block)
        else:
            self.start("table", block, text)

    def list_item(self, block: Block, text: str) -> None:
        piece = self.open_piece
        joins = (
            piece is not None
            and piece.size + len(text) <= MAX_LIST_CHARS
            and (
                piece.lead
                or piece.kind == "list"
                or (piece.kind == "text" and piece.lines[-1].endswith(":"))
            )
        )
        if joins:
            piece.kind, piece.lead = "list", False
            piece.add(text, block)
        else:
            self.start("list", block, text)

    def paragraph(self, block: Block, text: str) -> None:
        piece = self.open_piece
        if piece is not None and piece.lead and self.fits(text):
            piece.lead = False
            piece.add(text, block)
        elif (
            piece is not None
            and piece.kind == "text"
            and block.continues
            and not _ends_sentence(piece.lines[-1])
            and piece.size + len(text) <= MAX_CHARS * 2
        ):
            # A sentence broken by a page turn or a column: one paragraph.
            piece.lines[-1] = join_lines([piece.lines[-1], text])
            piece.reach(block)
        elif (
            piece is not None
            and piece.kind == "text"
            and self.fits(text)
            and (len(text) < SHORT or piece.size < SHORT)
            and not piece.lead
            and block.page is not None
            and piece.page_end == block.page
        ):
            # A fragment of a laid-out page ("Met hartelijke groet,") belongs with its
            # neighbour; in a text, Word or web document the author's paragraphs stand.
            piece.add(text, block)
        else:
            self.start("text", block, text)


def assemble(blocks: list[Block]) -> list[tuple[str, str, int | None, int | None]]:
    """Passages as (kind, text, page, page_end) from blocks in reading order."""
    assembly = _Assembly(_tables_read_by_row(blocks))
    by_kind = {
        HEADING: assembly.heading,
        TABLE_ROW: assembly.table_row,
        LIST_ITEM: assembly.list_item,
    }
    for block in blocks:
        text = clean(block.text).replace("\n", " ")
        if text:
            by_kind.get(block.kind, assembly.paragraph)(block, text)
    return [
        (piece.kind, "\n".join(piece.lines), piece.page, piece.page_end)
        for piece in assembly.pieces
    ]


def locate(blocks: list[Block], page_count: int | None = None) -> Extracted:
    """The source text and its located passages, from blocks in reading order."""
    parts, passages, offset = [], [], 0
    for number, (kind, text, page, page_end) in enumerate(assemble(blocks), start=1):
        if parts:
            offset += len(SEPARATOR)
        passages.append(Located(page, number, offset, offset + len(text), text, page_end, kind))
        parts.append(text)
        offset += len(text)
    if page_count is None:
        page_count = max((p.page_end for p in passages if p.page_end), default=None)
    return Extracted(SEPARATOR.join(parts), passages, page_count, [])


HYPHENATED = re.compile(r"([A-Za-zÀ-ÿ]{2,})-$")
NOT_JOINED = frozenset({"en", "of", "tot", "t/m", "noch"})


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as running text; a word hyphenated at a line end is joined
    ("maatschap-" + "pelijke"), a compound cut short is not ("jeugd-" + "en Wmo")."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        match = HYPHENATED.search(out)
        first = line.split(" ", 1)[0]
        if match and line[:1].islower() and first not in NOT_JOINED:
            stem = match.group(1)
            # "Wmo-" + "cliënten" keeps its hyphen; "ondersteu-" + "ning" loses it.
            out = out[:-1] + line if stem.islower() else out + line
        else:
            out = f"{out} {line}"
    return out
