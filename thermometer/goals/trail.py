"""The document trail (pure): does an intended effect come back in the layers below it?

A municipality states an intended effect ("inwoners wonen langer zelfstandig thuis").
For each lower layer (regelgeving, opdrachtgeving, uitvoering) the passages of its
documents are searched for the sentences that carry the effect, and each layer gets a
verdict: "found" (enough of the effect's content in one place), "weakened" (part of it)
or "lost". Each match says whether its sentence states a purpose ("zodat", "gericht
op", "opdat", ...): the adviser sees whether the why came along; with the threshold
"purpose_required" content without a purpose is at most "weakened" (measured: on the
labelled pairs that loses more found passages than it saves, so it is off by default).

Lexical and Dutch-aware, on the tokenisers of ``core.dutch``: Dutch Porter
stems (default) or simplemma lemmas, stop words and lone verb particles skipped;
"plain" (lower-case words, no stemming) is there as a baseline for the benchmark.

The score of a passage is the share of the effect's content words found in its best
sentence, or in two adjacent sentences, each word weighted by its inverse document
frequency over the indexed passages (coverage of the effect, not a symmetric overlap:
passages are long and effects short). "found" needs at least two of the effect's words
(or all of a one-word effect), so a single common word never carries an effect. By
words alone a passage that says the same in other words ("zo lang mogelijk in de eigen
leefomgeving" for "langer zelfstandig thuis") is not found; where the passages carry
their vectors in the embedding model (``core.embeddings``), the effect's meaning is
compared too (``Match.meaning``), passages close in meaning join the candidates, and the
verdict uses the semantic thresholds.

The thresholds were chosen on the tune part of ``bench/data/trail_pairs.jsonl``;
``bench/bench_trail.py`` measures them. This module suggests; an adviser decides.
"""

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from thermometer.core.dutch import (
    SEPARABLE_PARTICLES,
    STOP_WORDS,
    TOKENISERS,
    WORD,
    sentences,
    stem_word,
)
from thermometer.core.embeddings import best_first
from thermometer.sources.intents import INTENT

