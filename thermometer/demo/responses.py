"""Fictitious responses for the demo scan, generated with a fixed seed.

The intent fades down the chain: the further a layer is from the council, the
lower its agreement, the more "don't know", and the further its own words drift
from the stated intent — so later analysis has something true to show.
"""

import random

from django.utils import timezone

from thermometer.questionnaires.constants import ItemType
from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.questionnaires.models import Answer, Response
from thermometer.questionnaires.services import create_invitations, open_questionnaire

SEED = 2026
# Every sixth invited person in a layer does not answer: about 83% response.
NON_RESPONSE_EVERY = 6

# Mean agreement (1-5) per layer, top of the chain first.
LAYER_MEAN = {
    "bestuur": 4.4,
    "visie": 4.2,
    "beleid": 3.9,
    "regelgeving": 3.5,
    "opdrachtgeving": 3.2,
    "uitvoering": 2.8,
    "inwoner": 2.4,
}
DONT_KNOW = {
    "bestuur": 0.02,
    "visie": 0.03,
    "beleid": 0.05,
    "regelgeving": 0.08,
    "opdrachtgeving": 0.1,
    "uitvoering": 0.15,
    "inwoner": 0.22,
}

# What people say the intent is, from close to the stated intent to far from it.
REVERSE_ANSWERS = {
    "self_reliance": [
        "Dat inwoners zo lang mogelijk zelfstandig blijven en eerst hun eigen netwerk inzetten.",
        "Inwoners meer zelf laten doen, met hulp van familie en buren waar het kan.",
        "Minder mensen in de zorg, meer zelf oplossen.",
        "Bezuinigen op de zorg.",
        "Weet ik niet precies.",
    ],
    "integrality": [
        "Eén huishouden, één plan en één regisseur, over alle domeinen heen.",
        "Dat de hulpverleners samenwerken rond het gezin.",
        "Beter overleg tussen de teams.",
        "Dat alles via het wijkteam loopt.",
        "Geen idee.",
    ],
    "finances": [
        "Passende ondersteuning binnen het budget, door vroeg en licht te helpen.",
        "De kosten beheersen en sturen op resultaat.",
        "Binnen de begroting blijven.",
        "Zo goedkoop mogelijk werken.",
        "Dat weet ik niet.",
    ],
}


def _agreement(rng, mean):
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def _reverse(rng, goal, distance):
    """``distance`` 0 (top of the chain) .. 1 (inwoner): pick an answer that far off."""
    options = REVERSE_ANSWERS[goal]
    index = min(len(options) - 1, max(0, round(rng.gauss(distance * (len(options) - 1), 0.7))))
    return options[index]


def fake_answer(item, layer: str, distance: float, rng):
    """(value, dont_know) for one question, or None to leave it open."""
    if item.type in (ItemType.AGREEMENT, ItemType.GRADE) and rng.random() < DONT_KNOW[layer]:
        return None, True
    if item.type == ItemType.AGREEMENT:
        return _agreement(rng, LAYER_MEAN[layer]), False
    if item.type == ItemType.GRADE:
        return max(1, min(10, round(rng.gauss(LAYER_MEAN[layer] * 1.8, 1.0)))), False
    if item.type == ItemType.REVERSE_CHECK:
        return _reverse(rng, item.goal, distance), False
    if item.type == ItemType.MULTIPLE_CHOICE:
        return sorted(rng.sample(range(len(item.options)), k=rng.randint(1, 2))), False
    if item.type == ItemType.SINGLE_CHOICE:
        return rng.randrange(len(item.options)), False
    return None


def create_demo_responses(scan, *, user) -> int:
    """Questionnaires opened, links for all, and answers for most participants (idempotent)."""
    if Response.objects.filter(questionnaire__scan=scan).exists():
        return 0
    generate_questionnaires(scan, user=user)
    rng = random.Random(SEED)
    layers = list(scan.method.layers)
    created = 0
    now = timezone.now()
    for questionnaire in scan.questionnaires.all():
        if not questionnaire.is_locked:
            open_questionnaire(questionnaire, user=user)
        create_invitations(questionnaire, user=user)
        items = list(questionnaire.items.all())
        invitations = questionnaire.invitations.select_related("participant").order_by(
            "participant__number"
        )
        seen = {}
        for invitation in invitations:
            layer = invitation.participant.layer
            seen[layer] = seen.get(layer, 0) + 1
            if seen[layer] % NON_RESPONSE_EVERY == 0:
                continue
            distance = layers.index(layer) / (len(layers) - 1)
            response = Response.objects.create(
                questionnaire=questionnaire,
                invitation=invitation,
                layer=layer,
                actor=invitation.participant.actor,
                consent_at=now,
                submitted_at=now,
                last_page=max(item.page for item in items),
            )
            answers = []
            for item in items:
                answer = fake_answer(item, layer, distance, rng)
                if answer is None:
                    continue
                value, dont_know = answer
                answers.append(
                    Answer(response=response, item=item, value=value, dont_know=dont_know)
                )
            Answer.objects.bulk_create(answers)
            created += 1
    return created
