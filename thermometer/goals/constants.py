from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The layers a document can stand in, top of the chain first (see sources.DocumentPlace).
DOCUMENT_LAYERS = ("bestuur", "visie", "beleid", "regelgeving", "opdrachtgeving", "uitvoering")
# Where intent is stated: proposals for the goal tree come from documents in these layers.
STATING_LAYERS = ("bestuur", "visie", "beleid")


class EffectOrigin(models.TextChoices):
    DOCUMENT = "document", _("From a document")
    CLIENT = "client", _("From the client's questions")
    ADVISER = "adviser", _("Written by the adviser")


class ProposalAnswer(models.TextChoices):
    ACCEPTED = "accepted", _("Taken in as a new intended effect")
    MERGED = "merged", _("Added to an intended effect")
    DISMISSED = "dismissed", pgettext_lazy("answered proposal", "Set aside")


class Verdict(models.TextChoices):
    FOUND = "found", _("Found")
    WEAKENED = "weakened", _("Weakened")
    LOST = "lost", _("Lost")


# The light a verdict is shown with: carried down is green, weakened amber, lost red.
VERDICT_LIGHT = {Verdict.FOUND: "green", Verdict.WEAKENED: "amber", Verdict.LOST: "red"}


def layers_below(layer: str) -> tuple[str, ...]:
    """The document layers under ``layer``, where its intent should come back."""
    if layer not in DOCUMENT_LAYERS:
        return DOCUMENT_LAYERS[DOCUMENT_LAYERS.index("beleid") :]
    return DOCUMENT_LAYERS[DOCUMENT_LAYERS.index(layer) + 1 :]
