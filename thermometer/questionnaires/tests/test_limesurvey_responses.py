"""A response file is checked against the survey it claims to belong to: refused as a
whole, with a Dutch reason, when it does not fit; nothing is stored on refusal."""

import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from thermometer.audit.models import AuditEvent
from thermometer.questionnaires.limesurvey.importer import import_limesurvey, preview_limesurvey
from thermometer.questionnaires.models import Answer, Questionnaire, Response

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "limesurvey"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason="shared/data/limesurvey is not present")
CORE = DATA / "limesurvey_core_testing"
COLORS_LSS = CORE / "colors.lss"
R_DATA_FILE = DATA / "limonaid" / "survey_100001_R_data_file.csv"


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def _import(scan, responses: bytes, name="antwoorden.csv", structure=COLORS_LSS, **kwargs):
    return import_limesurvey(
        scan,
        structure.read_bytes(),
        structure.name,
        user=None,
        responses_csv=responses,
        responses_name=name,
        layer="inwoner",
        **kwargs,
    )


def _nothing_stored(scan):
    assert not Questionnaire.objects.filter(scan=scan).exists()
    assert not Response.objects.exists()
    assert not AuditEvent.objects.filter(scan=scan, event__contains="imported").exists()


def test_responses_of_another_survey_are_refused_by_their_sgqa_columns(scan):
    other = b"id,submitdate,998192X1X2,998192X1X3SQ001\n1,2026-01-01 10:00:00,A1,Y\n" * 1
    report = _import(scan, other + b"2,,A2,\n")
    assert report.refusals == ["Het antwoordbestand hoort bij vragenlijst 998192, niet bij 841748."]
    assert not report.imported_anything
    _nothing_stored(scan)


def test_a_real_response_export_of_another_survey_is_refused(scan):
    report = _import(scan, R_DATA_FILE.read_bytes(), name=R_DATA_FILE.name)
    assert report.refusals == ["Het antwoordbestand hoort bij vragenlijst 100001, niet bij 841748."]
    _nothing_stored(scan)
    # Renamed, it is still refused: its question columns are not in this survey.
    renamed = _import(scan, R_DATA_FILE.read_bytes(), name="antwoorden.csv")
    [reason] = renamed.refusals
    assert reason.startswith("Kolommen “Where do you live?”, “How old are you?”")
    assert reason.endswith("komen niet voor in de vragenlijst.")
    assert "en 6" in reason and len(reason) < 1500  # named, not a line of 9,000 characters
    _nothing_stored(scan)


