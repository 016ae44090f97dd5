"""What the scan guidance ("Volgende stap") needs to know of a scan's steering
framework (De Raad in positie)."""

from django.db.models import Count, Q

from .models import Decision, Indicator, Measurement


def framework_facts(scan) -> dict:
    """How many values, results and criteria the framework holds (parked and merged
    items left out)."""
    items = scan.framework.exclude(status__in=("parked", "merged"))
    return items.aggregate(
        values=Count("pk", filter=Q(level="value")),
        results=Count("pk", filter=Q(level="result")),
        criteria=Count("pk", filter=Q(level="criterion")),
    )


def indicator_facts(scan) -> dict:
    return {"indicators": Indicator.objects.filter(criterion__scan=scan).count()}


def measurement_facts(scan) -> dict:
    return {"measurements": Measurement.objects.filter(indicator__criterion__scan=scan).count()}


def decision_facts(scan) -> dict:
    return {"decided": Decision.objects.filter(scan=scan).exists()}
