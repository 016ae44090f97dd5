"""What the finances pages show, arranged from the measures (plain data for templates)."""

from . import services, taakvelden
from .chart import per_inhabitant as per_inhabitant_chart
from .chart import shift as shift_chart


def page(scan) -> dict:
    try:
        analysis = services.analysis_for(scan)
    except services.FinanceError as error:
        return {"unavailable": str(error)}
    if analysis is None:
        return {"analysis": None}
    rows = analysis["per_inhabitant"]
    latest = {}
    for row in rows:
        latest[row["document"]] = max(latest.get(row["document"], 0), row["year"])
    return {
        "analysis": analysis,
        "totals": [r for r in rows if r["taakveld"] is None],
        "per_taakveld": [r for r in rows if r["taakveld"] and r["year"] == latest[r["document"]]],
        "has_references": bool(analysis["reference_sources"]),
        "chart": per_inhabitant_chart(analysis, scan.municipality.name),
        "shift_chart": shift_chart(analysis),
    }


def preview(result) -> dict:
    """The reading as a grid: a row per taakveld, a column per year, document and side."""
    columns = sorted({(f.year, f.document, f.side) for f in result.figures})
    amounts = {(f.taakveld, f.year, f.document, f.side): f.amount for f in result.figures}
    grid = [
        {
            "taakveld": code,
            "label": taakvelden.label(code),
            "cells": [amounts.get((code, *column)) for column in columns],
        }
        for code in result.taakvelden
    ]
    return {
        "reading": result,
        "columns": columns,
        "grid": grid,
        "figure_count": len(result.figures),
    }
