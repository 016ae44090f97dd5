import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermometer.coding.suggestions import ANALYSERS, find_intents, suggest_codes
from thermometer.core.dutch import lemmas, sentences, stems

LEXICON = {
    "integrality": ["samenwerking", "één plan", "regisseur"],
    "finances": ["budget", "kosten"],
}


def test_codes_are_suggested_by_stemmed_words_with_the_reason():
    text = "Wijkteams werken samen met één plan per gezin; de kosten blijven binnen het budget."
    found = suggest_codes(text, LEXICON)
    assert [(s.key, s.reason) for s in found] == [
        ("finances", "budget, kosten"),
        ("integrality", "één plan"),
    ]


def test_inflections_match_the_same_term():
    assert suggest_codes("Samenwerken is de kern.", LEXICON)[0].key == "integrality"
    assert suggest_codes("Er is geen regisseur.", LEXICON)[0].reason == "regisseur"
    assert suggest_codes("Niets hiervan.", LEXICON) == []


def test_intent_sentences_are_marked_with_their_phrase():
    text = (
        "De gemeente heeft 26.000 inwoners. Wij willen dat inwoners langer thuis wonen. "
        "Daarom versterken we de wijkteams, zodat hulp dichtbij is."
    )
    found = find_intents(text)
    assert [(text[s.start : s.end], s.reason) for s in found] == [
        ("Wij willen dat inwoners langer thuis wonen.", "Wij willen"),
        ("Daarom versterken we de wijkteams, zodat hulp dichtbij is.", "zodat"),
    ]


def test_a_plain_statement_is_no_intent():
    assert find_intents("Het budget voor 2025 is 12 miljoen euro.") == []


def test_intent_phrases_after_a_heading_or_dash_and_of_importance():
    text = "(nadeel € 81.000) Om inwoners op tijd te helpen is capaciteit ingezet."
    assert [s.reason for s in find_intents(text)] == ["Om inwoners op tijd te helpen"]
    assert [s.reason for s in find_intents("Dit om te voorkomen dat gezinnen schulden maken.")] == [
        "om te voorkomen"
    ]
    assert [
        s.reason for s in find_intents("Verder is het belangrijk voor ons dat inwoners meedoen.")
    ] == ["is het belangrijk voor ons dat"]


def test_an_organisational_purpose_is_no_intended_effect():
    # What an organisation wants for itself (deadlines, publicity, response) is no
    # outcome for residents.
    assert find_intents("Om de termijnen te waarborgen is capaciteit ingezet.") == []
    assert find_intents("Om het Sociaal Team bekendheid te geven, maken we een folder.") == []
    assert (
        find_intents("Om een voldoende hoge respons te behalen, sturen we een herinnering.") == []
    )


def test_the_phrasings_of_real_policy_state_intent():
    for sentence in (
        "Zo zorgen we ervoor dat inwoners de hulp krijgen die past.",
        "Waarbij het streven is dat jongeren zelfstandig wonen.",
        "Het programma richt zich op gezinnen met schulden.",
        "Budget voor het voorkomen van eenzaamheid onder ouderen.",
        "De jeugdhulp draagt bij aan het veilig opgroeien van kinderen.",
    ):
        assert find_intents(sentence), sentence
    # A duty stays no intent: "om" mid-sentence after "verplicht", lower case.
    assert find_intents("De aanbieder is verplicht om gegevens te leveren.") == []


LEMMA_LEXICON = {
    "integrality": ["samenwerking", "samenwerken", "samenwerking in het sociaal domein"],
    "self_reliance": ["meedoen", "wijkteam"],
    "finances": ["financieel", "één plan"],
}


def _found(text, analyser):
    return [(s.key, s.reason) for s in suggest_codes(text, LEMMA_LEXICON, analyser)]


def test_lemmas_are_dictionary_forms_with_spans():
    assert lemmas("Samenwerkingen werkt budgetten financiële") == [
        ("samenwerking", 0, 14),
        ("werken", 15, 20),
        ("budget", 21, 30),
        ("financieel", 31, 41),
    ]
    # simplemma's separable-verb mark is dropped; unknown compounds take their tail's lemma.
    assert [lemma for lemma, _, _ in lemmas("samenwerken wijkteams")] == [
        "samenwerken",
        "wijkteam",
    ]


def test_lemma_analyser_matches_inflections_without_merging_noun_and_verb():
    assert _found("Samenwerkingen zijn nodig.", "lemma") == [("integrality", "samenwerkingen")]
    assert _found("Een financiële toets.", "lemma") == [("finances", "financiële")]
    # Porter gives "financiel" and "financieel" different stems.
    assert _found("Een financiële toets.", "porter") == []


