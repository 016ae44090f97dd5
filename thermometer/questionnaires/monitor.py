"""Response monitor: who was invited, who started, who finished — per layer and actor."""

from collections import defaultdict


def tally(invitations: list[dict], order: list[str]) -> list[dict]:
    """``invitations``: dicts with ``group``, ``started`` and ``completed`` (bools).

    Returns one row per group in ``order`` (then any others), each with invited,
    started, completed and response rate (completed / invited, None when nobody
    was invited).
    """
    counts = defaultdict(lambda: {"invited": 0, "started": 0, "completed": 0})
    for invitation in invitations:
        row = counts[invitation["group"]]
        row["invited"] += 1
        row["started"] += bool(invitation["started"])
        row["completed"] += bool(invitation["completed"])
    groups = [g for g in order if g in counts] + sorted(g for g in counts if g not in order)
    return [
        {
            "group": group,
            **counts[group],
            "rate": counts[group]["completed"] / counts[group]["invited"]
            if counts[group]["invited"]
            else None,
        }
        for group in groups
    ]


def monitor_rows(questionnaire):
    """Plain data for ``tally``: one dict per invitation (two queries)."""
    rows = questionnaire.invitations.values(
        "participant__layer",
        "participant__actor",
        "participant__number",
        "participant__email",
        "response__started_at",
        "response__submitted_at",
        "emailed_at",
        "reminded_at",
    )
    return [
        {
            "layer": r["participant__layer"],
            "actor": r["participant__actor"],
            "pseudonym": f"D{r['participant__number']:03d}",
            "has_email": bool(r["participant__email"]),
            "started": r["response__started_at"] is not None,
            "completed": r["response__submitted_at"] is not None,
            "emailed_at": r["emailed_at"],
            "reminded_at": r["reminded_at"],
        }
        for r in rows
    ]
