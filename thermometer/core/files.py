"""Files of stored rows, removed from their storage once the deleting transaction
commits: a rollback keeps the rows and their files together."""

from django.db import transaction


def delete_after_commit(files) -> None:
    """Remove ``files`` (FieldFiles; empty ones are skipped) after the commit."""
    found = [(file.storage, file.name) for file in files if file]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in found])
