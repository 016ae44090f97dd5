"""The charts (pure, no browser): each chart function on a small hand-made analysis
result gives a spec whose inline data holds exactly the expected values, a text
alternative that names what the chart is about, and a table with the same numbers;
the server renders the same spec to SVG.

The result dicts have the shape of ``analysis.compute.analyse``; the method is a
minimal definition read through ``methods.definition.Method``.
"""

import json
import statistics
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template import Context, Engine
from django.template.defaultfilters import floatformat

from thermometer.goals.tracing import EffectTrail, TrailCell
from thermometer.methods.definition import Method
from thermometer.reports import charts

TOO_FEW = "te weinig antwoorden"

DEFINITION = {
    "score": {"min": 1, "max": 10, "traffic_lights": {"red_below": 5.5, "green_from": 7.0}},
    "goals": [
        {"key": "self_reliance", "name": "Eigen kracht"},
        {"key": "integrality", "name": "Integraliteit"},
        {"key": "finances", "name": "Financiën"},
    ],
    "actors": [
        {"key": "inwoner", "name": "Inwoner"},
        {"key": "professional", "name": "Professional"},
        {"key": "gemeente", "name": "Gemeente"},
    ],
    "layers": [
        {"key": "bestuur", "name": "Bestuur", "actor": "gemeente"},
        {"key": "regelgeving", "name": "Verordeningen", "actor": "gemeente"},
        {"key": "opdrachtgeving", "name": "Opdrachtgeving", "actor": "gemeente"},
        {"key": "uitvoering", "name": "Uitvoering", "actor": "professional"},
        {"key": "inwoner", "name": "Inwoner", "actor": "inwoner"},
    ],
    "themes": [
        {"key": "privacy", "name": "Privacy"},
        {"key": "kennis", "name": "Kennis"},
        {"key": "stuurinformatie", "name": "Stuurinformatie"},
    ],
}


def score(values: list[float]) -> dict:
    """A score as the analysis stores it, from raw grades (interval not needed here)."""
    mean, sd = statistics.fmean(values), statistics.stdev(values)
    return {
        "n": len(values),
        "mean": round(mean, 2),
        "sd": round(sd, 2),
        "low": round(mean - 0.5, 2),
        "high": round(mean + 0.5, 2),
    }


def s(mean: float, n: int = 20, sd: float = 1.5) -> dict:
    return {"n": n, "mean": mean, "sd": sd, "low": round(mean - 0.4, 2), "high": mean + 0.4}


def cell_light(colour: str | None) -> dict:
    return {"colour": colour, "reasons": []}


def chain(goal: str, scores: list[tuple[str, dict]]) -> dict:
    links = [
        {"upper": a, "lower": b, "loss": round(sa["mean"] - sb["mean"], 10)}
        for (a, sa), (b, sb) in zip(scores, scores[1:], strict=False)
    ]
    losing = [link for link in links if link["loss"] > 0]
    return {
        "goal": goal,
        "scores": [{"group": group, **sc} for group, sc in scores],
        "links": links,
        "worst": max(losing, key=lambda link: link["loss"]) if losing else None,
    }


