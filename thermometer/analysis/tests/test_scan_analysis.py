"""The analysis of a real scan: from stored answers and codings to the figures shown."""

import pytest
from django.core.management import call_command

from thermometer.analysis import loading
from thermometer.analysis.compute import VERSION
from thermometer.analysis.models import AnalysisResult
from thermometer.analysis.services import analysis_for
from thermometer.coding.constants import Assessment
from thermometer.coding.models import Code, Coding
from thermometer.core.formatting import rounded
from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.questionnaires.models import Answer
from thermometer.scans.models import Scan
from thermometer.testing import factories

AGREEMENT_SCORE = {1: 1.0, 2: 3.25, 3: 5.5, 4: 7.75, 5: 10.0}


def _respond(questionnaire, layer, actor, values: dict, submitted=True):
    return factories.ResponseFactory(
        questionnaire=questionnaire, layer=layer, actor=actor, answers=values, submitted=submitted
    )


@pytest.fixture
def gemeente(db):
    scan = factories.make_scan()
    made = generate_questionnaires(scan, user=scan.created_by)
    return next(q for q in made if q.template_key == "gemeente")


def test_temperature_is_the_mean_grade_with_n_spread_and_interval(gemeente):
    values = [1, 2, 3, 4, 5, 5]
    for value in values:
        _respond(gemeente, "beleid", "gemeente", {"self_reliance_effect": value})
    _respond(gemeente, "beleid", "gemeente", {"self_reliance_effect": "dont_know"})
    _respond(gemeente, "beleid", "gemeente", {"self_reliance_effect": 1}, submitted=False)

    result = analysis_for(gemeente.scan)

    row = next(
        r
        for r in result["temperature"]
        if (r["goal"], r["dimension"]) == ("self_reliance", "effect")
    )
    cell = row["groups"]["beleid"]
    grades = [AGREEMENT_SCORE[v] for v in values]
    mean = sum(grades) / len(grades)
    assert cell["n"] == 6  # "weet ik niet" and the unsubmitted response do not count
    # Rounded once, to the one decimal people read, where it is computed.
    assert cell["mean"] == rounded(mean)
    sd = (sum((g - mean) ** 2 for g in grades) / 5) ** 0.5
    assert cell["sd"] == rounded(sd)
    assert cell["low"] == rounded(mean - 2.015048 * sd / 6**0.5)
    assert result["respondents"] == {"beleid": 7}


def test_a_layer_below_the_minimum_joins_the_layer_above_or_is_left_out(gemeente):
    for _ in range(5):
        _respond(gemeente, "beleid", "gemeente", {"finances_policy": 4})
    for _ in range(2):
        _respond(gemeente, "regelgeving", "gemeente", {"finances_policy": 1})

    result = analysis_for(gemeente.scan)

    assert result["groups"] == ["beleid+regelgeving"]
    chain = next(c for c in result["chains"] if c["goal"] == "finances")
    assert [s["group"] for s in chain["scores"]] == ["beleid+regelgeving"]
    assert chain["scores"][0]["n"] == 7


def test_four_respondents_alone_show_nothing(gemeente):
    for _ in range(4):
        _respond(gemeente, "beleid", "gemeente", {"finances_policy": 4})

    result = analysis_for(gemeente.scan)

    assert result["groups"] == []
    assert result["suppressed_layers"] == ["beleid"]
    assert all(not c["scores"] for c in result["chains"])
    assert all(cell["score"] is None for cell in result["matrix"])


def test_the_cache_is_used_until_an_input_changes(gemeente, django_assert_max_num_queries):
    for _ in range(5):
        _respond(gemeente, "beleid", "gemeente", {"integrality_effect": 5})
    first = analysis_for(gemeente.scan)
    stored = AnalysisResult.objects.get(scan=gemeente.scan)
    with django_assert_max_num_queries(6):  # the fingerprint's five counts, the stored result
        assert analysis_for(gemeente.scan) == first

    _respond(gemeente, "beleid", "gemeente", {"integrality_effect": 1})
    second = analysis_for(gemeente.scan)

    chain = next(c for c in second["chains"] if c["goal"] == "integrality")
    assert chain["scores"][0]["n"] == 6
    assert AnalysisResult.objects.get(scan=gemeente.scan).fingerprint != stored.fingerprint


def test_a_new_coding_changes_the_fingerprint(gemeente):
    scan = gemeente.scan
    before = loading.fingerprint(scan)
    factories.coded_document(scan)
    assert loading.fingerprint(scan) != before


