"""The "Volgende stap" panel: what a step still needs, with where to do it."""

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
