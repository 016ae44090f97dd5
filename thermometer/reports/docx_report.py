"""The report as a Word document (python-docx): real heading styles, tables and
charts, so the client can restyle and edit it for their own council proposal."""

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from thermometer.core.formatting import decimal

from . import svg
from .narrative import join

TABLE_STYLE = "Light Grid Accent 1"


def _page_number_footer(document) -> None:
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


def _table(document, header, rows, caption):
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


def _chart(document, chart) -> None:
    document.add_paragraph(chart.title, style="Heading 3")
    document.add_picture(io.BytesIO(svg.to_png(chart)), width=Cm(16))
    document.add_paragraph(chart.description)
    _table(document, chart.table.header, chart.table.rows, chart.table.caption)


def _finances(document, c: dict) -> None:
    """The scan's finances (``finance_content.finances_part``), where it has figures."""
    part = c.get("finances")
    if not part:
        return
    document.add_heading(_("Finances"), level=1)
    if c["chart"].get("finances"):
        _chart(document, c["chart"]["finances"])
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


def _paragraphs(document, heading: str, paragraphs: list[str]) -> None:
    document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)


def _date(day) -> str:
    return date_format(day, "j F Y")


def _grade(value) -> str:
    return decimal(value)


def _new_document(c: dict, kicker: str, extra: str = ""):
    """A Word document with the report's styles, properties, page numbers and cover (the
    organisation and today, and ``extra`` below them)."""
    document = Document()
    document.styles["Normal"].font.name = "Liberation Sans"
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = c["scan"]["title"]
    document.core_properties.author = c["scan"]["organisation"]
    document.core_properties.language = "nl-NL"
    _page_number_footer(document)
    document.add_paragraph(kicker, style="Subtitle")
    document.add_heading(c["scan"]["municipality"], level=0)
    document.add_paragraph(c["scan"]["title"])
    meta = f"{c['scan']['organisation']}\n{_date(c['scan']['today'])}"
    document.add_paragraph(f"{meta}\n{extra}" if extra else meta)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return document


def _finding(document, finding) -> None:
    """A finding as one paragraph: its number, subject and text, then its quotes."""
    paragraph = document.add_paragraph()
    paragraph.add_run(_("Finding %(n)s") % {"n": finding["number"]}).bold = True
    text = f" ({finding['subject']}). {finding['text']}"
    if finding["lead"]:
        text += " " + finding["lead"]
        for quote in finding["quotes"]:
            text += f"{quote['joiner']}“{quote['quote']}”"
            text += f" ({quote['source']})" if quote["source"] else ""
        text += "."
    if finding["measures"]:
        text += " " + finding["measures"]
    paragraph.add_run(text)


def _recommendations(document, advice: dict) -> None:
    document.add_heading(_("Recommendations"), level=1)
    for number, rec in enumerate(advice["recommendations"], start=1):
        document.add_heading(f"{number}. {rec['title']}", level=2)
        document.add_paragraph(
            f"{_('Priority')}: {rec['priority_name'].lower()} · {_('Horizon')}: "
            f"{rec['horizon_name'].lower()} · {_('Owned by')}: {rec['owner_name']}"
        )
        document.add_paragraph(rec["text"])
        numbers = rec.get("finding_numbers", [])
        if numbers:
            document.add_paragraph(
                ngettext("Rests on finding", "Rests on findings", len(numbers))
                + " "
                + join(str(n) for n in numbers)
                + "."
            )
        elif not rec["findings"]:
            document.add_paragraph(_("No finding"))
        support = rec.get("support")
        if support and support["overall"]["n"]:
            document.add_paragraph(
                ngettext(
                    "Support in the feedback round (%(n)s reaction):",
                    "Support in the feedback round (%(n)s reactions):",
                    support["overall"]["n"],
                )
                % {"n": support["overall"]["n"]}
                + f" {round(100 * support['overall']['along'])}% "
                + _("can go along")
                + "."
            )
        for minority in (support or {}).get("minority", []):
            text = (
                ngettext(
                    "Minority view: %(n)s in %(group)s cannot fully go along",
                    "Minority view: %(n)s in %(group)s cannot fully go along",
                    minority["n"],
                )
                % {"n": minority["n"], "group": minority["group"]}
                + "."
            )
            if minority["needs"]:
                text += " " + _("What they need:") + " "
                text += " ".join(f"“{need}”" for need in minority["needs"][:3])
            document.add_paragraph(text)
        for record in rec["minority_records"]:
            document.add_paragraph(
                _("Minority view of %(group)s, %(decision)s:")
                % {"group": record["group"], "decision": record["decision_label"].lower()}
                + f" “{record['view']}” "
                + _("Explanation:")
                + " "
                + record.get("reason_sentence", record["reason"])
            )


