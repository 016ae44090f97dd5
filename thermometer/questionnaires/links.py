from django.conf import settings
from django.urls import reverse


def personal_link(invitation, base_url: str | None = None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/") + reverse(
        "respond:start", kwargs={"token": invitation.token}
    )
