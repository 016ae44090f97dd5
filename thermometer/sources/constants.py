from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentPlace(models.TextChoices):
    """Where a document stands in the chain; each place belongs to a layer of the method."""

    COUNCIL_PROPOSAL = "raadsvoorstel", _("Council proposal")
    VISION = "visie", _("Vision")
    POLICY = "beleid", _("Policy")
    REGULATION = "regelgeving", _("Regulation or policy rule")
    ASSIGNMENT = "opdracht", _("Assignment: tender, contract, grant")
    WORK_INSTRUCTION = "werkinstructie", _("Work instruction")

    @property
    def layer(self) -> str:
        return {
            "raadsvoorstel": "bestuur",
            "visie": "visie",
            "beleid": "beleid",
            "regelgeving": "regelgeving",
            "opdracht": "opdrachtgeving",
            "werkinstructie": "uitvoering",
        }[self.value]


class SourceStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    PROCESSING = "processing", _("Reading")
    DONE = "done", _("Read")
    FAILED = "failed", _("Could not be read")


class SourceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    INTERVIEW = "interview", _("Interview")
    SESSION = "session", _("Group session")


class PassageKind(models.TextChoices):
    TEXT = "text", _("Text")
    LIST = "list", _("List")
    TABLE = "table", _("Table")
