import pytest
from django.urls import reverse

from thermometer.audit.models import AuditEvent
from thermometer.questionnaires import services
from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.scans.services import set_client_questions


def test_method_templates_become_questionnaires_per_group(scan, questionnaires):
    assert set(questionnaires) == {"gemeente", "uitvoering", "inwoner"}
    gemeente = questionnaires["gemeente"]
    agreement = gemeente.items.filter(type="agreement")
    assert {(i.goal, i.dimension) for i in agreement} == {
        (g, d)
        for g in ("self_reliance", "integrality", "finances")
        for d in ("effect", "policy", "assignment", "service")
    }
    assert gemeente.items.filter(type="reverse_check").count() == 3
    assert questionnaires["inwoner"].language_level == "B1"
    assert all(item.text_en for item in questionnaires["inwoner"].items.all())


def test_generation_is_idempotent_and_adds_the_clients_questions(scan):
    set_client_questions(scan, ["Werkt de toegang voor jongeren?"])
    first = generate_questionnaires(scan, user=scan.created_by)
    assert generate_questionnaires(scan, user=scan.created_by) == []
    client_items = first[0].items.filter(source="client")
    assert [i.text for i in client_items] == ["Werkt de toegang voor jongeren?"]
    assert client_items[0].page == max(first[0].items.values_list("page", flat=True))


def test_adviser_rewords_reorders_removes_and_adds(lead_client, scan, questionnaires):
    questionnaire = questionnaires["inwoner"]
    first, second = list(questionnaire.items.filter(page=1))[:2]
    base = {"slug": scan.slug, "questionnaire_uuid": questionnaire.uuid}
    lead_client.post(
        reverse("questionnaires:item_edit", kwargs={**base, "item_uuid": first.uuid}),
        {"text": "Ik los eerst zelf op wat ik kan.", "text_en": ""},
    )
    first.refresh_from_db()
    assert first.text == "Ik los eerst zelf op wat ik kan."
    lead_client.post(
        reverse("questionnaires:item_change", kwargs={**base, "item_uuid": second.uuid}),
        {"action": "up"},
    )
    assert list(questionnaire.items.filter(page=1))[0] == second
    lead_client.post(
        reverse("questionnaires:item_change", kwargs={**base, "item_uuid": first.uuid}),
        {"action": "remove"},
    )
    assert not questionnaire.items.filter(pk=first.pk).exists()
    lead_client.post(
        reverse("questionnaires:item_add", kwargs=base),
        {
            "type": "single_choice",
            "text": "Hoe kwam u bij het wijkteam?",
            "options": "Zelf\nVia de huisarts",
            "page": 1,
        },
    )
    added = questionnaire.items.get(source="adviser")
    assert [o["label"] for o in added.options] == ["Zelf", "Via de huisarts"]
    assert AuditEvent.objects.filter(event="questionnaire_changed").count() == 4


def test_open_questionnaire_is_locked(lead_client, scan, questionnaires):
    questionnaire = questionnaires["gemeente"]
    services.open_questionnaire(questionnaire, user=scan.created_by)
    item = questionnaire.items.first()
    with pytest.raises(services.LockedError):
        services.update_item(item, user=scan.created_by, text="x", text_en="")
    response = lead_client.post(
        reverse(
            "questionnaires:item_change",
            kwargs={
                "slug": scan.slug,
                "questionnaire_uuid": questionnaire.uuid,
                "item_uuid": item.uuid,
            },
        ),
        {"action": "remove"},
        follow=True,
    )
    assert questionnaire.items.filter(pk=item.pk).exists()
    assert "kunnen niet meer veranderen" in response.content.decode()


def test_links_only_for_the_questionnaires_audience(scan, questionnaires):
    from thermometer.testing import factories

    factories.ParticipantFactory(scan=scan, layer="uitvoering")
    factories.ParticipantFactory(scan=scan, layer="inwoner", actor="inwoner")
    questionnaire = questionnaires["uitvoering"]
    assert services.create_invitations(questionnaire, user=scan.created_by) == 1
    assert services.create_invitations(questionnaire, user=scan.created_by) == 0
    assert questionnaire.invitations.get().participant.layer == "uitvoering"
