import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from thermometer.organisations.models import Membership


def test_add_account_creates_user_and_membership_and_mails_a_link(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("add_account", "Nieuw@Example.org", "Adviesbureau X", "--name", "Nina")
    membership = Membership.objects.get()
    assert membership.user.email == "nieuw@example.org"
    assert membership.role == "adviser"
    assert not membership.user.has_usable_password()
    (message,) = mail.outbox
    assert "/account/password-reset/" in message.body


def test_add_account_is_idempotent_and_updates_the_role(db):
    call_command("add_account", "a@example.org", "Gemeente Y", "--no-mail")
    call_command("add_account", "a@example.org", "Gemeente Y", "--role", "client", "--no-mail")
    assert Membership.objects.get().role == "client"


def test_add_account_refuses_a_bad_address(db):
    with pytest.raises(CommandError):
        call_command("add_account", "geen-adres", "Gemeente Y", "--no-mail")


def test_add_account_can_make_an_administrator(db):
    from thermometer.access.policy import administered_organisations

    call_command("add_account", "beheer@example.org", "Adviesbureau X", "--no-mail")
    user = Membership.objects.get(user__email="beheer@example.org").user
    assert not administered_organisations(user).exists()
    call_command(
        "add_account", "beheer@example.org", "Adviesbureau X", "--no-mail", "--administers"
    )
    assert [o.name for o in administered_organisations(user)] == ["Adviesbureau X"]
