"""Which of the method's scales a question's answer options are (pure).

Options are compared as normalised texts: case, accents of punctuation, "mee" in "mee
eens" and the words of the agreement scale's middle answer do not matter, nor does the
order (a document may run from "helemaal eens" down). A closing "weet niet" answer
matches the scale's own "don't know".
"""

import re
import unicodedata

DONT_KNOW_WORDS = (
    "weet niet",
    "weet ik niet",
    "geen mening",
    "geen idee",
    "wil ik niet zeggen",
    "zeg ik liever niet",
    "niet van toepassing",
    "nvt",
    "don't know",
    "dont know",
)
# Words that mean the same on an agreement scale.
SYNONYMS = {
    "neutraal": "niet eens niet oneens",
    "neutral": "niet eens niet oneens",
    "eens noch oneens": "niet eens niet oneens",
    "niet eens en niet oneens": "niet eens niet oneens",
    "zeer eens": "helemaal eens",
    "zeer oneens": "helemaal oneens",
}
ENTRY_LINE = re.compile(r"_{3,}")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = ENTRY_LINE.sub(" ", text).replace("’", "'")
    text = re.sub(r"[^\w' ]+", " ", text)
    text = re.sub(r"\bmee\b", " ", text)
    text = " ".join(text.split())
    return SYNONYMS.get(text, text)


def is_dont_know(text: str) -> bool:
    norm = normalise(text)
    return any(words in norm for words in DONT_KNOW_WORDS)


def split_dont_know(options: list[str]) -> tuple[list[str], bool]:
    """The options without a closing "don't know", and whether there was one."""
    if options and is_dont_know(options[-1]):
        return options[:-1], True
    return options, False


def _labels(scale: dict) -> list[str]:
    return [normalise(option["label"]) for option in scale.get("options", [])]


def _fit(wanted: list[str], answers: list[str], dont_know: str, scale: dict) -> int:
    """2: the same words in the same order; 1: the same answers; 0: another scale."""
    labels = _labels(scale)
    if [_plain(a) for a in answers] == [_plain(o["label"]) for o in scale.get("options", [])]:
        same_dont_know = _plain(dont_know) == _plain(scale.get("dont_know", {}).get("label", ""))
        return 2 if same_dont_know else 1
    return 1 if wanted in (labels, labels[::-1]) else 0


def _plain(text: str) -> str:
    return " ".join(
        re.sub(r"[^\w' ]+", " ", unicodedata.normalize("NFKC", text).casefold()).split()
    )


def match_scale(options: list[str], scales: list[dict]) -> dict | None:
    """The scale whose options are ``options`` (either order), or None; exact wording first.

    A document's "don't know" needs one on the scale (else that answer would be lost);
    a scale's "don't know" the document lacks is accepted.
    """
    answers, dont_know = split_dont_know(options)
    if len(answers) < 2:
        return None
    wanted = [normalise(option) for option in answers]
    closing = options[-1] if dont_know else ""
    best, best_fit = None, 0
    for scale in scales:
        if dont_know and not scale.get("dont_know"):
            continue
        fit = _fit(wanted, answers, closing, scale)
        if fit > best_fit:
            best, best_fit = scale, fit
    return best
