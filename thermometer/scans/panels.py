"""Step panels: what other apps show on a step's screen, registered by those apps.

A step's screen (``scans.views.steps.step_detail``) shows, besides its checklist and
comments, the work of other apps: the goal tree on "goals", the computed analysis on
"triangle" and "matrix". Those apps sit above ``scans``; so that ``scans`` imports none
of them, each registers its panel in its ``AppConfig.ready``::

    register("goal_tree", ("goals",), build)         # build(scan, step) -> context value
    extend("analysis", ("matrix",), annotate)        # annotate(value, scan, step)

Every registered panel name is in the step's context: its value where the step is one
of the panel's steps, else None (the template asks ``{% if goal_tree %}``). Extensions
run after the panel is built, whatever order the apps are loaded in.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from thermometer.core.registry import put


@dataclass(frozen=True)
class Panel:
    name: str  # the key in the step's template context
    steps: frozenset[str]
    build: Callable  # build(scan, step) -> value


@dataclass(frozen=True)
class Extension:
    name: str
    steps: frozenset[str]
    apply: Callable  # apply(value, scan, step), changes the value in place


_panels: dict[str, Panel] = {}
_extensions: list[Extension] = []


def register(name: str, steps: Iterable[str], build: Callable) -> None:
    """Show ``build(scan, step)`` as ``name`` on the screens of ``steps``."""
    put(_panels, name, Panel(name, frozenset(steps), build), "step panel")


def extend(name: str, steps: Iterable[str], apply: Callable) -> None:
    """Let ``apply(value, scan, step)`` add to the panel ``name`` on ``steps``."""
    extension = Extension(name, frozenset(steps), apply)
    if extension not in _extensions:
        _extensions.append(extension)


def panels(scan, step) -> dict:
    """The context of every registered panel for ``step`` of ``scan``."""
    context = {}
    for name, panel in _panels.items():
        value = panel.build(scan, step) if step.key in panel.steps else None
        if value is not None:
            for extension in _extensions:
                if extension.name == name and step.key in extension.steps:
                    extension.apply(value, scan, step)
        context[name] = value
    return context