# Eigen kracht: 8,0 → 6,5 → 6,0 → 4,0: the worst link is Uitvoering → Inwoner (2,0), and
# the merged group "regelgeving+opdrachtgeving" is labelled by both layers' names.
# Integraliteit scores lowest overall; Financiën has no group with enough answers.
RESULT = {
    "groups": ["bestuur", "regelgeving+opdrachtgeving", "uitvoering", "inwoner"],
    "chains": [
        chain(
            "self_reliance",
            [
                ("bestuur", s(8.0, 10)),
                ("regelgeving+opdrachtgeving", s(6.5, 12)),
                ("uitvoering", s(6.0, 20)),
                ("inwoner", s(4.0, 30)),
            ],
        ),
        chain("integrality", [("bestuur", s(5.0, 10)), ("inwoner", s(3.0, 30))]),
        chain("finances", []),
    ],
    # Each goal over all its groups' answers, as the analysis pools and rounds it.
    "goal_scores": {
        "self_reliance": {"n": 72, "mean": 5.5, "sd": 1.9, "low": 5.1, "high": 5.9},
        "integrality": {"n": 40, "mean": 3.5, "sd": 1.8, "low": 3.0, "high": 4.0},
        "finances": None,
    },
    "triangles": [
        {
            "goal": "self_reliance",
            "actors": {"inwoner": s(4.0), "professional": s(6.0), "gemeente": s(7.4)},
            "divergence": {"first": "gemeente", "second": "inwoner", "gap": 3.4},
        },
        {
            "goal": "integrality",
            "actors": {"inwoner": s(3.0), "professional": s(5.0), "gemeente": s(7.9)},
            "divergence": {"first": "gemeente", "second": "inwoner", "gap": 4.9},
        },
        {
            "goal": "finances",
            "actors": {"inwoner": None, "professional": s(6.0), "gemeente": s(6.5)},
            "divergence": {"first": "gemeente", "second": "professional", "gap": 0.5},
        },
    ],
    "matrix": [
        {"goal": "self_reliance", "actor": "inwoner", "score": s(4.0), "light": cell_light("red")},
        {
            "goal": "self_reliance",
            "actor": "gemeente",
            "score": s(7.4),
            "light": cell_light("green"),
        },
        {"goal": "integrality", "actor": "inwoner", "score": s(3.0), "light": cell_light("red")},
        {"goal": "integrality", "actor": "gemeente", "score": None, "light": cell_light(None)},
    ],
    "themes": [
        {
            "theme": "privacy",
            "score": None,
            "assessments": {"positive": 0, "negative": 3, "neutral": 1},
            "light": cell_light("red"),
        },
        {
            "theme": "kennis",
            "score": s(6.2, 40),
            "assessments": {"positive": 1, "negative": 0, "neutral": 0},
            "light": cell_light("amber"),
        },
        {
            "theme": "stuurinformatie",
            "score": None,
            "assessments": {"positive": 0, "negative": 0, "neutral": 0},
            "light": cell_light(None),
        },
    ],
}

TRAIL_LAYERS = [
    ("visie", "Missie en visie"),
    ("beleid", "Beleid"),
    ("opdrachtgeving", "Opdrachtgeving"),
    ("uitvoering", "Uitvoering"),
]
TRAILS = [
    {
        "effect": "Inwoners vinden sneller hulp dichtbij huis",
        "cells": {
            "visie": "stated",
            "beleid": "found",
            "opdrachtgeving": "lost",
            "uitvoering": "no_documents",
        },
    },
    {
        "effect": "Minder mensen met schulden",
        "cells": {"visie": None, "beleid": "stated", "opdrachtgeving": "weakened"},
    },
]


@pytest.fixture
def method():
    return Method(DEFINITION)


def values(chart) -> list[dict]:
    return chart.spec["data"]["values"]


def test_grades_round_half_up_with_a_decimal_comma_as_the_templates_do():
    for value in (8.25, 4.35, 6.28, 3.151403743315508, 7.0, 1.2237851662):
        assert charts.grade(value) == floatformat(value, 1)
    assert charts.grade(8.25) == "8,3"
    assert charts.grade(None) == "—"


def test_every_chart_is_a_json_ready_vega_lite_spec_with_its_text_alternative(method):
    for chart in all_charts(method):
        spec = json.loads(json.dumps(chart.spec))
        assert spec["$schema"].endswith("/vega-lite/v6.json")
        assert spec["description"] == chart.description
        assert chart.title and chart.description and chart.key
        assert isinstance(spec["data"]["values"], list)
        assert all(isinstance(cell, str) for row in chart.table.rows for cell in row)
        assert all(len(row) == len(chart.table.header) for row in chart.table.rows)


