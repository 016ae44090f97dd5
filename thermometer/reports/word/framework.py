"""De Raad in positie's council proposal as a Word document: the steering framework,
ready for the council to decide."""

from django.utils.translation import gettext as _

from .base import add_finances, add_paragraphs, add_table, new_document, saved


def _indicators(document, indicators: list[dict]) -> None:
    add_table(
        document,
        [_("Indicator"), _("Definition and unit"), _("Source"), _("Norm"), _("Frequency")],
        [
            [
                i["name"],
                i["definition"] + (f" ({i['unit']})" if i["unit"] else ""),
                i["source"],
                str(i["direction"]) + (f": {i['norm_shown']}" if i["norm"] is not None else ""),
                i["frequency"],
            ]
            for i in indicators
        ],
        _("Indicators"),
    )


def _value(document, number: int, value: dict) -> None:
    document.add_heading(_("Value") + f" {number}: {value['text']}", level=2)
    if value["description"]:
        document.add_paragraph(value["description"])
    if value["quote"]:
        document.add_paragraph(_("Builds on") + f" {value['source']}: “{value['quote']}”")
    if value["transformations"]:
        document.add_paragraph(_("Transformations") + ": " + "; ".join(value["transformations"]))
    for result in value["results"]:
        document.add_heading(_("Result") + f": {result['text']}", level=3)
        for criterion in result["criteria"]:
            document.add_paragraph(_("Criterion") + f": {criterion['text']}", style="List Bullet")
            if criterion["indicators"]:
                _indicators(document, criterion["indicators"])


def _monitoring(document, values: list[dict]) -> None:
    document.add_heading(_("Monitoring"), level=1)
    for value in values:
        for result in value["results"]:
            for criterion in result["criteria"]:
                for indicator in criterion["indicators"]:
                    document.add_paragraph(
                        f"{indicator['name']}: {indicator['explanation']}", style="List Bullet"
                    )


def build_framework_docx(c: dict) -> bytes:
    """The council proposal: the steering framework, ready for the council to decide."""
    document = new_document(c, _("Council proposal: steering framework social domain"))
    document.add_heading(_("Proposal"), level=1)
    document.add_paragraph(
        _(
            "The council of %(m)s adopts the steering framework for the social domain below: "
            "the values it holds, the transformations they demand, the results it wants to see, "
            "and the criteria and indicators by which it steers."
        )
        % {"m": c["scan"]["municipality"]}
    )
    add_paragraphs(document, _("Introduction"), c["introduction"])
    document.add_heading(_("The steering framework"), level=1)
    for number, value in enumerate(c["values"], start=1):
        _value(document, number, value)
    if c["monitored"]:
        _monitoring(document, c["values"])
    add_finances(document, c)
    add_paragraphs(document, _("Conclusion"), c["conclusion"])
    return saved(document)
