import pytest

from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.questionnaires.services import create_invitations, open_questionnaire
from thermometer.testing import factories


@pytest.fixture
def questionnaires(scan):
    return {q.template_key: q for q in generate_questionnaires(scan, user=scan.created_by)}


@pytest.fixture
def professional(scan):
    return factories.ParticipantFactory(scan=scan, layer="uitvoering", actor="professional")


@pytest.fixture
def invitation(questionnaires, professional, scan):
    questionnaire = questionnaires["uitvoering"]
    open_questionnaire(questionnaire, user=scan.created_by)
    create_invitations(questionnaire, user=scan.created_by)
    return questionnaire.invitations.get(participant=professional)
