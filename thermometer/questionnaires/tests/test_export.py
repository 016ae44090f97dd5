import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from thermometer.questionnaires.models import Answer
from thermometer.questionnaires.respond import start_response, submit
from thermometer.questionnaires.services import create_invitations, open_questionnaire
from thermometer.testing import factories


def _answered(scan, questionnaire, layer, n, text="Eigen kracht versterken"):
    for _ in range(n):
        factories.ParticipantFactory(scan=scan, layer=layer)
    create_invitations(questionnaire, user=scan.created_by)
    item = questionnaire.items.get(key="self_reliance_reverse")
    for invitation in questionnaire.invitations.filter(participant__layer=layer):
        response = start_response(invitation)
        Answer.objects.create(response=response, item=item, value=text)
        submit(response)


def test_export_merges_small_groups_upward_and_neutralises_formulas(
    lead_client, scan, questionnaires
):
    questionnaire = questionnaires["gemeente"]
    open_questionnaire(questionnaire, user=scan.created_by)
    _answered(scan, questionnaire, "beleid", 5)
    _answered(scan, questionnaire, "regelgeving", 2, text='=HYPERLINK("x")')
    url = reverse(
        "questionnaires:export",
        kwargs={"slug": scan.slug, "questionnaire_uuid": questionnaire.uuid},
    )
    rows = list(
        csv.reader(
            io.StringIO(lead_client.get(url + "?format=csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    header, body = rows[0], rows[1:]
    assert header[:2] == ["respondent", "groep"]
    assert len(body) == 7
    assert {row[1] for row in body} == {"Beleid + Verordeningen en beleidsregels"}
    column = header.index("self_reliance_reverse")
    assert '\'=HYPERLINK("x")' in {row[column] for row in body}
    # No participant pseudonym in the export.
    assert not any(cell.startswith("D0") for row in body for cell in row)

    book = load_workbook(io.BytesIO(lead_client.get(url + "?format=xlsx").content))
    assert book.sheetnames == ["Antwoorden", "Vragen", "Toelichting"]
    notes = [row[0].value for row in book["Toelichting"].iter_rows()]
    assert "Minimale groepsgrootte: 5." in notes


def test_export_leaves_out_everything_when_the_whole_group_is_too_small(
    lead_client, scan, questionnaires
):
    questionnaire = questionnaires["gemeente"]
    open_questionnaire(questionnaire, user=scan.created_by)
    _answered(scan, questionnaire, "beleid", 3)
    url = reverse(
        "questionnaires:export",
        kwargs={"slug": scan.slug, "questionnaire_uuid": questionnaire.uuid},
    )
    book = load_workbook(io.BytesIO(lead_client.get(url).content))
    assert book["Antwoorden"].max_row == 1
    notes = [row[0].value for row in book["Toelichting"].iter_rows()]
    assert any("3 antwoorden weggelaten" in note for note in notes)


def test_client_may_not_download_raw_responses(client, scan, client_user, questionnaires):
    client.force_login(client_user)
    url = reverse(
        "questionnaires:export",
        kwargs={"slug": scan.slug, "questionnaire_uuid": questionnaires["gemeente"].uuid},
    )
    assert client.get(url).status_code == 403


def test_option_labels_and_question_texts_never_become_formulas(lead_client, scan, questionnaires):
    questionnaire = questionnaires["gemeente"]
    item = questionnaire.items.filter(type="agreement").first()
    questionnaire.items.create(
        key="keuze_link",
        order=999,
        type="single_choice",
        text='=HYPERLINK("https://example.org","Welke?")',
        options=[{"value": 0, "label": '=HYPERLINK("https://example.org","klik")'}],
    )
    open_questionnaire(questionnaire, user=scan.created_by)
    for _ in range(5):
        factories.ParticipantFactory(scan=scan, layer="beleid")
    create_invitations(questionnaire, user=scan.created_by)
    choice = questionnaire.items.get(key="keuze_link")
    for invitation in questionnaire.invitations.all():
        response = start_response(invitation)
        Answer.objects.create(response=response, item=choice, value=0)
        Answer.objects.create(response=response, item=item, value=2)
        submit(response)
    url = reverse(
        "questionnaires:export",
        kwargs={"slug": scan.slug, "questionnaire_uuid": questionnaire.uuid},
    )
    book = load_workbook(io.BytesIO(lead_client.get(url + "?format=xlsx").content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert '\'=HYPERLINK("https://example.org","klik")' in values
    assert '\'=HYPERLINK("https://example.org","Welke?")' in values
    text = lead_client.get(url + "?format=csv").content.decode("utf-8-sig")
    assert '\'=HYPERLINK(""https://example.org"",""klik"")' in text
