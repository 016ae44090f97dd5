"""Joining a live session by its short code: public, no account."""

from functools import wraps

import segno
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from thermometer.core import throttling

from . import services
from .models import LiveSession

# Where a device goes once joined, per kind of session (URL name taking token-less uuid).
DEVICE_VIEWS = {
    "journey": "journey_device:device",
    "framework_values": "framework_device:device",
    "framework_results": "framework_device:device",
}


@login_not_required
@never_cache
def join(request, code=""):
    code = code or request.GET.get("code", "")
    error = ""
    if code:
        session = throttling.look_up(request, services.find_session, code)
        if session is None:
            error = "unknown"
        elif not session.is_open:
            return render(request, "live/closed.html", {"session": session}, status=410)
        else:
            if request.method == "POST":
                if services.device_of(request, session) is None:
                    # Fake devices would flood the room; one address joins a few times.
                    throttling.hit(request, "live_join", session.pk, throttling.address(request))
                    throttling.hit(request, "live_join_session", session.pk)
                services.join(request, session, request.POST.get("name", ""))
                return redirect(DEVICE_VIEWS[session.kind], session_uuid=session.uuid)
            if services.device_of(request, session) is not None:
                return redirect(DEVICE_VIEWS[session.kind], session_uuid=session.uuid)
            return render(request, "live/join.html", {"session": session, "code": session.code})
    return render(
        request, "live/code.html", {"code": code, "error": error}, status=404 if error else 200
    )


def device_view(kinds):
    """A device page of a session of one of ``kinds``: only for a browser that joined it;
    an unknown session says so, a closed one too, and a stranger is sent to join."""

    def decorate(view):
        @login_not_required
        @never_cache
        @wraps(view)
        def wrapper(request, session_uuid, *args, **kwargs):
            session = (
                LiveSession.objects.select_related("scan__municipality")
                .filter(uuid=session_uuid, kind__in=kinds)
                .first()
            )
            if session is None:
                return render(request, "live/code.html", {"error": "unknown"}, status=404)
            if not session.is_open:
                return render(request, "live/closed.html", {"session": session}, status=410)
            device = services.device_of(request, session)
            if device is None:
                return redirect("live:join_code", code=session.code)
            if request.method == "POST":
                throttling.hit(request, "device_post", device.pk)
                throttling.hit(request, "device_post_session", session.pk)
            return view(request, session, device, *args, **kwargs)

        return wrapper

    return decorate


def join_qr(request, session) -> str:
    """The QR code, an inline SVG, that opens the session's join page: for the room
    screen's join card (``live/_join_card.html``); none for a closed session, which the
    card is not shown for."""
    if not session.is_open:
        return ""
    url = request.build_absolute_uri(reverse("live:join_code", kwargs={"code": session.code}))
    return segno.make(url, error="m").svg_inline(scale=5, title=url)
