"""Findings on cells and themes with their evidence, actions per cell, and the trail's
candidate findings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thermometer.audit.models import AuditEvent
from thermometer.findings import services
from thermometer.findings.models import Evidence, Finding
from thermometer.findings.options import score_options
from thermometer.goals import services as goals
from thermometer.testing import factories

RESULT = {
    "matrix": [
        {
            "goal": "finances",
            "actor": "gemeente",
            "score": {"mean": 6.2, "n": 12, "low": 5.8, "high": 6.6, "sd": 1.0},
        },
        {"goal": "finances", "actor": "inwoner", "score": None},
    ],
    "temperature": [
        {
            "goal": "finances",
            "dimension": "effect",
            "groups": {},
            "actors": {
                "gemeente": {"mean": 5.1, "n": 6, "low": 4.0, "high": 6.2, "sd": 1.2},
                "inwoner": None,
            },
        }
    ],
    "themes": [{"theme": "privacy", "score": None}],
}


def test_score_options_cite_only_what_is_shown(scan):
    method = scan.method
    options = score_options(RESULT, method, "cell", goal="finances", actor="gemeente")
    assert [(o["key"], o["mean"], o["n"]) for o in options] == [
        ("cell:finances:gemeente", 6.2, 12),
        ("temperature:finances:effect:gemeente", 5.1, 6),
    ]
    assert score_options(RESULT, method, "cell", goal="finances", actor="inwoner") == []
    assert score_options(RESULT, method, "theme", theme="privacy") == []


@pytest.mark.parametrize(
    "subject",
    [
        {"subject": "cell", "goal": "finances", "actor": "robot"},
        {"subject": "cell", "goal": "", "actor": "inwoner"},
        {"subject": "theme", "theme": "weer"},
        {"subject": "other"},
    ],
)
def test_a_finding_needs_a_real_subject(scan, lead, subject):
    with pytest.raises(services.FindingError):
        services.add_finding(scan, text="Iets", user=lead, **subject)
    assert not Finding.objects.exists()


def test_a_coding_is_evidence_once_and_keeps_its_quote(scan, lead):
    source = factories.coded_document(scan)
    coding = source.passages.first().codings.get()
    finding = services.add_finding(
        scan, subject="cell", goal="self_reliance", actor="gemeente", text="X", user=lead
    )
    assert coding in services.relevant_codings(finding)
    evidence = services.link_coding(finding, coding, user=lead)
    assert (evidence.quote, evidence.source_title) == (coding.quote, source.title)
    with pytest.raises(services.FindingError):
        services.link_coding(finding, coding, user=lead)
    coding.delete()
    evidence.refresh_from_db()
    assert evidence.coding is None and evidence.quote  # the quote survives
    assert AuditEvent.objects.filter(event="evidence_added").count() == 1


def test_a_coding_of_another_scan_is_refused(scan, lead, organisation):
    other = factories.make_scan(lead=lead, organisation=organisation, title="Ander")
    coding = factories.coded_document(other).passages.first().codings.get()
    finding = services.add_finding(scan, subject="theme", theme="privacy", text="X", user=lead)
    with pytest.raises(services.FindingError):
        services.link_coding(finding, coding, user=lead)


def test_a_suppressed_score_cannot_be_cited(scan, lead):
    finding = services.add_finding(scan, subject="theme", theme="kennis", text="X", user=lead)
    with pytest.raises(services.FindingError):
        services.link_score(
            finding, {"key": "theme:kennis", "label": "Kennis", "mean": None}, user=lead
        )


def _lost_effect(scan, lead):
    factories.document(
        scan,
        text="Contract (fictief)\n\nDe aanbieder levert begeleiding in uren tegen een tarief.",
        name="contract.txt",
        place="opdracht",
    )
    return goals.add_effect(
        scan,
        goal="self_reliance",
        statement="Inwoners wonen langer zelfstandig thuis met hun eigen netwerk",
        layer="beleid",
        user=lead,
    )


def test_a_lost_effect_is_a_candidate_finding_until_taken_over(scan, lead):
    effect = _lost_effect(scan, lead)
    (candidate,) = services.trail_candidates(scan)
    assert candidate["effect"] == effect and candidate["lost"]
    assert candidate["actor"] == "gemeente"  # lost in opdrachtgeving, a gemeente layer
    assert effect.statement in candidate["text"]
    finding = services.accept_candidate(scan, effect, user=lead)
    (evidence,) = finding.evidence.all()
    assert evidence.kind == "trail" and evidence.effect == effect
    assert services.trail_candidates(scan) == []
    with pytest.raises(services.FindingError):
        services.accept_candidate(scan, effect, user=lead)


def test_pages_of_the_matrix_cell_theme_and_finding(lead_client, scan, lead):
    effect = _lost_effect(scan, lead)
    slug = scan.slug
    overview = lead_client.get(reverse("findings:overview", kwargs={"slug": slug}))
    assert overview.status_code == 200 and effect.statement in overview.text
    accept = reverse("findings:candidate_accept", kwargs={"slug": slug, "effect_uuid": effect.uuid})
    response = lead_client.post(accept)
    finding = Finding.objects.get()
    assert response["Location"].endswith(str(finding.uuid) + "/")
    again = lead_client.post(accept, follow=True)
    assert Finding.objects.count() == 1
    assert "niet meer open" in again.text or "no longer open" in again.text

    cell_url = reverse(
        "findings:cell", kwargs={"slug": slug, "goal": "self_reliance", "actor": "gemeente"}
    )
    cell = lead_client.get(cell_url)
    assert effect.statement in cell.text and finding.text[:30] in cell.text
    lead_client.post(
        reverse(
            "findings:actions", kwargs={"slug": slug, "goal": "self_reliance", "actor": "gemeente"}
        ),
        {"actions": "Bedoeling opnemen in het volgende contract."},
    )
    assert "Bedoeling opnemen" in lead_client.get(cell_url).text
    bad_cell = reverse("findings:cell", kwargs={"slug": slug, "goal": "geluk", "actor": "gemeente"})
    assert lead_client.get(bad_cell).status_code == 404

    page = reverse("findings:finding", kwargs={"slug": slug, "finding_uuid": finding.uuid})
    assert lead_client.get(page).status_code == 200
    evidence_url = reverse(
        "findings:evidence_add", kwargs={"slug": slug, "finding_uuid": finding.uuid}
    )
    lead_client.post(evidence_url, {"kind": "quote", "quote": "", "source_title": ""})
    assert finding.evidence.count() == 1  # an empty quote is refused
    lead_client.post(
        evidence_url,
        {"kind": "quote", "quote": "Niemand kent het doel.", "source_title": "Interview"},
    )
    assert finding.evidence.count() == 2
    quote = Evidence.objects.get(kind="quote")
    lead_client.post(
        reverse("findings:evidence_remove", kwargs={"slug": slug, "evidence_id": quote.pk})
    )
    assert finding.evidence.count() == 1
    theme = lead_client.get(reverse("findings:theme", kwargs={"slug": slug, "theme": "privacy"}))
    assert theme.status_code == 200
    step = lead_client.get(reverse("scans:step", kwargs={"slug": slug, "step_key": "matrix"}))
    assert "Bedoeling opnemen" in step.text


def test_a_candidate_traced_alone_is_the_candidate_among_all(scan, lead):
    effect = _lost_effect(scan, lead)
    goals.add_effect(
        scan,
        goal="integrality",
        statement="Eén plan per huishouden met een vaste regisseur",
        layer="beleid",
        user=lead,
    )
    among_all = [c for c in services.trail_candidates(scan) if c["effect"] == effect]
    alone = services.trail_candidates(scan, scan.intended_effects.filter(pk=effect.pk))
    assert alone == among_all and len(alone) == 1


def _reading(queries, table: str) -> list:
    return [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]


def test_the_overview_counts_findings_per_theme_in_one_query(lead_client, scan, lead):
    services.add_finding(scan, subject="theme", theme="privacy", text="Een", user=lead)
    services.add_finding(scan, subject="theme", theme="privacy", text="Twee", user=lead)
    services.add_finding(
        scan, subject="cell", goal="self_reliance", actor="gemeente", text="Drie", user=lead
    )
    with CaptureQueriesContext(connection) as queries:
        page = lead_client.get(reverse("findings:overview", kwargs={"slug": scan.slug}))
    assert page.status_code == 200
    assert len(_reading(queries, "findings_finding")) == 1
    assert len(_reading(queries, "findings_evidence")) == 1  # the trail's cited effects
    themes = {t["theme"]: t["finding_count"] for t in page.context["analysis"]["themes"]}
    assert themes["privacy"] == 2 and sum(themes.values()) == 2


def test_changing_a_finding_and_its_evidence_reuses_the_scan(lead_client, scan, lead):
    finding = services.add_finding(scan, subject="theme", theme="privacy", text="X", user=lead)
    evidence = services.link_quote(finding, "Niemand kent het doel.", "Interview", user=lead)
    kwargs = {"slug": scan.slug, "finding_uuid": finding.uuid}
    with CaptureQueriesContext(connection) as queries:
        lead_client.post(reverse("findings:finding_edit", kwargs=kwargs), {"text": "Y"})
    assert len(_reading(queries, "scans_scan")) == 1  # the scan the view was asked for
    with CaptureQueriesContext(connection) as queries:
        lead_client.post(
            reverse(
                "findings:evidence_remove", kwargs={"slug": scan.slug, "evidence_id": evidence.pk}
            )
        )
    assert len(_reading(queries, "scans_scan")) == 1
    assert not finding.evidence.exists()
