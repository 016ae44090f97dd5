"""A questionnaire document's elements as questions (pure).

A question starts at a numbered line ("1.", "1a", "Q12", "V3", "Vraag 4:", the VNG's
"wl01") or at a list item that asks something ("…?"). Its answer options follow as a
list, as loose short lines (PDF), or as a table: a matrix table's header row holds the
options and each further row is a statement of its own. Instructions ("Denk aan …",
"(meer antwoorden mogelijk)") and routing ("Ga naar vraag 5", "Als nee, ga door met
…") stay with the question as text. Everything else is listed as not understood.
"""

import re
from dataclasses import dataclass, field

from .document_reading import LIST, TABLE, TEXT, Element

CODE = re.compile(
    r"^(?:(?:vraag|question)\s+)?"
    r"(?P<code>[A-Za-z]{0,3}\d{1,3}(?:[a-z](?![a-z])|[._]\d{1,2})?)"
    r"(?:[.):]\s*|\s+|$)(?P<text>.*)$",
    re.IGNORECASE,
)
ROUTING = re.compile(
    r"\b(?:ga\s+(?:door\s+|verder\s+)?(?:naar|met|bij)|ga\s+door\b|door\s+naar\s+vraag|"
    r"sla\s+.{0,60}\bover|overslaan|skip\s+to|go\s+to\s+(?:question|q))",
    re.IGNORECASE,
)
MULTIPLE = re.compile(
    r"\(?\s*(?:meer(?:dere)?\s+antwoorden\s+mogelijk|meer\s+dan\s+één\s+antwoord\s+mogelijk|"
    r"kruis\s+aan\s+wat\s+van\s+toepassing\s+is|more\s+than\s+one\s+answer\s+possible)\s*\)?",
    re.IGNORECASE,
)
MARKER = re.compile(r"^\s*\[(?P<marker>[A-Z][A-Z :'’a-z-]{2,80})\]\s*")
NEXT_QUESTION = re.compile(r"\b(?:deze|volgende)\s+vraag\b", re.IGNORECASE)
TRAILING_MARKER = re.compile(r"\s*\[(?P<marker>[A-Z][A-Z :'’a-z-]{2,80})\]\s*$")
NUMBERED = re.compile(r"^\(?\d{1,2}[.)]\s+")
ENTRY = re.compile(r"^[_.…\s]{3,}$")
ENDS_ASKING = ("?", ":", "…", "...")
ENDS_SENTENCE = ("?", ":", ".", "…", "!", ")")


@dataclass
class ParsedQuestion:
    code: str
    text: str
    options: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # a matrix table's statements: {text, notes}
    notes: list = field(default_factory=list)
    multiple: bool = False
    entry_line: bool = False

    @property
    def complete(self) -> bool:
        return bool(self.options or self.rows or self.entry_line)


@dataclass
class ParsedDocument:
    questions: list = field(default_factory=list)
    not_understood: list = field(default_factory=list)  # texts, in document order


def _strip_markers(text: str, notes: list) -> str:
    while match := MARKER.match(text):
        notes.append(match["marker"].strip())
        text = text[match.end() :]
    if match := TRAILING_MARKER.search(text):
        notes.append(match["marker"].strip())
        text = text[: match.start()]
    found = MULTIPLE.search(text)
    if found:
        notes.append(found.group(0).strip())
    return text.strip()


def _is_multiple(notes: list) -> bool:
    return any(MULTIPLE.search(note) for note in notes)


