"""Background tasks of the core: mail leaves the request through the task queue."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def send_email(subject: str, body: str, recipients: list[str], html: str | None = None) -> int:
    """Send one e-mail; takes plain data so it can wait in the queue."""
    message = EmailMultiAlternatives(subject, body, to=recipients)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
