"""The computed analysis in words: names from the method and a sentence per light."""

from django.utils.translation import gettext as _

from thermometer.core.formatting import decimal, signed_change
from thermometer.core.lights import colour_name
from thermometer.questionnaires.anonymity import group_label


def explain(light: dict, thresholds: dict) -> str:
    """One line on what made a light its colour, the deciding ground first."""
    if not light["colour"]:
        return _("Not enough answers or judged codings to give a light.")
    parts = []
    for reason in light["reasons"]:
        if reason["score"] is not None:
            parts.append(
                _("average grade %(grade)s (red below %(red)s, green from %(green)s): %(colour)s")
                % {
                    "grade": decimal(reason["score"]),
                    "red": decimal(thresholds["red_below"]),
                    "green": decimal(thresholds["green_from"]),
                    "colour": colour_name(reason["colour"]),
                }
            )
        else:
            parts.append(
                _("%(negative)d of %(judged)d judged codings negative: %(colour)s")
                % {
                    "negative": reason["negative"],
                    "judged": reason["judged"],
                    "colour": colour_name(reason["colour"]),
                }
            )
    return "; ".join(parts) + "."


def _label_of(layers):
    """The reader's name of a reporting group (layers joined by '+')."""

    def label(group: str) -> str:
        return group_label(tuple(group.split("+")), layers)

    return label


def _present_chains(chains: list, goal_names: dict, label) -> list[dict]:
    presented = []
    for chain in chains:
        losses = {link["lower"]: link["loss"] for link in chain["links"]}
        worst = chain["worst"]
        presented.append(
            {
                "goal": goal_names.get(chain["goal"], chain["goal"]),
                "rows": [
                    {
                        **score,
                        "label": label(score["group"]),
                        "change": signed_change(losses.get(score["group"])),
                    }
                    for score in chain["scores"]
                ],
                "worst": worst
                and {
                    "upper": label(worst["upper"]),
                    "lower": label(worst["lower"]),
                    "loss": worst["loss"],
                },
            }
        )
    return presented


def _present_triangles(triangles: list, names: dict) -> list[dict]:
    return [
        {
            "goal": names["goal"].get(t["goal"], t["goal"]),
            "rows": [
                {"actor": names["actor"].get(a, a), "score": s} for a, s in t["actors"].items()
            ],
            "divergence": t["divergence"]
            and {
                "first": names["actor"].get(t["divergence"]["first"]),
                "second": names["actor"].get(t["divergence"]["second"]),
                "gap": t["divergence"]["gap"],
            },
        }
        for t in triangles
    ]


def _present_matrix(matrix: list, names: dict, thresholds: dict) -> list[dict]:
    """The goal × actor cells grouped per goal, each light named and explained."""
    presented = []
    for goal in dict.fromkeys(cell["goal"] for cell in matrix):
        cells = [cell for cell in matrix if cell["goal"] == goal]
        presented.append(
            {
                "goal": names["goal"].get(goal, goal),
                "cells": [
                    {
                        **cell,
                        "actor_name": names["actor"].get(cell["actor"]),
                        "colour_name": colour_name(cell["light"]["colour"]),
                        "explanation": explain(cell["light"], thresholds),
                    }
                    for cell in cells
                ],
            }
        )
    return presented


def _present_themes(themes: list, theme_names: dict, thresholds: dict) -> list[dict]:
    return [
        {
            **theme,
            "name": theme_names.get(theme["theme"], theme["theme"]),
            "colour_name": colour_name(theme["light"]["colour"]),
            "explanation": explain(theme["light"], thresholds),
        }
        for theme in themes
    ]


def _present_reverse(reverse: list, goal_names: dict, label) -> list[dict]:
    return [
        {
            "goal": goal_names.get(r["goal"], r["goal"]),
            "intents": r["intents"],
            "rows": [
                {**found, "label": label(group), "colour_name": colour_name(found["colour"])}
                for group, found in r["groups"].items()
            ],
        }
        for r in reverse
    ]


def _present_temperature(temperature: list, names: dict, groups: list) -> list[dict]:
    """Per goal, a row per dimension with a cell per reporting group."""
    presented = []
    for goal in dict.fromkeys(row["goal"] for row in temperature):
        presented.append(
            {
                "goal": names["goal"].get(goal, goal),
                "rows": [
                    {
                        "dimension": names["dimension"].get(row["dimension"]),
                        "cells": [row["groups"].get(g["key"]) for g in groups],
                    }
                    for row in temperature
                    if row["goal"] == goal
                ],
            }
        )
    return presented


def present(result: dict, method) -> dict:
    """Add names, labels and explanations to the computed result, for the templates."""
    layers = method.layers
    names = {
        "goal": method.goals,
        "actor": method.actors,
        "dimension": method.dimensions,
        "theme": method.themes,
    }
    thresholds = method.data["score"]["traffic_lights"]
    label = _label_of(layers)
    groups = [{"key": g, "label": label(g)} for g in result["groups"]]
    matrix_actors = list(dict.fromkeys(cell["actor"] for cell in result["matrix"]))
    return {
        "groups": groups,
        "respondents": [
            {"label": layers.get(layer, layer), "n": result["respondents"].get(layer, 0)}
            for layer in layers
        ],
        "suppressed": [layers.get(layer, layer) for layer in result["suppressed_layers"]],
        "min_group_size": result["min_group_size"],
        # Some reporting group has enough answers: there is something to show.
        "measured": bool(result["groups"]),
        "chains": _present_chains(result["chains"], names["goal"], label),
        "reverse": _present_reverse(result["reverse"], names["goal"], label),
        "triangles": _present_triangles(result["triangles"], names),
        "matrix_actors": [names["actor"].get(a, a) for a in matrix_actors],
        "matrix": _present_matrix(result["matrix"], names, thresholds),
        "themes": _present_themes(result["themes"], names["theme"], thresholds),
        "temperature": _present_temperature(result["temperature"], names, groups),
        "grades": [
            {"actor": names["actor"].get(a, a), "score": s} for a, s in result["grades"].items()
        ],
        "thresholds": thresholds,
    }
