"""HTML, Markdown and plain text into blocks (pure).

Markdown is rendered to HTML by markdown-it-py (CommonMark with tables), so both share
one reader: headings, paragraphs, list items, block quotes without their markers, and
tables row by row. Markdown's syntax never reaches a passage.
"""

import re

from .blocks import HEADING, LIST_ITEM, PARAGRAPH, TABLE_ROW, Block, join_lines, row_text

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CONTAINERS = {
    "html",
    "body",
    "main",
    "article",
    "section",
    "div",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "figure",
    "aside",
    "form",
    "fieldset",
    "details",
    "center",
}
PARAGRAPHS = {"p", "pre", "dd", "dt", "figcaption", "summary", "address", "caption"}
SKIPPED_TAGS = ["script", "style", "nav", "header", "footer", "noscript", "template", "svg"]
# Plain text: a line of only "=" or "-" underlines a heading.
UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
SPACES = re.compile(r"\s+")


def _text(element) -> str:
    # Inline markup joins without a space ("<em>Wij</em>, we"); <br> was made a space.
    return SPACES.sub(" ", element.get_text("")).strip()


class _Walker:
    def __init__(self):
        self.blocks: list[Block] = []
        self.tables = 0

    def emit(self, kind: str, text: str):
        text = SPACES.sub(" ", text).strip()
        if text:
            self.blocks.append(Block(kind, text))

    def table(self, element):
        self.tables += 1
        for row in element.find_all("tr"):
            if row.find_parent("table") is element:
                text = row_text(_text(cell) for cell in row.find_all(["th", "td"]))
                if text:
                    self.blocks.append(Block(TABLE_ROW, text, table=self.tables))

    def walk(self, element, inline_kind: str = PARAGRAPH):
        """Block children become blocks; loose text between them is one block of
        ``inline_kind`` (a list item's own words, or a paragraph)."""
        from bs4 import NavigableString, Tag

        loose: list[str] = []

        def flush():
            self.emit(inline_kind, " ".join(loose))
            loose.clear()

        for child in element.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment or doctype
                    loose.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "table":
                flush()
                self.table(child)
            elif name in HEADINGS:
                flush()
                self.emit(HEADING, _text(child))
            elif name == "li":
                flush()
                self.walk(child, LIST_ITEM)
            elif name in PARAGRAPHS:
                flush()
                if child.find(["ul", "ol", "table"]):
                    self.walk(child, inline_kind)
                else:
                    self.emit(inline_kind if inline_kind == LIST_ITEM else PARAGRAPH, _text(child))
            elif name in CONTAINERS:
                flush()
                self.walk(child, PARAGRAPH if name != "blockquote" else inline_kind)
            else:
                loose.append(child.get_text(""))
        flush()


def html_blocks(data: bytes | str) -> tuple[list[Block], str | None]:
    """Blocks of an HTML page in reading order, and its title."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(SKIPPED_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(" ")
    walker = _Walker()
    walker.walk(soup.body or soup)
    return walker.blocks, title


TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def join_broken_rows(text: str) -> str:
    """Table rows whose cells run over several lines (as exports from Word and Notion
    write them) put back on one line each, so the table stays one table."""
    out: list[str] = []
    in_table = open_row = False
    for line in text.splitlines():
        stripped = line.strip()
        if TABLE_SEPARATOR.match(stripped) and out and out[-1].strip().startswith("|"):
            in_table, open_row = True, False
            out.append(line)
            continue
        if in_table and open_row:
            if not stripped:
                continue  # an empty line inside a cell
            out[-1] = f"{out[-1]} {stripped}"
            open_row = not stripped.endswith("|")
            continue
        if in_table and stripped.startswith("|"):
            out.append(line)
            open_row = not stripped.endswith("|")
            continue
        in_table = open_row = False
        out.append(line)
    return "\n".join(out)


def markdown_blocks(text: str) -> tuple[list[Block], str | None]:
    """Blocks of a Markdown text (rendered by markdown-it-py)."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(join_broken_rows(text))
    blocks, _ = html_blocks(html)
    return blocks, None  # Markdown has no title of its own: its first heading serves


def text_blocks(text: str) -> list[Block]:
    """Paragraphs of a plain text, separated by blank lines; lines joined."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        lines = [line for line in lines if not UNDERLINE.match(line)]
        if lines:
            blocks.append(Block(PARAGRAPH, join_lines(lines)))
    return blocks
