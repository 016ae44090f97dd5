"""The chart of a scan's finances: social-domain lasten per inhabitant per year, the
municipality beside its size class and province (pure: the analysis of
``finances.measures.analyse`` in, a ``Chart`` out; one spec for web and paper)."""

from django.utils.translation import gettext as _

from thermometer.core.charts import ACTOR_COLOURS, ACTOR_SHAPES, Chart, Table, spec
from thermometer.core.formatting import decimal, euros

REGIONS = ("size_class", "province")


def per_inhabitant(analysis: dict, municipality: str) -> Chart | None:
    """None when no year has a value per inhabitant."""
    rows = [r for r in analysis["per_inhabitant"] if r["taakveld"] is None]
    document = next(
        (d for d in ("rekening", "begroting") if any(r["document"] == d for r in rows)), None
    )
    rows = [r for r in rows if r["document"] == document and r["value"] is not None]
    if not rows:
        return None
    series = {municipality: {r["year"]: r["value"] for r in rows}}
    for region in REGIONS:
        for row in rows:
            found = row["references"].get(region)
            if found:
                series.setdefault(found["label"], {})[row["year"]] = found["value"]
    values = [
        {"year": str(year), "series": name, "value": value, "label": euros(value)}
        for name, points in series.items()
        for year, value in sorted(points.items())
    ]
    names = list(series)
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": names, "range": list(ACTOR_COLOURS[: len(names)])},
        "legend": {"orient": "bottom", "labelLimit": 320},
    }
    shape = {**colour, "scale": {"domain": names, "range": list(ACTOR_SHAPES[: len(names)])}}
    x = {"field": "year", "type": "ordinal", "title": _("Year"), "axis": {"labelAngle": 0}}
    y = {"field": "value", "type": "quantitative", "title": _("€ per inhabitant")}
    description = _describe(series, municipality, document)
    drawn = spec(
        description,
        values,
        height=260,
        layer=[
            {"mark": {"type": "line"}, "encoding": {"x": x, "y": y, "color": colour}},
            {
                "mark": {"type": "point", "filled": True, "size": 70},
                "encoding": {"x": x, "y": y, "color": colour, "shape": shape},
            },
            {
                "mark": {"type": "text", "dy": -10, "fontSize": 11},
                "encoding": {"x": x, "y": y, "text": {"field": "label"}, "color": colour},
            },
        ],
    )
    years = sorted({year for points in series.values() for year in points})
    table = Table(
        _("Social domain lasten per inhabitant (€)"),
        [_("Year"), *names],
        [[str(year), *(_amount(series[name].get(year)) for name in names)] for year in years],
    )
    title = _("Social domain lasten per inhabitant")
    return Chart("finances-per-inhabitant", title, description, drawn, table)


def _amount(value) -> str:
    return euros(value)


def _describe(series: dict, municipality: str, document: str) -> str:
    own = series[municipality]
    first, last = min(own), max(own)
    words = _(
        "%(municipality)s spent %(first_value)s per inhabitant on the social domain in "
        "%(first)s and %(last_value)s in %(last)s (%(document)s)."
    ) % {
        "municipality": municipality,
        "first": first,
        "last": last,
        "first_value": _amount(own[first]),
        "last_value": _amount(own[last]),
        "document": _("accounts") if document == "rekening" else _("budget"),
    }
    if first == last:
        words = _(
            "%(municipality)s spent %(value)s per inhabitant on the social domain in "
            "%(year)s (%(document)s)."
        ) % {
            "municipality": municipality,
            "value": _amount(own[last]),
            "year": last,
            "document": _("accounts") if document == "rekening" else _("budget"),
        }
    others = [
        _("%(name)s: %(value)s") % {"name": name, "value": _amount(points[last])}
        for name, points in series.items()
        if name != municipality and last in points
    ]
    if others:
        words += " " + _("In %(year)s, for comparison: %(others)s.") % {
            "year": last,
            "others": "; ".join(others),
        }
    return words


def shift(analysis: dict) -> Chart | None:
    """The share of general provisions per year (accounts, else budget) as bars, each with
    its percentage written on it; None with fewer than one year."""
    document = next((d for d in ("rekening", "begroting") if d in analysis["shift"]), None)
    if document is None:
        return None
    points = analysis["shift"][document]["points"]
    values = [
        {"year": str(p["year"]), "share": p["share"], "label": f"{decimal(p['share'], 1)}%"}
        for p in points
    ]
    x = {"field": "year", "type": "ordinal", "title": _("Year"), "axis": {"labelAngle": 0}}
    y = {
        "field": "share",
        "type": "quantitative",
        "title": _("Share of general provisions (%)"),
        "scale": {"domain": [0, 100]},
    }
    sentence = analysis["shift"][document]["sentence"]
    shares = "; ".join(f"{v['year']}: {v['label']}" for v in values)
    description = (sentence + " " if sentence else "") + _(
        "Share of general provisions per year: %(shares)s."
    ) % {"shares": shares}
    drawn = spec(
        description,
        values,
        height=220,
        layer=[
            {"mark": {"type": "bar", "color": ACTOR_COLOURS[0]}, "encoding": {"x": x, "y": y}},
            {
                "mark": {"type": "text", "dy": -8, "fontSize": 11},
                "encoding": {"x": x, "y": y, "text": {"field": "label"}},
            },
        ],
    )
    table = Table(
        _("Share of general provisions per year"),
        [
            _("Year"),
            _("General provisions (€)"),
            _("Individual and escalated care (€)"),
            _("Share"),
        ],
        [
            [
                str(p["year"]),
                euros(p["general"]),
                euros(p["individual"]),
                f"{decimal(p['share'], 1)}%",
            ]
            for p in points
        ],
    )
    return Chart(
        "finances-shift", _("From individual care to prevention?"), description, drawn, table
    )
