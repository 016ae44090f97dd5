"""What the scan guidance ("Volgende stap") needs to know of a scan's questionnaires."""

from django.db.models import Count, Q

from .constants import QuestionnaireStatus
from .models import Response


def questionnaire_facts(scan) -> dict:
    """How many questionnaires the scan has, and how many are open for answers."""
    return scan.questionnaires.aggregate(
        questionnaires=Count("pk"),
        questionnaires_open=Count("pk", filter=Q(status=QuestionnaireStatus.OPEN)),
    )


def response_facts(scan) -> dict:
    """How many questionnaires have come back (submitted)."""
    rows = Response.objects.filter(questionnaire__scan=scan, submitted_at__isnull=False)
    return {"responses": rows.count()}
