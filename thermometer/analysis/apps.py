from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.core import worker
from thermometer.scans import panels

# The steps whose screen shows part of the computed analysis.
ANALYSIS_STEPS = ("triangle", "matrix")


def analysis_panel(scan, step):
    """The presented analysis, for the screens of ``ANALYSIS_STEPS``."""
    # Imported on use: apps.py is loaded before the models are.
    from .presentation import present
    from .services import analysis_for

    return present(analysis_for(scan), scan.method)


def warm_up_engines():
    """The worker's warm-up (``core.worker``): scipy's t-distribution before the first
    task. The measures are imported when it runs, so starting Django stays quick."""
    from .measures import warm_up

    warm_up()


class AnalysisConfig(AppConfig):
    name = "thermometer.analysis"
    verbose_name = _("Analysis")

    def ready(self):
        panels.register("analysis", ANALYSIS_STEPS, analysis_panel)
        worker.register_warm_up("analysis", warm_up_engines)
