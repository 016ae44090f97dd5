"""Live sessions: open and close, join by code, the device of a browser."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thermometer.audit.events import record

from .models import LiveParticipant, LiveSession


class LiveError(ValueError):
    """The message is Dutch and meant for the user."""


def _key(session) -> str:
    return f"live-{session.uuid}"


@transaction.atomic
def open_session(scan, *, kind: str, title: str, votes_per_person: int, user) -> LiveSession:
    title = title.strip()
    if not title:
        raise LiveError(_("Give the session a title."))
    if not 1 <= votes_per_person <= 10:
        raise LiveError(_("Give each person 1 to 10 votes."))
    session = LiveSession.objects.create(
        scan=scan, kind=kind, title=title, votes_per_person=votes_per_person, created_by=user
    )
    record("live_session_opened", user=user, scan=scan, title=title)
    return session


@transaction.atomic
def close_session(session, *, user) -> None:
    if not session.is_open:
        return
    session.status = LiveSession.Status.CLOSED
    session.closed_at = timezone.now()
    session.save(update_fields=["status", "closed_at"])
    record("live_session_closed", user=user, scan=session.scan, title=session.title)


def find_session(code: str) -> LiveSession | None:
    code = "".join(code.replace("-", " ").split()).upper()
    return LiveSession.objects.select_related("scan__municipality").filter(code=code).first()


def join(request, session, name: str = "") -> LiveParticipant:
    """The device of this browser in the session, made on the first visit."""
    device = device_of(request, session)
    if device is None:
        device = LiveParticipant.objects.create(session=session, name=name.strip()[:100])
        request.session[_key(session)] = device.pk
    elif name.strip() and device.name != name.strip()[:100]:
        device.name = name.strip()[:100]
        device.save(update_fields=["name"])
    return device


def device_of(request, session) -> LiveParticipant | None:
    device_id = request.session.get(_key(session))
    if device_id is None:
        return None
    return LiveParticipant.objects.filter(pk=device_id, session=session).first()


def votes_left(session, used: int) -> int:
    return max(0, session.votes_per_person - used)
