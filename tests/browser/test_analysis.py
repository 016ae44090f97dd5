"""The analysis page of the demo scan, in headless Chromium with axe-core."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_analysis_is_accessible_and_readable_on_a_phone(
    live_server, page, assert_accessible
):
    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill("adviseur@example.org")
    page.get_by_label("Wachtwoord").fill("thermometer-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/scans/demo-thermometer/analysis/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Analyse")
    expect(page.get_by_text("gaat de meeste bedoeling verloren tussen").first).to_be_visible()
    assert page.locator(".light--red").count() > 0
    assert page.locator(".light--amber").count() > 0
    assert page.locator(".light--green").count() > 0
    assert_accessible(page)

    page.goto(f"{live_server.url}/scans/demo-thermometer/steps/matrix/")
    expect(page.get_by_role("heading", name="Doelen × actoren")).to_be_visible()
    assert_accessible(page)
