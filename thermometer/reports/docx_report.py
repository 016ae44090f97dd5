"""The report as a Word document (python-docx): real heading styles, tables and
charts, so the client can restyle and edit it for their own council proposal."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from thermometer.core.formatting import decimal

from . import svg

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


def _grade(value) -> str:
    return decimal(value)


def _new_document(c: dict, kicker: str, meta: str):
    """A Word document with the report's styles, properties, page numbers and cover."""
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
    document.add_paragraph(meta)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return document


def build_docx(c: dict) -> bytes:
    analysis, figures = c["analysis"], c["figures"]
    document = _new_document(
        c,
        _("Thermometer social domain"),
        f"{c['scan']['organisation']}\n{c['scan']['today']:%d-%m-%Y}\n"
        + _("Method")
        + f": {c['scan']['method']}",
    )

    document.add_heading(_("Summary"), level=1)
    for line in c["summary"]:
        document.add_paragraph(line, style="List Bullet")
    document.add_paragraph(
        _(
            "Based on %(r)s completed questionnaires, %(d)s documents read and %(k)s coded "
            "passages; method %(m)s."
        )
        % {
            "r": figures["respondents"],
            "d": figures["documents"],
            "k": figures["codings"],
            "m": c["scan"]["method"],
        }
    )

    document.add_heading(_("The temperature per goal"), level=1)
    _chart(document, c["chart"]["thermometers"])
    document.add_heading(_("Whisper chain: where is the intent lost?"), level=1)
    for chart in c["chart"]["chains"]:
        _chart(document, chart)
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

    document.add_heading(_("Traffic lights per theme"), level=1)
    _chart(document, c["chart"]["themes"])
    for theme in analysis["themes"]:
        document.add_paragraph(
            f"{theme['name']}: {theme['colour_name']}. {theme['explanation']}", style="List Bullet"
        )

    document.add_heading(_("Findings"), level=1)
    for finding in c["findings"]:
        document.add_heading(finding["subject"], level=2)
        document.add_paragraph(finding["text"])
        for evidence in finding["evidence"]:
            if evidence["value"] is not None:
                text = f"{evidence['quote']} — {_grade(evidence['value'])} (n = {evidence['n']})"
            else:
                text = f"“{evidence['quote']}”" + (
                    f" ({evidence['source']})" if evidence["source"] else ""
                )
            document.add_paragraph(f"{evidence['kind']}: {text}", style="List Bullet")

    document.add_heading(_("Recommendations"), level=1)
    for number, rec in enumerate(c["advice"]["recommendations"], start=1):
        document.add_heading(f"{number}. {rec['title']}", level=2)
        document.add_paragraph(
            f"{_('Priority')}: {rec['priority_name'].lower()} · {_('Horizon')}: "
            f"{rec['horizon_name'].lower()} · {_('Owned by')}: {rec['owner_name']}"
        )
        document.add_paragraph(rec["text"])
        if rec["findings"]:
            document.add_paragraph(
                _("Rests on") + ": " + "; ".join(f["text"] for f in rec["findings"])
            )
        else:
            document.add_paragraph(_("No finding"))
        support = rec.get("support")
        if support and support["overall"]["n"]:
            document.add_paragraph(
                _("Support in the feedback round (%(n)s reactions):")
                % {"n": support["overall"]["n"]}
                + f" {round(100 * support['overall']['along'])}% "
                + _("can go along")
                + "."
            )
        for record in rec["minority_records"]:
            document.add_paragraph(
                _("Minority view of %(group)s: “%(view)s” — %(decision)s, because %(reason)s")
                % {
                    "group": record["group"],
                    "view": record["view"],
                    "decision": record["decision_label"].lower(),
                    "reason": record["reason"],
                }
            )

    document.add_heading(_("Method and figures"), level=1)
    _table(
        document,
        [_("Layer"), _("Responses")],
        [[row["label"], row["n"]] for row in analysis["respondents"]],
        _("Respondents per layer"),
    )
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
    document = _new_document(
        c, c["scan"]["method"], f"{c['scan']['organisation']}\n{c['scan']['today']:%d-%m-%Y}"
    )

    document.add_heading(_("Summary"), level=1)
    for line in c["summary"]:
        document.add_paragraph(line, style="List Bullet")
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
        f"{c['scan']['organisation']}\n{c['scan']['today']:%d-%m-%Y}",
    )
    document.add_heading(_("Proposal"), level=1)
    for line in c["summary"]:
        document.add_paragraph(line, style="List Bullet")
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
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
