"""Sentences of Dutch policy text that state an intended effect (pure): a purpose phrase
("zodat", "met als doel", "om ... te bereiken", "wij willen dat") in a sentence that
speaks of people or an outcome for them, not of the organisation's own business.

Worked out for every passage when a document is read and stored with it
(``Passage.intents`` with ``INTENTS_VERSION``); the coding suggestions and the goal
tree read them from there. Lives in ``sources`` because reading a document is where
they are made; coding and goals sit above and import them.
"""

import hashlib
import re

from thermometer.core.dutch import SENTENCE_END, sentences

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
    """A hash of the patterns that decide ``intent_spans``: spans stored with another
    version are worked out again."""
    patterns = (SENTENCE_END, INTENT, OUTCOME, ORGANISATIONAL)
    joined = "\x00".join(f"{p.pattern}/{p.flags}" for p in patterns)
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


INTENTS_VERSION = _intents_version()


def intent_spans(text: str) -> list[list]:
    """The sentences of ``text`` that state an intended effect, as stored with a
    passage: [start, end, phrase] per sentence, the phrase being what shows it."""
    found = []
    for start, end in sentences(text):
        # Searched in the sentence alone, so "^" anchors at the sentence's start.
        sentence = text[start:end]
        for match in INTENT.finditer(sentence):
            if _is_intended_effect(sentence, match):
                found.append([start, end, match.group().strip(" ,.!?\n")])
                break
    return found
