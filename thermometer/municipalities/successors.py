"""Which municipality of today a code or name of an earlier year stands for.

``data/municipal_successors.csv`` lists every municipality dissolved since 1 January
2020 (the 355 municipalities of 2020) with the municipality its territory went to and the
date (see ``data/SOURCES.md``). A municipality that was split over several others (Haaren,
2021) has one row per receiving municipality and no single successor.

Pure: reads the two shipped CSV files, no database.
"""

import csv
import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .reference import DATA_FILE

SUCCESSORS_FILE = Path(__file__).parent / "data" / "municipal_successors.csv"
CODE = re.compile(r"(?:GM)?0*(\d{1,4})")
# Everyday names that differ from CBS's official ones.
ALIASES = {"den haag": "GM0518", "den bosch": "GM0796"}


@dataclass(frozen=True)
class Change:
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    date: datetime.date
    kind: str  # "merged" or "split"


@dataclass(frozen=True)
class Successor:
    """Where an old code went: ``code`` is None for a split (see ``split_over``)."""

    code: str | None
    name: str
    changes: tuple[Change, ...]  # oldest first
    split_over: tuple[Change, ...] = ()

    @property
    def date(self) -> datetime.date:
        return (self.changes or self.split_over)[-1].date


def normal_code(text: str) -> str | None:
    """``GM0363`` for "GM0363", "gm363", "0363" or "363"; None for anything else."""
    match = CODE.fullmatch(str(text).strip().upper())
    return f"GM{int(match[1]):04d}" if match else None


@cache
def changes() -> tuple[Change, ...]:
    with SUCCESSORS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Change(
                row["old_code"],
                row["old_name"],
                row["new_code"],
                row["new_name"],
                datetime.date.fromisoformat(row["date"]),
                row["kind"],
            )
            for row in csv.DictReader(handle)
        )


@cache
def current() -> dict[str, str]:
    """Code -> name of the municipalities in the shipped register (2026)."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def successor(code: str) -> Successor | None:
    """The municipality of today for a dissolved code, following later mergers too;
    None when the code was not dissolved since 2020."""
    by_old: dict[str, list[Change]] = {}
    for change in changes():
        by_old.setdefault(change.old_code, []).append(change)
    path: list[Change] = []
    while code in by_old:
        step = by_old[code]
        if len(step) > 1 or step[0].kind == "split":
            return Successor(None, step[0].old_name, tuple(path), tuple(step))
        path.append(step[0])
        code = step[0].new_code
    if not path:
        return None
    return Successor(code, current().get(code, path[-1].new_name), tuple(path))


def predecessors(code: str) -> list[Change]:
    """The dissolved municipalities whose territory went (wholly) into ``code``."""
    return [c for c in changes() if c.kind == "merged" and c.new_code == code]


def grew_after(code: str, period_end: datetime.date) -> list[Change]:
    """Mergers into an existing ``code`` after ``period_end``: a figure of that period
    covers less territory than the municipality of today."""
    return [c for c in predecessors(code) if c.date > period_end]


def plain_name(name: str) -> str:
    """Casefolded, accents and CBS's "(gemeente)" suffix dropped, spaces single."""
    text = unicodedata.normalize("NFKD", str(name).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\s*\(gemeente\)\s*$", "", text.strip())
    return " ".join(text.replace("’", "'").split())


@cache
def names() -> dict[str, str]:
    """Plain name -> code, for today's names and the names of dissolved municipalities.

    A name without CBS's disambiguation ("Hengelo" for "Hengelo (O.)") is accepted when
    only one municipality carries it.
    """
    found = {plain_name(name): code for code, name in current().items()}
    for change in changes():
        found.setdefault(plain_name(change.old_name), change.old_code)
    short: dict[str, set[str]] = {}
    for name, code in found.items():
        bare = re.sub(r"\s*\([^)]*\)$", "", name)
        if bare != name:
            short.setdefault(bare, set()).add(code)
    for bare, codes in short.items():
        if len(codes) == 1 and bare not in found:
            found[bare] = codes.pop()
    return {**ALIASES, **found}


def code_for_name(name: str) -> str | None:
    return names().get(plain_name(name))
