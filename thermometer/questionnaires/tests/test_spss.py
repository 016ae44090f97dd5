"""SPSS .sav: export of pseudonymised responses and import with value labels."""

import io
from pathlib import Path

import pyreadstat
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from thermometer.questionnaires.models import Answer, Item, Questionnaire, Response
from thermometer.questionnaires.response_files import response_file
from thermometer.questionnaires.spss import read_sav
from thermometer.questionnaires.spss_import import NEW, import_sav
from thermometer.testing.queries import writes

BURGERPEILING = (
    Path(settings.BASE_DIR).parent
    / "shared/data/questionnaires/burgerpeiling/Burgerpeiling-dataformat-2022.sav"
)
pytestmark = pytest.mark.skipif(
    not BURGERPEILING.exists(), reason="shared/data/questionnaires is not present"
)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def _read_back(content: bytes):
    return pyreadstat.read_sav(io.BytesIO(content), output_format="dict", user_missing=True)


@pytest.fixture
def answered(scan, questionnaires):
    """The municipality's questionnaire with an extra choice, multiple choice and grade
    question, answered by five people in one layer."""
    questionnaire = questionnaires["gemeente"]
    extra = [
        Item(
            key="kanaal",
            type="single_choice",
            text="Hoe hoorde u ervan?",
            options=[{"label": "Brief"}, {"label": "Website"}],
        ),
        Item(
            key="thema",
            type="multiple_choice",
            text="Welke thema's?",
            options=[{"label": "Jeugd"}, {"label": "Wmo"}, {"label": "Werk"}],
        ),
        Item(key="cijfer", type="grade", text="Welk cijfer geeft u?", scale="grade10"),
    ]
    for index, item in enumerate(extra, start=100):
        item.questionnaire, item.order = questionnaire, index
        item.save()
    agree = questionnaire.items.get(key="self_reliance_effect")
    reverse_item = questionnaire.items.get(key="self_reliance_reverse")
    now = timezone.now()
    for n in range(5):
        response = Response.objects.create(
            questionnaire=questionnaire, layer="beleid", actor="gemeente", submitted_at=now
        )
        values = [
            (agree, None if n == 4 else n + 1, n == 4),
            (reverse_item, f"Mensen helpen zichzelf {n}", False),
            (extra[0], n % 2, False),
            (extra[1], [0, 2] if n else [], False),
            (extra[2], n + 6, False),
        ]
        for item, value, dont_know in values:
            Answer.objects.create(response=response, item=item, value=value, dont_know=dont_know)
    return questionnaire


def test_export_as_sav_has_labels_missing_values_and_the_same_rows(lead_client, scan, answered):
    url = reverse(
        "questionnaires:export", kwargs={"slug": scan.slug, "questionnaire_uuid": answered.uuid}
    )
    download = lead_client.get(url + "?format=sav")
    assert download["Content-Disposition"].endswith('.sav"')
    columns, meta = _read_back(download.content)
    assert columns["respondent"] == ["R001", "R002", "R003", "R004", "R005"]
    label = meta.column_names_to_labels["self_reliance_effect"]
    assert label.startswith("[self_reliance_effect] Ik weet welk maatschappelijk effect")
    assert meta.variable_value_labels["self_reliance_effect"][5.0] == "Helemaal eens"
    assert meta.variable_value_labels["self_reliance_effect"][99.0] == "Weet ik niet"
    assert meta.missing_ranges["self_reliance_effect"] == [{"lo": 99.0, "hi": 99.0}]
    assert meta.variable_measure["self_reliance_effect"] == "ordinal"
    assert meta.variable_measure["cijfer"] == "scale"
    assert sorted(columns["self_reliance_effect"]) == [1.0, 2.0, 3.0, 4.0, 99.0]
    assert meta.variable_value_labels["kanaal"] == {1.0: "Brief", 2.0: "Website"}
    # A multiple choice question: one 0/1 variable per option, labelled as VNG does.
    assert meta.column_names_to_labels["thema_3"] == "[thema] Welke thema's? [Werk]"
    assert sorted(columns["thema_1"]) == [0.0, 1.0, 1.0, 1.0, 1.0]
    assert meta.variable_value_labels["groep"] == {1.0: "Beleid"}
    # The same selection and columns as the spreadsheet: no pseudonyms of participants.
    csv_rows = response_file(answered, "csv")[0].decode("utf-8-sig").splitlines()
    assert len(csv_rows) - 1 == len(columns["respondent"])
    assert "Minimale groepsgrootte: 5." in meta.notes


