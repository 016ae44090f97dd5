"""A document's title: its own, unless that is junk (pure)."""

import re

JUNK = re.compile(
    r"^(?:[\d\s.,_\-–/]*|microsoft (?:word|powerpoint|excel)\b.*|untitled.*|naamloos.*"
    r"|document\d*|titel|title|presentatie\d*|.*\.(?:docx?|pdf|odt|pptx?|xlsx?|md|txt))$",
    re.IGNORECASE,
)


def usable_title(title: str) -> str | None:
    """``title`` cleaned, or None when it says nothing: a number, "Microsoft Word - …",
    a file name, "Untitled", fewer than four letters."""
    title = re.sub(r"\s+", " ", title or "").strip(" -–:|")
    if not title or JUNK.match(title) or sum(c.isalpha() for c in title) < 4:
        return None
    return title[:300]
