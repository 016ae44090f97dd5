"""The finances of a scan as a report shows them (plain data; the same measures as the
finances page): lasten per inhabitant as a chart with its words and table, the shift
between general provisions and individual care, the overruns, the light, the sources."""

from thermometer.finances import series
from thermometer.finances.chart import per_inhabitant


def finances_part(analysis: dict | None, municipality: str) -> tuple[dict | None, object | None]:
    """(the part, its chart of lasten per inhabitant) from the scan's financial analysis
    (``finances.services.analysis_if_any``); (None, None) without figures."""
    if analysis is None:
        return None, None
    shift = next(
        (analysis["shift"][d] for d in ("rekening", "begroting") if d in analysis["shift"]), None
    )
    part = {
        "latest": series.latest(analysis),
        "shift_sentence": shift["sentence"] if shift else "",
        "overruns": [
            {"label": row["label"], "year": row["year"], "share": row["share"]}
            for row in analysis["budget"]["overruns"]
        ],
        "light": analysis["light"],
        "definitions": analysis["definitions"],
        "sources": analysis["sources"],
        "reference_sources": analysis["reference_sources"],
    }
    return part, per_inhabitant(analysis, municipality)