def test_export_command_writes_each_format(scan, answered, tmp_path):
    for file_format in ("xlsx", "csv", "sav"):
        out = tmp_path / f"antwoorden.{file_format}"
        call_command(
            "export_responses",
            scan.slug,
            "--format",
            file_format,
            "-o",
            str(out),
            "--questionnaire",
            str(answered.uuid),
            stdout=io.StringIO(),
        )
        assert out.stat().st_size > 0
    assert read_sav(out.read_bytes()).rows[0]["respondent"] == "R001"
    with pytest.raises(CommandError, match="Kies een vragenlijst"):
        call_command("export_responses", scan.slug, "--format", "sav", "-o", str(out))


def test_round_trip_export_then_import_gives_the_same_answers(scan, answered):
    content, _type = response_file(answered, "sav")
    report = import_sav(scan, content, "export.sav", user=None, layer="regelgeving")
    assert report.questionnaire == answered  # found by its question codes
    assert report.responses_imported == 5 and not report.refused
    assert {"groep", "actor", "taal", "verstuurd"} <= {name for name, _ in report.unmatched}
    imported = Response.objects.filter(questionnaire=answered, layer="regelgeving")
    stored = {
        (a.item.key, str(a.value), a.dont_know)
        for a in Answer.objects.filter(response__in=imported)
    }
    original = {
        (a.item.key, str(a.value), a.dont_know)
        for a in Answer.objects.filter(response__layer="beleid", response__questionnaire=answered)
    }
    assert stored == original
    # A second import of the same file adds nothing.
    again = import_sav(scan, content, "export.sav", user=None, layer="regelgeving")
    assert again.responses_imported == 0 and again.responses_duplicate == 5


def test_real_burgerpeiling_format_becomes_a_draft_questionnaire(scan):
    data = BURGERPEILING.read_bytes()
    sav = read_sav(data)
    assert len(sav.variables) == 178
    report = import_sav(scan, data, BURGERPEILING.name, user=None, layer="uitvoering")
    # No questionnaire of the scan has its codes: nothing stored, a draft offered.
    assert report.offer_draft and not report.imported_anything
    assert not Questionnaire.objects.filter(template_key__startswith="spss:").exists()

    report = import_sav(scan, data, BURGERPEILING.name, user=None, layer="uitvoering", target=NEW)
    draft = report.questionnaire
    assert draft.status == "draft" and report.items_created == 125
    wl02 = draft.items.get(key="wl02.0")
    assert (wl02.type, wl02.scale, wl02.text) == (
        "agreement",
        "agreement5",
        "Ik voel me thuis in deze buurt",
    )
    assert draft.items.get(key="wl01").scale == "grade10"
    zw13 = draft.items.get(key="zw13")
    assert zw13.type == "multiple_choice" and zw13.options[1]["label"] == "vervoer"
    assert ("weging", "geen vraagcode in het label: geen vraag") in report.skipped
    # The format's only row is an empty template row: refused, with the reason.
    assert report.refused == ["Rij 1 (respondent 0): geen enkele vraag beantwoord."]


def _burgerpeiling_with_rows(path, rows):
    """A .sav with the real format's variables, labels and missing values, plus rows."""
    import pandas

    _empty, meta = pyreadstat.read_sav(str(BURGERPEILING), user_missing=True, metadataonly=True)

    frame = pandas.DataFrame(
        {name: [row.get(name) for row in rows] for name in meta.column_names}
    ).astype({n: "float64" for n in meta.column_names if n != "wijknr"})
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=meta.column_names_to_labels,
        variable_value_labels=meta.variable_value_labels,
        missing_ranges=meta.missing_ranges,
    )
    return path.read_bytes()


def test_import_of_burgerpeiling_rows_reads_labels_and_refuses_unknown_codes(scan, tmp_path):
    data = _burgerpeiling_with_rows(
        tmp_path / "levering.sav",
        [
            # 1 = "helemaal eens" in the VNG format is 5 on the method's scale.
            {"respondent": 1001, "wl01": 8, "wl02_0": 1, "wl02_1": 6, "zw13_0": 1, "ch01": 2},
            {"respondent": 1002, "wl01": 7, "wl04": 7},  # 7 is not a label of wl04
            {"respondent": 1003, "wl01": 99, "wl02_0": 5},  # 99: declared missing
        ],
    )
    report = import_sav(scan, data, "levering.sav", user=None, layer="inwoner", target=NEW)
    assert report.responses_imported == 2
    assert report.refused == [
        "Rij 2 (respondent 1002): wl04 heeft waarde 7, die niet in de waardelabels staat."
    ]
    first = Response.objects.get(source_ref="spss:1001")
    answers = {a.item.key: (a.value, a.dont_know) for a in first.answers.all()}
    assert answers["wl01"] == (8, False)
    assert answers["wl02.0"] == (5, False)
    assert answers["wl02.1"] == (None, True)
    assert answers["zw13"] == ([0], False)
    assert answers["ch01"] == (1, False)  # "vrouw", the second option
    third = Response.objects.get(source_ref="spss:1003")
    assert {a.item.key: a.value for a in third.answers.all()} == {"wl02.0": 1}


