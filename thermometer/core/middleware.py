"""Headers on every response, and input that cannot break a page.

``SecurityHeadersMiddleware``: the Permissions-Policy of the settings on every response,
and pages that are not static files are never stored by a browser or proxy (they show
scans, answers and names): ``no-store``.

``ControlCharactersMiddleware``: control characters taken out of every form and query
in one place, before any view sees them.

A NUL byte is refused by PostgreSQL (a 500 that loses the respondent's page) and other
C0 control characters (all but tab, line feed and carriage return) have no place in
text a person typed; they arrive only from pasted binary or from a script. They are
removed, so the rest of what was sent is kept and saved. A NUL in the path is a wrong
link (404)."""

import logging
import re

from django.conf import settings
from django.http import Http404, QueryDict
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(value: str) -> str:
    return CONTROL.sub("", value)


def _cleaned(data: QueryDict) -> QueryDict | None:
    """A cleaned copy of ``data``, or None when nothing in it needed cleaning."""
    if not any(CONTROL.search(k) or any(CONTROL.search(v) for v in vs) for k, vs in data.lists()):
        return None
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(clean_text(key), [clean_text(v) for v in values])
    cleaned._mutable = False
    return cleaned


class ControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
        cleaned = _cleaned(request.GET)
        if cleaned is not None:
            request.GET = cleaned
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            cleaned = _cleaned(request.POST)
            if cleaned is not None:
                logger.info("Control characters removed from a form sent to %s", request.path)
                request.POST = cleaned
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # Static files come with their own caching (WhiteNoise); every other response
        # may hold personal data.
        if "Cache-Control" not in response.headers:
            add_never_cache_headers(response)
        return response
