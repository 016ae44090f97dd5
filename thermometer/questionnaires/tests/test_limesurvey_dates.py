"""Date and time questions (LimeSurvey type D) stay dates with their format: imported,
answered on the respondent page, and exported in the question's format."""

import pytest
from django.urls import reverse
from django.utils import translation

from thermometer.questionnaires.answers import AnswerError, clean_answer
from thermometer.questionnaires.dates import display, input_type, read_value
from thermometer.questionnaires.export import response_table
from thermometer.questionnaires.limesurvey.importer import import_limesurvey
from thermometer.questionnaires.limesurvey.mapping import plan_items
from thermometer.questionnaires.limesurvey.tsv import parse_tsv
from thermometer.questionnaires.models import Answer, Item

HEADER = "id\trelated_id\tclass\ttype/scale\tname\trelevance\ttext\thelp\tlanguage\tdate_format"
ROWS = [
    "\t\tS\t\tsid\t\t445566\t\t\t",
    "\t\tS\t\tlanguage\t\tnl\t\t\t",
    "\t\tSL\t\tsurveyls_title\t\tAfspraken\t\tnl\t",
    "\t\tSL\t\tsurveyls_dateformat\t\t2\t\tnl\t",
    "7\t\tG\t1\tAfspraak\t1\t\t\tnl\t",
    "30\t\tQ\tD\tgesprek\t1\tWanneer was het gesprek?\t\tnl\tdd/mm/yyyy",
    "31\t\tQ\tD\ttijd\t1\tHoe laat begon het?\t\tnl\tHH:MM",
    "32\t\tQ\tD\tgeboren\t1\tGeboortedatum\t\tnl\t",
]
STRUCTURE = "\n".join([HEADER, *ROWS]).encode()
RESPONSES = (
    b"id;submitdate;gesprek;tijd;geboren\n"
    b"1;2026-03-02 09:00:00;2026-03-31 00:00:00;1970-01-01 14:05:00;1980-07-04 00:00:00\n"
    b"2;2026-03-02 10:00:00;31/03/2026;9:30;morgen\n"
)


def test_date_questions_keep_their_own_or_the_survey_format():
    survey = parse_tsv(STRUCTURE)
    items = {i.key: (i.type, i.date_format) for i in plan_items(survey).items}
    assert items == {
        "gesprek": ("date", "dd/mm/yyyy"),
        "tijd": ("date", "HH:MM"),
        "geboren": ("date", "dd-mm-yyyy"),  # the survey's Dutch date format (number 2)
    }


def test_dates_are_imported_as_dates_and_a_non_date_is_named(scan):
    with translation.override("nl"):
        report = import_limesurvey(
            scan, STRUCTURE, "afspraken.txt", user=None, responses_csv=RESPONSES, layer="inwoner"
        )
    assert report.responses_imported == 2
    assert report.warnings == [
        "Antwoord 2, vraag geboren: “morgen” is weggelaten: het is geen datum of tijd in de "
        "notatie dd-mm-yyyy."
    ]
    assert "Vraag gesprek: een datum, getoond als dd/mm/yyyy." in report.notes
    stored = sorted(Answer.objects.values_list("item__key", "value"))
    assert stored == [
        ("geboren", "1980-07-04"),
        ("gesprek", "2026-03-31"),
        ("gesprek", "2026-03-31"),
        ("tijd", "09:30"),
        ("tijd", "14:05"),
    ]
    item = Item.objects.get(key="gesprek")
    assert (item.type, item.date_format) == ("date", "dd/mm/yyyy")


def test_the_export_writes_dates_in_the_question_format(scan):
    rows = b"id;submitdate;gesprek;tijd\n" + b"".join(
        f"{n};2026-03-02 09:00:00;2026-03-{n:02d};08:0{n % 10}\n".encode() for n in range(1, 11)
    )
    report = import_limesurvey(
        scan, STRUCTURE, "afspraken.txt", user=None, responses_csv=rows, layer="inwoner"
    )
    table = response_table(report.questionnaire)
    column = table["header"].index("gesprek")
    assert sorted(row[column] for row in table["rows"])[:2] == ["01/03/2026", "02/03/2026"]
    time_column = table["header"].index("tijd")
    assert "08:01" in [row[time_column] for row in table["rows"]]


def test_the_respondent_page_asks_a_date_and_refuses_a_non_date(client, invitation):
    questionnaire = invitation.questionnaire
    item = Item.objects.create(
        questionnaire=questionnaire,
        key="gesprek",
        page=1,
        order=0,
        type="date",
        date_format="dd-mm-yyyy",
        text="Wanneer was het gesprek?",
    )
    client.post(reverse("respond:start", kwargs={"token": invitation.token}), {"consent": "yes"})
    page_url = reverse("respond:page", kwargs={"token": invitation.token, "page": 1})
    html = client.get(page_url).content.decode()
    assert 'type="date"' in html and 'name="a-gesprek"' in html and "dd-mm-yyyy" in html
    refused = client.post(page_url, {"a-gesprek": "morgen"})
    assert refused.status_code == 400
    assert "Vul een geldige datum of tijd in." in refused.content.decode()
    assert not Answer.objects.filter(item=item).exists()
    client.post(page_url, {"a-gesprek": "2026-03-31"})
    assert Answer.objects.get(item=item).value == "2026-03-31"
    client.post(page_url, {"a-gesprek": "01-04-2026"})  # typed in its own format
    assert Answer.objects.get(item=item).value == "2026-04-01"


def test_date_values_by_format():
    assert input_type("dd-mm-yyyy") == "date" and input_type("HH:MM") == "time"
    assert input_type("dd/mm/yyyy HH:MM") == "datetime-local"
    assert read_value("2026-03-31 14:05:00", "dd/mm/yyyy HH:MM") == "2026-03-31T14:05"
    assert read_value("31.3.2026", "d.m.yyyy") == "2026-03-31"
    assert read_value("31-31-2026", "dd-mm-yyyy") is None
    assert display("2026-03-31T14:05", "d.m.yyyy H:MM") == "31.3.2026 14:05"
    assert clean_answer("date", ["2026-02-28"], scale=None, n_options=0).value == "2026-02-28"
    with pytest.raises(AnswerError) as refused:
        clean_answer("date", ["2026-02-30"], scale=None, n_options=0, date_format="dd-mm-yyyy")
    assert refused.value.reason == "date"


def test_the_retention_purge_removes_dates_with_the_free_text(scan):
    from thermometer.privacy.purge import purge_scan

    import_limesurvey(
        scan, STRUCTURE, "afspraken.txt", user=None, responses_csv=RESPONSES, layer="inwoner"
    )
    assert Answer.objects.filter(item__key="geboren").exists()
    purge_scan(scan)
    # A birth date can identify a person: it goes when the retention ends, like own words.
    assert not Answer.objects.filter(item__type="date").exists()
