from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.core import leases, worker


def warm_up_engines():
    """The worker's warm-up (``core.worker``): the renderer is imported when it runs, as
    importing it is part of the cost."""
    from .rendering import warm_up

    warm_up()


class ReportsConfig(AppConfig):
    name = "thermometer.reports"
    verbose_name = _("Digital overview and reports")

    def ready(self):
        # Imported here: apps.py is loaded before the models are.
        from .constants import ReportStatus
        from .models import ReportFile

        worker.register_warm_up("reports", warm_up_engines)
        leases.register(
            leases.Leased(
                name="reports",
                model=ReportFile,
                working=ReportStatus.RENDERING,
                failed=ReportStatus.FAILED,
                reason=_(
                    "Making the report stopped halfway (the background worker was interrupted)."
                ),
                task_path="thermometer.reports.tasks.render_report",
            )
        )
