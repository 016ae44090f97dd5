"""Explained suggestions for coding (pure): which codes a passage may concern, and which
sentences state an intended effect — each with the words that triggered it.

Lexical and Dutch-aware, on the tokenisers of ``core.dutch``. Two analysers turn words
into the forms that are compared:

- ``porter`` (the default): the Dutch Porter stemmer, so "samenwerking" and
  "samenwerken" match the same term. Fast and broad.
- ``lemma``: dictionary lemmas (simplemma's Dutch data), so "financiële" matches
  "financieel" and "budgetten" "budget" without stems like "sam" for "samen"; a
  separable verb split over its clause ("werkt ... samen", "doet mee") counts as the
  whole verb ("samenwerken", "meedoen"), and unknown compounds take the lemma of their
  known tail ("wijkteams" -> "wijkteam").

Both skip Dutch stop words, in the text and in the terms, so a multiword term matches
across articles and prepositions ("samenwerking in het sociaal domein" finds
"samenwerking binnen het sociaal domein"). ``porter+lemma`` suggests what either
finds. Nothing is coded by this module; an adviser accepts or rejects every suggestion.
"""

from dataclasses import dataclass
from functools import lru_cache

from thermometer.core.dutch import TOKENISERS, WORD
from thermometer.sources.intents import intent_spans


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "code" or "intent"
    key: str  # the code's method key, or "intent"
    start: int
    end: int
    score: float
    reason: str


DEFAULT_ANALYSER = "porter"
ANALYSERS = ("porter", "lemma", "porter+lemma")


@lru_cache(maxsize=64)
def _compiled(lexicon_items: tuple, analyser: str = DEFAULT_ANALYSER) -> dict:
    tokenise = TOKENISERS[analyser]
    return {
        key: [tuple(next(iter(forms)) for forms, _ in tokenise(term)) for term in terms]
        for key, terms in lexicon_items
    }


def _term_hits(text: str, lexicon_items: tuple, analyser: str) -> dict[str, dict]:
    tokens = TOKENISERS[analyser](text)
    # Where each form occurs, so a term is only tried where its first word is.
    at: dict[str, list[int]] = {}
    for i, (forms, _) in enumerate(tokens):
        for form in forms:
            at.setdefault(form, []).append(i)
    found = {}
    for key, terms in _compiled(lexicon_items, analyser).items():
        hits = found.setdefault(key, {})
        for term in terms:
            if not term:
                continue
            for i in at.get(term[0], ()):
                window = tokens[i : i + len(term)]
                if len(window) == len(term) and all(
                    form in forms for form, (forms, _) in zip(term, window, strict=True)
                ):
                    start, end = window[0][1], window[-1][0][term[-1]]
                    hits.setdefault(text[start:end].lower(), (start, end))
    return found


MIN_COMPOUND_PART = 5  # a term this long or longer is found inside a compound
MIN_REST = 3  # ... when the rest of the compound is a word part of this length


@lru_cache(maxsize=64)
def _compound_terms(lexicon_items: tuple) -> tuple:
    return tuple(
        (key, term.lower())
        for key, terms in lexicon_items
        for term in terms
        if " " not in term.strip() and len(term.strip()) >= MIN_COMPOUND_PART
    )


def _compound_hits(text: str, lexicon_items: tuple) -> dict[str, dict]:
    """Single-word terms found as the head or tail of a Dutch compound ("preventie" in
    "suïcidepreventie" and "preventieakkoord", "vrijwilliger" in
    "vrijwilligersorganisatie"), which stems alone never match."""
    found: dict[str, dict] = {}
    terms = _compound_terms(lexicon_items)
    for m in WORD.finditer(text):
        word = m.group().lower()
        for key, term in terms:
            if len(word) >= len(term) + MIN_REST and (word.startswith(term) or word.endswith(term)):
                found.setdefault(key, {}).setdefault(word, (m.start(), m.end()))
    return found


def suggest_codes(text: str, lexicon: dict, analyser: str = DEFAULT_ANALYSER) -> list[Suggestion]:
    """Codes whose words occur in ``text``, strongest first, with the words as reason.

    ``analyser`` is one of ``ANALYSERS``; "porter+lemma" joins what both find.
    """
    if analyser not in ANALYSERS:
        raise ValueError(f"unknown analyser {analyser!r}; one of {', '.join(ANALYSERS)}")
    items = tuple((k, tuple(v)) for k, v in sorted(lexicon.items()))
    merged: dict[str, dict] = {}
    for name in analyser.split("+"):
        for key, hits in _term_hits(text, items, name).items():
            for reason, span in hits.items():
                merged.setdefault(key, {}).setdefault(reason, span)
    for key, hits in _compound_hits(text, items).items():
        for reason, span in hits.items():
            merged.setdefault(key, {}).setdefault(reason, span)
    found = []
    for key, hits in sorted(merged.items()):
        if hits:
            first = min(hits.values())
            found.append(
                Suggestion(
                    "code",
                    key,
                    first[0],
                    max(end for _, end in hits.values()),
                    float(len(hits)),
                    ", ".join(sorted(hits)),
                )
            )
    return sorted(found, key=lambda s: (-s.score, s.key))


def find_intents(text: str) -> list[Suggestion]:
    """Sentences that state an intended effect, with the phrase that shows it (found by
    ``sources.intents``, which reads them when a document is read)."""
    return [
        Suggestion("intent", "intent", start, end, 1.0, phrase)
        for start, end, phrase in intent_spans(text)
    ]
