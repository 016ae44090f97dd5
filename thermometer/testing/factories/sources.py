"""Documents as after upload and reading: through the sources service and its task."""

from thermometer.sources.services import add_documents
from thermometer.sources.tasks import extract_source


def document(
    scan,
    text="Visie (fictief)\n\nWij willen dat inwoners meedoen.",
    name="visie.txt",
    place="visie",
):
    """A read document with passages, as after upload and the background task."""
    (added,) = add_documents(scan, [(name, text.encode())], place=place, user=scan.created_by)
    extract_source.call(added.source.pk)
    added.source.refresh_from_db()
    return added.source
