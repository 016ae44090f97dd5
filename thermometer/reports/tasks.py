"""Rendering a report in the background, with progress; never fatal to the worker."""

import logging
import time

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import translation

from thermometer.core.leases import Heartbeat

from .constants import ReportStatus

logger = logging.getLogger(__name__)


@task()
def render_report(report_id: int) -> str:
    from .content import report_content
    from .models import ReportFile
    from .rendering import RenderError, render

    report = ReportFile.objects.select_related("scan").filter(pk=report_id).first()
    if report is None or report.status == ReportStatus.DONE:
        return "skipped"

    heartbeat = Heartbeat(ReportFile, report_id)

    def progress(percent: int):
        heartbeat.beat(status=ReportStatus.RENDERING, progress=percent)

    started = time.perf_counter()
    try:
        progress(10)
        with translation.override("nl"):
            content = report_content(report.scan)
        progress(40)
        data = render(content, report.format)
        progress(90)
        name = f"{report.scan.slug}-advies.{report.format}"
        report.file.save(name, ContentFile(data), save=False)
        ReportFile.objects.filter(pk=report_id).update(
            file=report.file.name,
            status=ReportStatus.DONE,
            progress=100,
            seconds=round(time.perf_counter() - started, 2),
        )
        return "done"
    except RenderError as error:
        ReportFile.objects.filter(pk=report_id).update(status=ReportStatus.FAILED, error=str(error))
        return "failed"
    except Exception:  # noqa: BLE001 - the worker goes on; the adviser gets a message
        logger.exception("report %s could not be rendered", report_id)
        ReportFile.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED,
            error="Het rapport kon niet worden gemaakt. Probeer het later opnieuw.",
        )
        return "failed"
