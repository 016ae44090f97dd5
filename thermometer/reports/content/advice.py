"""The advice as every kind of report shows it: the version as it stands, its
recommendations with their names, and the support of the latest feedback round."""

from django.db.models import Count, Q

from thermometer.advice import services as advice
from thermometer.advice.constants import Horizon, Priority
from thermometer.advice.models import FeedbackRound
from thermometer.advice.reading import consolidation_for


def _shown_version(scan):
    """The final version, else the latest concept, else None (the working copy)."""
    versions = list(scan.advice_versions.order_by("number"))
    finals = [v for v in versions if v.is_final]
    return finals[-1] if finals else (versions[-1] if versions else None)


def _feedback_round(scan, shown):
    if shown is None:
        return None
    return (
        FeedbackRound.objects.filter(scan=scan, version__number__lte=shown.number)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


def _support(feedback_round, scan) -> dict:
    """Recommendation uuid -> its overall support and the minorities in the round."""
    if feedback_round is None:
        return {}
    return {
        item["recommendation"]["uuid"]: {
            "overall": item["overall"],
            "minority": [
                {
                    "group": row["label"],
                    "n": row["support"].minority,
                    "cannot_live": row["support"].cannot_live,
                    "needs": list(dict.fromkeys(row["support"].needs)),
                }
                for row in item["minority"]
            ],
        }
        for item in consolidation_for(feedback_round, scan)
    }


def _recommendations(snapshot: dict, method, support: dict) -> list[dict]:
    priorities, horizons = dict(Priority.choices), dict(Horizon.choices)
    recommendations = []
    for rec in snapshot["recommendations"]:
        records = [m for m in snapshot.get("minority", []) if m["recommendation"] == rec["uuid"]]
        recommendations.append(
            {
                **rec,
                "goal_name": method.goals.get(rec["goal"], ""),
                "theme_name": method.themes.get(rec["theme"], ""),
                "priority_name": str(priorities.get(rec["priority"], rec["priority"])),
                "horizon_name": str(horizons.get(rec["horizon"], rec["horizon"])),
                "owner_name": method.layers.get(rec["owner_layer"], rec["owner_layer"]),
                "support": support.get(rec["uuid"]),
                "minority_records": records,
            }
        )
    return recommendations


def advice_as_it_stands(scan) -> dict:
    """The advice as it stands: the final version, else the latest concept, else the
    working copy; with the support of the latest feedback round on it."""
    shown = _shown_version(scan)
    snapshot = shown.snapshot if shown else advice.current_snapshot(scan)
    feedback_round = _feedback_round(scan, shown)
    support = _support(feedback_round, scan)
    return {
        "version": shown
        and {
            "number": shown.number,
            "status": shown.get_status_display(),
            "final": shown.is_final,
            "frozen_at": shown.frozen_at,
        },
        "round": feedback_round
        and {
            "version": feedback_round.version.number,
            **feedback_round.invitations.aggregate(
                invited=Count("id"), sent=Count("id", filter=Q(submitted_at__isnull=False))
            ),
        },
        "recommendations": _recommendations(snapshot, scan.method, support),
    }
