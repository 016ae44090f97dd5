"""From a REFI-QDA selection (character positions in the tool's plain text) to the
product's passages (pure).

The product reads a source into its own text: paragraphs with one space between words,
lines of a paragraph joined (a word hyphenated at a line end made whole), underlines
and control characters dropped, passages joined by a blank line. The tool's positions
count code points in its plain text. So a selection is mapped in three steps:

1. ``offset_map`` walks both texts together. Equal characters map onto each other;
   whitespace the reader dropped or changed maps onto the next character; a character
   the reader dropped (a hyphen at a line end, an underline) is skipped. This gives,
   for every position of the tool's text, the position in the product's text.
2. The mapped span is checked: its characters, apart from whitespace and hyphens, must
   be the selection's own. When they are not (a PDF, whose text the product reads
   itself, or a reader that changed more), the selection's text is looked for in the
   product's text, nearest to where it was expected, allowing other whitespace and
   hyphens. Not found: the selection is refused with a reason.
3. The span is cut at passage borders: each passage it covers gets one coding of the
   part inside it (offsets relative to the passage, as the product keeps codings).
"""

import re
from dataclasses import dataclass

IGNORED = re.compile(r"[\s\-\u00ad]+")


@dataclass
class Piece:
    passage: int  # index into the passages given
    start: int  # offsets inside that passage
    end: int


def offset_map(original: str, normalised: str) -> list[int]:
    """Position in ``normalised`` for every position 0..len(original) of ``original``."""
    mapped = [0] * (len(original) + 1)
    i = j = 0
    while i < len(original):
        if j < len(normalised) and original[i] == normalised[j]:
            mapped[i] = j
            i, j = i + 1, j + 1
        elif j < len(normalised) and normalised[j].isspace() and not original[i].isspace():
            j += 1  # a space or blank line the reader put between lines or passages
        elif _substituted(original, normalised, i, j):
            mapped[i] = j  # one character read otherwise (a quote, a ligature)
            i, j = i + 1, j + 1
        else:
            mapped[i] = j  # dropped by the reader: it maps onto what follows
            i += 1
    mapped[len(original)] = j
    return mapped


def _substituted(original: str, normalised: str, i: int, j: int) -> bool:
    return (
        i + 1 < len(original)
        and j + 1 < len(normalised)
        and not original[i].isspace()
        and not normalised[j].isspace()
        and original[i + 1] == normalised[j + 1]
        and original[i + 1] != normalised[j]
    )


def _bare(text: str) -> str:
    return IGNORED.sub("", text)


def _search(quote: str, normalised: str, near: int) -> tuple[int, int] | None:
    letters = _bare(quote)
    if not letters:
        return None
    pattern = re.compile(r"[\s\-\u00ad]*".join(re.escape(c) for c in letters))
    best = None
    for match in pattern.finditer(normalised):
        if best is None or abs(match.start() - near) < abs(best.start() - near):
            best = match
    return (best.start(), best.end()) if best else None


def locate(quote: str, normalised: str, expected: tuple[int, int] | None) -> tuple | None:
    """The span of ``quote`` in ``normalised``: ``expected`` when it holds the quote,
    else the nearest place the quote is found; None when it is nowhere."""
    if expected is not None:
        start, end = expected
        while start < end and normalised[start].isspace():
            start += 1
        while end > start and normalised[end - 1].isspace():
            end -= 1
        if end > start and _bare(normalised[start:end]) == _bare(quote):
            return start, end
    near = expected[0] if expected else 0
    return _search(quote, normalised, near)


def pieces(span: tuple[int, int], passages: list[tuple[int, int]]) -> list[Piece]:
    """``span`` cut at the borders of ``passages`` ((start, end) in the source text)."""
    start, end = span
    found = []
    for index, (p_start, p_end) in enumerate(passages):
        a, b = max(start, p_start), min(end, p_end)
        if b > a:
            found.append(Piece(index, a - p_start, b - p_start))
    return found