def test_coded_assessments_colour_the_matrix_cell(gemeente):
    scan = gemeente.scan
    source = factories.document(
        scan,
        text="Uitvoering (fictief)\n\nHet wijkteam werkt langs elkaar heen.",
        name="werkinstructie.txt",
    )
    source.place = "werkinstructie"
    source.save()
    from thermometer.sources.tasks import extract_source

    extract_source.call(source.pk)
    from thermometer.coding.services import seed_codebook

    seed_codebook(scan)
    code = Code.objects.get(scan=scan, kind="goal", key="integrality")
    passage = source.passages.first()
    for start in range(3):
        Coding.objects.create(
            passage=passage,
            code=code,
            start=start,
            end=start + 5,
            quote=passage.text[start : start + 5],
            assessment=Assessment.NEGATIVE,
        )

    result = analysis_for(scan)

    cell = next(
        c for c in result["matrix"] if (c["goal"], c["actor"]) == ("integrality", "professional")
    )
    assert cell["assessments"]["negative"] == 3
    assert cell["light"]["colour"] == "red"
    assert cell["light"]["reasons"][0]["negative"] == 3


@pytest.mark.django_db
def test_the_demo_shows_loss_divergence_and_every_light(client):
    call_command("load_demo", verbosity=0)
    scan = Scan.objects.get(slug="demo-thermometer")

    result = analysis_for(scan)

    assert any(c["worst"] and c["worst"]["loss"] >= 0.5 for c in result["chains"])
    assert any(t["divergence"] and t["divergence"]["gap"] >= 1.0 for t in result["triangles"])
    assert result["colours"] == ["red", "amber", "green"]
    for chain in result["chains"]:
        assert all(score["n"] >= result["min_group_size"] for score in chain["scores"])


