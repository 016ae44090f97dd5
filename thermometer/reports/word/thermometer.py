"""The Thermometer report as a Word document (python-docx): real heading styles, tables
and charts, so the client can restyle and edit it for their own council proposal."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.reports.narrative import join

from .base import add_chart, add_finances, add_table, grade, new_document, saved


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
        _support(document, rec.get("support"))
        for record in rec["minority_records"]:
            document.add_paragraph(
                _("Minority view of %(group)s, %(decision)s:")
                % {"group": record["group"], "decision": record["decision_label"].lower()}
                + f" “{record['view']}” "
                + _("Explanation:")
                + " "
                + record.get("reason_sentence", record["reason"])
            )


def _support(document, support: dict | None) -> None:
    """The support of the feedback round for one recommendation, and its minorities."""
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


def _introduction(document, intro: dict) -> None:
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


def _answers(document, c: dict) -> None:
    document.add_heading(_("The answer per goal"), level=1)
    chains = c["chart"]["chains"]
    for answer in c["answers"]:
        document.add_heading(answer["name"], level=2)
        for paragraph in answer["paragraphs"]:
            document.add_paragraph(paragraph)
        if answer["chart"] < len(chains):
            add_chart(document, chains[answer["chart"]])
        for finding in answer["findings"]:
            _finding(document, finding)


def _themes(document, c: dict) -> None:
    document.add_heading(_("Traffic lights per theme"), level=1)
    add_chart(document, c["chart"]["themes"])
    for theme in c["analysis"]["themes"]:
        document.add_paragraph(f"{theme['name']}: {theme['colour_name']}. {theme['explanation']}")
    for finding in c["other_findings"]:
        _finding(document, finding)


def _charts(document, c: dict) -> None:
    """The charts behind the answers, the matrix with its cells' explanations."""
    for heading, key in (
        (_("The temperature per goal"), "thermometers"),
        (_("The document trail"), "trail"),
        (_("The triangle: inwoners, professionals and gemeente"), "triangle"),
        (_("Goals × actors"), "matrix"),
    ):
        document.add_heading(heading, level=1)
        add_chart(document, c["chart"][key])
    for row in c["analysis"]["matrix"]:
        for cell in row["cells"]:
            document.add_heading(f"{row['goal']} × {cell['actor_name']}", level=2)
            if cell.get("effects"):
                document.add_paragraph(_("Intended") + ": " + "; ".join(cell["effects"]))
            document.add_paragraph(f"{cell['colour_name']}: {cell['explanation']}")
            if cell.get("actions"):
                document.add_paragraph(_("Actions") + ": " + cell["actions"])


def _method_and_figures(document, c: dict) -> None:
    figures, analysis = c["figures"], c["analysis"]
    document.add_heading(_("Method and figures"), level=1)
    document.add_paragraph(
        ngettext(
            "Based on %(r)s completed questionnaire and the coded sources; method %(m)s.",
            "Based on %(r)s completed questionnaires and the coded sources; method %(m)s.",
            figures["respondents"],
        )
        % {"r": figures["respondents"], "m": c["scan"]["method"]}
    )
    add_table(
        document,
        [_("Layer"), _("Responses")],
        [[row["label"], row["n"]] for row in analysis["respondents"]],
        _("Respondents per layer"),
    )


def _appendix(document, analysis: dict) -> None:
    document.add_heading(_("Appendix: temperature per goal, dimension and group"), level=1)
    for goal in analysis["temperature"]:
        add_table(
            document,
            [_("Dimension"), *[g["label"] for g in analysis["groups"]]],
            [
                [row["dimension"], *[grade(cell and cell["mean"]) for cell in row["cells"]]]
                for row in goal["rows"]
            ],
            goal["goal"],
        )


def build_docx(c: dict) -> bytes:
    document = new_document(
        c,
        _("Thermometer social domain"),
        _("Method") + f": {c['scan']['method']}",
    )
    _introduction(document, c["introduction"])
    _answers(document, c)
    _themes(document, c)
    document.add_heading(_("Conclusion"), level=1)
    for paragraph in c["conclusion"]:
        document.add_paragraph(paragraph)
    _recommendations(document, c["advice"])
    _charts(document, c)
    _method_and_figures(document, c)
    add_finances(document, c)
    _appendix(document, c["analysis"])
    return saved(document)
