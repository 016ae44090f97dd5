"""The Tweedaagse scan's report as a Word document: lights, priorities, the journey,
the checklist."""

from django.utils.translation import gettext as _

from .base import add_chart, add_finances, add_paragraphs, add_table, new_document, saved


def _priorities(document, c: dict) -> None:
    document.add_heading(_("Traffic light per theme"), level=1)
    add_chart(document, c["chart"]["lights"])
    document.add_heading(_("Priorities"), level=1)
    for priority in c["priorities"]:
        document.add_paragraph(
            f"{priority['text']} ({priority['step']}, {priority['votes']} " + _("votes") + ")",
            style="List Number",
        )


def _journey(document, c: dict) -> None:
    document.add_heading(_("The journey of %(name)s") % {"name": c["household"]["name"]}, level=1)
    for member in c["household"]["members"]:
        document.add_paragraph(
            f"{member['name']} ({member['role']}): {member['situation']}", style="List Bullet"
        )
    add_chart(document, c["chart"]["journey"])
    for number, step in enumerate(c["steps"], start=1):
        document.add_heading(f"{number}. {step['name']}", level=2)
        for observation in step["observations"]:
            kind = _("Pain point") if observation["kind"] == "pain" else _("Good practice")
            document.add_paragraph(f"{kind}: {observation['text']}", style="List Bullet")


def _checklist(document, checklist: list[dict]) -> None:
    document.add_heading(_("Governance: the checklist per theme"), level=1)
    for theme in checklist:
        document.add_heading(theme["name"], level=2)
        add_table(
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


def build_journey_docx(c: dict) -> bytes:
    """The Tweedaagse scan's report: lights, priorities, the journey, the checklist."""
    document = new_document(c, c["scan"]["method"])
    add_paragraphs(document, _("Introduction"), c["introduction"])
    _priorities(document, c)
    _journey(document, c)
    _checklist(document, c["checklist"])
    add_finances(document, c)
    add_paragraphs(document, _("Conclusion"), c["conclusion"])
    document.add_heading(_("Recommendations"), level=1)
    for number, rec in enumerate(c["advice"]["recommendations"], start=1):
        document.add_heading(f"{number}. {rec['title']}", level=2)
        document.add_paragraph(rec["text"])
    return saved(document)
