"""Step 2 (goal tree, proposals, document trail) and step 4 (matrix and findings) of the
demo scan, in headless Chromium with axe-core, at desktop and phone width."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server):
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill("adviseur@example.org")
    page.get_by_label("Wachtwoord").fill("thermometer-demo")
    page.get_by_role("button", name="Inloggen").click()


def test_the_goal_tree_the_trail_and_a_verdict(live_server, page, assert_accessible):
    call_command("load_demo", verbosity=0)
    _log_in(page, live_server)
    base = f"{live_server.url}/scans/demo-thermometer"

    page.goto(f"{base}/steps/goals/")
    expect(page.get_by_role("heading", name="De lokale doelenboom")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}/goals/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Doelen en beoogde effecten")
    expect(
        page.get_by_text("Een huishouden met meerdere vragen krijgt één plan").first
    ).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}/goals/proposals/")
    assert_accessible(page)
    first = page.locator("article").first
    first.get_by_label("Terzijde gelegd").check()
    first.get_by_role("button", name="Beantwoorden").click()
    expect(page.get_by_text("Het voorstel is beantwoord.")).to_be_visible()

    page.goto(f"{base}/goals/trail/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Het documentspoor")
    assert page.locator(".light--red").count() > 0
    assert page.locator(".light--green").count() > 0
    assert_accessible(page)
    page.locator("a:has(.light--red)").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Het spoor in")
    assert_accessible(page)
    page.get_by_label("Verloren").check()
    page.get_by_label("Notitie").fill("Bevestigd: het contract noemt alleen uren.")
    page.get_by_role("button", name="Oordeel bevestigen").click()
    expect(page.get_by_text("Het oordeel is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("bevestigd").first).to_be_visible()


def test_a_candidate_finding_with_evidence_and_the_matrix(live_server, page, assert_accessible):
    from thermometer.findings.models import Finding

    call_command("load_demo", verbosity=0)
    # The demo adviser took every candidate over; remove those so the trail offers them again.
    Finding.objects.filter(scan__slug="demo-thermometer", evidence__kind="trail").delete()
    _log_in(page, live_server)
    base = f"{live_server.url}/scans/demo-thermometer"

    page.goto(f"{base}/findings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Matrix en bevindingen")
    assert_accessible(page)
    page.get_by_role("button", name="Overnemen als bevinding").first.click()
    expect(page.get_by_text("met het spoor als bewijs")).to_be_visible()
    expect(page.get_by_text("1 bewijsstuk").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Citaat", exact=True).check()
    page.get_by_role("button", name="Bewijs koppelen").click()
    expect(page.get_by_text("Schrijf of plak het citaat.")).to_be_visible()
    page.get_by_label("Citaat", exact=True).check()
    page.locator("textarea[name=quote]").fill("We leveren uren; waarvoor staat er niet in.")
    page.get_by_label("Bron van het citaat").fill("Interview wijkteam (fictief)")
    page.get_by_role("button", name="Bewijs koppelen").click()
    expect(page.get_by_text("2 bewijsstukken").first).to_be_visible()

    page.goto(f"{base}/steps/matrix/")
    expect(page.get_by_role("heading", name="Doelen × actoren")).to_be_visible()
    assert page.get_by_text("1 bevinding").count() >= 1
    assert_accessible(page)