def test_specs_are_valid_against_the_vega_lite_schema_of_the_npm_package(method):
    schema_file = Path(settings.BASE_DIR) / "node_modules/vega-lite/build/vega-lite-schema.json"
    if not schema_file.exists():
        pytest.skip("node_modules/vega-lite is not installed (npm ci)")
    import jsonschema

    validator = jsonschema.Draft7Validator(json.loads(schema_file.read_text()))
    for chart in all_charts(method):
        errors = [e.message for e in validator.iter_errors(chart.spec)]
        assert not errors, (chart.key, errors[:3])


def test_thermometers_show_each_goals_grade_with_the_lowest_named(method):
    chart = charts.thermometers(RESULT, method)
    shown = {v["goal"]: v for v in values(chart)}
    # The goal's grade as the analysis computed it: the chart rounds nothing again.
    assert shown["Eigen kracht"]["n"] == 72
    assert shown["Eigen kracht"]["mean"] == 5.5
    assert shown["Integraliteit"]["mean"] == 3.5
    assert shown["Integraliteit"]["light"] == "red"
    assert shown["Eigen kracht"]["light"] == "amber"
    assert "Financiën" not in shown  # no group with enough answers
    assert shown["Integraliteit"]["low"] < 3.5 < shown["Integraliteit"]["high"]

    description = chart.description
    assert "Integraliteit" in description and "3,5" in description
    assert description.index("Integraliteit") < description.index("Eigen kracht")
    assert "Financiën" in description  # named as having too few answers

    assert chart.table.rows[0][:2] == ["Eigen kracht", "5,5"]
    assert chart.table.rows[1][:2] == ["Integraliteit", "3,5"]
    assert chart.table.rows[2][:2] == ["Financiën", TOO_FEW]
    assert chart.table.rows[1][3] == "40"
    # The thresholds stand in the chart as bands with their words.
    bands = chart.spec["layer"][0]["data"]["values"]
    assert [(b["from"], b["to"]) for b in bands] == [(1, 5.5), (5.5, 7.0), (7.0, 10)]


def test_whisper_chain_goes_down_the_groups_and_names_the_worst_link(method):
    chart = charts.whisper_chain(RESULT, method, "self_reliance")
    data = values(chart)
    assert [v["group"] for v in data] == [
        "Bestuur",
        "Verordeningen + Opdrachtgeving",
        "Uitvoering",
        "Inwoner",
    ]
    assert [v["mean"] for v in data] == [8.0, 6.5, 6.0, 4.0]
    assert [v["n"] for v in data] == [10, 12, 20, 30]
    assert [v["worst"] for v in data] == [False, False, True, True]
    assert "Uitvoering" in chart.description and "Inwoner" in chart.description
    assert "2,0" in chart.description  # the loss at the worst link
    assert "Eigen kracht" in chart.title
    assert [row[:2] for row in chart.table.rows] == [
        ["Bestuur", "8,0"],
        ["Verordeningen + Opdrachtgeving", "6,5"],
        ["Uitvoering", "6,0"],
        ["Inwoner", "4,0"],
    ]
    assert [row[4] for row in chart.table.rows] == ["—", "−1,5", "−0,5", "−2,0"]
    assert chart.key == "whisper-chain-self-reliance"


def test_whisper_chain_without_loss_or_answers(method):
    rising = {"chains": [chain("finances", [("bestuur", s(5.0)), ("inwoner", s(6.0))])]}
    chart = charts.whisper_chain(rising, method, "finances")
    assert not any(v["worst"] for v in values(chart))
    assert chart.table.rows[1][4] == "+1,0"
    empty = charts.whisper_chain(RESULT, method, "finances")
    assert values(empty) == [] and empty.table.rows == []
    assert "Financiën" in empty.description


