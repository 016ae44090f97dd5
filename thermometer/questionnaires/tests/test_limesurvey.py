"""LimeSurvey files of LimeSurvey's own test suite, read and imported."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from thermometer.questionnaires.limesurvey.importer import import_limesurvey
from thermometer.questionnaires.limesurvey.mapping import plan_items, read_answer
from thermometer.questionnaires.limesurvey.parse import LimeSurveyError, parse_lsa, parse_lss
from thermometer.questionnaires.models import Answer, Response

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "limesurvey"
needs_data = pytest.mark.skipif(not DATA.exists(), reason="shared/data/limesurvey is not present")
COLORS = DATA / "limesurvey_core_testing" / "colors.lsa"


@needs_data
def test_lsa_archive_is_read_with_structure_and_responses():
    survey = parse_lsa(COLORS.read_bytes())
    assert survey.sid == "841748" and survey.languages == ["en"]
    assert [(q.code, q.type) for q in survey.questions] == [
        ("Q00", "M"),
        ("G01Q02", "T"),
        ("G01Q03", "T"),
        ("G02Q04", "L"),
    ]
    assert len(survey.questions[0].subquestions) == 11
    assert len(survey.responses) == 2


@needs_data
def test_multilingual_and_blank_structures():
    two = parse_lss(
        (DATA / "limesurvey_structure_imex/survey-one-question-two-languages.lss").read_bytes()
    )
    assert set(two.languages) == {"en", "et"}
    blank = parse_lss((DATA / "limesurvey_structure_imex/blank-survey.lss").read_bytes())
    assert [q.code for q in blank.questions] == ["Q00"]


@needs_data
def test_types_map_to_items_and_answers_are_read():
    survey = parse_lsa(COLORS.read_bytes())
    plan = plan_items(survey)
    kinds = {item.key: item.type for item in plan.items}
    assert kinds == {
        "Q00": "multiple_choice",
        "G01Q02": "open",
        "G01Q03": "open",
        "G02Q04": "single_choice",
    }
    colours = next(item for item in plan.items if item.key == "Q00")
    assert colours.options[0]["label"] == "red"
    first = survey.responses[0]
    assert read_answer(colours, first) == ([8, 10], False)
    choice = next(item for item in plan.items if item.key == "G02Q04")
    assert read_answer(choice, first) == (0, False)


def test_broken_files_are_refused_clearly():
    with pytest.raises(LimeSurveyError):
        parse_lss(b"<document><LimeSurveyDocType>Responses</LimeSurveyDocType></document>")
    with pytest.raises(LimeSurveyError):
        parse_lss(b"this is no xml")
    with pytest.raises(LimeSurveyError):
        parse_lsa(b"PK not really a zip")


@needs_data
def test_import_creates_a_questionnaire_and_responses_once(scan):
    report = import_limesurvey(scan, COLORS.read_bytes(), "colors.lsa", user=None, layer="inwoner")
    assert report.items_created == 4 and report.responses_imported == 2
    questionnaire = report.questionnaire
    assert questionnaire.items.count() == 4
    assert Response.objects.filter(questionnaire=questionnaire, layer="inwoner").count() == 2
    assert Answer.objects.filter(response__questionnaire=questionnaire).count() > 0
    again = import_limesurvey(scan, COLORS.read_bytes(), "colors.lsa", user=None, layer="inwoner")
    assert (again.items_created, again.responses_imported, again.responses_duplicate) == (0, 0, 2)


@needs_data
def test_csv_responses_by_question_code_with_a_clear_message_for_bad_values(scan):
    csv_data = (
        b"Response ID;Date submitted;Start language;Q00[SQ001];Q00[SQ002];G01Q02;G02Q04\n"
        b"11;2026-10-01 10:00:00;nl;Y;;Donker is rustig;AO02\n"
        b"12;2026-10-02 10:00:00;nl;;Y;;AO09\n"
    )
    structure = (DATA / "limesurvey_core_testing" / "colors.lss").read_bytes()
    report = import_limesurvey(
        scan, structure, "colors.lss", user=None, responses_csv=csv_data, layer="uitvoering"
    )
    assert report.responses_imported == 2 and not report.refusals
    assert any("AO09" in warning for warning in report.warnings)
    texts = set(Answer.objects.filter(item__key="G01Q02").values_list("value", flat=True))
    assert texts == {"Donker is rustig"}


@needs_data
def test_responses_need_a_layer_and_nothing_is_stored_without_one(scan):
    report = import_limesurvey(scan, COLORS.read_bytes(), "colors.lsa", user=None)
    assert report.responses_imported == 0
    assert report.refusals == [
        "Kies de laag van de keten waar deze respondenten bij horen; er is niets geïmporteerd."
    ]
    assert not scan.questionnaires.exists()


@needs_data
def test_command_prints_what_it_read_and_fails_when_nothing_is_new(scan):
    out = StringIO()
    call_command("import_limesurvey", scan.slug, str(COLORS), "--layer", "inwoner", stdout=out)
    assert "Vragen gelezen: 4" in out.getvalue()
    with pytest.raises(CommandError, match="al geïmporteerd"):
        call_command(
            "import_limesurvey", scan.slug, str(COLORS), "--layer", "inwoner", stdout=StringIO()
        )
    with pytest.raises(CommandError):
        call_command("import_limesurvey", scan.slug, "/bestaat/niet.lss")


@needs_data
def test_web_import_shows_a_preview_first_and_imports_on_confirmation(lead_client, scan):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("questionnaires:limesurvey", kwargs={"slug": scan.slug})
    page = lead_client.post(
        url,
        {"structure": SimpleUploadedFile("colors.lsa", COLORS.read_bytes()), "layer": "inwoner"},
    )
    html = page.content.decode()
    assert "Voorbeeld: dit zou worden geïmporteerd" in html
    assert not scan.questionnaires.exists()
    key = html.split('name="pending" value="')[1].split('"')[0]
    done = lead_client.post(url, {"pending": key, "layer": "inwoner"})
    questionnaire = scan.questionnaires.get()
    assert done["Location"].endswith(f"/questionnaires/{questionnaire.uuid}/")
    assert questionnaire.responses.count() == 2
    # The same preview cannot be imported twice.
    again = lead_client.post(url, {"pending": key, "layer": "inwoner"}, follow=True)
    assert "verlopen" in again.content.decode()
    assert scan.questionnaires.get().responses.count() == 2


def test_web_import_refuses_other_files_with_a_dutch_message(lead_client, scan):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("questionnaires:limesurvey", kwargs={"slug": scan.slug})
    html = lead_client.post(
        url, {"structure": SimpleUploadedFile("lijst.xlsx", b"PK\x03\x04")}
    ).content.decode()
    assert "Kies een LimeSurvey-bestand (.lss, .lsa, .lsg of .txt)." in html
    html = lead_client.post(
        url, {"structure": SimpleUploadedFile("kapot.lss", b"<niet-af")}
    ).content.decode()
    assert "kan niet worden gelezen" in html
    assert not scan.questionnaires.exists()


def test_imported_questions_are_mapped_onto_goal_and_dimension_even_when_open(
    lead_client, scan, questionnaires
):
    from django.urls import reverse

    from thermometer.questionnaires.services import open_questionnaire

    questionnaire = questionnaires["gemeente"]
    open_questionnaire(questionnaire, user=scan.created_by)
    item = questionnaire.items.get(key="grade")
    lead_client.post(
        reverse(
            "questionnaires:item_edit",
            kwargs={
                "slug": scan.slug,
                "questionnaire_uuid": questionnaire.uuid,
                "item_uuid": item.uuid,
            },
        ),
        {"text": "Veranderd?", "goal": "integrality", "dimension": "service"},
    )
    item.refresh_from_db()
    assert (item.goal, item.dimension) == ("integrality", "service")
    assert item.text != "Veranderd?"
