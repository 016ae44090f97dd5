"""Word (DOCX) and OpenDocument (ODT) files into blocks, in the order they are written
(pure). Headings by their style or outline level, list items by their numbering,
tables row by row where they stand in the text (not gathered at the end)."""

import io

from .blocks import HEADING, LIST_ITEM, PARAGRAPH, TABLE_ROW, Block, row_text

HEADING_STYLES = ("heading", "kop", "title", "titel", "subtitle", "ondertitel")
LIST_STYLES = ("list", "lijst", "opsomming")


def _docx_kind(paragraph) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    if lowered.startswith(HEADING_STYLES):
        return HEADING
    properties = paragraph._p.pPr
    if properties is not None:
        if properties.numPr is not None:
            return LIST_ITEM
        outline = properties.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl"
        )
        if outline is not None:
            return HEADING
    if lowered.startswith(LIST_STYLES):
        return LIST_ITEM
    return PARAGRAPH


def docx_blocks(data: bytes) -> tuple[list[Block], str | None]:
    """Blocks of a Word document and its own title (core properties)."""
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    blocks: list[Block] = []
    tables = 0

    def table_rows(table):
        nonlocal tables
        tables += 1
        number = tables
        for row in table.rows:
            text = row_text(cell.text for cell in row.cells)
            if text:
                blocks.append(Block(TABLE_ROW, text, table=number))

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            table_rows(item)
        elif item.text.strip():
            blocks.append(Block(_docx_kind(item), item.text))
    return blocks, document.core_properties.title


def odt_blocks(data: bytes) -> tuple[list[Block], str | None]:
    """Blocks of an OpenDocument text and its own title (metadata)."""
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load
    from odf.table import TableRow

    document = load(io.BytesIO(data))
    blocks: list[Block] = []
    tables = 0

    def walk(element, in_list=False):
        nonlocal tables
        for child in element.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            qname = child.qname
            if qname == (TEXTNS, "h"):
                blocks.append(Block(HEADING, teletype.extractText(child)))
            elif qname == (TEXTNS, "p"):
                kind = LIST_ITEM if in_list else PARAGRAPH
                blocks.append(Block(kind, teletype.extractText(child)))
            elif qname in ((TEXTNS, "list"), (TEXTNS, "list-item")):
                walk(child, in_list=True)
            elif qname == (TABLENS, "table"):
                tables += 1
                for row in child.getElementsByType(TableRow):
                    cells = [teletype.extractText(cell) for cell in row.childNodes]
                    text = row_text(cells)
                    if text:
                        blocks.append(Block(TABLE_ROW, text, table=tables))
            elif qname[0] == TEXTNS and qname[1] in ("section", "list-header"):
                walk(child, in_list)

    walk(document.text)
    titles = [
        teletype.extractText(element)
        for element in document.meta.childNodes
        if getattr(element, "qname", (None, None))[1] == "title"
    ]
    return blocks, titles[0] if titles else None
