"""A scan's financial measures as named series of (year, value), for the places that take
one figure from them: a finding's evidence, an indicator of De Raad in positie, the
Financiën row of the matrix and the report (pure: the analysis of ``measures.analyse`` in).

Each series uses the accounts where the scan has them and otherwise the budget, and says
which; every value is the number the finances page shows (rounded once, there).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thermometer.core.formatting import decimal, euros

from .measures import ACCOUNTS, BUDGET

KEYS = {
    "per_inhabitant": gettext_lazy("Social domain lasten per inhabitant"),
    "general_share": gettext_lazy("Share of general provisions in general plus individual care"),
    "budget_deviation": gettext_lazy("Deviation of the accounts from the budget, social domain"),
}
UNITS = {"per_inhabitant": "€", "general_share": "%", "budget_deviation": "%"}


def all_series(analysis: dict | None) -> dict:
    """{key: {"key", "label", "unit", "document", "points": [(year, value)], "sources"}}
    for each measure the analysis has values for."""
    if not analysis:
        return {}
    found = {}
    for key, document, points in (
        ("per_inhabitant", *_per_inhabitant(analysis)),
        ("general_share", *_general_share(analysis)),
        ("budget_deviation", ACCOUNTS, _deviation(analysis)),
    ):
        if points:
            found[key] = {
                "key": key,
                "label": str(KEYS[key]),
                "unit": UNITS[key],
                "document": document,
                "points": points,
                "sources": analysis.get("sources", []),
            }
    return found


def latest(analysis: dict | None) -> list[dict]:
    """The latest value of each series as a person reads it (the matrix's Financiën row)."""
    return [
        {
            "label": item["label"],
            "year": item["points"][-1][0],
            "document": _document(item["document"]),
            "shown": shown(item["points"][-1][1], item["unit"]),
        }
        for item in all_series(analysis).values()
    ]


def citable(analysis: dict | None) -> list[dict]:
    """Each value of each series as one figure a finding can cite: key, label, value, the
    value as shown, unit, year and the sources, kept with the evidence as they are now."""
    figures = []
    for series in all_series(analysis).values():
        for year, value in series["points"]:
            figures.append(
                {
                    "key": f"{series['key']}:{year}",
                    "label": _("%(measure)s, %(year)s (%(document)s)")
                    % {
                        "measure": series["label"],
                        "year": year,
                        "document": _document(series["document"]),
                    },
                    "value": value,
                    "shown": shown(value, series["unit"]),
                    "unit": series["unit"],
                    "year": year,
                    "sources": ", ".join(series["sources"]),
                }
            )
    return figures


def shown(value, unit: str) -> str:
    """A figure as people read it: "€ 650" (whole euros), "93,6%"."""
    if unit == "€":
        return euros(value)
    return f"{decimal(value, 1)}{unit}"


def _document(document: str) -> str:
    return _("accounts") if document == ACCOUNTS else _("budget")


def _per_inhabitant(analysis) -> tuple[str, list]:
    for document in (ACCOUNTS, BUDGET):
        points = [
            (row["year"], row["value"])
            for row in analysis["per_inhabitant"]
            if row["taakveld"] is None and row["document"] == document and row["value"] is not None
        ]
        if points:
            return document, points
    return ACCOUNTS, []


def _general_share(analysis) -> tuple[str, list]:
    for document in (ACCOUNTS, BUDGET):
        series = analysis["shift"].get(document)
        if series:
            return document, [(p["year"], p["share"]) for p in series["points"]]
    return ACCOUNTS, []


def _deviation(analysis) -> list:
    return [
        (row["year"], row["share"])
        for row in analysis["budget"]["totals"]
        if row["share"] is not None
    ]
