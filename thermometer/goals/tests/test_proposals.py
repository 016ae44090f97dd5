import pytest

from thermometer.goals.proposals import (
    PassageText,
    client_proposals,
    document_proposals,
    guess_goal,
    parse_ref,
)
from thermometer.sources.intents import intent_spans

LEXICON = {
    "self_reliance": ["zelfstandig", "eigen netwerk"],
    "integrality": ["één plan", "regisseur"],
    "finances": ["budget", "betaalbaar"],
}
TEXT = (
    "Wij willen dat inwoners zelfstandig thuis wonen. Het college vergadert op dinsdag. "
    "Een huishouden krijgt één plan, zodat hulp niet langs elkaar heen werkt."
)


def _passage(pid=1, text=TEXT, layer="visie"):
    spans = tuple(tuple(span) for span in intent_spans(text))
    return PassageText(pid, text, layer, "Visie (fictief)", 3, spans)


def test_intent_sentences_are_proposed_with_their_goal_and_place():
    proposals = document_proposals([_passage()], {}, set(), LEXICON, "gecodeerd")
    assert [p.text for p in proposals] == [
        "Wij willen dat inwoners zelfstandig thuis wonen.",
        "Een huishouden krijgt één plan, zodat hulp niet langs elkaar heen werkt.",
    ]
    assert [p.goal for p in proposals] == ["self_reliance", "integrality"]
    first = proposals[0]
    assert (first.layer, first.source_title, first.page, first.coded) == (
        "visie",
        "Visie (fictief)",
        3,
        False,
    )
    assert first.reason == "Wij willen"
    assert TEXT[first.start : first.end] == first.text


def test_a_coded_span_comes_first_and_replaces_the_sentence_it_overlaps():
    coded = {1: [(0, 47)]}
    proposals = document_proposals([_passage()], coded, set(), LEXICON, "gecodeerd")
    assert proposals[0].coded and proposals[0].reason == "gecodeerd"
    assert (proposals[0].start, proposals[0].end) == (0, 47)
    assert len(proposals) == 2  # the found sentence at 0..48 gave way to the coded span


def test_answered_proposals_are_not_offered_again():
    first = document_proposals([_passage()], {}, set(), LEXICON, "x")[0]
    again = document_proposals([_passage()], {}, {(1, first.start, first.end)}, LEXICON, "x")
    assert first.ref not in [p.ref for p in again]
    assert len(again) == 1


def test_client_questions_are_proposals_until_answered():
    questions = [(7, "Blijft de ondersteuning betaalbaar?"), (8, "Werkt het wijkteam?")]
    proposals = client_proposals(questions, {8}, LEXICON, "vraag", "bestuur")
    assert [(p.ref, p.goal, p.layer) for p in proposals] == [("q:7", "finances", "bestuur")]


def test_guess_goal_is_empty_without_words_of_a_goal():
    assert guess_goal("Het college vergadert op dinsdag.", LEXICON) == ""


@pytest.mark.parametrize("ref", ["", "p:1:5", "p:1:9:3", "p:a:0:3", "q:", "x:1", "p:1:-1:4"])
def test_malformed_references_are_refused(ref):
    with pytest.raises(ValueError):
        parse_ref(ref)


def test_references_round_trip():
    assert parse_ref("p:12:3:40") == ("p", 12, 3, 40)
    assert parse_ref("q:5") == ("q", 5)
