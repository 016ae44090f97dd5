import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from thermometer.testing import factories


def _ask_reset(client, email):
    with translation.override("nl"):
        return client.post(reverse("accounts:password_reset"), {"email": email})


def test_password_reset_by_e_mail_lets_the_user_log_in_with_a_new_password(
    client, db, django_capture_on_commit_callbacks
):
    user = factories.adviser(email="anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_reset(client, "Anna@example.org")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == "Kies een nieuw wachtwoord voor Thermometer"
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", message.body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        form_url,
        {"new_password1": "Zomer-in-Wassenaar-2026", "new_password2": "Zomer-in-Wassenaar-2026"},
    )
    user.refresh_from_db()
    assert user.check_password("Zomer-in-Wassenaar-2026")
    # The link works once.
    assert "werkt niet meer" in client.get(link, follow=True).content.decode()


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_reset(client, "niemand@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


# Transactional: the worker closes and reopens its database connection, as in production.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_mail_waits_in_the_database_queue_until_the_worker_sends_it(client):
    factories.adviser(email="bram@example.org")
    _ask_reset(client, "bram@example.org")
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_wrong_password_gets_a_dutch_message(client, db):
    factories.adviser(email="carla@example.org")
    with translation.override("nl"):
        page = client.post(
            reverse("accounts:login"), {"username": "carla@example.org", "password": "fout"}
        ).content.decode()
    assert "Deze combinatie van e-mailadres en wachtwoord is niet bekend." in page
