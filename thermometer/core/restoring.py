"""What the apps add to a restore (``core.backup.restore``): when to refuse it, which rows
the migrations seeded that must go before the backup's own come back, and what to make
again after it (the search index).

Those apps sit above the core; so that the core imports none of them, each registers
its part in its ``AppConfig.ready``::

    refuse_when("scans", holds_scans, "De database bevat al scans; …")  # holds_scans() -> bool
    clear_seeded("methods", clear)                                      # clear()
    after_restore("indexed_passages", rebuild_index)                    # rebuild_index() -> value

What ``after_restore`` functions return is added to the restore's manifest under their key.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .registry import put


@dataclass(frozen=True)
class Guard:
    holds: Callable[[], bool]  # whether the database already holds what a restore would overwrite
    message: str  # the Dutch refusal for the operator


_guards: dict[str, Guard] = {}
_seeded: dict[str, Callable[[], object]] = {}
_after: dict[str, Callable[[], object]] = {}


def refuse_when(name: str, holds: Callable[[], bool], message: str) -> None:
    """Refuse a restore with ``message`` when ``holds()`` is true."""
    put(_guards, name, Guard(holds, message), "restore guard")


def clear_seeded(name: str, clear: Callable[[], object]) -> None:
    """Run ``clear()`` before loading the backup: rows the migrations put in an empty
    database, which come back from the backup with their own keys."""
    put(_seeded, name, clear, "restore clearing")


def after_restore(key: str, run: Callable[[], object]) -> None:
    """Run ``run()`` once the backup is loaded; its result goes in the manifest as ``key``."""
    put(_after, key, run, "restore step")


def refusal() -> str | None:
    """The message of the first guard that holds, or None when a restore may go ahead."""
    for guard in _guards.values():
        if guard.holds():
            return guard.message
    return None


def clear_seeded_rows() -> None:
    for clear in _seeded.values():
        clear()


def finish() -> dict:
    """Run every after-restore step; their results by key."""
    return {key: run() for key, run in _after.items()}
