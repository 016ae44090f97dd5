from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.core import leases, restoring
from thermometer.scans import guidance


def rebuild_search_index() -> int:
    """After a restore (``core.restoring``): the passages indexed anew."""
    from .search import rebuild_index

    return rebuild_index()


class SourcesConfig(AppConfig):
    name = "thermometer.sources"
    verbose_name = _("Sources")

    def ready(self):
        # Imported here: apps.py is loaded before the models are.
        from .step_facts import document_facts

        guidance.register_facts(("documents", "read"), document_facts)
        self._register_in_core()

    def _register_in_core(self):
        """A document whose reading lost its worker is failed (``core.leases``); a restore
        rebuilds the search index (``core.restoring``)."""
        from .constants import SourceStatus
        from .models import Source

        leases.register(
            leases.Leased(
                name="sources",
                model=Source,
                working=SourceStatus.PROCESSING,
                failed=SourceStatus.FAILED,
                reason=_(
                    "Reading stopped halfway (the background worker was interrupted). Try again."
                ),
                task_path="thermometer.sources.tasks.extract_source",
            )
        )
        restoring.after_restore("indexed_passages", rebuild_search_index)
