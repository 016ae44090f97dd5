"""Every LimeSurvey structure format read into the same survey: .lss, .lsa, .lsg and the
tab-separated .txt export, with all its languages."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from thermometer.questionnaires.limesurvey.importer import import_limesurvey
from thermometer.questionnaires.limesurvey.mapping import plan_items
from thermometer.questionnaires.limesurvey.parse import (
    LimeSurveyError,
    parse_lsa,
    parse_lsg,
    parse_lss,
    parse_survey_file,
)
from thermometer.questionnaires.limesurvey.tsv import parse_tsv

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "limesurvey"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason="shared/data/limesurvey is not present")
CORE = DATA / "limesurvey_core_testing"
LIMONAID = DATA / "limonaid"


def _shape(survey):
    return [
        (
            q.qid,
            q.gid,
            q.code,
            q.type,
            q.texts,
            [(s.code, s.scale_id, s.texts) for s in q.subquestions],
            [(o.code, o.scale_id, o.texts) for o in q.options],
        )
        for q in survey.questions
    ]


def test_the_tab_separated_export_reads_as_the_same_survey_as_the_lss():
    from_tsv = parse_tsv((CORE / "colors.txt").read_bytes())
    from_lss = parse_lss((CORE / "colors.lss").read_bytes())
    assert (
        (from_tsv.sid, from_tsv.base_language, from_tsv.titles)
        == (
            from_lss.sid,
            from_lss.base_language,
            from_lss.titles,
        )
        == ("841748", "en", {"en": "Colors"})
    )
    assert _shape(from_tsv) == _shape(from_lss)
    # So the items, and the SGQA columns responses are matched on, are the same too.
    as_items = [(i.key, i.type, i.text, i.options, i.fields) for i in plan_items(from_tsv).items]
    assert as_items == [
        (i.key, i.type, i.text, i.options, i.fields) for i in plan_items(from_lss).items
    ]


def test_a_multilingual_tab_separated_export_keeps_every_language():
    survey = parse_tsv((LIMONAID / "export-of-minimal-survey-as-tsv.txt").read_bytes())
    assert survey.sid == "165572" and survey.languages == ["en", "nl"]
    assert survey.base_language == "en" and survey.titles["en"].startswith("Your COVID-19")
    assert len(survey.questions) == 18
    work = next(q for q in survey.questions if q.code == "work")
    assert work.texts["nl"].startswith("Werk jij op dit moment")
    assert work.texts["en"].startswith("Currently, do you work")
    assert [s.texts for s in work.subquestions][1] == {
        "en": "Yes, with children",
        "nl": "Ja, met kinderen",
    }
    item = next(i for i in plan_items(survey).items if i.key == "work")
    assert item.text.startswith("Werk jij") and item.text_en.startswith("Currently")
    assert item.options[1] == {"label": "Ja, met kinderen", "label_en": "Yes, with children"}
    # Equations are listed as not imported, never dropped silently.
    skipped = {code for code, _kind, _why in plan_items(survey).skipped}
    assert {"localDistance", "AttExWeirdSeq", "AttExLonelySeq"} <= skipped


def test_without_dutch_the_base_language_is_the_text():
    survey = parse_lss(
        (DATA / "limesurvey_structure_imex/survey-one-question-two-languages.lss").read_bytes()
    )
    assert survey.base_language == "en" and survey.languages == ["et", "en"]
    assert survey.title == "test-survey-1"
    # The base language (not the first one listed) gives the text; English stays English.
    question = survey.questions[0]
    question.texts = {"et": "Kas teile meeldib?", "en": "Do you like it?"}
    assert plan_items(survey).items[0].text == "Do you like it?"
    survey.base_language = "et"
    item = plan_items(survey).items[0]
    assert (item.text, item.text_en) == ("Kas teile meeldib?", "Do you like it?")
    question.texts["nl"] = "Vindt u het fijn?"
    assert plan_items(survey).items[0].text == "Vindt u het fijn?"


def test_question_group_exports_are_read_with_their_survey_and_group():
    group = parse_lsg((LIMONAID / "limesurvey_group_1370.lsg").read_bytes())
    assert (group.sid, group.group_id, group.title) == ("811344", "1370", "Group Title")
    assert [(q.code, q.type) for q in group.questions] == [
        ("questionCode1", "L"),
        ("questionCode2", "F"),
    ]
    assert len(group.questions[1].subquestions) == 3 and len(group.questions[1].options) == 3
    two_languages = parse_lsg((CORE / "limesurvey_group_24.lsg").read_bytes())
    assert two_languages.languages == ["en", "hr"] and two_languages.group_id == "24"
    assert all(set(q.texts) == {"en", "hr"} for q in two_languages.questions)


def test_a_group_is_imported_as_a_questionnaire_of_its_own(scan):
    report = import_limesurvey(
        scan, (LIMONAID / "limesurvey_group_1370.lsg").read_bytes(), "g.lsg", user=None
    )
    assert report.imported_anything and report.items_created == 4  # L, and F's three rows
    assert report.questionnaire.template_key == "limesurvey:811344:1370"
    assert report.questionnaire.name == "Group Title (uit LimeSurvey)"


def test_the_command_imports_a_tab_separated_export(scan):
    out = StringIO()
    call_command(
        "import_limesurvey",
        scan.slug,
        str(LIMONAID / "export-of-en-and-nl-survey-with-one-question-as-tsv.txt"),
        stdout=out,
    )
    assert "Vragen gelezen: 1; overgenomen als vraag: 1." in out.getvalue()
    questionnaire = scan.questionnaires.get(template_key="limesurvey:639872")
    assert questionnaire.name == "Test Survey (uit LimeSurvey)"
    item = questionnaire.items.get()
    assert (item.key, item.type, len(item.options)) == ("onlyQuestion", "single_choice", 2)


def test_every_real_structure_file_reads():
    counts = {}
    for path in sorted(DATA.rglob("*")):
        if path.suffix in (".lss", ".lsa", ".lsg", ".txt"):
            counts[path.name] = len(parse_survey_file(path.read_bytes(), path.name).questions)
    assert counts == {
        "colors.lsa": 4,
        "colors.lss": 4,
        "colors.txt": 4,
        "limesurvey_group_24.lsg": 2,
        "blank-survey.lss": 1,
        "survey-one-question-two-languages.lss": 1,
        "export-of-en-and-nl-survey-with-one-question-as-tsv.txt": 1,
        "export-of-minimal-survey-as-tsv.txt": 18,
        "export-of-survey-with-one-multi-choice-question-as-tsv.txt": 1,
        "limesurvey_group_1370.lsg": 2,
    }


@pytest.mark.parametrize(
    ("data", "name", "dutch"),
    [
        (b"<niet-af", "kapot.lss", "Het bestand is geen geldige XML"),
        (b"PK not a zip", "kapot.lsa", "Dit is geen LimeSurvey-archief"),
        (b"id\tclass\nx\ty\n", "kapot.txt", "de kolommen type/scale, name, text, language"),
        (b"class\ttype/scale\x00", "nul.txt", "NUL-teken"),
        (b"\xff\xfeclass", "utf16.txt", "niet in UTF-8"),
        (
            b"<document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>",
            "x.lsg",
            "“Survey”",
        ),
        (b"x", "vragen.xlsx", "Kies een LimeSurvey-bestand"),
    ],
)
def test_every_refusal_is_a_whole_dutch_sentence_and_english_in_english(data, name, dutch):
    with translation.override("nl"), pytest.raises(LimeSurveyError) as refused:
        parse_survey_file(data, name)
    message = str(refused.value)
    assert dutch in message
    for english in ("expected", "not a", "Start tag", "error", "line"):
        assert english not in message
    with translation.override("en"), pytest.raises(LimeSurveyError) as in_english:
        parse_survey_file(data, name)
    assert str(in_english.value) != message and str(in_english.value)[:1].isupper()


def test_an_archive_that_claims_more_than_the_limit_is_refused(monkeypatch):
    from thermometer.questionnaires.limesurvey import parse

    monkeypatch.setattr(parse, "MAX_ARCHIVE_MEMBER", 1000)
    with translation.override("nl"), pytest.raises(LimeSurveyError, match="te groot"):
        parse_lsa((CORE / "colors.lsa").read_bytes())
