"""The document-trail matcher on small hand-made Dutch cases (pure, no database)."""

import pytest

from thermometer.core.dutch import content_stems
from thermometer.goals import trail
from thermometer.goals.trail import Candidate, LayerTrace, Match

EFFECT = "Inwoners wonen langer zelfstandig thuis"
# Fixed here so that retuning the defaults on the benchmark does not move these cases.
LIMITS = {"found_from": 0.6, "weakened_from": 0.25}


def _index(*texts, layer="regelgeving", analyser="porter"):
    return trail.build_index(
        [Candidate(n, layer, text) for n, text in enumerate(texts, 1)], analyser
    )


def _one(effect, index, layer="regelgeving", thresholds=LIMITS, top=3):
    (layer_trace,) = trail.trace(effect, index, [layer], thresholds, top)
    return layer_trace


def test_interface():
    assert trail.VERDICTS == ("found", "weakened", "lost")
    assert set(trail.DEFAULT_THRESHOLDS) >= {"found_from", "weakened_from"}
    assert 0 < trail.DEFAULT_THRESHOLDS["weakened_from"] < trail.DEFAULT_THRESHOLDS["found_from"]


def test_found_with_the_words_as_written_and_the_sentence_span():
    text = (
        "Artikel 2. Het college zorgt ervoor dat inwoners langer zelfstandig thuis wonen, "
        "zodat zij in hun eigen buurt kunnen blijven. Facturen worden binnen dertig dagen betaald."
    )
    layer_trace = _one(EFFECT, _index(text, "Het college stelt nadere regels."))
    assert layer_trace.verdict == "found"
    (match,) = layer_trace.matches
    assert match.key == 1
    assert match.layer == "regelgeving"
    assert match.similarity == 1.0
    # The effect's words as written there and in its order, not in the passage's order.
    assert match.matched == ("Inwoners", "wonen", "langer", "zelfstandig", "thuis")
    assert text[match.start : match.end] == (
        "Het college zorgt ervoor dat inwoners langer zelfstandig thuis wonen, "
        "zodat zij in hun eigen buurt kunnen blijven."
    )
    assert match.purpose is True


def test_similarity_is_the_weighted_share_of_the_effect():
    # Every word of the effect occurs in one passage of two: equal weights, so three of
    # five words found is 0.6.
    index = _index("Inwoners wonen thuis.", "Langer en zelfstandig.")
    match = trail.best_match(EFFECT, index, 1)
    assert match.similarity == 0.6
    assert match.matched == ("Inwoners", "wonen", "thuis")
    assert trail.best_match(EFFECT, index, 2).similarity == 0.4


def test_a_rare_word_weighs_more_than_a_common_one():
    index = _index(
        "Inwoners wonen in Wassenaar.",
        "Inwoners betalen belasting.",
        "Inwoners krijgen een brief.",
        "Zelfstandig ondernemen.",
    )
    common = trail.best_match("inwoners zelfstandig", index, 1)
    rare = trail.best_match("inwoners zelfstandig", index, 4)
    assert common.matched == ("inwoners",)
    assert rare.matched == ("zelfstandig",)
    assert rare.similarity > 0.5 > common.similarity


def test_weakened_when_only_part_of_the_effect_is_there():
    layer_trace = _one(EFFECT, _index("Inwoners wonen in een huis.", "Het college beslist."))
    assert layer_trace.verdict == "weakened"
    assert layer_trace.matches[0].matched == ("Inwoners", "wonen")


def test_lost_when_nothing_of_the_effect_is_there():
    layer_trace = _one(EFFECT, _index("Facturen worden binnen dertig dagen betaald."))
    assert layer_trace.verdict == "lost"
    assert layer_trace.matches == ()


def test_a_single_word_never_makes_found():
    # "laagdrempelige" is rare here and weighs most of the effect, but one word alone
    # does not carry it.
    index = _index(
        "Het taalhuis is een laagdrempelige plek.",
        "Jeugdhulp wordt ingekocht.",
        "Jeugdhulp kost geld.",
        "Jeugdhulp is er voor jeugdigen.",
    )
    match = trail.best_match("laagdrempelige jeugdhulp", index, 1)
    assert match.matched == ("laagdrempelige",)
    assert match.similarity >= LIMITS["found_from"]
    assert trail.verdict(match, LIMITS) == "weakened"


def test_a_one_word_effect_can_be_found():
    match = trail.best_match("mantelzorg", _index("Mantelzorg wordt ondersteund."), 1)
    assert match.similarity == 1.0
    assert trail.verdict(match, LIMITS) == "found"


def test_stemming_finds_other_forms_of_the_words():
    index = _index("De cliënt woont zelfstandig in zijn eigen huis.")
    match = trail.best_match("zelfstandig wonen", index, 1)
    assert match.matched == ("zelfstandig", "wonen")
    assert match.similarity == 1.0
    assert _one("zelfstandig wonen", index).verdict == "found"


