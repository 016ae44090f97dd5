"""Throttling of the public surface, on Django's cache through django-ratelimit (sign-in
lockout is django-axes', whose handler ``audit.security.locked_out`` logs it and shows
``too_many``).

Counters live in the default cache: the local-memory cache of one process unless
``REDIS_URL`` names a Redis server, which every web process then shares. A person who
is throttled gets a Dutch 429 page that says when to try again (and a Retry-After
header); ``ThrottleMiddleware`` turns ``Throttled`` into that page.

What is counted (rates in ``settings.THROTTLE_RATES``):

- ``wrong_link``: look-ups of a token or code that does not exist, per address — the
  respondent, feedback, open and share links and live-session codes; a right link is
  never slowed down, guessing one is;
- ``password_reset_address`` and ``password_reset_account``: reset mails asked for;
- ``open_link_join`` and ``open_link_join_link``: personal links taken from one open
  link, per address and in all;
- ``live_join`` and ``live_join_session``: devices joining one live session, per
  address and in all (a whole council behind one address fits);
- ``device_post``: posts of one device, and of all devices of one session.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext
from django_ratelimit.core import is_ratelimited

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class Throttled(Exception):
    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds


def address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def period_of(rate: str) -> int:
    """The window of a rate such as "20/m" or "5/15m", in seconds."""
    _count, per = rate.split("/")
    digits = "".join(c for c in per if c.isdigit())
    return int(digits or 1) * PERIODS[per[-1]]


def hit(request, name: str, *scope, increment: bool = True) -> None:
    """Count one ``name`` for ``scope`` (default: the address) and raise ``Throttled``
    when its rate is exceeded; with ``increment`` false only ask."""
    rate = settings.THROTTLE_RATES[name]
    key = ":".join(str(s) for s in scope) if scope else address(request)
    if is_ratelimited(
        request, group=name, key=lambda _group, _request: key, rate=rate, increment=increment
    ):
        raise Throttled(period_of(rate))


def look_up(request, find, token):
    """``find(token)`` for a personal link or code, guarded against guessing: an address
    that guessed too often is refused before the look-up, and a token that is not found
    counts for its address. The found object, or None."""
    hit(request, "wrong_link", increment=False)
    found = find(token)
    if found is None:
        hit(request, "wrong_link")
    return found


def _when(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return ngettext("in %(n)d minute", "in %(n)d minutes", minutes) % {"n": minutes}


def too_many(request, seconds: int):
    response = render(
        request,
        "429.html",
        {"when": _when(seconds)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def account_of(request, credentials) -> str | None:
    """django-axes' account of a sign-in: the e-mail address as typed, in lower case (so
    "Anna@…" and "anna@…" are one account)."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return value.strip().lower() or None


class ThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Throttled):
            return too_many(request, exception.seconds)
        return None
