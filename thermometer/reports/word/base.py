"""What every Word report shares: a document with the report's styles, cover and page
numbers, tables, charts (as PNG) with their words and table, and the finances part."""

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from thermometer.core.formatting import decimal
from thermometer.reports import svg

TABLE_STYLE = "Light Grid Accent 1"


def page_number_footer(document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = _("Page") + " "
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def add_table(document, header, rows, caption):
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(header))
    table.style = TABLE_STYLE
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
    return table


def add_chart(document, chart) -> None:
    document.add_paragraph(chart.title, style="Heading 3")
    document.add_picture(io.BytesIO(svg.to_png(chart)), width=Cm(16))
    document.add_paragraph(chart.description)
    add_table(document, chart.table.header, chart.table.rows, chart.table.caption)


def add_finances(document, c: dict) -> None:
    """The scan's finances (``content.finances.finances_part``), where it has figures."""
    part = c.get("finances")
    if not part:
        return
    document.add_heading(_("Finances"), level=1)
    if c["chart"].get("finances"):
        add_chart(document, c["chart"]["finances"])
    for figure in part["latest"]:
        document.add_paragraph(
            f"{figure['label']} {figure['year']} ({figure['document']}): {figure['shown']}",
            style="List Bullet",
        )
    for text in (part["shift_sentence"], part["light"] and part["light"]["reason"]):
        if text:
            document.add_paragraph(text)
    if part["overruns"]:
        document.add_paragraph(
            _("Overruns:")
            + " "
            + "; ".join(
                f"{row['label']} {row['year']} (+{decimal(row['share'], 1)}%)"
                for row in part["overruns"]
            )
            + "."
        )
    sources = ", ".join(part["sources"])
    if part["reference_sources"]:
        sources += "; " + _("comparison: CBS StatLine") + " " + ", ".join(part["reference_sources"])
        sources += f" ({_('Bron: CBS')})"
    document.add_paragraph(f"{_('Sources:')} {sources}.")


def add_paragraphs(document, heading: str, paragraphs: list[str]) -> None:
    document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)


def date(day) -> str:
    return date_format(day, "j F Y")


def grade(value) -> str:
    return decimal(value)


def new_document(c: dict, kicker: str, extra: str = ""):
    """A Word document with the report's styles, properties, page numbers and cover (the
    organisation and today, and ``extra`` below them)."""
    document = Document()
    document.styles["Normal"].font.name = "Liberation Sans"
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = c["scan"]["title"]
    document.core_properties.author = c["scan"]["organisation"]
    document.core_properties.language = "nl-NL"
    page_number_footer(document)
    document.add_paragraph(kicker, style="Subtitle")
    document.add_heading(c["scan"]["municipality"], level=0)
    document.add_paragraph(c["scan"]["title"])
    meta = f"{c['scan']['organisation']}\n{date(c['scan']['today'])}"
    document.add_paragraph(f"{meta}\n{extra}" if extra else meta)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return document


def saved(document) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