def test_triangle_shows_each_actor_and_names_the_largest_divergence(method):
    chart = charts.triangle(RESULT, method)
    data = {(v["goal"], v["actor"]): v["mean"] for v in values(chart)}
    assert data == {
        ("Eigen kracht", "Inwoner"): 4.0,
        ("Eigen kracht", "Professional"): 6.0,
        ("Eigen kracht", "Gemeente"): 7.4,
        ("Integraliteit", "Inwoner"): 3.0,
        ("Integraliteit", "Professional"): 5.0,
        ("Integraliteit", "Gemeente"): 7.9,
        ("Financiën", "Professional"): 6.0,
        ("Financiën", "Gemeente"): 6.5,
    }
    # Every mark is named: the actor's name stands in its label.
    assert all(v["label"].startswith(v["actor"]) for v in values(chart))
    description = chart.description
    assert "Integraliteit" in description and "Eigen kracht" not in description
    assert "Gemeente" in description and "Inwoner" in description
    assert "7,9" in description and "3,0" in description and "4,9" in description
    assert chart.table.header[1:4] == ["Inwoner", "Professional", "Gemeente"]
    assert chart.table.rows == [
        ["Eigen kracht", "4,0", "6,0", "7,4", "3,4"],
        ["Integraliteit", "3,0", "5,0", "7,9", "4,9"],
        ["Financiën", TOO_FEW, "6,0", "6,5", "0,5"],
    ]


def test_matrix_heat_map_gives_every_cell_its_grade_and_lights_word(method):
    chart = charts.matrix_heatmap(RESULT, method)
    cells = {(v["goal"], v["actor"]): (v["mean"], v["light"], v["label"]) for v in values(chart)}
    assert cells == {
        ("Eigen kracht", "Inwoner"): (4.0, "red", ["4,0", "rood"]),
        ("Eigen kracht", "Gemeente"): (7.4, "green", ["7,4", "groen"]),
        ("Integraliteit", "Inwoner"): (3.0, "red", ["3,0", "rood"]),
        ("Integraliteit", "Gemeente"): (None, "none", [TOO_FEW, "geen licht"]),
    }
    assert chart.table.header[1:] == ["Inwoner", "Gemeente"]
    assert chart.table.rows == [
        ["Eigen kracht", "4,0 (rood)", "7,4 (groen)"],
        ["Integraliteit", "3,0 (rood)", f"{TOO_FEW} (geen licht)"],
    ]
    description = chart.description
    assert "2" in description and "4" in description  # 2 of 4 cells red
    assert "Integraliteit × Inwoner" in description and "3,0" in description


def test_theme_lights_label_each_theme_with_its_lights_word(method):
    chart = charts.theme_lights(RESULT, method)
    assert [(v["theme"], v["light"], v["label"]) for v in values(chart)] == [
        ("Privacy", "red", "rood"),
        ("Kennis", "amber", "oranje · 6,2"),
        ("Stuurinformatie", "none", "geen licht"),
    ]
    assert [row[:4] for row in chart.table.rows] == [
        ["Privacy", "rood", TOO_FEW, "—"],
        ["Kennis", "oranje", "6,2", "40"],
        ["Stuurinformatie", "geen licht", TOO_FEW, "—"],
    ]
    description = chart.description
    assert description.index("Privacy") < description.index("Kennis")
    assert "Stuurinformatie" in description


def test_trail_grid_colours_and_names_every_verdict(method):
    chart = charts.trail_grid(TRAILS, TRAIL_LAYERS)
    cells = [(v["statement"], v["layer"], v["verdict"], v["label"]) for v in values(chart)]
    first, second = TRAILS[0]["effect"], TRAILS[1]["effect"]
    assert cells == [
        (first, "Missie en visie", "stated", "Hier vastgelegd"),
        (first, "Beleid", "found", "Gevonden"),
        (first, "Opdrachtgeving", "lost", "Verloren"),
        (first, "Uitvoering", "no_documents", "Geen documenten"),
        (second, "Beleid", "stated", "Hier vastgelegd"),
        (second, "Opdrachtgeving", "weakened", "Verzwakt"),
    ]
    assert chart.table.header == ["Beoogd effect", *(name for _key, name in TRAIL_LAYERS)]
    assert chart.table.rows == [
        [first, "Hier vastgelegd", "Gevonden", "Verloren", "Geen documenten"],
        [second, "—", "Hier vastgelegd", "Verzwakt", "—"],
    ]
    assert first in chart.description and "Opdrachtgeving" in chart.description
    assert second not in chart.description  # weakened, counted but not lost