def test_without_stemming_other_forms_do_not_meet():
    index = _index("De cliënt woont zelfstandig in zijn eigen huis.", analyser="plain")
    assert trail.best_match("zelfstandig wonen", index, 1).matched == ("zelfstandig",)


def test_lemmas_join_a_separable_verb():
    effect = "jeugdigen groeien gezond op"
    text = "Een plek waar jeugdigen gezond kunnen opgroeien."
    lemma = trail.best_match(effect, _index(text, analyser="lemma"), 1)
    assert lemma.matched == ("jeugdigen", "groeien", "gezond")
    assert lemma.similarity == 1.0
    porter = trail.best_match(effect, _index(text), 1)
    assert porter.matched == ("jeugdigen", "gezond")


def test_stop_words_never_match_on_their_own():
    index = _index("Het is van de gemeente en voor de inwoners van het dorp.")
    assert trail.best_match("van de en het voor", index, 1) is None
    layer_trace = _one("van de en het voor", index)
    assert layer_trace == LayerTrace("regelgeving", "lost", ())
    # Only the content word of the effect counts, not the articles around it.
    assert trail.best_match("de inwoners van het", index, 1).matched == ("inwoners",)


def test_een_is_a_stop_word_but_een_with_accents_is_not():
    index = _index("Er komt een plan voor een gezin.", "Eén gezin, één plan, één regisseur.")
    assert trail.best_match("één gezin, één plan, één regisseur", index, 1).matched == (
        "gezin",
        "plan",
    )
    full = trail.best_match("één gezin, één plan, één regisseur", index, 2)
    assert full.matched == ("één", "gezin", "plan", "regisseur")
    assert full.similarity == 1.0


def test_a_look_alike_passage_is_not_found():
    # The same words, another intent: an independent contractor, not living at home.
    index = _index(
        "De opdrachtnemer is een zelfstandige zonder personeel.",
        "Inwoners betalen een eigen bijdrage.",
        "De raad stelt de verordening vast.",
    )
    layer_trace = _one(EFFECT, index)
    assert layer_trace.verdict != "found"
    assert {m.matched for m in layer_trace.matches} == {("zelfstandig",), ("Inwoners",)}


def test_two_adjacent_sentences_count_together():
    text = (
        "De aanbieder levert huishoudelijke hulp. Inwoners wonen daardoor langer "
        "zelfstandig thuis. Facturen worden maandelijks betaald."
    )
    match = trail.best_match(
        "huishoudelijke hulp, inwoners wonen zelfstandig thuis", _index(text), 1
    )
    assert match.similarity == 1.0
    assert text[match.start : match.end] == (
        "De aanbieder levert huishoudelijke hulp. Inwoners wonen daardoor langer zelfstandig thuis."
    )


def test_a_single_sentence_is_preferred_to_two():
    text = "Inwoners wonen langer zelfstandig thuis. De gemeente betaalt."
    match = trail.best_match(EFFECT, _index(text), 1)
    assert (match.start, match.end) == (0, len("Inwoners wonen langer zelfstandig thuis."))


def test_list_lines_are_sentences_of_their_own():
    text = "Het college zorgt voor:\n- inwoners wonen langer zelfstandig thuis\n- facturen"
    match = trail.best_match(EFFECT, _index(text), 1)
    assert text[match.start : match.end] == "- inwoners wonen langer zelfstandig thuis"


def test_purpose_is_marked_and_can_be_required():
    index = _index(
        "Inwoners wonen langer zelfstandig thuis.",
        "De gemeente helpt, zodat inwoners langer zelfstandig thuis wonen.",
        "Maatwerk is gericht op inwoners die langer zelfstandig thuis wonen.",
        "Hulp opdat inwoners langer zelfstandig thuis wonen.",
    )
    purposes = [trail.best_match(EFFECT, index, key).purpose for key in (1, 2, 3, 4)]
    assert purposes == [False, True, True, True]
    plain = trail.best_match(EFFECT, index, 1)
    assert trail.verdict(plain, LIMITS) == "found"
    assert trail.verdict(plain, {**LIMITS, "purpose_required": True}) == "weakened"
    assert (
        trail.verdict(trail.best_match(EFFECT, index, 2), {**LIMITS, "purpose_required": True})
        == "found"
    )


def test_matches_best_first_and_at_most_top():
    index = _index(
        "Inwoners wonen.",
        "Inwoners wonen langer zelfstandig thuis.",
        "Inwoners wonen langer thuis.",
        "Inwoners.",
    )
    layer_trace = _one(EFFECT, index, top=2)
    assert [m.key for m in layer_trace.matches] == [2, 3]
    assert layer_trace.verdict == "found"
    everything = _one(EFFECT, index, top=10)
    assert [m.key for m in everything.matches] == [2, 3, 1, 4]
    similarities = [m.similarity for m in everything.matches]
    assert similarities == sorted(similarities, reverse=True)
    assert _one(EFFECT, index, top=0).matches == ()


