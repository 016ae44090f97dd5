"""Rendering a report in the background, with progress; never fatal to the worker."""

import logging
import time

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import translation

from thermometer.core.leases import Heartbeat

from .constants import ReportStatus
from .content import report_content
from .models import ReportFile
from .services import shown_state

logger = logging.getLogger(__name__)
# Shown where a request's file gave way to the newer one asked for while it was made.
_SUPERSEDED = (
    "De scan veranderde terwijl dit rapport werd gemaakt; vraag het rapport opnieuw op voor "
    "de nieuwste stand."
)


@task()
def render_report(report_id: int) -> str:
    from .rendering import RenderError, render  # WeasyPrint and vl-convert: on use

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
        return _keep(report, content, seconds=round(time.perf_counter() - started, 2))
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


def _keep(report, content: dict, *, seconds: float) -> str:
    """Mark the file done under the fingerprint of the content it shows. The scan can
    change between the request and the rendering: the file then shows the newer state
    and is kept as that state's file, so a cached file always shows what its fingerprint
    says. If that state's file was asked for meanwhile, that one is kept instead."""
    state = shown_state(content)
    fields = {"file": report.file.name, "status": ReportStatus.DONE, "progress": 100}
    if state["fingerprint"] != report.fingerprint:
        fields |= state
    try:
        with transaction.atomic():
            ReportFile.objects.filter(pk=report.pk).update(seconds=seconds, **fields)
    except IntegrityError:
        report.file.delete(save=False)
        ReportFile.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED,
            error=_SUPERSEDED,
        )
        return "superseded"
    return "done"