def test_trail_input_turns_tracing_output_into_the_plain_rows():
    effect = SimpleNamespace(statement="Snellere hulp", layer="visie")
    trail = EffectTrail(
        effect,
        [
            TrailCell("beleid", True, suggested="found"),
            TrailCell(
                "opdrachtgeving", True, suggested="found", confirmed=SimpleNamespace(verdict="lost")
            ),
            TrailCell("uitvoering", False),
        ],
        "beleid",
    )
    rows = charts.trail_input([trail], TRAIL_LAYERS)
    assert rows == [
        {
            "effect": "Snellere hulp",
            "cells": {
                "visie": "stated",
                "beleid": "found",
                "opdrachtgeving": "lost",  # the adviser's verdict over the suggestion
                "uitvoering": "no_documents",
            },
        }
    ]


def test_chart_template_has_caption_spec_and_table():
    engine = Engine(
        dirs=[Path(charts.__file__).parent.parent / "templates"],
        libraries={"i18n": "django.templatetags.i18n", "static": "django.templatetags.static"},
    )
    chart = charts.matrix_heatmap(RESULT, Method(DEFINITION))
    html = engine.get_template("reports/_chart.html").render(Context({"chart": chart}))
    assert '<figure class="chart-figure" id="chart-matrix">' in html
    assert 'data-chart-id="chart-matrix-spec"' in html
    assert '<script id="chart-matrix-spec" type="application/json">' in html
    assert chart.description.split(":")[0] in html
    assert '<th scope="row" class="utrecht-table__header-cell">Integraliteit</th>' in html
    assert f'<td class="utrecht-table__cell">{TOO_FEW} (geen licht)</td>' in html
    assert "<caption" in html and "<details" in html


def test_svg_on_the_server_shows_the_same_numbers(method):
    vl_convert = pytest.importorskip(
        "vl_convert", reason="vl-convert-python is not installed (pip install -e .)"
    )
    assert vl_convert  # imported for the skip
    from thermometer.reports.svg import PAPER_WIDTH, to_svg

    chart = charts.matrix_heatmap(RESULT, method)
    svg = to_svg(chart)
    assert svg.startswith("<svg")
    assert f'width="{PAPER_WIDTH}"' in svg
    assert "7,4" in svg and "rood" in svg and TOO_FEW in svg
    assert f"<title>{chart.title}</title>" in svg
    assert 'role="img"' in svg and "aria-label=" in svg
    assert to_svg(chart) == svg  # cached
    for other in all_charts(method):
        assert to_svg(other).startswith("<svg")


@pytest.mark.django_db
def test_charts_take_their_names_from_the_real_method():
    from thermometer.testing.factories import method_version

    real = method_version().method
    chart = charts.triangle(RESULT, real)
    assert {v["goal"] for v in values(chart)} <= set(real.goals.values())
    assert {v["actor"] for v in values(chart)} <= set(real.actors.values())
    chain_chart = charts.whisper_chain(RESULT, real, "self_reliance")
    assert chain_chart.table.rows[0][0] == real.layers["bestuur"]
    assert charts.theme_lights(RESULT, real).table.rows[0][0] == real.themes["privacy"]


def all_charts(method):
    return [
        charts.thermometers(RESULT, method),
        charts.whisper_chain(RESULT, method, "self_reliance"),
        charts.whisper_chain(RESULT, method, "finances"),
        charts.triangle(RESULT, method),
        charts.matrix_heatmap(RESULT, method),
        charts.theme_lights(RESULT, method),
        charts.trail_grid(TRAILS, TRAIL_LAYERS),
        charts.trail_grid([], TRAIL_LAYERS),
    ]
