"""A second factor at sign-in: a code from an authenticator app (TOTP, django-otp), with
ten recovery codes for when the phone is lost. Each person may turn it on; an
organisation can require it of all its members (``Organisation.require_two_factor``).

Who has a confirmed app must enter a code after the password before any page behind
the sign-in opens; who must have one and has none is sent to set it up first
(``TwoFactorMiddleware``). Wrong codes slow down (django-otp's own throttling) and are
written to the log."""

import logging

import segno
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

logger = logging.getLogger(__name__)
RECOVERY_CODES = 10
APP_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"


def required_for(user) -> bool:
    """Whether an organisation of ``user`` requires a second factor."""
    return user.memberships.filter(organisation__require_two_factor=True).exists()


def has_app(user) -> bool:
    return user_has_device(user, confirmed=True)


PENDING_KEY = "two_factor_pending_key"


def pending_app(request) -> TOTPDevice:
    """The app being set up, not stored until a code from it confirms it: its key waits
    in the session, so showing the set-up page writes nothing."""
    key = request.session.get(PENDING_KEY)
    if key is None:
        key = request.session[PENDING_KEY] = random_hex(20)
    return TOTPDevice(user=request.user, name=APP_NAME, key=key, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The QR code an authenticator app scans (SVG, no external request)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000")


def secret_shown(device: TOTPDevice) -> str:
    """The secret in groups of four, for typing it in by hand."""
    key = device.config_url.split("secret=")[1].split("&")[0]
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_app(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code from it: it is stored, the person is signed in with
    it and gets new recovery codes (returned, shown once). None when the code is wrong."""
    token = "".join(code.split())
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not token.isdigit() or not totp.verify(int(token), tolerance=device.tolerance):
        return None
    TOTPDevice.objects.filter(user=device.user).delete()
    device.confirmed = True
    device.last_t = totp.t()  # this code cannot be used again to sign in
    device.save()
    request.session.pop(PENDING_KEY, None)
    otp_login(request, device)
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Ten new single-use recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def verify(request, code: str) -> bool:
    """Sign the person in with a code from the app or a recovery code."""
    device = match_token(request.user, "".join(code.split()).lower())
    if device is None:
        logger.warning("Wrong second-factor code for user %s", request.user.pk)
        return False
    otp_login(request, device)
    return True


@transaction.atomic
def turn_off(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


OPEN_PATHS = ("accounts:logout", "accounts:two_factor", "accounts:two_factor_verify")


class TwoFactorMiddleware:
    """After the password: the code (if the person has an app), or setting one up (if
    their organisation requires it), before any page behind the sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None  # a public page: a respondent's or a shared link
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_PATHS:
            return None
        if user.is_verified():
            return None
        state = state_of(request)
        if state == STATE_NONE:
            return None
        name = "accounts:two_factor_verify" if state == STATE_APP else "accounts:two_factor"
        return redirect(f"{reverse(name)}?next={request.get_full_path()}")


# What the sign-in needs, worked out once per sign-in and kept in the session (two
# queries fewer on every page); the set-up page and signing in again update it.
STATE_KEY = "two_factor_state"
STATE_NONE, STATE_APP, STATE_REQUIRED = "none", "app", "required"


def state_of(request) -> str:
    state = request.session.get(STATE_KEY)
    if state is None:
        state = remember_state(request)
    return state


def remember_state(request, user=None) -> str:
    user = user or request.user
    if has_app(user):
        state = STATE_APP
    elif required_for(user):
        state = STATE_REQUIRED
    else:
        state = STATE_NONE
    request.session[STATE_KEY] = state
    return state
