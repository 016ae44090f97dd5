"""The digital overview of the demo scan: charts drawn by vega-embed with their text
alternatives, axe-core clean, usable on a phone; screenshots at both widths."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from thermometer.reports import services
from thermometer.scans.models import Scan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_the_overview_on_desktop_and_phone(live_server, page, assert_accessible):
    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill("adviseur@example.org")
    page.get_by_label("Wachtwoord").fill("thermometer-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/scans/demo-thermometer/overview/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitaal overzicht: Wassenaar")
    charts = page.locator("div.chart")
    expect(page.locator('div.chart[data-chart-drawn="true"]')).to_have_count(charts.count())
    svg = page.locator("div.chart svg").first
    assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label")
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "overview-desktop.png", full_page=True)

    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    expect(page.locator('div.chart[data-chart-drawn="true"]')).to_have_count(charts.count())
    page.screenshot(path=SHOTS / "overview-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 362

    # Filtering to one goal narrows the chain charts to that goal.
    page.locator("#f-goal").select_option("finances")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("#answers div.chart")).to_have_count(1)
    # A table view of every chart, for screen readers and without JavaScript.
    page.locator("details.chart-figure__table summary").first.click()
    expect(page.locator("details.chart-figure__table table").first).to_be_visible()


def test_a_shared_read_only_link(live_server, page, assert_accessible):
    call_command("load_demo", verbosity=0)
    scan = Scan.objects.get(slug="demo-thermometer")
    link = services.add_share_link(scan, label="Raad", days=7, user=scan.created_by)
    page.goto(f"{live_server.url}/r/{link.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitaal overzicht: Wassenaar")
    assert_accessible(page)
    assert page.locator('a[href^="/scans/"]').count() == 0
