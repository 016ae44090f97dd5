from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.scans import panels


def matrix_panel(analysis, scan, step):
    """The matrix step's analysis with each cell's effects, actions and findings."""
    # Imported on use: apps.py is loaded before the models are.
    from .matrix import annotate_matrix

    annotate_matrix(analysis, scan)


class FindingsConfig(AppConfig):
    name = "thermometer.findings"
    verbose_name = _("Findings and the matrix")

    def ready(self):
        panels.extend("analysis", ("matrix",), matrix_panel)
