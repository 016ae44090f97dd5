"""The codebook a scan starts with, made from its method's definition.

The model comes in as an argument, so the data migration that gives older scans their
codebook runs the same code on its historical model.
"""

from .constants import SEEDED, CodeKind

# Distinct, readable colours for the seeded groups.
INTENT_COLOUR = "#b0004f"
GROUP_COLOURS = {
    CodeKind.GOAL: "#1f5fa6",
    CodeKind.LAYER: "#6b3fa0",
    CodeKind.DIMENSION: "#1e7a4a",
    CodeKind.THEME: "#9a4d00",
}


def make_codebook(code_model, scan, definition: dict) -> int:
    """The definition's goals, layers, dimensions and themes as codes under a group
    heading each, and the code for intended effects; returns how many were new (a code
    that is there is left alone)."""
    created = 0
    for order, (kind, section, label) in enumerate(SEEDED):
        entries = definition.get(section, [])
        if not entries:
            continue
        group, made = code_model.objects.get_or_create(
            scan=scan,
            kind=kind,
            parent=None,
            key="",
            defaults={"name": str(label), "colour": GROUP_COLOURS[kind], "order": order},
        )
        created += made
        for index, entry in enumerate(entries):
            _code, made = code_model.objects.get_or_create(
                scan=scan,
                kind=kind,
                key=entry["key"],
                defaults={
                    "parent": group,
                    "name": entry["name"],
                    "description": entry.get("description", entry.get("question", "")),
                    "colour": GROUP_COLOURS[kind],
                    "order": index,
                },
            )
            created += made
    _code, made = code_model.objects.get_or_create(
        scan=scan,
        kind=CodeKind.INTENT,
        key="intent",
        defaults={"name": str(CodeKind.INTENT.label), "colour": INTENT_COLOUR, "order": 99},
    )
    return created + made