@pytest.mark.django_db
def test_the_analysis_page_explains_its_lights(client):
    call_command("load_demo", verbosity=0)
    scan = Scan.objects.get(slug="demo-thermometer")
    client.force_login(scan.created_by)

    response = client.get(f"/scans/{scan.slug}/analysis/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "gaat de meeste bedoeling verloren tussen" in html
    assert "gemiddeld cijfer" in html


@pytest.mark.django_db
def test_the_triangle_and_matrix_steps_show_their_part_of_the_analysis(client):
    from django.urls import reverse

    call_command("load_demo", verbosity=0)
    scan = Scan.objects.get(slug="demo-thermometer")
    client.force_login(scan.created_by)

    triangle = client.get(reverse("scans:step", kwargs={"slug": scan.slug, "step_key": "triangle"}))
    matrix = client.get(reverse("scans:step", kwargs={"slug": scan.slug, "step_key": "matrix"}))
    scope = client.get(reverse("scans:step", kwargs={"slug": scan.slug, "step_key": "scope"}))

    assert "ligt het verst uiteen" in triangle.content.decode()
    assert "Doelen × actoren" in matrix.content.decode()
    assert "De hele analyse" not in scope.content.decode()


def _three_scans():
    """Three small scans: merged layers, "weet ik niet", an open response, reverse
    checks and a coded document with an intent in one; no answers at all in another."""
    from thermometer.coding.services import code_passage

    first = factories.make_scan(title="Eerste", municipality_code="GM0171")
    second = factories.make_scan(title="Tweede", municipality_code="GM0629")
    empty = factories.make_scan(title="Leeg", municipality_code="GM0363")
    for scan, offset in ((first, 0), (second, 2)):
        made = generate_questionnaires(scan, user=scan.created_by)
        gemeente = next(q for q in made if q.template_key == "gemeente")
        uitvoering = next(q for q in made if q.template_key == "uitvoering")
        for i in range(6):
            _respond(
                gemeente,
                "beleid",
                "gemeente",
                {
                    "self_reliance_effect": 1 + (i + offset) % 5,
                    "finances_policy": "dont_know" if i == 0 else 5 - (i + offset) % 5,
                    "grade": 4 + i + offset // 2,
                    "self_reliance_reverse": f"Inwoners doen meer zelf met hun netwerk {i}",
                },
            )
        for i in range(2 + offset):
            _respond(gemeente, "regelgeving", "gemeente", {"integrality_service": 2 + i % 3})
        for i in range(5):
            _respond(
                uitvoering,
                "uitvoering",
                "professional",
                {"self_reliance_effect": 1 + (i * 3 + offset) % 5, "grade": 3 + i},
            )
        _respond(uitvoering, "uitvoering", "professional", {"grade": 10}, submitted=False)
    source = factories.coded_document(second)
    code_passage(source.passages.first(), second.codes.get(kind="intent"), user=second.created_by)
    return first, second, empty


def _answers_as_first_loaded(scan):
    """The answer-derived inputs as the first, one-scan-only loader queried them:
    counted per cell in the database, scan found through the response."""
    from django.db.models import Count, Max

    answers = Answer.objects.filter(response__questionnaire__scan=scan)
    submitted = answers.filter(response__submitted_at__isnull=False)
    frequencies = {}
    for *key, n in (
        submitted.filter(dont_know=False, item__type__in=loading.SCORED)
        .values_list(
            "item__goal",
            "item__dimension",
            "response__layer",
            "response__actor",
            "item__scale",
            "value",
        )
        .annotate(n=Count("id"))
        .order_by()
    ):
        frequencies[tuple(key)] = frequencies.get(tuple(key), 0) + n
    reverse = sorted(
        (goal, layer, actor, text)
        for goal, layer, actor, text in submitted.filter(item__type="reverse_check").values_list(
            "item__goal", "response__layer", "response__actor", "value"
        )
        if isinstance(text, str) and text.strip()
    )
    counted = answers.aggregate(n=Count("id"), last=Max("updated_at"))
    return frequencies, reverse, f"{counted['n']}|{counted['last']}|"


def test_the_bulk_loader_gives_each_scan_what_the_per_scan_loader_gives(db):
    from thermometer.analysis.compute import analyse

    scans = _three_scans()

    loaded = loading.load_many(scans)
    prints = loading.fingerprints(scans)

    assert set(loaded) == set(prints) == {scan.pk for scan in scans}
    for scan in scans:
        alone = loading.load(scan)
        together = loaded[scan.pk]
        assert together.frequencies == alone.frequencies
        assert together.respondents == alone.respondents
        assert together.respondents_by_actor == alone.respondents_by_actor
        assert sorted(together.reverse_answers) == sorted(alone.reverse_answers)
        assert together.assessments == alone.assessments
        assert together.intents == alone.intents
        assert prints[scan.pk] == loading.fingerprint(scan)
        frequencies, reverse, answered = _answers_as_first_loaded(scan)
        assert together.frequencies == frequencies
        assert sorted(together.reverse_answers) == reverse
        assert prints[scan.pk].startswith(f"{VERSION}|{answered}")
        definition = scan.method.data
        assert analyse(together, definition) == analyse(alone, definition)
    first, second, empty = scans
    assert loaded[empty.pk] == loading.ScanData()
    assert prints[empty.pk] == f"{VERSION}|0|None|0|None|0|None|0|None|0|None"
    assert loaded[second.pk].intents and loaded[second.pk].assessments
    assert not loaded[first.pk].intents and not loaded[first.pk].assessments


def test_recompute_all_stores_what_analysis_for_computes(db, django_assert_max_num_queries):
    from thermometer.analysis.services import recompute_all

    scans = _three_scans()
    per_scan = {}
    for scan in scans:
        per_scan[scan.pk] = analysis_for(scan)
    AnalysisResult.objects.all().delete()

    with django_assert_max_num_queries(17):  # grouped queries for all scans, one upsert
        results = recompute_all()

    assert results == per_scan
    assert recompute_all(chunk_size=2) == per_scan  # in two chunks
    assert AnalysisResult.objects.count() == 3
    for scan in scans:
        stored = AnalysisResult.objects.get(scan=scan)
        assert stored.data == per_scan[scan.pk]
        assert stored.fingerprint == loading.fingerprint(scan)
        with django_assert_max_num_queries(6):  # the stored result is used as it is
            assert analysis_for(scan) == per_scan[scan.pk]


def test_recompute_all_replaces_stale_results_of_the_scans_asked_for(db):
    from thermometer.analysis.services import recompute_all

    first, second, empty = _three_scans()
    before = recompute_all()
    gemeente = first.questionnaires.get(template_key="gemeente")
    _respond(gemeente, "beleid", "gemeente", {"self_reliance_effect": 5})

    again = recompute_all([first, empty])

    assert set(again) == {first.pk, empty.pk}
    assert again[first.pk] != before[first.pk]
    assert again[first.pk] == analysis_for(first)
    assert AnalysisResult.objects.get(scan=second).data == before[second.pk]
    assert AnalysisResult.objects.get(scan=first).fingerprint == loading.fingerprint(first)


def test_the_recompute_command_recomputes_all_or_the_named_scans(db):
    from io import StringIO

    from django.core.management import CommandError

    first, second, empty = _three_scans()
    out = StringIO()

    call_command("recompute_analysis", first.slug, stdout=out)

    assert "Recomputed the analysis of 1 scan(s)" in out.getvalue()
    assert list(AnalysisResult.objects.values_list("scan", flat=True)) == [first.pk]
    call_command("recompute_analysis", stdout=out)
    assert AnalysisResult.objects.count() == 3
    assert AnalysisResult.objects.get(scan=second).data == analysis_for(second)
    with pytest.raises(CommandError, match="no-such-scan"):
        call_command("recompute_analysis", "no-such-scan")


def test_an_empty_analysis_says_nothing_was_measured_yet(lead_client, scan):
    from django.urls import reverse

    page = lead_client.get(reverse("analysis:overview", args=[scan.slug])).content.decode()
    assert "Er is nog niets gemeten" in page
    assert "Bij Eigen kracht is nog niets gemeten." in page
    assert "geen verlies door de keten gemeten" not in page  # no claim without answers
    assert "1 uitspraken" not in page