def test_lemma_analyser_joins_a_separable_verb_within_its_clause():
    assert _found("Aanbieders werken in de wijk samen.", "lemma") == [
        ("integrality", "werken in de wijk samen")
    ]
    assert _found("Inwoners doen mee.", "lemma") == [("self_reliance", "doen mee")]
    assert _found("Het team werkt. Samen lukt het.", "lemma") == []
    assert _found("Zij werken, samen met de wijk.", "lemma") == []
    assert _found("Aanbieders werken in de wijk samen.", "porter") == []


def test_stop_words_are_skipped_in_terms_and_text():
    # "in het" in the term and "binnen het" in the text are both stop words.
    assert _found("Samenwerking binnen het sociaal domein.", "lemma") == [
        ("integrality", "samenwerking, samenwerking binnen het sociaal domein")
    ]
    assert _found("Samenwerking binnen het sociaal domein.", "porter") == [
        ("integrality", "samenwerking, samenwerking binnen het sociaal domein")
    ]
    # "één" is no stop word, "een" is: both stem to "een", yet "een plan" is not "één plan".
    assert _found("Er is één plan.", "porter") == [("finances", "één plan")]
    assert _found("Er is een plan van aanpak.", "porter") == []
    assert _found("Er is een plan van aanpak.", "lemma") == []
    # The search index keeps every word.
    assert [stem for stem, _, _ in stems("een plan")] == ["een", "plan"]


def test_porter_and_lemma_together_suggest_what_either_finds():
    text = "Wijkteams werken samen met een financiële bijdrage."
    assert _found(text, "porter") == [("self_reliance", "wijkteams")]
    assert _found(text, "porter+lemma") == [
        ("finances", "financiële"),
        ("integrality", "werken samen"),
        ("self_reliance", "wijkteams"),
    ]


def test_porter_is_the_default_and_an_unknown_analyser_is_refused():
    text = "Samenwerken in de wijk."
    assert suggest_codes(text, LEMMA_LEXICON) == suggest_codes(text, LEMMA_LEXICON, "porter")
    assert ANALYSERS == ("porter", "lemma", "porter+lemma")
    with pytest.raises(ValueError):
        suggest_codes(text, LEMMA_LEXICON, "bert")


@given(st.text(max_size=300))
@settings(deadline=None)  # the first call loads the lemma data; spans are what is tested
def test_sentence_spans_cover_only_the_text(text):
    for start, end in sentences(text):
        assert 0 <= start < end <= len(text)
    for suggestion in find_intents(text) + suggest_codes(text, LEXICON):
        assert 0 <= suggestion.start < suggestion.end <= len(text)
    for analyser in ANALYSERS:
        for suggestion in suggest_codes(text, LEMMA_LEXICON, analyser):
            assert 0 <= suggestion.start < suggestion.end <= len(text)


def test_adviser_accepts_an_intent_and_rejects_a_code_suggestion(lead_client, scan):
    from django.urls import reverse

    from thermometer.coding.models import Coding
    from thermometer.coding.services import seed_codebook
    from thermometer.testing import factories

    seed_codebook(scan)
    source = factories.document(
        scan, "Wij willen dat inwoners langer thuis wonen, met hulp van mantelzorg."
    )
    passage = source.passages.get()
    url = reverse("coding:passage", kwargs={"slug": scan.slug, "passage_id": passage.pk})
    page = lead_client.get(url).content.decode()
    assert "Beoogd effect" in page and "Eigen kracht" in page
    decide = reverse("coding:suggestion", kwargs={"slug": scan.slug, "passage_id": passage.pk})
    end = len(passage.text)
    lead_client.post(decide, {"key": "intent", "start": 0, "end": end, "decision": "accept"})
    coding = Coding.objects.get()
    assert coding.code.key == "intent" and coding.quote == passage.text
    reason_start = passage.text.index("langer")
    suggestions = lead_client.get(url).content.decode()
    assert "woorden:" in suggestions
    from thermometer.coding.services import open_suggestions

    code_suggestion = next(
        s
        for s in open_suggestions(passage, scan.method.data["suggestion_lexicon"])
        if s.key == "self_reliance"
    )
    lead_client.post(
        decide,
        {
            "key": "self_reliance",
            "start": code_suggestion.start,
            "end": code_suggestion.end,
            "decision": "reject",
        },
    )
    assert Coding.objects.count() == 1
    assert not any(
        s.key == "self_reliance"
        for s in open_suggestions(passage, scan.method.data["suggestion_lexicon"])
    )
    assert reason_start > 0
