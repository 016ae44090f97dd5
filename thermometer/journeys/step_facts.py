"""What the scan guidance ("Volgende stap") needs to know of a scan's journey."""

from .models import ChecklistAnswer, Observation


def observation_facts(scan) -> dict:
    """How many pain points and good practices are collected."""
    return {"observations": Observation.objects.filter(step__scan=scan).count()}


def checklist_facts(scan) -> dict:
    """How many checklist questions per theme are answered."""
    return {"checklist_answers": ChecklistAnswer.objects.filter(scan=scan).count()}
