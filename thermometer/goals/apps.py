from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.scans import panels


def goal_tree_panel(scan, step):
    """The goal tree with each intended effect's trail, for the "goals" step."""
    # Imported on use: apps.py is loaded before the models are.
    from .services import goal_tree

    return goal_tree(scan)


class GoalsConfig(AppConfig):
    name = "thermometer.goals"
    verbose_name = _("Goals and the document trail")

    def ready(self):
        panels.register("goal_tree", ("goals",), goal_tree_panel)
