"""No writes on read paths (ADR 9): opening any page of a scan changes none of the
scan's data. What a read may write is listed here with its reason."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .test_permissions import SCAN_URLS, _kwargs, fill_scan

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
ALLOWED = re.compile(
    r'"(?:'
    # the session of the person signed in (last activity, messages)
    r"django_session"
    # reading personal data (a participant list, an export) is itself logged
    r"|audit_securityevent"
    # work kept under the fingerprint of its input (ADR 7): computed once, then read
    r"|analysis_analysisresult|reports_reportfile"
    r')"',
    re.IGNORECASE,
)


def _writes(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 302, 405), (url, response.status_code)
    return [
        q["sql"][:160]
        for q in queries.captured_queries
        if WRITE.match(q["sql"]) and not ALLOWED.search(q["sql"])
    ]


def test_no_page_of_a_scan_writes_when_it_is_opened(lead_client, scan):
    participant = fill_scan(scan)
    urls = [reverse(name, kwargs=_kwargs(name, scan, participant)) for name in sorted(SCAN_URLS)]
    urls += [reverse("scans:step", args=[scan.slug, step.key]) for step in scan.method.steps]
    urls += [reverse("scans:list"), reverse("scans:create")]
    lead_client.get(urls[0])  # the session's first request may store its start
    written = {url: w for url in urls if (w := _writes(lead_client, url))}
    assert written == {}, "\n".join(f"{u}: {w[0][:100]}" for u, w in written.items())
