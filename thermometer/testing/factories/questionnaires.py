"""Questionnaires generated from the method, and responses with their answers."""

import factory

from thermometer.questionnaires import services
from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.questionnaires.models import Answer, Questionnaire, Response
from thermometer.questionnaires.respond import start_response, submit

from .participants import ParticipantFactory


class QuestionnaireFactory(factory.Factory):
    """``QuestionnaireFactory(scan=scan, template="uitvoering")``: one of the method's
    questionnaires as generation makes it (all of them are generated, as the page
    does; the one asked for is returned). ``opened=True`` opens it for answers; the
    trait ``invited=True`` opens it and makes the personal links of its audience."""

    class Meta:
        model = Questionnaire

    scan = None
    template = "gemeente"
    opened = False
    links = False

    class Params:
        invited = factory.Trait(opened=True, links=True)

    @classmethod
    def _create(cls, model_class, *, scan, template, opened, links):
        generate_questionnaires(scan, user=scan.created_by)
        questionnaire = scan.questionnaires.get(template_key=template)
        if opened:
            services.open_questionnaire(questionnaire, user=scan.created_by)
        if links:
            services.create_invitations(questionnaire, user=scan.created_by)
        return questionnaire


class ResponseFactory(factory.Factory):
    """``ResponseFactory(questionnaire=q, layer="beleid", actor="gemeente",
    answers={"self_reliance_effect": 4, "integrality_effect": "dont_know"})``: a new
    participant of that layer, their personal link and their response with the answers
    by question key ("dont_know" for "weet ik niet"); submitted unless
    ``submitted=False``."""

    class Meta:
        model = Response

    questionnaire = None
    layer = "uitvoering"
    actor = "professional"
    answers = factory.Dict({})
    submitted = True

    @classmethod
    def _create(cls, model_class, *, questionnaire, layer, actor, answers, submitted):
        participant = ParticipantFactory(scan=questionnaire.scan, layer=layer, actor=actor)
        invitation = questionnaire.invitations.create(participant=participant)
        response = start_response(invitation)
        items = {item.key: item for item in questionnaire.items.all()}
        Answer.objects.bulk_create(
            Answer(
                response=response,
                item=items[key],
                value=None if value == "dont_know" else value,
                dont_know=value == "dont_know",
            )
            for key, value in answers.items()
        )
        if submitted:
            submit(response)
        return response
