"""What a block of code wrote to the database, for tests that hold a read path to reading.

    with no_writes():
        client.get(url)

The session table is left out: the sign-in's bookkeeping (``accounts.sessions``) may
touch it on any request, and it is not what a page shows or a report is built from.
"""

import re
from contextlib import contextmanager

from django.db import connections
from django.test.utils import CaptureQueriesContext

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
SESSION_TABLE = re.compile(r'^\s*\w+\s+(INTO\s+|FROM\s+)?"?django_session"?', re.IGNORECASE)


def writes(queries) -> list[str]:
    """The statements of ``queries`` (as Django captures them) that change rows, but the
    session's."""
    return [
        query["sql"]
        for query in queries
        if WRITE.match(query["sql"]) and not SESSION_TABLE.match(query["sql"])
    ]


@contextmanager
def no_writes(using: str = "default"):
    """Fail when the block writes a row (but the session's); yields the captured queries."""
    with CaptureQueriesContext(connections[using]) as captured:
        yield captured
    written = writes(captured.captured_queries)
    assert not written, "a read path wrote:\n" + "\n".join(written)
