"""Dutch text tools (pure): words, sentences, Porter stems, simplemma lemmas, stop words.

Shared by the coding suggestions, the document trail (goals) and the passage search
(sources), so none of them imports another for its language. Two tokenisers turn a text
into the forms that are compared (``TOKENISERS``):

- ``porter``: Dutch Porter stems of the content words, so "samenwerking" and
  "samenwerken" give the same form. Fast and broad.
- ``lemma``: dictionary lemmas (simplemma's Dutch data), so "financiële" gives
  "financieel"; a separable verb split over its clause ("werkt ... samen") also gives the
  whole verb ("samenwerken"), and an unknown compound takes the lemma of its known tail
  ("wijkteams" -> "wijkteam").

Both skip ``STOP_WORDS``; ``stems`` and ``lemmas`` keep every word (search needs them).
"""

import re
from functools import lru_cache

import simplemma
import snowballstemmer

WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý“\"'(])")


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("dutch_porter")


# Cached: search indexing, suggestions and the document trail stem the same few
# thousand words over and over (hundreds of pages), and stemming is the costly part.
@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The Dutch Porter stem of a lower-case word."""
    return _stemmer().stemWord(word)


def stems(text: str) -> list[tuple[str, int, int]]:
    return [(stem_word(m.group().lower()), m.start(), m.end()) for m in WORD.finditer(text)]


# Dutch function words (articles, pronouns, prepositions, conjunctions, auxiliaries),
# after the Snowball list, skipped by the lemma analyser. Words that carry meaning in a
# term are left out on purpose: "eigen", "zelf", "samen", "geen", "niet", "één", "meer",
# "elkaar". Only suggestions skip them; ``stems`` (used by search) keeps every word.
STOP_WORDS = frozenset(
    """
    de het een en of maar want dus noch van in op aan met als voor bij door over tot uit
    naar om te ter ten tegen tussen onder na binnen buiten vanuit rond rondom zonder
    dat die dit deze wat wie welke waar waarin waarbij waarmee er daar hier
    ik je jij u hij zij ze wij we men hem haar hun ons onze uw mijn zijn zich jullie
    is was waren ben bent zijn wordt worden werd werden zal zullen zou zouden
    heeft hebben had hadden kan kunnen kon moet moeten mag mogen
    ook nog al toch dan zo reeds wel
    """.split()
)
# Particles of Dutch separable verbs ("werkt ... samen" is "samenwerken").
SEPARABLE_PARTICLES = frozenset(
    "aan af bij door in mee na om op over samen terug toe uit voor weg".split()
)
CLAUSE_BREAK = re.compile(r"[,.;:!?()\[\]\n]")
PARTICLE_WINDOW = 8


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    """The Dutch lemma of a lower-case word; an unknown compound takes its tail's lemma."""
    lemma = simplemma.lemmatize(word, lang="nl")
    if lemma == word and not simplemma.is_known(word, lang="nl"):
        for cut in range(3, len(word) - 3):
            if simplemma.is_known(word[cut:], lang="nl"):
                lemma = word[:cut] + simplemma.lemmatize(word[cut:], lang="nl")
                break
    # simplemma marks some separable verbs: "samenwerken" -> "samen_werken".
    return lemma.replace("_", "").lower()


@lru_cache(maxsize=65536)
def _separable(particle: str, verb: str) -> str | None:
    """The separable verb made of ``particle`` and the lemma ``verb``, if Dutch has it."""
    whole = particle + verb
    if simplemma.is_known(whole, lang="nl") and _lemma(whole) == whole:
        return whole
    return None


def lemmas(text: str) -> list[tuple[str, int, int]]:
    """Dutch lemmas of the words in ``text`` with their spans, stop words included."""
    return [(_lemma(m.group().lower()), m.start(), m.end()) for m in WORD.finditer(text)]


def _lemma_tokens(text: str) -> list[tuple[dict, int]]:
    """Per content word its forms (lemma -> end of the words that make it) and start."""
    words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text)]
    tokens = []
    for i, (word, start, end) in enumerate(words):
        if word in STOP_WORDS:
            continue
        lemma = _lemma(word)
        forms = {lemma: end}
        for particle, p_start, p_end in words[i + 1 : i + 1 + PARTICLE_WINDOW]:
            if CLAUSE_BREAK.search(text, end, p_start):
                break
            if particle in SEPARABLE_PARTICLES:
                whole = _separable(particle, lemma)
                if whole:
                    forms.setdefault(whole, p_end)
        tokens.append((forms, start))
    return tokens


def content_stems(text: str) -> list[tuple[str, int, int]]:
    """Dutch Porter stems with their spans, stop words left out.

    Stop words are known by the word, not the stem: "één" stays, "een" goes, though
    both stem to "een"; so "één plan" does not match "een plan"."""
    return [
        (stem, start, end)
        for stem, start, end in stems(text)
        if text[start:end].lower() not in STOP_WORDS
    ]


def _porter_tokens(text: str) -> list[tuple[dict, int]]:
    return [({stem: end}, start) for stem, start, end in content_stems(text)]


TOKENISERS = {"porter": _porter_tokens, "lemma": _lemma_tokens}


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]
