"""What the background worker (``manage.py worker``) runs besides its tasks, registered
by the apps that own it: warm-ups before its first task (the analysis and report
engines, so the first report someone asks for is as quick as the next) and the daily
housekeeping (privacy's purge and cleanup).

Those apps sit above the core; so that the core imports none of them, each registers
its part in its ``AppConfig.ready``::

    register_warm_up("reports", warm_up)   # warm_up()
    register_daily("privacy", run)         # run()

A registered function should import its heavy modules when it runs, not when it is
registered, so that starting Django stays quick.
"""

import logging
from collections.abc import Callable

from .registry import put

logger = logging.getLogger(__name__)

_warm_ups: dict[str, Callable[[], object]] = {}
_daily: dict[str, Callable[[], object]] = {}


def register_warm_up(name: str, run: Callable[[], object]) -> None:
    """Run ``run()`` when the worker starts, before its first task."""
    put(_warm_ups, name, run, "worker warm-up")


def register_daily(name: str, run: Callable[[], object]) -> None:
    """Run ``run()`` once a day in the worker (first soon after it starts)."""
    put(_daily, name, run, "daily housekeeping")


def _run_each(table: dict, what: str) -> list[str]:
    """Run every entry of ``table``; one that fails is logged with its name and does not
    keep the others from running. Returns the names that failed."""
    failed = []
    for name, run in table.items():
        try:
            run()
        except Exception:  # noqa: BLE001 - each app's part runs whatever another's does
            logger.exception("%s %r failed", what, name)
            failed.append(name)
    return failed


def warm_up() -> list[str]:
    """Every registered warm-up, in turn; returns the names that failed (each is logged;
    the worker starts regardless)."""
    return _run_each(_warm_ups, "worker warm-up")


def run_daily() -> list[str]:
    """Every registered daily round, in turn; returns the names that failed (each is
    logged and tried again the next day)."""
    return _run_each(_daily, "daily housekeeping")
