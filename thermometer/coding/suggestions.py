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

import re
from dataclasses import dataclass
from functools import lru_cache

# The Dutch text tools live in core.dutch (goals and sources use them too); they are
# imported here under their old names so ``coding.suggestions`` keeps offering them.
from thermometer.core.dutch import (  # noqa: F401
    CLAUSE_BREAK,
    PARTICLE_WINDOW,
    SENTENCE_END,
    SEPARABLE_PARTICLES,
    STOP_WORDS,
    TOKENISERS,
    WORD,
    _lemma,
    content_stems,
    lemmas,
    sentences,
    stem_word,
    stems,
)

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
    r"\bis het (?:erg |heel |zeer |van )?(?:belangrijk|belang)\b[^.;:]{0,40}?\bdat\b",
    # The Dutch purpose clause "om ... te <verb>", where it opens a sentence or follows a
    # comma; after "verplicht", "mogelijkheid" and the like it states a duty, not an aim.
    r"(?:^|[.!?]\s+|,\s*)om\b[^.;:]{1,100}?\bte [a-zà-ÿ]+en\b",
    # A capital "Om" opens a sentence also after a heading, a bracket or a list dash.
    r"(?-i:\bOm\b)[^.;:]{1,100}?\bte [a-zà-ÿ]+en\b",
    r"\bom te (?:voorkomen|bereiken|bevorderen|versterken|verbeteren|stimuleren|realiseren"
    r"|waarborgen|garanderen|ondersteunen)\b",
    r"\b(?:helpt|dient|ingezet|bedoeld) om\b",
    r"\bter (?:bevordering|voorkoming|versterking|verbetering) van\b",
    r"\bgericht op\b",
    r"\bonze ambitie\b|\bde ambitie is\b",
    # Kin of the above in real municipal and legal text.
    r"\bzorg(?:en|t)? (?:we |wij |de gemeente |het college )?(?:er ?voor|ervoor) dat\b",
    r"\bdraagt (?:er ?voor|ervoor) zorg dat\b|\bdraagt er zorg voor dat\b",
    r"\b(?:het|ons) streven is\b|\bwaarbij het streven is\b",
    r"\bricht(?:en|te)? zich op\b",
    r"\bvoor het voorkomen van\b",
    r"\bter (?:voorkoming|preventie|waarborging|ondersteuning) van\b",
    r"\b(?:draagt|dragen|bijdragen|bijdraagt|bij te dragen) (?:\w+ )?(?:bij )?aan\b",
    r"\bteneinde\b|\bopdat\b",
    r"\b(?:heeft|hebben) (?:als|tot) doel\b",
    r"\bhet doel (?:van [^.;:]{1,60} )?is\b",
    r"\bmet het oog op\b",
    r"\bbevorder(?:t|en) (?:dat|het|de)\b|\bhet bevorderen van\b",
    r"\bwat willen we bereiken\b\W+\w",
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


# An intended effect is an outcome for people: a purpose phrase counts when its sentence
# names them or such an outcome. Matched on the start of words (Dutch compounds).
OUTCOME = re.compile(
    r"\b(?:inwoner|burger|bewoner|jeugdig|jongere|kind|kinder|ouder|gezin|huishoud|cliënt"
    r"|client|mens|mantelzorg|zelfredza|zelfstandig|particip|meedoe|mee te doen|mee kunnen"
    r"|veilig|gezond|welzijn|armoede|schuld|eenza|opgroei|opvoed|thuis|hulp|ondersteun"
    r"|zorg|preventie|passend|toegankelijk|bestaanszeker|werk|leefbaar|inclusie|vitaal"
    r"|kwetsba|problem|iedereen|samenleving|maatschappel|buurt|wijk)",
    re.IGNORECASE,
)
# Purposes of an organisation for itself (insight, response, publicity, paperwork).
ORGANISATIONAL = re.compile(
    r"\b(?:inzicht|zicht te|respons|bekendheid|informatie|gegevens|rapport|verantwoord"
    r"|administrat|publice|vergelijk|planning|aanbested|inschrijv|besparing|herleidba"
    r"|registr|declar|facturen|link|website|format|archief)",
    re.IGNORECASE,
)


def _is_intended_effect(sentence: str, match: re.Match) -> bool:
    """A purpose phrase states an intended effect when what follows it (or the sentence)
    speaks of people or an outcome for them, not of the organisation's own business."""
    after = sentence[match.start() : match.end() + 160]
    if ORGANISATIONAL.search(after) and not OUTCOME.search(after):
        return False
    return bool(OUTCOME.search(sentence))


def _intents_version() -> str:
    """A hash of the patterns that decide ``find_intents``: spans stored with another
    version are worked out again (see ``intent_spans``)."""
    import hashlib

    patterns = (SENTENCE_END, INTENT, OUTCOME, ORGANISATIONAL)
    joined = "\x00".join(f"{p.pattern}/{p.flags}" for p in patterns)
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


INTENTS_VERSION = _intents_version()


def intent_spans(text: str) -> list[list]:
    """``find_intents`` as stored with a passage: [start, end, phrase] per sentence."""
    return [[s.start, s.end, s.reason] for s in find_intents(text)]


def find_intents(text: str) -> list[Suggestion]:
    """Sentences that state an intended effect, with the phrase that shows it."""
    found = []
    for start, end in sentences(text):
        # Searched in the sentence alone, so "^" anchors at the sentence's start.
        sentence = text[start:end]
        for match in INTENT.finditer(sentence):
            if _is_intended_effect(sentence, match):
                reason = match.group().strip(" ,.!?\n")
                found.append(Suggestion("intent", "intent", start, end, 1.0, reason))
                break
    return found
