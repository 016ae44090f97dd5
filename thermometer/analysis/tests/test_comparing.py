"""The goal tree in the reverse check, and a scan compared over time and with other
municipalities, through stored analyses."""

import datetime

from django.urls import reverse

from thermometer.analysis.comparing import comparison_for
from thermometer.analysis.services import analysis_for
from thermometer.goals import services as goals
from thermometer.organisations.models import Organisation
from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.testing import factories

from .test_scan_analysis import _respond


def _scan(lead, organisation, code, start, value, title="Thermometer"):
    scan = factories.make_scan(
        lead=lead,
        organisation=organisation,
        municipality_code=code,
        start_date=start,
        title=f"{title} {code} {start.year}",
    )
    made = generate_questionnaires(scan, user=lead)
    questionnaire = next(q for q in made if q.template_key == "gemeente")
    for _ in range(5):
        _respond(questionnaire, "beleid", "gemeente", {"finances_policy": value})
    analysis_for(scan)
    return scan


def test_the_goal_tree_joins_the_reverse_check_and_the_fingerprint(lead, organisation):
    scan = _scan(lead, organisation, "GM0171", datetime.date(2026, 1, 5), 4)
    before = analysis_for(scan)
    reverse_finances = next(r for r in before["reverse"] if r["goal"] == "finances")
    goals.add_effect(
        scan,
        goal="finances",
        statement="De uitgaven blijven binnen het budget",
        layer="beleid",
        user=lead,
    )
    after = analysis_for(scan)  # recomputed: the goal tree is an input
    assert next(r for r in after["reverse"] if r["goal"] == "finances")["intents"] == (
        reverse_finances["intents"] + 1
    )
    assert after["signatures"]["finances|policy"]


def test_trend_over_the_municipalitys_own_earlier_scans(lead, organisation):
    old = _scan(lead, organisation, "GM0171", datetime.date(2024, 1, 8), 2)
    new = _scan(lead, organisation, "GM0171", datetime.date(2026, 1, 5), 4)
    result = comparison_for(new, lead, analysis_for(new))
    (row,) = [r for r in result["trend"] if r["key"] == "finances|policy|gemeente"]
    assert [p["scan"] for p in row["points"]] == [old.pk, new.pk]
    assert row["points"][0]["mean"] < row["points"][1]["mean"]
    # Another organisation's scan of the same municipality is not the user's to see.
    other = Organisation.objects.create(name="Ander bureau")
    stranger = factories.adviser(other)
    _scan(stranger, other, "GM0171", datetime.date(2025, 1, 6), 5)
    again = comparison_for(new, lead, analysis_for(new))
    (row,) = [r for r in again["trend"] if r["key"] == "finances|policy|gemeente"]
    assert len(row["points"]) == 2


def test_benchmark_from_five_other_municipalities_only(lead, organisation, client):
    own = _scan(lead, organisation, "GM0171", datetime.date(2026, 1, 5), 3)
    codes = ["GM0014", "GM0034", "GM0037", "GM0047", "GM0050"]
    for value, code in zip([2, 3, 4, 5, 5], codes[:4], strict=False):
        _scan(lead, organisation, code, datetime.date(2026, 2, 2), value)
    assert comparison_for(own, lead, analysis_for(own))["benchmark"] == []
    _scan(lead, organisation, codes[4], datetime.date(2026, 2, 2), 5)
    result = comparison_for(own, lead, analysis_for(own))
    (row,) = [r for r in result["benchmark"] if r["key"] == "finances|policy|gemeente"]
    assert row["municipalities"] == 5
    assert row["median"] == 7.8  # agreement 4 on the 1-10 grade (7.75), read as 7,8
    client.force_login(lead)
    page = client.get(reverse("analysis:overview", kwargs={"slug": own.slug}))
    assert page.status_code == 200
    assert "benchmark" in page.text.lower() and "7,8" in page.text