class _Parser:
    def __init__(self, loose_options: bool):
        self.loose = loose_options  # PDF: options may be plain short lines
        self.doc = ParsedDocument()
        self.current: ParsedQuestion | None = None
        self.open = False  # the current question still takes options
        self.pending: list[str] = []  # lead-in lines for the next question

    def start(self, code: str, text: str) -> None:
        notes = list(self.pending)
        self.pending = []
        text = _strip_markers(text, notes)
        self.current = ParsedQuestion(code=code, text=text, notes=notes)
        self.doc.questions.append(self.current)
        self.open = True

    def question_start(self, element: Element):
        """(code, text) when the element starts a question, else None."""
        text = element.text
        match = CODE.match(text)
        if match:
            code, rest = match["code"], match["text"].strip()
            if any(c.isalpha() for c in code):
                return code, rest
            if rest and rest[0].isalpha() and not self._numbered_option(rest):
                return code, rest
        if element.kind == LIST and text.endswith("?") and len(text.split()) >= 3:
            return "", text
        return None

    def _numbered_option(self, rest: str) -> bool:
        """ "2. nee" under a question is an answer, not question 2."""
        q = self.current
        collecting = self.open and q is not None and bool(q.text) and not q.rows
        return collecting and not rest.endswith(ENDS_ASKING) and len(rest.split()) < 8

    def element(self, element: Element) -> None:
        if element.kind == TABLE:
            self.table(element.rows)
        elif started := self.question_start(element):
            self.start(*started)
        elif element.kind == LIST:
            if self.open:
                self.option(element.text)
            else:
                self.not_understood(element.text)
        else:
            self.line(element.text)

    def option(self, text: str) -> None:
        text = NUMBERED.sub("", text)  # "1. ja": the number is not the answer
        if ENTRY.match(text):
            self.current.entry_line = True
        else:
            self.current.options.append(text)

    def _short(self, text: str) -> bool:
        return self.loose and len(text.split()) <= 8 and not text.endswith(ENDS_ASKING)

    def line(self, text: str) -> None:
        q = self.current
        if ENTRY.match(text):
            if self.open and not q.options:
                q.entry_line = True
            return
        if self.open and not q.options and not q.entry_line:
            if not q.text:
                q.text = _strip_markers(text, q.notes)
            elif not q.text.endswith(ENDS_SENTENCE):
                q.text = f"{q.text} {text}"  # the question goes on on the next line
            elif text.endswith(ENDS_ASKING) and not self._short(text):
                self.open = False  # an open question ends where the next lead-in asks
                self.pending.append(text)
            elif self._short(text) and not ROUTING.search(text):
                self.option(text)
            else:
                q.notes.append(text)
            return
        if self.open and q.options:
            if self._short(text) and not ROUTING.search(text):
                self.option(text)
                return
            if (ROUTING.search(text) or MULTIPLE.search(text)) and not NEXT_QUESTION.search(text):
                q.notes.append(text)  # "Als nee, ga door met vraag 7" after the options
                return
        self.open = False
        if text.endswith(ENDS_ASKING) or ROUTING.search(text) or MARKER.match(text):
            self.pending.append(text)
        else:
            self.not_understood(text)

    def not_understood(self, text: str) -> None:
        """A lead-in only leads into what follows directly; before anything else it is lost."""
        self.doc.not_understood.extend(self.pending)
        self.pending = []
        self.doc.not_understood.append(text)

    def table(self, rows: list) -> None:
        header = next(
            (i for i, row in enumerate(rows) if not row[0] and sum(1 for c in row if c) >= 2),
            None,
        )
        usable = self.open and not self.current.complete
        if header is not None and not usable and self.pending:
            self.start("", self.pending.pop())  # a matrix under "In hoeverre …:"
            usable = True
        q = self.current
        short = [[c for c in row if c] for row in rows]
        if header is not None and usable:
            q.options = [cell for cell in rows[header][1:] if cell]
            for row in rows[header + 1 :]:
                if row[0]:
                    notes: list = []
                    q.rows.append({"text": _strip_markers(row[0], notes), "notes": notes})
        elif usable and len(short) >= 2 and all(1 <= len(cells) <= 2 for cells in short):
            for cells in short:
                self.option(cells[-1])  # options as table rows, perhaps after a number
        else:
            self.doc.not_understood.extend(" | ".join(cells) for cells in short)
        self.open = False

    def finish(self) -> ParsedDocument:
        self.doc.not_understood.extend(self.pending)
        for question in self.doc.questions:
            question.multiple = _is_multiple(question.notes)
        return self.doc


def parse_elements(elements: list[Element], *, loose_options: bool = False) -> ParsedDocument:
    parser = _Parser(loose_options)
    for element in elements:
        if element.kind in (TEXT, LIST, TABLE):
            parser.element(element)
    return parser.finish()
