"""Turn what a respondent posted into a stored answer value (pure)."""

from dataclasses import dataclass

from . import dates
from .constants import ItemType

DONT_KNOW = "dont_know"
MAX_OPEN_LENGTH = 5000


class AnswerError(ValueError):
    """A posted value that cannot be stored; ``reason`` says why ("choice" or "too_long")."""

    def __init__(self, value, reason: str = "choice"):
        super().__init__(value)
        self.reason = reason


@dataclass(frozen=True)
class Cleaned:
    value: object  # int, str, list[int] or None
    dont_know: bool = False

    @property
    def empty(self) -> bool:
        return self.value in (None, "", []) and not self.dont_know


def scale_values(scale: dict) -> set[int]:
    return {option["value"] for option in scale.get("options", [])}


def clean_answer(
    item_type: str, raw: list[str], *, scale: dict | None, n_options: int, date_format: str = ""
) -> Cleaned:
    """``raw`` holds the posted values for one question (several for multiple choice)."""
    raw = [value.strip() for value in raw if value is not None]
    if item_type == ItemType.DATE:
        if not raw or raw[0] == "":
            return Cleaned(None)
        value = dates.read_value(raw[0], date_format)
        if value is None:
            raise AnswerError(raw[0], reason="date")
        return Cleaned(value)
    if item_type in (ItemType.AGREEMENT, ItemType.GRADE):
        if not raw or raw[0] == "":
            return Cleaned(None)
        if raw[0] == DONT_KNOW and scale and scale.get("dont_know"):
            return Cleaned(None, dont_know=True)
        try:
            value = int(raw[0])
        except ValueError:
            raise AnswerError(raw[0]) from None
        if scale is None or value not in scale_values(scale):
            raise AnswerError(raw[0])
        return Cleaned(value)
    if item_type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE):
        chosen = []
        for value in raw:
            if value == "":
                continue
            if not value.isdigit() or not 0 <= int(value) < n_options:
                raise AnswerError(value)
            chosen.append(int(value))
        if item_type == ItemType.SINGLE_CHOICE:
            if len(chosen) > 1:
                raise AnswerError(",".join(raw))
            return Cleaned(chosen[0] if chosen else None)
        return Cleaned(sorted(set(chosen)))
    text = raw[0] if raw else ""
    if len(text) > MAX_OPEN_LENGTH:
        raise AnswerError(len(text), reason="too_long")
    return Cleaned(text)
