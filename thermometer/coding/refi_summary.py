"""The counts of a REFI-QDA preview or import as short Dutch lines ("coderingen: 4"),
shared by the web page and the command; labels with a number, so no plurals to choose."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "codes": _("codes"),
    "codes_existing": _("codes already there"),
    "sources": _("sources"),
    "selections": _("selections"),
    "codings": _("codings"),
    "memos": _("memos"),
    "sets": _("sets"),
    "coders": _("coders (as pseudonyms)"),
}


def count_lines(counts: dict) -> list[str]:
    return [f"{LABELS[key]}: {value}" for key, value in counts.items() if key in LABELS]
