from django.core import mail
from django.urls import reverse

from thermometer.questionnaires.respond import start_response, submit
from thermometer.questionnaires.services import create_invitations, email_invitations
from thermometer.testing import factories


def test_invitations_go_once_and_reminders_only_to_who_has_not_answered(
    scan, invitation, django_capture_on_commit_callbacks
):
    questionnaire = invitation.questionnaire
    invitation.participant.email = "pro@example.org"
    invitation.participant.save()
    done = factories.ParticipantFactory(scan=scan, layer="uitvoering", email="klaar@example.org")
    factories.ParticipantFactory(scan=scan, layer="uitvoering")  # no e-mail: gets a letter
    create_invitations(questionnaire, user=scan.created_by)
    with django_capture_on_commit_callbacks(execute=True):
        assert email_invitations(questionnaire, user=scan.created_by) == 2
        assert email_invitations(questionnaire, user=scan.created_by) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["klaar@example.org", "pro@example.org"]
    message = next(m for m in mail.outbox if m.to == ["pro@example.org"])
    assert f"/v/{invitation.token}/" in message.body
    assert "Noordoostpolder" in message.subject
    submit(start_response(questionnaire.invitations.get(participant=done)))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert email_invitations(questionnaire, user=scan.created_by, reminder=True) == 1
    assert [m.to for m in mail.outbox] == [["pro@example.org"]]
    assert "Herinnering" in mail.outbox[0].subject


def test_letters_with_qr_code_for_people_without_e_mail(lead_client, scan, invitation):
    page = lead_client.get(
        reverse(
            "questionnaires:letters",
            kwargs={"slug": scan.slug, "questionnaire_uuid": invitation.questionnaire.uuid},
        )
    ).content.decode()
    assert f"/v/{invitation.token}/" in page
    assert "<svg" in page
    assert invitation.participant.pseudonym in page
