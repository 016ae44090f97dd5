"""How long a sign-in lasts: it ends after ``SESSION_IDLE_SECONDS`` without a request
and, however active, ``SESSION_ABSOLUTE_SECONDS`` after signing in. Then the person
signs in again and comes back to the page they asked for."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
# The last request's time is written at most this often, so the session is not saved
# on every request.
SEEN_RESOLUTION = 60


def remember_sign_in(sender, request, user, **kwargs):
    """On ``user_logged_in``: the moment the absolute lifetime counts from."""
    from .two_factor import remember_state

    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    # What the second factor needs, worked out once for this sign-in.
    remember_state(request, user)


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in = session.get(SIGNED_IN_AT, now)
            seen = session.get(SEEN_AT, now)
            if (
                now - seen > settings.SESSION_IDLE_SECONDS
                or now - signed_in > settings.SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
                messages.info(request, _("You were signed out after a while; sign in again."))
                return redirect_to_login(request.get_full_path())
            if SIGNED_IN_AT not in session:
                session[SIGNED_IN_AT] = now
            if now - seen >= SEEN_RESOLUTION or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)
