"""De Raad in positie: two council members on their phones and the room screen in the
same work session; axe-core on the member pages."""

import re

import pytest
from playwright.sync_api import expect

from thermometer.live import services as live
from thermometer.testing import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_members_and_the_room(live_server, browser, page, assert_accessible):
    lead = factories.adviser()
    scan = factories.make_scan(lead=lead, method="raad_in_positie", title="Raad Alkmaar")
    session = live.open_session(
        scan, kind="framework_values", title="Werksessie 1", votes_per_person=2, user=lead
    )
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill(lead.email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/scans/{scan.slug}/framework/sessions/{session.uuid}/")
    expect(page.locator(".room-code")).to_have_text(session.code_shown)
    assert_accessible(page)

    members = []
    for _ in range(2):
        context = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740})
        member = context.new_page()
        member.set_default_timeout(15000)
        member.goto(f"{live_server.url}/s/{session.code}/")
        member.get_by_role("button", name="Meedoen").click()
        members.append(member)
    assert_accessible(members[0])

    members[0].get_by_label("In een paar woorden").fill("Eén gezin, één plan, één regisseur")
    members[0].get_by_role("button", name="Toevoegen").click()
    expect(members[0].get_by_text("Toegevoegd. Het staat op het zaalscherm.")).to_be_visible()
    expect(
        members[1].locator("strong", has_text="Eén gezin, één plan, één regisseur")
    ).to_be_visible(timeout=12000)
    expect(page.get_by_text("Eén gezin, één plan, één regisseur").first).to_be_visible(
        timeout=12000
    )

    members[1].get_by_role("button", name=re.compile("Stip plaatsen.*Eén gezin")).click()
    expect(members[1].get_by_text("U hebt nog 1 stip")).to_be_visible()
    expect(page.get_by_text("1 stip").first).to_be_visible(timeout=12000)
    assert_accessible(members[1])

    members[1].get_by_label("In een paar woorden").fill("")
    members[1].get_by_role("button", name="Toevoegen").click()
    expect(members[1].get_by_role("alert")).to_contain_text("in een paar woorden")
    for member in members:
        member.context.close()


def test_the_demo_framework_pages(live_server, page, assert_accessible):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill("adviseur@example.org")
    page.get_by_label("Wachtwoord").fill("thermometer-demo")
    page.get_by_role("button", name="Inloggen").click()
    base = f"{live_server.url}/scans/demo-raad"
    for path in ("framework/", "framework/documents/", "framework/framework/", "overview/"):
        page.goto(f"{base}/{path}")
        assert_accessible(page)
    page.goto(f"{base}/framework/monitoring/")
    assert page.locator(".light--green").count() and page.locator(".light--red").count()
    assert_accessible(page)
