"""The labelled sets of bench/data (see LABELLING.md): passages with goals and intent,
and (effect, passage) trail pairs, each with its part (tune or test) by document."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SPLITS = DATA / "splits.json"


def part_of() -> dict[str, str]:
    families = json.loads(SPLITS.read_text(encoding="utf-8"))["families"]
    return {doc: family["part"] for family in families.values() for doc in family["documents"]}


def _read(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path.name} line {number}: {error}") from None
    return rows


def passages(part: str | None = None) -> list[dict]:
    """Labelled passages ({id, document, text, goals, intent, part}), of one part or all."""
    parts = part_of()
    rows = _read(DATA / "passages.jsonl")
    for row in rows:
        row["part"] = parts.get(row["document"], "test")
    return [row for row in rows if part is None or row["part"] == part]


def trail_pairs(part: str | None = None) -> list[dict]:
    """Labelled trail pairs ({id, effect, passage, label, source, layer, tricky, part})."""
    parts = part_of()
    rows = _read(DATA / "trail_pairs.jsonl")
    for row in rows:
        row["part"] = parts.get(row["source"], "test")
    return [row for row in rows if part is None or row["part"] == part]
