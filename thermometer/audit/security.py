"""The security log: sign-ins (and failed ones), sign-outs, password and second-factor
changes, lockouts, and every view or download of personal data — each with who, when,
what and from which address. Append-only for the application (``SecurityEvent``);
``manage.py security_log`` (in organisations) exports an organisation's events,
``purge_security_log`` removes those older than ``SECURITY_LOG_DAYS``; ``locked_out`` logs
django-axes' lockouts.

Tokens of personal links never enter it (``mask``), nor any other log the product
writes (``MaskTokensFilter``, also for gunicorn's access log: ``gunicorn.conf.py``)."""

import re

from django.conf import settings

from thermometer.core import throttling

TOKEN_PATH = re.compile(r"(/(?:v|t|r|o)/)([A-Za-z0-9_\-]{6})[A-Za-z0-9_\-]*")
PASSWORD_RESET_PATH = re.compile(r"(/password-reset/)[^/\s]+/[^/\s]+/")


def mask(text: str) -> str:
    """``text`` with the tokens of personal links cut to their first six characters."""
    text = TOKEN_PATH.sub(lambda m: f"{m.group(1)}{m.group(2)}…", text)
    return PASSWORD_RESET_PATH.sub(lambda m: f"{m.group(1)}…/", text)


EXPORT_HEADER = ["moment", "gebeurtenis", "account", "adres", "scan", "wat"]


def export_rows(events) -> list[list]:
    """Rows of ``events`` under ``EXPORT_HEADER`` (for the command and the page)."""
    return [
        [
            e.at.isoformat(timespec="seconds"),
            e.get_kind_display(),
            e.account,
            e.address,
            e.scan.title if e.scan else "",
            e.what,
        ]
        for e in events
    ]


def address_of(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "")[:45] if request is not None else ""


def log(kind: str, request=None, *, user=None, scan=None, account: str = "", what: str = ""):
    """Write one security event."""
    from .models import SecurityEvent

    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if getattr(candidate, "is_authenticated", False) else None
    organisation = scan.organisation if scan is not None else None
    if organisation is None and user is not None:
        membership = user.memberships.select_related("organisation").first()
        organisation = membership.organisation if membership else None
    return SecurityEvent.objects.create(
        kind=kind,
        user=user,
        account=(account or (user.email if user is not None else ""))[:254],
        organisation=organisation,
        scan=scan,
        address=address_of(request),
        what=mask(what or (request.get_full_path() if request is not None else ""))[:500],
    )


def signed_in(sender, request, user, **kwargs):
    log("sign_in", request, user=user)


def signed_out(sender, request, user, **kwargs):
    if user is not None:
        log("sign_out", request, user=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    account = str((credentials or {}).get("username", ""))[:254].strip().lower()
    log("sign_in_failed", request, account=account)


def locked_out(request, credentials, *args, **kwargs):
    """django-axes' lockout (``AXES_LOCKOUT_CALLABLE``): logged, then the throttle's Dutch
    429 page for the cool-off time."""
    log("locked_out", request, account=throttling.account_of(request, credentials) or "")
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return throttling.too_many(request, seconds)


class MaskTokensFilter:
    """A logging filter that masks personal-link tokens in every record."""

    def filter(self, record) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


def retention_days() -> int:
    return settings.SECURITY_LOG_DAYS
