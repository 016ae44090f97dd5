"""Chart 6, the trail grid: intended effects × the layers of the chain, each cell its
verdict (found, weakened, lost) as colour and word."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.core.charts import FILL, INK, NONE, OUTLINE, Chart, Table, nominal, spec, tooltip
from thermometer.goals.constants import VERDICT_LIGHT, Verdict

from .style import LINES, wrap

# Trail verdicts (goals.constants.Verdict) and the two states that are not a verdict.
FOUND, WEAKENED, LOST = Verdict.FOUND, Verdict.WEAKENED, Verdict.LOST
NO_DOCUMENTS, STATED = "no_documents", "stated"
STATED_FILL, STATED_INK = "#dde7f0", "#1f3a5a"


def trail_input(effect_trails, layers: list[tuple[str, str]]) -> list[dict]:
    """The plain input of ``trail_grid`` from ``goals.tracing.trails_for``: per effect its
    statement and per layer ``"stated"`` (the layer it was stated in), ``None`` (above
    it), ``"no_documents"`` or the verdict (confirmed, else suggested)."""
    rows = []
    for effect_trail in effect_trails:
        cells = {}
        for key, _name in layers:
            cell = effect_trail.cell(key)
            if key == effect_trail.effect.layer:
                cells[key] = STATED
            elif cell is None:
                cells[key] = None
            elif not cell.has_documents:
                cells[key] = NO_DOCUMENTS
            else:
                cells[key] = cell.verdict
        rows.append({"effect": effect_trail.effect.statement, "cells": cells})
    return rows


def _verdict_word(verdict: str | None) -> str:
    return {
        **{v: str(v.label) for v in Verdict},
        NO_DOCUMENTS: _("No documents"),
        STATED: _("Stated here"),
    }.get(verdict, "—")


def _cells(trails: list[dict], layers: list[tuple[str, str]], columns: dict) -> tuple:
    """(the marks, the table's rows, the effects' axis labels)."""
    values, rows, effect_labels = [], [], []
    for number, row in enumerate(trails, start=1):
        text = row["effect"]
        effect_label = wrap(f"{number}. {text}", 34, 3)
        effect_labels.append(effect_label)
        rows.append([text, *(_verdict_word(row["cells"].get(key)) for key, _name in layers)])
        for key, name in layers:
            verdict = row["cells"].get(key)
            if verdict is None:
                continue
            values.append(
                {
                    "effect": effect_label,
                    "statement": text,
                    "column": columns[key],
                    "layer": name,
                    "verdict": verdict,
                    "label": _verdict_word(verdict),
                    "lines": wrap(_verdict_word(verdict), 11, 2).split("\n"),
                }
            )
    return values, rows, effect_labels


def _description(trails: list[dict], layers: list[tuple[str, str]]) -> str:
    if not trails:
        return _("No intended effects to trace.")
    names, order = dict(layers), [key for key, _name in layers]
    lost, weakened = [], []
    for row in trails:
        first_lost = next((k for k in order if row["cells"].get(k) == LOST), None)
        if first_lost:
            lost.append(
                _("“%(effect)s” in %(layer)s")
                % {"effect": row["effect"], "layer": names[first_lost]}
            )
        elif any(row["cells"].get(k) == WEAKENED for k in order):
            weakened.append(row["effect"])
    description = ngettext(
        "%(lost)d of %(total)d intended effects is lost down the chain",
        "%(lost)d of %(total)d intended effects are lost down the chain",
        len(lost),
    ) % {"lost": len(lost), "total": len(trails)}
    description += (": " + "; ".join(lost) + ".") if lost else "."
    if weakened:
        description += " " + ngettext(
            "%(count)d more is weakened.", "%(count)d more are weakened.", len(weakened)
        ) % {"count": len(weakened)}
    return description


def _verdict_colours() -> tuple[dict, dict]:
    """(fill, ink) channels of the verdicts: the lights' colours, a blue for stated."""
    fill = {verdict: FILL[colour] for verdict, colour in VERDICT_LIGHT.items()}
    ink = {verdict: INK[colour] for verdict, colour in VERDICT_LIGHT.items()}
    fill |= {NO_DOCUMENTS: FILL[NONE], STATED: STATED_FILL}
    ink |= {NO_DOCUMENTS: INK[NONE], STATED: STATED_INK}
    return nominal("verdict", fill), nominal("verdict", ink)


def _axes(columns: list[str], effect_labels: list[str]) -> tuple[dict, dict]:
    """The layers along x, the effects along y, both labels on their wrapped lines."""
    axis = {"labelExpr": LINES, "labelLineHeight": 14, "domain": False, "ticks": False}
    x = {
        "field": "column",
        "type": "nominal",
        "sort": columns,
        "title": None,
        "scale": {"domain": columns},
        "axis": {**axis, "orient": "bottom", "labelAngle": 0},
    }
    y = {
        "field": "effect",
        "type": "nominal",
        "sort": effect_labels,
        "title": None,
        "scale": {"domain": effect_labels},
        "axis": {**axis, "labelLimit": 0},
    }
    return x, y


def _layers(columns: list[str], effect_labels: list[str]) -> list[dict]:
    x, y = _axes(columns, effect_labels)
    fill, ink = _verdict_colours()
    cell = {
        "mark": {"type": "rect", "stroke": OUTLINE, "strokeWidth": 1},
        "encoding": {
            "x": x,
            "y": y,
            "fill": fill,
            "tooltip": tooltip(
                ("statement", _("Intended effect")),
                ("layer", _("Layer")),
                ("label", _("Verdict")),
            ),
        },
    }
    words = {
        "mark": {"type": "text", "fontSize": 12, "baseline": "middle", "lineHeight": 14},
        "encoding": {"x": x, "y": y, "text": {"field": "lines"}, "color": ink},
    }
    return [cell, words]


def trail_grid(trails: list[dict], layers: list[tuple[str, str]]) -> Chart:
    """Intended effects × layers, each cell its verdict as colour and word.

    ``trails``: ``[{"effect": statement, "cells": {layer_key: verdict}}]`` where a verdict
    is ``"found"``, ``"weakened"``, ``"lost"``, ``"no_documents"`` (no documents in that
    layer), ``"stated"`` (the layer the effect was stated in) or ``None`` (a layer above
    it: no cell); ``layers``: ``[(key, name)]`` in chain order (``tracing.trail_layers``).
    ``trail_input`` makes ``trails`` from ``tracing.trails_for``.
    """
    # Axis labels wrapped onto lines (split again by the axes' labelExpr), cells' words too.
    columns = {key: wrap(name, 14, 3) for key, name in layers}
    values, rows, effect_labels = _cells(trails, layers, columns)
    description = _description(trails, layers)
    drawn = spec(
        description,
        values,
        # Wide enough for the words in the cells: scrolls on a phone, shrinks on paper.
        width={"step": 86},
        height={"step": 52},
        layer=_layers(list(columns.values()), effect_labels),
    )
    title = _("Intended effects down the layers of the chain")
    table = Table(title, [_("Intended effect"), *(name for _key, name in layers)], rows)
    return Chart("trail", title, description, drawn, table)