def test_equal_scores_put_a_stated_purpose_first():
    index = _index(
        "Inwoners wonen langer zelfstandig thuis.",
        "Het college werkt, zodat inwoners langer zelfstandig thuis wonen.",
    )
    assert [m.key for m in _one(EFFECT, index).matches] == [2, 1]


def test_layers_keep_the_order_asked_and_an_empty_layer_is_lost():
    candidates = [
        Candidate(
            "a", "regelgeving", "Inwoners wonen langer zelfstandig thuis, zodat zij meedoen."
        ),
        Candidate("b", "opdrachtgeving", "De aanbieder zorgt dat inwoners thuis wonen."),
        Candidate("c", "uitvoering", "Facturen worden binnen dertig dagen betaald."),
    ]
    index = trail.build_index(candidates)
    layers = ["uitvoering", "opdrachtgeving", "beleid", "regelgeving"]
    traces = trail.trace(EFFECT, index, layers, LIMITS)
    assert [t.layer for t in traces] == layers
    assert [t.verdict for t in traces] == ["lost", "weakened", "lost", "found"]
    assert traces[0].matches == ()
    assert traces[2] == LayerTrace("beleid", "lost", ())
    assert [m.key for m in traces[1].matches] == ["b"]
    assert all(m.layer == t.layer for t in traces for m in t.matches)


def test_default_thresholds_are_used_when_none_are_given():
    index = _index("Inwoners wonen langer zelfstandig thuis.")
    assert trail.trace(EFFECT, index, ["regelgeving"])[0].verdict == "found"
    assert trail.trace(EFFECT, index, ["regelgeving"], {})[0].verdict == "found"


def test_verdict_thresholds():
    def match(similarity, words=("a", "b")):
        return Match("k", "regelgeving", similarity, words, 0, 1, False)

    assert trail.verdict(None, LIMITS) == "lost"
    assert trail.verdict(match(0.6), LIMITS) == "found"
    assert trail.verdict(match(0.599), LIMITS) == "weakened"
    assert trail.verdict(match(0.25), LIMITS) == "weakened"
    assert trail.verdict(match(0.249), LIMITS) == "lost"
    assert trail.verdict(match(0.9, ("a",)), LIMITS) == "weakened"
    assert trail.verdict(match(1.0, ("a",)), LIMITS) == "found"


def _traces(*verdicts):
    layers = ["regelgeving", "opdrachtgeving", "uitvoering"]
    return [LayerTrace(layer, v, ()) for layer, v in zip(layers, verdicts, strict=False)]


@pytest.mark.parametrize(
    ("verdicts", "carrier"),
    [
        (("found", "found", "found"), "uitvoering"),
        (("found", "weakened", "weakened"), "uitvoering"),
        (("found", "weakened", "lost"), "opdrachtgeving"),
        (("weakened", "lost", "found"), "regelgeving"),
        (("found", "lost", "lost"), "regelgeving"),
        (("lost", "found", "found"), None),
        (("lost",), None),
        (("found",), "regelgeving"),
        ((), None),
    ],
)
def test_last_carrier(verdicts, carrier):
    assert trail.last_carrier(_traces(*verdicts)) == carrier


def test_porter_words_are_the_content_stems_of_suggestions():
    text = "De gemeente wil dat inwoners samenwerken en langer zelfstandig thuis wonen."
    ours = [(forms[0], start, end) for forms, start, end in trail.analyse(text)]
    assert ours == content_stems(text)


def test_lone_verb_particles_are_skipped():
    text = "De wachtlijsten nemen af en iedereen doet mee"
    words = [text[start:end] for _, start, end in trail.analyse(text)]
    assert words == ["wachtlijsten", "nemen", "iedereen", "doet"]


def test_unknown_analyser():
    with pytest.raises(ValueError, match="unknown analyser"):
        trail.build_index([], "soundex")


def test_empty_index_and_empty_candidates():
    index = trail.build_index(
        [Candidate(1, "regelgeving", ""), Candidate(2, "regelgeving", "  \n ")]
    )
    assert len(index) == 2
    assert trail.trace(EFFECT, index, ["regelgeving"]) == [LayerTrace("regelgeving", "lost", ())]
    assert trail.trace(EFFECT, trail.build_index([]), []) == []


def test_long_text_without_full_stops_is_scored_in_pieces():
    filler = " ".join(["tabel"] * 400)
    text = f"{filler} inwoners wonen langer zelfstandig thuis {filler}"
    match = trail.best_match(EFFECT, _index(text), 1)
    assert match.similarity == 1.0
    assert match.end - match.start <= 2 * trail.MAX_SPAN + 1
    assert "inwoners wonen langer zelfstandig thuis" in text[match.start : match.end]
