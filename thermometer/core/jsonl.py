"""Reading JSON Lines for the commands that score text: good lines go on, bad lines are
named by their number with the reason, and never stop the rest."""

import json
from dataclasses import dataclass


@dataclass
class BadLine:
    number: int
    reason: str


def read_jsonl(handle, fields: dict[str, type]) -> tuple[list[tuple[int, dict]], list[BadLine]]:
    """(line number, object) of every good line, and the bad ones. ``fields`` names the
    keys each object must have and their type ("id" may be a string or a number)."""
    good, bad = [], []
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            bad.append(BadLine(number, f"not valid JSON ({error.msg})"))
            continue
        if not isinstance(row, dict):
            bad.append(BadLine(number, "not a JSON object"))
            continue
        problems = []
        for key, kind in fields.items():
            value = row.get(key)
            allowed = (str, int) if key == "id" else (kind,)
            if value is None or isinstance(value, bool) or not isinstance(value, allowed):
                problems.append(f'"{key}" is missing or not a {kind.__name__}')
            elif isinstance(value, str) and "\x00" in value:
                problems.append(f'"{key}" contains a NUL byte')
        if problems:
            bad.append(BadLine(number, "; ".join(problems)))
        else:
            good.append((number, row))
    return good, bad
