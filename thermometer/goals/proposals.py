"""Proposed intended effects for the goal tree (pure): the sentences that state an
intent in the documents of the top layers, and the client's own questions.

Nothing here enters the tree: an adviser takes a proposal in, adds it to an effect
already there, or sets it aside (see ``services``).
"""

from dataclasses import dataclass
from functools import lru_cache

from thermometer.coding.suggestions import suggest_codes


@dataclass(frozen=True)
class PassageText:
    id: int
    text: str
    layer: str
    source_title: str
    page: int | None
    intents: tuple = ()  # its intent sentences: (start, end, phrase), as find_intents


@dataclass(frozen=True)
class Proposal:
    kind: str  # "document" or "client"
    text: str
    goal: str  # the goal the proposal's words point to, or ""
    layer: str
    reason: str  # the intent phrase, the coder, or the client
    passage_id: int | None = None
    start: int = 0
    end: int = 0
    question_id: int | None = None
    source_title: str = ""
    page: int | None = None
    coded: bool = False  # an adviser already coded this span as an intent

    @property
    def ref(self) -> str:
        """A stable reference for forms: which proposal an answer is about."""
        if self.kind == "client":
            return f"q:{self.question_id}"
        return f"p:{self.passage_id}:{self.start}:{self.end}"


def parse_ref(ref: str) -> tuple:
    """("p", passage_id, start, end) or ("q", question_id); ValueError when malformed."""
    parts = ref.split(":")
    if parts[0] == "p" and len(parts) == 4:
        passage_id, start, end = (int(p) for p in parts[1:])
        if start < 0 or end <= start:
            raise ValueError(ref)
        return ("p", passage_id, start, end)
    if parts[0] == "q" and len(parts) == 2:
        return ("q", int(parts[1]))
    raise ValueError(ref)


def guess_goal(text: str, goal_lexicon: dict) -> str:
    """The goal whose words the text has most of, or "" when none (at once when
    ``goal_lexicon`` is empty)."""
    if not goal_lexicon:
        return ""
    return _guessed(text, tuple((k, tuple(v)) for k, v in sorted(goal_lexicon.items())))


@lru_cache(maxsize=20_000)
def _guessed(text: str, lexicon_items: tuple) -> str:
    # Cached: the proposals page guesses the same sentences on every visit.
    found = suggest_codes(text, dict(lexicon_items))
    return found[0].key if found else ""


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def document_proposals(
    passages, coded_spans: dict, decided: set, goal_lexicon: dict, coded_reason: str
) -> list[Proposal]:
    """Intent sentences of ``passages`` not yet answered, adviser-coded ones first.

    ``coded_spans``: passage id -> [(start, end)] of intent codings; a found sentence
    that overlaps a coded span gives way to it. ``decided``: (passage id, start, end)
    already answered."""
    coded, found = [], []
    for passage in passages:
        spans = sorted(coded_spans.get(passage.id, ()))
        candidates = [(start, end, coded_reason, True) for start, end in spans]
        for start, end, phrase in passage.intents:
            if not any(_overlaps((start, end), s) for s in spans):
                candidates.append((start, end, phrase, False))
        for start, end, reason, is_coded in candidates:
            if (passage.id, start, end) in decided:
                continue
            sentence = passage.text[start:end].strip()
            proposal = Proposal(
                kind="document",
                text=sentence,
                goal=guess_goal(sentence, goal_lexicon),
                layer=passage.layer,
                reason=reason,
                passage_id=passage.id,
                start=start,
                end=end,
                source_title=passage.source_title,
                page=passage.page,
                coded=is_coded,
            )
            (coded if is_coded else found).append(proposal)
    return coded + found


def client_proposals(questions, decided: set, goal_lexicon: dict, reason: str, layer: str):
    """The client's questions from step 1 (id, text) not yet answered."""
    return [
        Proposal(
            kind="client",
            text=text,
            goal=guess_goal(text, goal_lexicon),
            layer=layer,
            reason=reason,
            question_id=question_id,
        )
        for question_id, text in questions
        if question_id not in decided
    ]
