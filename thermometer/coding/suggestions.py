"""Explained suggestions for coding (pure): which codes a passage may concern, and which
sentences state an intended effect — each with the words that triggered it.

Lexical and Dutch-aware: words are stemmed with the Dutch Porter stemmer, so
"samenwerking" and "samenwerken" match the same term. Nothing is coded by this
module; an adviser accepts or rejects every suggestion.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý“\"'(])")

# Phrases with which Dutch policy texts state what they want to achieve.
INTENT_PATTERNS = [
    r"\b(?:wij|we|de gemeente|het college|de raad) (?:wil|willen|wilt)\b",
    r"\b(?:wil|willen) (?:dat|graag|voorkomen|bereiken|zijn|een)\b",
    r"\bzodat\b",
    r"\bmet als doel\b",
    r"\b(?:ons|het|dit|ons belangrijkste) doel is\b",
    r"\bdoelstelling(?:en)? (?:is|zijn)\b",
    r"\bbeoog(?:t|en|de|d)\b",
    r"\bstreven (?:wij |we )?(?:naar|ernaar)\b",
    r"\b(?:wij|we) (?:gaan |willen )?(?:zorgen|ervoor zorgen) (?:ervoor )?dat\b",
    r"\bmoet(?:en)? leiden tot\b",
    r"\b(?:wij|we) vinden het belangrijk dat\b",
    # The Dutch purpose clause "om ... te <verb>", where it opens a sentence or follows a
    # comma; after "verplicht", "mogelijkheid" and the like it states a duty, not an aim.
    r"(?:^|[.!?]\s+|,\s*)om\b[^.;:]{1,100}?\bte [a-zà-ÿ]+en\b",
    r"\b(?:helpt|dient|ingezet|bedoeld) om\b",
    r"\bter (?:bevordering|voorkoming|versterking|verbetering) van\b",
    r"\bgericht op\b",
    r"\bonze ambitie\b|\bde ambitie is\b",
]
INTENT = re.compile("|".join(f"(?:{p})" for p in INTENT_PATTERNS), re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "code" or "intent"
    key: str  # the code's method key, or "intent"
    start: int
    end: int
    score: float
    reason: str


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("dutch_porter")


def stems(text: str) -> list[tuple[str, int, int]]:
    stemmer = _stemmer()
    return [(stemmer.stemWord(m.group().lower()), m.start(), m.end()) for m in WORD.finditer(text)]


@lru_cache(maxsize=64)
def _compiled(lexicon_items: tuple) -> dict:
    return {
        key: [tuple(s for s, _, _ in stems(term)) for term in terms] for key, terms in lexicon_items
    }


def suggest_codes(text: str, lexicon: dict) -> list[Suggestion]:
    """Codes whose words occur in ``text``, strongest first, with the words as reason."""
    compiled = _compiled(tuple((k, tuple(v)) for k, v in sorted(lexicon.items())))
    tokens = stems(text)
    words = [s for s, _, _ in tokens]
    found = []
    for key, terms in compiled.items():
        hits = {}
        for term in terms:
            if not term:
                continue
            for i in range(len(words) - len(term) + 1):
                if tuple(words[i : i + len(term)]) == term:
                    start, end = tokens[i][1], tokens[i + len(term) - 1][2]
                    hits.setdefault(text[start:end].lower(), (start, end))
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


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def find_intents(text: str) -> list[Suggestion]:
    """Sentences that state an intended effect, with the phrase that shows it."""
    found = []
    for start, end in sentences(text):
        # Searched in the sentence alone, so "^" anchors at the sentence's start.
        match = INTENT.search(text[start:end])
        if match:
            reason = match.group().strip(" ,.!?\n")
            found.append(Suggestion("intent", "intent", start, end, 1.0, reason))
    return found
