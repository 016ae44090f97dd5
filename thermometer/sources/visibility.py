"""Which of a scan's sources a person may open (for the source list, the passages and
the coding pages)."""

from thermometer.access.policy import Action

from .constants import SourceKind


def visible_sources(access):
    """The sources of the scan this person may open: the documents, and the interviews
    and group sessions (who said what) only with ``VIEW_PERSONAL``."""
    sources = access.scan.sources.all()
    if access.can(Action.VIEW_PERSONAL):
        return sources
    return sources.filter(kind=SourceKind.DOCUMENT)