VERDICTS = ("found", "weakened", "lost")
ANALYSERS = ("porter", "lemma", "plain")
# Chosen on the tune part of bench/data/trail_pairs.jsonl (see bench/bench_trail.py).
# Lexical alone: the share of the effect's weighted words in the best sentence(s).
# With meaning (the cosine of the effect and the passage in the embedding model):
# "found" needs the meaning close and at least one of the effect's words; "weakened"
# the meaning fairly close with some of the words, or a good share of the words.
DEFAULT_THRESHOLDS = {
    "found_from": 0.45,
    "weakened_from": 0.25,
    "semantic_found_from": 0.87,
    "semantic_found_words_from": 0.05,
    "semantic_weakened_from": 0.83,
    "semantic_weakened_with_words_from": 0.10,
    "semantic_weakened_words_from": 0.45,
}
# "found" needs this many of the effect's words (fewer only when the effect has fewer).
MIN_FOUND_WORDS = 2
# A sentence longer than this many characters is scored in pieces of at most this size
# (PDF tables and Markdown lists can run for pages without a full stop).
MAX_SPAN = 600
LINE_BREAK = re.compile(r"\n+")
# Scores are rounded to 3 decimals; a bound this close to a score may still tie with it.
EPSILON = 0.0005
TIES = 10
# A verb particle standing alone ("nemen ... af", "doet ... mee") says nothing by itself;
# the lemma analyser joins it to its verb. "samen" carries meaning and stays.
SKIPPED = STOP_WORDS | (SEPARABLE_PARTICLES - {"samen"})
# Purpose phrases that the INTENT patterns of sources.intents leave out, common in law and
# contract text: "opdat", "heeft als doel", "met het oog op", "ten behoeve van".
PURPOSE = re.compile(
    r"\bopdat\b|\b(?:heeft|hebben) (?:als|tot) doel\b|\bmet het oog op\b|\bten behoeve van\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    key: object  # the caller's id (a Passage pk)
    layer: str  # layer key, e.g. "regelgeving"
    text: str


@dataclass(frozen=True)
class Match:
    key: object
    layer: str
    similarity: float  # 0..1, rounded to 3 decimals
    matched: tuple[str, ...]  # the effect's words that were found, as written, in effect order
    start: int  # span of the best-matching sentence (or two) inside the candidate's text
    end: int
    purpose: bool  # the matching sentence states an intent or purpose (INTENT or PURPOSE)
    meaning: float | None = None  # cosine of effect and passage in the embedding model


@dataclass(frozen=True)
class LayerTrace:
    layer: str
    verdict: str  # "found" | "weakened" | "lost"
    matches: tuple[Match, ...]  # best first, at most `top`; may be empty


# --- analysing text into comparable forms -------------------------------------------------


def _stem_forms(word: str) -> tuple[str, ...]:
    """The Dutch Porter stem of a lower-case word, and for a verb form in -t ("woont",
    "ondersteunt", which the stemmer leaves as they are) also the stem without the -t,
    so "woont" meets "wonen" and "ondersteunt" "ondersteunen"."""
    stem = stem_word(word)
    if len(word) >= 5 and word.endswith("t") and not word.endswith("tt"):
        bare = stem_word(word[:-1])
        if bare != stem:
            return (stem, bare)
    return (stem,)


def _porter(text: str) -> list[tuple[tuple[str, ...], int, int]]:
    # core.dutch.content_stems without lone particles, and with the stem without -t
    # (``_stem_forms``); the stems of words are cached by ``core.dutch.stem_word``.
    tokens = []
    for m in WORD.finditer(text):
        word = m.group().lower()
        if word not in SKIPPED:
            tokens.append((_stem_forms(word), m.start(), m.end()))
    return tokens


def _lemma(text: str) -> list[tuple[tuple[str, ...], int, int]]:
    tokens = []
    for forms, start in TOKENISERS["lemma"](text):
        if _word_at(text, start) in SKIPPED:
            continue
        # The first form is the word's own lemma and ends at the word; further forms are
        # separable verbs ("werkt ... samen" -> "samenwerken").
        lemma = next(iter(forms))
        tokens.append((tuple(forms), start, forms[lemma]))
    return tokens


def _plain(text: str) -> list[tuple[tuple[str, ...], int, int]]:
    return [
        ((word,), m.start(), m.end())
        for m in WORD.finditer(text)
        if (word := m.group().lower()) not in SKIPPED
    ]


_ANALYSE = {"porter": _porter, "lemma": _lemma, "plain": _plain}


def analyse(text: str, analyser: str = "porter") -> list[tuple[tuple[str, ...], int, int]]:
    """Content words of ``text`` as (forms, start, end); stop words left out."""
    if analyser not in _ANALYSE:
        raise ValueError(f"unknown analyser {analyser!r}; one of {', '.join(ANALYSERS)}")
    return _ANALYSE[analyser](text)


def _word_at(text: str, start: int) -> str:
    match = WORD.match(text, start)
    return match.group().lower() if match else ""


def states_purpose(sentence: str) -> bool:
    """Whether ``sentence`` states an intent or purpose (sources.intents.INTENT, or PURPOSE)."""
    return bool(INTENT.search(sentence) or PURPOSE.search(sentence))


def _spans(text: str) -> list[tuple[int, int]]:
    """Sentences, split further at line breaks (list items) and cut to ``MAX_SPAN``."""
    spans = []
    for s_start, s_end in sentences(text):
        start = s_start
        for br in LINE_BREAK.finditer(text, s_start, s_end):
            spans.append((start, br.start()))
            start = br.end()
        spans.append((start, s_end))
    cut = []
    for start, end in spans:
        while end - start > MAX_SPAN:
            # Cut at the last space before the limit, so a word is never split.
            at = text.rfind(" ", start + 1, start + MAX_SPAN)
            at = at if at > start else start + MAX_SPAN
            cut.append((start, at))
            start = at + 1
        cut.append((start, end))
    return [(a, b) for a, b in cut if text[a:b].strip()]


# --- the index ---------------------------------------------------------------------------


class Index:
    """Candidates analysed once: their sentences, and per form the sentences it occurs in."""

    def __init__(self, candidates: Iterable[Candidate], analyser: str = "porter", vectors=None):
        if analyser not in _ANALYSE:
            raise ValueError(f"unknown analyser {analyser!r}; one of {', '.join(ANALYSERS)}")
        self.analyser = analyser
        self.candidates: list[Candidate] = []
        self.spans: list[list[tuple[int, int]]] = []
        # form -> {candidate number: [sentence numbers]}
        self.postings: dict[str, dict[int, list[int]]] = {}
        analyse_text = _ANALYSE[analyser]
        for number, candidate in enumerate(candidates):
            self.candidates.append(candidate)
            spans = _spans(candidate.text)
            self.spans.append(spans)
            tokens = analyse_text(candidate.text)
            s = 0
            for forms, start, _ in tokens:
                while s < len(spans) - 1 and start >= spans[s][1]:
                    s += 1
                for form in forms:
                    sentences_of = self.postings.setdefault(form, {}).setdefault(number, [])
                    if not sentences_of or sentences_of[-1] != s:
                        sentences_of.append(s)
        self.layers = {c.layer for c in self.candidates}
        # The candidates' unit vectors in the embedding model (key -> vector), where known.
        self.vectors = _vector_matrix(self.candidates, vectors or {})
        # Per layer, the rows of ``vectors`` that belong to it (for the closest per layer).
        self.vector_rows: dict[str, object] = {}
        self.row_of = None  # candidate number -> row of ``vectors`` (-1: none)
        if self.vectors is not None:
            import numpy as np

            numbers = self.vectors[1]
            self.row_of = np.full(len(self.candidates), -1)
            self.row_of[numbers] = np.arange(len(numbers))
            layer_of = np.array([self.candidates[n].layer for n in numbers])
            for layer in self.layers:
                self.vector_rows[layer] = np.flatnonzero(layer_of == layer)
        self._purposes: dict[tuple[int, int, int], bool] = {}

    def purpose(self, number: int, start: int, end: int) -> bool:
        """Whether that span of a candidate states a purpose; worked out once per span,
        as an index is kept while its passages are unchanged."""
        key = (number, start, end)
        found = self._purposes.get(key)
        if found is None:
            found = self._purposes[key] = states_purpose(self.candidates[number].text[start:end])
        return found

    def __len__(self) -> int:
        return len(self.candidates)

    def idf(self, forms: Iterable[str]) -> float:
        """Inverse document frequency of a word that may take any of ``forms``."""
        containing = set()
        for form in forms:
            containing.update(self.postings.get(form, ()))
        return 1.0 + math.log((len(self.candidates) + 1) / (len(containing) + 1))


def _vector_matrix(candidates: list[Candidate], vectors: dict):
    """(matrix of the known vectors, their candidate numbers), or None without any."""
    numbers = [n for n, c in enumerate(candidates) if vectors.get(c.key) is not None]
    if not numbers:
        return None
    import numpy as np

    matrix = np.stack([vectors[candidates[n].key] for n in numbers]).astype("float32")
    return matrix, np.asarray(numbers)


def build_index(candidates: Iterable[Candidate], analyser: str = "porter", vectors=None) -> Index:
    """The index of ``candidates``; ``vectors`` (key -> unit vector) adds their meaning."""
    return Index(candidates, analyser, vectors)


class Meanings:
    """The cosines of one effect with the candidates that have a vector (numpy, so a
    scan of 40,000 passages is a matrix product, not a loop)."""

    def __init__(self, index: Index, effect_vector):
        self.index = index
        self.cosines = None
        if effect_vector is not None and index.vectors is not None:
            matrix, numbers = index.vectors
            self.cosines = matrix @ effect_vector
            self.numbers = numbers

    def __bool__(self) -> bool:
        return self.cosines is not None

    def get(self, number: int) -> float | None:
        if self.cosines is None:
            return None
        row = self.index.row_of[number]
        return None if row < 0 else round(float(self.cosines[row]), 4)

    def closest(self, layer: str, top: int) -> list[int]:
        """The numbers of the ``top`` candidates of ``layer`` closest in meaning."""
        rows = self.index.vector_rows.get(layer) if self.cosines is not None else None
        if rows is None:
            return []
        return [int(self.numbers[rows[i]]) for i in best_first(self.cosines[rows], top)]


def _meaning_only(number: int, index: Index, meanings: Meanings) -> Match:
    """A candidate close in meaning that shares none of the effect's words."""
    candidate = index.candidates[number]
    start, end = index.spans[number][0] if index.spans[number] else (0, len(candidate.text))
    return Match(
        key=candidate.key,
        layer=candidate.layer,
        similarity=0.0,
        matched=(),
        start=start,
        end=end,
        purpose=index.purpose(number, start, end),
        meaning=meanings.get(number),
    )


# --- scoring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    word: str  # as written in the effect
    forms: tuple[str, ...]
    weight: float


def _terms(effect: str, index: Index) -> list[_Term]:
    terms, seen = [], set()
    for forms, start, end in analyse(effect, index.analyser):
        if forms[0] in seen:
            continue
        seen.add(forms[0])
        terms.append(_Term(effect[start:end], forms, index.idf(forms)))
    return terms


def _best_in(number: int, present: set[int], terms: list[_Term], index: Index):
    """The best sentence, or pair of adjacent sentences, of one candidate, as
    (score, numbers of the terms found, start, end)."""
    hits: dict[int, set[int]] = {}
    for i in present:
        for form in terms[i].forms:
            for s in index.postings.get(form, {}).get(number, ()):
                hits.setdefault(s, set()).add(i)
    total = sum(t.weight for t in terms)
    count = len(index.spans[number])
    best = None
    for s in sorted(hits):
        for window in ((s,), (s, s + 1), (s - 1, s)):
            if window[0] < 0 or window[-1] >= count:
                continue
            found = set().union(*(hits.get(w, ()) for w in window))
            # Higher score first, then one sentence before two.
            rank = (sum(terms[i].weight for i in found) / total, -len(window))
            if best is None or rank > best[0]:
                best = (rank, found, window)
    (score, _), found, window = best
    spans = index.spans[number]
    return round(score, 3), tuple(sorted(found)), spans[window[0]][0], spans[window[-1]][1]


def _match(number: int, best, terms: list[_Term], index: Index, meanings: Meanings) -> Match:
    score, found, start, end = best
    candidate = index.candidates[number]
    return Match(
        key=candidate.key,
        layer=candidate.layer,
        similarity=score,
        matched=tuple(terms[i].word for i in found),
        start=start,
        end=end,
        purpose=index.purpose(number, start, end),
        meaning=meanings.get(number),
    )


def _order(match: Match):
    return (-match.similarity, not match.purpose)


def _present(terms: list[_Term], index: Index) -> dict[int, set[int]]:
    """Per candidate number, the numbers of the effect's terms it contains anywhere."""
    present: dict[int, set[int]] = {}
    for i, term in enumerate(terms):
        for form in term.forms:
            for number in index.postings.get(form, ()):
                present.setdefault(number, set()).add(i)
    return present


def _ranked(numbers, present, terms, index, top: int, meanings: Meanings) -> list[Match]:
    """The best ``top`` of ``numbers`` (candidates of one layer), best first.

    A candidate can score at most the weight of all the terms it contains, so candidates
    are scored in the order of that bound until the bound falls below the ``top``-th
    score: tracing a common word through hundreds of pages stays quick. Between equal
    scores a sentence that states a purpose goes first (looked at among the first
    ``TIES`` times ``top`` of them)."""
    if top <= 0:
        return []
    total = sum(t.weight for t in terms)
    bounds = sorted(
        ((sum(terms[i].weight for i in present[n]) / total, n) for n in numbers),
        key=lambda item: (-item[0], item[1]),
    )
    scored, negated = [], []  # (score, number, best); the scores negated, ascending
    for bound, number in bounds:
        if len(scored) >= top:
            kth = -negated[top - 1]
            if bound < kth - EPSILON or (bound <= kth + EPSILON and len(scored) >= top * TIES):
                break
        best = _best_in(number, present[number], terms, index)
        scored.append((best[0], number, best))
        bisect.insort(negated, -best[0])
    scored.sort(key=lambda item: (-item[0], item[1]))
    if len(scored) > top:
        last = scored[top - 1][0]
        scored = [item for item in scored if item[0] >= last][: top * TIES]
    matches = [_match(number, best, terms, index, meanings) for _, number, best in scored]
    return sorted(matches, key=_order)[:top]


def best_match(effect: str, index: Index, key, effect_vector=None) -> Match | None:
    """The best match of ``effect`` in the candidate with ``key`` (None when nothing
    matches); with ``effect_vector`` its meaning is part of the match."""
    terms = _terms(effect, index)
    present = _present(terms, index) if terms else {}
    meanings = Meanings(index, effect_vector)
    numbers = [n for n, c in enumerate(index.candidates) if c.key == key]
    lexical = [n for n in numbers if n in present]
    found = _ranked(lexical, present, terms, index, 1, meanings)
    if found:
        return found[0]
    close = [n for n in numbers if meanings.get(n) is not None]
    return _meaning_only(close[0], index, meanings) if close else None


def verdict(match: Match | None, thresholds: dict) -> str:
    """ "found", "weakened" or "lost" for the best match of a layer.

    With ``match.meaning`` (the embedding model's cosine) the semantic thresholds
    decide; without it "found_from" and "weakened_from" (similarity) do, and with
    "purpose_required" true content without a purpose is at most "weakened"."""
    if match is None:
        return "lost"
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    if match.meaning is not None:
        if (
            match.meaning >= limits["semantic_found_from"]
            and match.similarity >= limits["semantic_found_words_from"]
        ):
            return "found"
        # Close in meaning alone is not enough for "weakened": across a whole layer some
        # passage is always near in topic; some of the effect's words must be there too.
        if (
            match.meaning >= limits["semantic_weakened_from"]
            and match.similarity >= limits["semantic_weakened_with_words_from"]
        ) or match.similarity >= limits["semantic_weakened_words_from"]:
            return "weakened"
        return "lost"
    enough_words = len(match.matched) >= MIN_FOUND_WORDS or match.similarity >= 1.0
    if (
        match.similarity >= limits["found_from"]
        and enough_words
        and (match.purpose or not limits.get("purpose_required"))
    ):
        return "found"
    if match.similarity >= limits["weakened_from"]:
        return "weakened"
    return "lost"


def trace(
    effect: str,
    index: Index,
    layers: Sequence[str],
    thresholds: dict | None = None,
    top: int = 3,
    effect_vector=None,
) -> list[LayerTrace]:
    """One ``LayerTrace`` per layer in ``layers``, in that order: the best ``top`` passages
    of that layer for ``effect`` and the verdict of the best one."""
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    terms = _terms(effect, index)
    present = _present(terms, index) if terms else {}
    per_layer: dict[str, list[int]] = {}
    for number in present:
        per_layer.setdefault(index.candidates[number].layer, []).append(number)
    meanings = Meanings(index, effect_vector)
    traces = []
    for layer in layers:
        # With meaning, more lexical candidates are kept: the verdict may reorder them.
        wanted = top * TIES if meanings else top
        ranked = _ranked(per_layer.get(layer, []), present, terms, index, wanted, meanings)
        if meanings:
            # The passages closest in meaning join the lexical ones (a passage may say
            # the same in other words); the verdict then orders them.
            seen = {m.key for m in ranked}
            for number in meanings.closest(layer, top):
                if index.candidates[number].key not in seen:
                    ranked.append(_best_or_meaning(number, present, terms, index, meanings))
            ranked.sort(key=lambda m: (RANK[verdict(m, limits)], -(m.meaning or 0), _order(m)))
        ranked = tuple(ranked[:top])
        traces.append(LayerTrace(layer, verdict(ranked[0] if ranked else None, limits), ranked))
    return traces


RANK = {"found": 0, "weakened": 1, "lost": 2}


def _best_or_meaning(number, present, terms, index, meanings) -> Match:
    if number in present:
        best = _best_in(number, present[number], terms, index)
        return _match(number, best, terms, index, meanings)
    return _meaning_only(number, index, meanings)


def last_carrier(traces: Sequence[LayerTrace]) -> str | None:
    """The last layer before the first "lost" one that still carried the effect.

    None when the first layer already lost it; the last layer when none lost it."""
    carrier = None
    for layer_trace in traces:
        if layer_trace.verdict == "lost":
            return carrier
        carrier = layer_trace.layer
    return carrier
