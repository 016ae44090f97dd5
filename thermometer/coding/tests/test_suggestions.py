from hypothesis import given
from hypothesis import strategies as st

from thermometer.coding.suggestions import find_intents, sentences, suggest_codes

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


@given(st.text(max_size=300))
def test_sentence_spans_cover_only_the_text(text):
    for start, end in sentences(text):
        assert 0 <= start < end <= len(text)
    for suggestion in find_intents(text) + suggest_codes(text, LEXICON):
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