def test_import_matches_question_codes_of_an_existing_questionnaire(scan, tmp_path):
    questionnaire = Questionnaire.objects.create(scan=scan, name="Burgerpeiling", intro="-")
    Item.objects.create(
        questionnaire=questionnaire,
        key="thuis",
        code="wl02_0",
        type="agreement",
        scale="agreement5",
        text="Ik voel me thuis in deze buurt",
    )
    data = _burgerpeiling_with_rows(tmp_path / "b.sav", [{"respondent": 7, "wl02_0": 2}])
    report = import_sav(scan, data, "b.sav", user=None, layer="inwoner")
    assert report.questionnaire == questionnaire
    assert report.matched == [(["wl02_0"], "thuis")]
    assert Answer.objects.get(item__key="thuis").value == 4  # "eens"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "Het bestand is leeg."),
        (b"PK\x03\x04 een xlsx", "Dit is geen SPSS-databestand (.sav)."),
        (None, "Het SPSS-bestand is beschadigd of onvolledig en kan niet worden gelezen."),
    ],
)
def test_bad_files_are_refused_with_a_dutch_reason_and_store_nothing(scan, content, reason):
    if content is None:  # a real file cut off halfway
        content = BURGERPEILING.read_bytes()[:20000]
    before = (Questionnaire.objects.count(), Response.objects.count())
    report = import_sav(scan, content, "x.sav", user=None, layer="inwoner", target=NEW)
    assert report.problems == [f"“x.sav” kan niet worden gelezen: {reason}"]
    assert (Questionnaire.objects.count(), Response.objects.count()) == before


def test_import_command_exits_non_zero_with_the_reason(scan, tmp_path):
    empty = tmp_path / "leeg.sav"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="Het bestand is leeg"):
        call_command(
            "import_responses",
            scan.slug,
            str(empty),
            "--layer",
            "inwoner",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    with pytest.raises(CommandError, match="Kies de laag"):
        call_command(
            "import_responses",
            scan.slug,
            str(BURGERPEILING),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    out = io.StringIO()
    call_command(
        "import_responses",
        scan.slug,
        str(BURGERPEILING),
        "--layer",
        "inwoner",
        "--new-questionnaire",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "Nieuwe conceptvragenlijst met 125 vragen." in out.getvalue()


def test_web_import_previews_then_imports(lead_client, scan, tmp_path):
    data = _burgerpeiling_with_rows(tmp_path / "w.sav", [{"respondent": 5, "wl01": 9}])
    url = reverse("questionnaires:spss_import", kwargs={"slug": scan.slug})
    page = lead_client.post(url, {"file": _upload("w.sav", data), "layer": "inwoner", "target": ""})
    assert "Geen vragenlijst van deze scan heeft vragen" in page.content.decode()
    assert not Response.objects.exists()
    pending = page.context["pending"]
    page = lead_client.post(
        url, {"pending": pending, "layer": "inwoner", "target": NEW, "preview": "1"}
    )
    assert page.context["report"].responses_imported == 1
    assert not Questionnaire.objects.filter(template_key__startswith="spss:").exists()
    done = lead_client.post(
        url, {"pending": page.context["pending"], "layer": "inwoner", "target": NEW}
    )
    assert done.status_code == 302
    assert Response.objects.get().source_ref == "spss:5"
    wrong = lead_client.post(
        url, {"file": _upload("w.xlsx", b"PK"), "layer": "inwoner", "target": ""}
    )
    assert "Kies een SPSS-databestand (.sav)." in wrong.content.decode()


def test_client_may_not_import(client, scan, client_user):
    client.force_login(client_user)
    url = reverse("questionnaires:spss_import", kwargs={"slug": scan.slug})
    assert client.get(url).status_code == 403


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_the_preview_reports_what_the_import_does_and_writes_nothing(scan, tmp_path):
    data = _burgerpeiling_with_rows(
        tmp_path / "levering.sav",
        [
            {"respondent": 1001, "wl01": 8, "wl02_0": 1},
            {"respondent": 1002, "wl01": 7, "wl04": 7},
        ],
    )
    with CaptureQueriesContext(connection) as queries:
        preview = import_sav(
            scan, data, "levering.sav", user=None, layer="inwoner", target=NEW, store=False
        )
    assert writes(queries.captured_queries) == []
    report = import_sav(scan, data, "levering.sav", user=None, layer="inwoner", target=NEW)
    for name in ("items_created", "responses_imported", "refused", "matched", "skipped"):
        assert getattr(preview, name) == getattr(report, name), name
    assert Response.objects.filter(source_ref="spss:1001").exists()
