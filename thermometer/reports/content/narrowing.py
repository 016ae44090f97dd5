"""The Thermometer's overview narrowed to one goal, layer or theme (the filter of the
digital overview); the other methods' content is never narrowed."""


def _analysis(analysis: dict, goal: str, actor: str, layer: str, theme: str) -> dict:
    """The matrix cells and the theme lights that the filter keeps."""
    analysis = dict(analysis)
    matrix = []
    for row in analysis["matrix"]:
        cells = [
            cell
            for cell in row["cells"]
            if (not goal or cell["goal"] == goal) and (not actor or cell["actor"] == actor)
        ]
        if cells and not theme:
            matrix.append({**row, "cells": cells})
    analysis["matrix"] = matrix
    analysis["themes"] = (
        [t for t in analysis["themes"] if (not theme or t["theme"] == theme) and not goal]
        if not layer
        else []
    )
    return analysis


def _advice(advice: dict, goal: str, layer: str, theme: str) -> dict:
    return {
        **advice,
        "recommendations": [
            r
            for r in advice["recommendations"]
            if (not goal or r["goal"] == goal)
            and (not theme or r["theme"] == theme)
            and (not layer or r["owner_layer"] == layer)
        ],
    }


def narrow(content: dict, method, *, goal: str = "", layer: str = "", theme: str = "") -> dict:
    """The overview for one goal, layer (its actor's cells and what it owns) or theme;
    unknown keys are ignored. Charts stay whole: the numbers around them narrow."""
    if content["kind"] != "thermometer":
        return content
    goal = goal if goal in method.goals else ""
    layer = layer if layer in method.layers else ""
    theme = theme if theme in method.themes else ""
    narrowed = {**content, "filter": {"goal": goal, "layer": layer, "theme": theme}}
    if not (goal or layer or theme):
        return narrowed
    actor = method.layer_default_actor.get(layer, "") if layer else ""
    narrowed["analysis"] = _analysis(content["analysis"], goal, actor, layer, theme)
    narrowed["findings"] = [
        f
        for f in content["findings"]
        if (not goal or f["goal"] == goal)
        and (not theme or f["theme"] == theme)
        and (not actor or f["actor"] == actor)
    ]
    narrowed["advice"] = _advice(content["advice"], goal, layer, theme)
    narrowed["answers"] = [
        {**a, "chart": 0} for a in content["answers"] if a["key"] == goal
    ] or content["answers"]
    goal_name = method.goals.get(goal, "")
    narrowed["trails"] = {
        **content["trails"],
        "rows": [r for r in content["trails"]["rows"] if not goal or r["goal"] == goal_name],
    }
    chart = dict(content["chart"])
    if goal:
        chart["chains"] = [content["chart"]["chains"][list(method.goals).index(goal)]]
    narrowed["chart"] = chart
    return narrowed