def test_the_command_exits_with_the_dutch_reason_and_stores_nothing(scan):
    with pytest.raises(CommandError) as refused:
        call_command(
            "import_limesurvey",
            scan.slug,
            str(COLORS_LSS),
            "--responses",
            str(R_DATA_FILE),
            "--layer",
            "inwoner",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert str(refused.value) == (
        "Er is niets geïmporteerd. "
        "Het antwoordbestand hoort bij vragenlijst 100001, niet bij 841748."
    )
    _nothing_stored(scan)


def test_a_structure_export_given_as_response_file_is_refused(scan):
    report = _import(scan, (CORE / "colors.txt").read_bytes(), name="colors.txt")
    assert report.refusals == [
        "“colors.txt” is een structuurexport van LimeSurvey (tab-gescheiden), geen "
        "antwoordbestand. Upload het als LimeSurvey-bestand, en de antwoorden als CSV."
    ]
    _nothing_stored(scan)


def test_an_unknown_question_code_refuses_the_file(scan):
    report = _import(scan, b"id;G01Q02;Onbekend\n1;Donker;x\n")
    assert report.refusals == ["Kolom “Onbekend” komt niet voor in de vragenlijst."]
    _nothing_stored(scan)


def test_empty_responses_are_reported_not_imported_silently(scan):
    data = b"id;submitdate;G01Q02;G02Q04\n1;2026-01-01 10:00:00;Donker;AO01\n2;;;\n3;;;\n"
    preview = preview_limesurvey(
        scan, COLORS_LSS.read_bytes(), "colors.lss", responses_csv=data, layer="inwoner"
    )
    assert preview.warnings == ["2 antwoorden zijn leeg en zijn weggelaten: 2, 3."]
    assert preview.responses_imported == 1
    _nothing_stored(scan)
    report = _import(scan, data)
    assert report.warnings == preview.warnings and report.responses_imported == 1
    assert Response.objects.count() == 1
    only_empty = _import(scan, b"id;G01Q02\n7;\n8;\n", structure=CORE / "colors.txt")
    assert only_empty.refusals == [
        "Geen van de 2 antwoorden bevat een antwoord op een vraag van de vragenlijst."
    ]


def test_responses_by_sgqa_and_by_full_question_text_are_imported(scan):
    by_sgqa = b"id,submitdate,841748X3X3SQ001,841748X3X26,841748X4X28,841748X3X26time\n"
    by_sgqa += b"5,2026-01-01 10:00:00,Y,Donker is rustig,AO02,12\n"
    report = _import(scan, by_sgqa)
    assert (report.refusals, report.responses_imported) == ([], 1)
    assert report.not_taken_columns == ["841748X3X26time"]
    full_text = (
        b'"Response ID","Date submitted","What colors are your favorite? Pick at least two. [red]",'
        b'"Which image do you like better?","Why do you like darker colors?"\n'
        b"6,2026-01-02 10:00:00,Yes,AO01,Omdat\n"
    )
    again = _import(scan, full_text, structure=CORE / "colors.txt")
    assert (again.refusals, again.responses_imported) == ([], 1)
    assert set(Answer.objects.filter(item__key="G01Q02").values_list("value", flat=True)) == {
        "Donker is rustig",
        "Omdat",
    }


def _archive_of(sid: str) -> bytes:
    source = zipfile.ZipFile(CORE / "colors.lsa")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            if name.endswith(".lsr"):
                data = data.replace(b"841748X", sid.encode() + b"X")
            archive.writestr(name, data)
    return out.getvalue()


def test_an_archive_whose_responses_are_of_another_survey_is_refused(scan):
    report = import_limesurvey(scan, _archive_of("998192"), "mix.lsa", user=None, layer="inwoner")
    assert report.refusals == ["Het antwoordbestand hoort bij vragenlijst 998192, niet bij 841748."]
    _nothing_stored(scan)
    fitting = import_limesurvey(scan, _archive_of("841748"), "ok.lsa", user=None, layer="inwoner")
    assert fitting.responses_imported == 2


def test_the_web_preview_shows_the_refusal_and_offers_no_import(lead_client, scan):
    url = reverse("questionnaires:limesurvey", kwargs={"slug": scan.slug})
    html = lead_client.post(
        url,
        {
            "structure": SimpleUploadedFile("colors.lss", COLORS_LSS.read_bytes()),
            "responses": SimpleUploadedFile(R_DATA_FILE.name, R_DATA_FILE.read_bytes()),
            "layer": "inwoner",
        },
    ).content.decode()
    assert "Het antwoordbestand hoort bij vragenlijst 100001, niet bij 841748." in html
    assert 'name="pending"' not in html
    _nothing_stored(scan)


def test_the_web_preview_shows_the_warnings_the_command_prints(lead_client, scan):
    data = b"id;G01Q02;G02Q04\n1;Donker;AO09\n2;;\n"
    url = reverse("questionnaires:limesurvey", kwargs={"slug": scan.slug})
    html = lead_client.post(
        url,
        {
            "structure": SimpleUploadedFile("colors.lss", COLORS_LSS.read_bytes()),
            "responses": SimpleUploadedFile("antwoorden.csv", data),
            "layer": "inwoner",
        },
    ).content.decode()
    _nothing_stored(scan)
    responses = Path(scan.slug + ".csv")
    try:
        responses.write_bytes(data)
        err = StringIO()
        call_command(
            "import_limesurvey",
            scan.slug,
            str(COLORS_LSS),
            "--responses",
            str(responses),
            "--layer",
            "inwoner",
            "--dry-run",
            stdout=StringIO(),
            stderr=err,
        )
    finally:
        responses.unlink()
    warnings = err.getvalue().strip().splitlines()
    assert warnings == [
        "Antwoord 1, vraag G02Q04: “AO09” is weggelaten: het is geen van de "
        "antwoordmogelijkheden van de vraag.",
        "1 antwoord is leeg en is weggelaten: 2.",
    ]
    for warning in warnings:
        assert warning.replace("“", "&ldquo;").replace("”", "&rdquo;") in html or warning in html
    _nothing_stored(scan)
