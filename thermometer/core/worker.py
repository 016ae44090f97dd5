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

from collections.abc import Callable

_warm_ups: dict[str, Callable[[], object]] = {}
_daily: dict[str, Callable[[], object]] = {}


def _register(table: dict, what: str, name: str, run: Callable) -> None:
    if name in table and table[name] is not run:
        raise ValueError(f"{what} {name!r} is registered twice")
    table[name] = run


def register_warm_up(name: str, run: Callable[[], object]) -> None:
    """Run ``run()`` when the worker starts, before its first task."""
    _register(_warm_ups, "worker warm-up", name, run)


def register_daily(name: str, run: Callable[[], object]) -> None:
    """Run ``run()`` once a day in the worker (first soon after it starts)."""
    _register(_daily, "daily housekeeping", name, run)


def warm_up() -> None:
    """Every registered warm-up, in turn; the first failure is raised (the worker logs it
    and starts regardless)."""
    for run in _warm_ups.values():
        run()


def run_daily() -> None:
    """Every registered daily round, in turn; the first failure is raised (the worker logs
    it and tries again the next day)."""
    for run in _daily.values():
        run()
