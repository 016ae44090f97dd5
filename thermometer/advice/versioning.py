"""Versions of the advice (pure): a frozen snapshot of the recommendations, and what
changed between two snapshots per recommendation, with a word-level diff."""

import re
from difflib import SequenceMatcher

# The fields of a recommendation that a change is reported on, in reading order.
FIELDS = ("title", "text", "goal", "theme", "priority", "horizon", "owner_layer", "findings")
TOKEN = re.compile(r"\s+|[^\s]+")


def snapshot(recommendations: list[dict], minority: list[dict]) -> dict:
    """The advice as it goes out. ``recommendations``: dicts with the FIELDS and
    ``uuid`` (findings as a list of {"uuid", "text", "evidence"}), in their order;
    ``minority``: the records of what was done with minority views."""
    return {
        "recommendations": [
            {"uuid": str(r["uuid"]), **{f: r[f] for f in FIELDS}} for r in recommendations
        ],
        "minority": minority,
    }


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` → ``new`` as (operation, text) pieces: "equal", "delete" or "insert";
    words and the spaces between them are the units."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    pieces = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("insert", "".join(b[j1:j2])))
    return [piece for piece in pieces if piece[1]]


def _finding_keys(findings) -> list[str]:
    return sorted(f["uuid"] for f in findings)


def diff(old: dict | None, new: dict) -> list[dict]:
    """Per recommendation of ``new`` (in its order), then the removed ones: its status
    ("added", "changed", "unchanged", "removed"), the fields that changed, and word
    diffs of title and text."""
    before = {r["uuid"]: r for r in (old or {}).get("recommendations", [])}
    changes = []
    for rec in new["recommendations"]:
        previous = before.pop(rec["uuid"], None)
        if previous is None:
            changes.append({"uuid": rec["uuid"], "status": "added", "now": rec, "fields": []})
            continue
        fields = [
            f
            for f in FIELDS
            if (
                _finding_keys(previous[f]) != _finding_keys(rec[f])
                if f == "findings"
                else previous[f] != rec[f]
            )
        ]
        changes.append(
            {
                "uuid": rec["uuid"],
                "status": "changed" if fields else "unchanged",
                "now": rec,
                "before": previous,
                "fields": fields,
                "title_diff": word_diff(previous["title"], rec["title"]),
                "text_diff": word_diff(previous["text"], rec["text"]),
            }
        )
    for rec in before.values():
        changes.append({"uuid": rec["uuid"], "status": "removed", "before": rec, "fields": []})
    return changes
