"""The "Volgende stap" panel: what a step still needs, with where to do it."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from thermometer.scans import guidance
from thermometer.scans.models import Scan


def test_a_new_scan_is_told_what_its_first_step_needs(lead_client, scan):
    page = lead_client.get(reverse("scans:detail", args=[scan.slug])).content.decode()
    assert "Volgende stap" in page
    assert "Er doet nog niemand mee." in page
    assert reverse("participants:list", args=[scan.slug]) in page
    step = lead_client.get(reverse("scans:step", args=[scan.slug, "triangle"])).content.decode()
    assert "Er zijn nog geen vragenlijsten gemaakt." in step


def test_hints_disappear_as_the_work_is_done(scan):
    facts = guidance.facts(scan)
    before = [h.text for h in guidance.missing("scope", facts, scan.slug)]
    assert len(before) == 3
    scan.client_questions.create(text="Werkt de toegang?", order=1)
    after = guidance.missing("scope", guidance.facts(scan), scan.slug)
    assert len(after) == 2


def test_every_step_of_the_three_demo_scans_gets_a_panel(db, client):
    call_command("load_demo", verbosity=0)
    for scan in Scan.objects.all():
        client.force_login(scan.created_by)
        for step in scan.method.steps:
            page = client.get(reverse("scans:step", args=[scan.slug, step.key]))
            assert page.status_code == 200 and "Volgende stap" in page.content.decode()


def test_the_client_sees_no_panel_with_links_it_cannot_follow(client, scan, client_user):
    client.force_login(client_user)
    page = client.get(reverse("scans:detail", args=[scan.slug])).content.decode()
    assert "Volgende stap" not in page


class _Asked(dict):
    """Facts that answer 0 to every question and remember what was asked."""

    def __missing__(self, key):
        self[key] = 0
        return 0


def test_every_fact_a_step_asks_for_is_given_by_scans_or_a_registered_app():
    asked = _Asked(min_group_size=5)
    for step_key in guidance._STEP_NEEDS:
        guidance.missing(step_key, asked, "scan")
    assert {"documents", "responses", "codings", "decided", "checklist_answers"} <= set(asked)
    assert set(asked) <= set(guidance._QUERIES)


def test_a_fact_is_registered_once():
    query = guidance._QUERIES["documents"]
    guidance.register_facts(("documents",), query)  # the same query again: no change
    with pytest.raises(ValueError, match="documents"):
        guidance.register_facts(("documents",), lambda scan: {"documents": 0})
    assert guidance._QUERIES["documents"] is query


def test_facts_are_asked_only_when_a_step_needs_them(scan, django_assert_num_queries):
    facts = guidance.facts(scan)
    with django_assert_num_queries(1):
        assert facts["documents"] == 0 and facts["read"] == 0  # one query gives both
    with django_assert_num_queries(0):
        assert facts["read"] == 0