def build_docx(c: dict) -> bytes:
    analysis, figures = c["analysis"], c["figures"]
    document = _new_document(
        c,
        _("Thermometer social domain"),
        _("Method") + f": {c['scan']['method']}",
    )

    intro = c["introduction"]
    document.add_heading(_("Introduction"), level=1)
    document.add_heading(_("The assignment"), level=2)
    document.add_paragraph(" ".join(intro["assignment"]))
    document.add_paragraph(intro["questions_lead"])
    for question in intro["questions"]:
        document.add_paragraph(question, style="List Number")
    document.add_heading(_("The approach"), level=2)
    document.add_paragraph(intro["approach"])
    document.add_heading(_("Who took part"), level=2)
    document.add_paragraph(intro["participation"])

    document.add_heading(_("The answer per goal"), level=1)
    chains = c["chart"]["chains"]
    for answer in c["answers"]:
        document.add_heading(answer["name"], level=2)
        for paragraph in answer["paragraphs"]:
            document.add_paragraph(paragraph)
        if answer["chart"] < len(chains):
            _chart(document, chains[answer["chart"]])
        for finding in answer["findings"]:
            _finding(document, finding)

    document.add_heading(_("Traffic lights per theme"), level=1)
    _chart(document, c["chart"]["themes"])
    for theme in analysis["themes"]:
        document.add_paragraph(f"{theme['name']}: {theme['colour_name']}. {theme['explanation']}")
    for finding in c["other_findings"]:
        _finding(document, finding)

    document.add_heading(_("Conclusion"), level=1)
    for paragraph in c["conclusion"]:
        document.add_paragraph(paragraph)

    _recommendations(document, c["advice"])

    document.add_heading(_("The temperature per goal"), level=1)
    _chart(document, c["chart"]["thermometers"])
    document.add_heading(_("The document trail"), level=1)
    _chart(document, c["chart"]["trail"])
    document.add_heading(_("The triangle: inwoners, professionals and gemeente"), level=1)
    _chart(document, c["chart"]["triangle"])
    document.add_heading(_("Goals × actors"), level=1)
    _chart(document, c["chart"]["matrix"])
    for row in analysis["matrix"]:
        for cell in row["cells"]:
            document.add_heading(f"{row['goal']} × {cell['actor_name']}", level=2)
            if cell.get("effects"):
                document.add_paragraph(_("Intended") + ": " + "; ".join(cell["effects"]))
            document.add_paragraph(f"{cell['colour_name']}: {cell['explanation']}")
            if cell.get("actions"):
                document.add_paragraph(_("Actions") + ": " + cell["actions"])

    document.add_heading(_("Method and figures"), level=1)
    document.add_paragraph(
        ngettext(
            "Based on %(r)s completed questionnaire and the coded sources; method %(m)s.",
            "Based on %(r)s completed questionnaires and the coded sources; method %(m)s.",
            figures["respondents"],
        )
        % {"r": figures["respondents"], "m": c["scan"]["method"]}
    )
    _table(
        document,
        [_("Layer"), _("Responses")],
        [[row["label"], row["n"]] for row in analysis["respondents"]],
        _("Respondents per layer"),
    )
    _finances(document, c)
    document.add_heading(_("Appendix: temperature per goal, dimension and group"), level=1)
    for goal in analysis["temperature"]:
        _table(
            document,
            [_("Dimension"), *[g["label"] for g in analysis["groups"]]],
            [
                [row["dimension"], *[_grade(cell and cell["mean"]) for cell in row["cells"]]]
                for row in goal["rows"]
            ],
            goal["goal"],
        )
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def build_journey_docx(c: dict) -> bytes:
    """The Tweedaagse scan's report: lights, priorities, the journey, the checklist."""
    document = _new_document(c, c["scan"]["method"])

    _paragraphs(document, _("Introduction"), c["introduction"])
    document.add_heading(_("Traffic light per theme"), level=1)
    _chart(document, c["chart"]["lights"])
    document.add_heading(_("Priorities"), level=1)
    for priority in c["priorities"]:
        document.add_paragraph(
            f"{priority['text']} ({priority['step']}, {priority['votes']} " + _("votes") + ")",
            style="List Number",
        )
    document.add_heading(_("The journey of %(name)s") % {"name": c["household"]["name"]}, level=1)
    for member in c["household"]["members"]:
        document.add_paragraph(
            f"{member['name']} ({member['role']}): {member['situation']}", style="List Bullet"
        )
    _chart(document, c["chart"]["journey"])
    for number, step in enumerate(c["steps"], start=1):
        document.add_heading(f"{number}. {step['name']}", level=2)
        for observation in step["observations"]:
            kind = _("Pain point") if observation["kind"] == "pain" else _("Good practice")
            document.add_paragraph(f"{kind}: {observation['text']}", style="List Bullet")
    document.add_heading(_("Governance: the checklist per theme"), level=1)
    for theme in c["checklist"]:
        document.add_heading(theme["name"], level=2)
        _table(
            document,
            [_("Question"), _("Answer"), _("Evidence")],
            [
                [
                    item["question"],
                    item["answer"] + (f" — {item['explanation']}" if item["explanation"] else ""),
                    "; ".join(item["evidence"]) or "—",
                ]
                for item in theme["items"]
            ],
            theme["name"],
        )
    _finances(document, c)
    _paragraphs(document, _("Conclusion"), c["conclusion"])
    document.add_heading(_("Recommendations"), level=1)
    for number, rec in enumerate(c["advice"]["recommendations"], start=1):
        document.add_heading(f"{number}. {rec['title']}", level=2)
        document.add_paragraph(rec["text"])
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def build_framework_docx(c: dict) -> bytes:
    """The council proposal: the steering framework, ready for the council to decide."""
    document = _new_document(
        c,
        _("Council proposal: steering framework social domain"),
    )
    document.add_heading(_("Proposal"), level=1)
    document.add_paragraph(
        _(
            "The council of %(m)s adopts the steering framework for the social domain below: "
            "the values it holds, the transformations they demand, the results it wants to see, "
            "and the criteria and indicators by which it steers."
        )
        % {"m": c["scan"]["municipality"]}
    )
    _paragraphs(document, _("Introduction"), c["introduction"])
    document.add_heading(_("The steering framework"), level=1)
    for number, value in enumerate(c["values"], start=1):
        document.add_heading(_("Value") + f" {number}: {value['text']}", level=2)
        if value["description"]:
            document.add_paragraph(value["description"])
        if value["quote"]:
            document.add_paragraph(_("Builds on") + f" {value['source']}: “{value['quote']}”")
        if value["transformations"]:
            document.add_paragraph(
                _("Transformations") + ": " + "; ".join(value["transformations"])
            )
        for result in value["results"]:
            document.add_heading(_("Result") + f": {result['text']}", level=3)
            for criterion in result["criteria"]:
                document.add_paragraph(
                    _("Criterion") + f": {criterion['text']}", style="List Bullet"
                )
                if criterion["indicators"]:
                    _table(
                        document,
                        [
                            _("Indicator"),
                            _("Definition and unit"),
                            _("Source"),
                            _("Norm"),
                            _("Frequency"),
                        ],
                        [
                            [
                                i["name"],
                                i["definition"] + (f" ({i['unit']})" if i["unit"] else ""),
                                i["source"],
                                str(i["direction"])
                                + (f": {i['norm_shown']}" if i["norm"] is not None else ""),
                                i["frequency"],
                            ]
                            for i in criterion["indicators"]
                        ],
                        _("Indicators"),
                    )
    if c["monitored"]:
        document.add_heading(_("Monitoring"), level=1)
        for value in c["values"]:
            for result in value["results"]:
                for criterion in result["criteria"]:
                    for indicator in criterion["indicators"]:
                        document.add_paragraph(
                            f"{indicator['name']}: {indicator['explanation']}", style="List Bullet"
                        )
    _finances(document, c)
    _paragraphs(document, _("Conclusion"), c["conclusion"])
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
