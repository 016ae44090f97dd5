"""Open links: one link for a group; every visitor becomes a pseudonymous participant."""

from django.db import transaction

from thermometer.audit.events import record
from thermometer.participants.services import add_participant

from .models import Invitation, OpenLink, Questionnaire


class LinkFull(Exception):
    pass


@transaction.atomic
def create_open_link(questionnaire, *, user, label, layer, cap, organisation="") -> OpenLink:
    method = questionnaire.scan.method
    link = OpenLink.objects.create(
        questionnaire=questionnaire,
        label=label,
        layer=layer,
        actor=method.layer_default_actor[layer],
        organisation=organisation,
        cap=cap,
    )
    record(
        "open_link_created",
        user=user,
        scan=questionnaire.scan,
        name=questionnaire.name,
        label=label,
        cap=cap,
    )
    return link


@transaction.atomic
def join(open_link) -> Invitation:
    """A new visitor: a pseudonymous participant with a personal link, within the cap."""
    # Lock the questionnaire row so two visitors cannot both take the last place.
    Questionnaire.objects.select_for_update().filter(pk=open_link.questionnaire_id).first()
    if open_link.invitations.count() >= open_link.cap:
        raise LinkFull
    participant = add_participant(
        open_link.questionnaire.scan,
        user=None,
        name="",
        email="",
        layer=open_link.layer,
        actor=open_link.actor,
        organisation=open_link.organisation,
    )
    return Invitation.objects.create(
        questionnaire=open_link.questionnaire, participant=participant, open_link=open_link
    )
