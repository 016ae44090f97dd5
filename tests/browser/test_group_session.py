"""The Tweedaagse group session: two phones join with the code, write and vote, and the
room screen shows it without reloading; axe-core on every participant page."""

import re

import pytest
from playwright.sync_api import expect

from thermometer.journeys import services as journeys
from thermometer.live import services as live
from thermometer.testing import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_devices_and_the_room_screen(live_server, browser, page, assert_accessible):
    lead = factories.adviser()
    scan = factories.make_scan(lead=lead, method="tweedaagse_scan", title="Tweedaagse Hoorn")
    journeys.seed(scan)
    session = live.open_session(
        scan, kind="journey", title="Klantreis familie Hermans", votes_per_person=2, user=lead
    )

    room = page
    room.goto(f"{live_server.url}/account/login/")
    room.get_by_label("E-mailadres").fill(lead.email)
    room.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    room.get_by_role("button", name="Inloggen").click()
    room.goto(f"{live_server.url}/scans/{scan.slug}/journey/sessions/{session.uuid}/")
    expect(room.locator(".room-code")).to_have_text(session.code_shown)
    assert_accessible(room)

    phones = []
    for name in ("Wijkteam", "Backoffice"):
        context = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740})
        phone = context.new_page()
        phone.set_default_timeout(15000)
        phone.goto(f"{live_server.url}/s/")
        phone.get_by_label("Sessiecode").fill(session.code.lower())
        phone.get_by_role("button", name="Meedoen").click()
        phone.get_by_label("Naam of rol").fill(name)
        phone.get_by_role("button", name="Meedoen").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Klantreis familie Hermans")
        phones.append(phone)
    assert_accessible(phones[0])

    access = phones[0].locator("section", has=phones[0].get_by_role("heading", name="2. Toegang"))
    access.get_by_label("Beschrijf het").fill("Drie loketten voor één gezin")
    access.get_by_label("Thema").select_option("integraal_beleid")
    access.get_by_role("button", name="Toevoegen").click()
    expect(access.get_by_text("Toegevoegd. Het staat op het zaalscherm.")).to_be_visible()

    # The other phone and the room screen see it without reloading.
    expect(phones[1].get_by_text("Drie loketten voor één gezin")).to_be_visible(timeout=12000)
    expect(room.get_by_text("Drie loketten voor één gezin")).to_be_visible(timeout=12000)

    phones[1].get_by_role("button", name=re.compile("Stemmen.*Drie loketten")).click()
    expect(phones[1].get_by_text("U hebt nog 1 stem")).to_be_visible()
    expect(room.get_by_text("1 stem").first).to_be_visible(timeout=12000)
    assert_accessible(phones[1])

    # An empty observation is refused, and what was typed elsewhere stays.
    first = phones[0].locator(
        "section", has=phones[0].get_by_role("heading", name="1. Eerste vraag")
    )
    first.get_by_role("button", name="Toevoegen").click()
    expect(first.get_by_role("alert")).to_contain_text("Schrijf op wat u bij deze stap zag.")
    for phone in phones:
        phone.context.close()


def test_the_demo_tweedaagse_pages(live_server, page, assert_accessible):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill("adviseur@example.org")
    page.get_by_label("Wachtwoord").fill("thermometer-demo")
    page.get_by_role("button", name="Inloggen").click()
    base = f"{live_server.url}/scans/demo-tweedaagse"
    page.goto(f"{base}/journey/")
    expect(page.get_by_role("heading", level=1)).to_have_text("De klantreis en de stoplichten")
    assert page.locator(".light--red").count() and page.locator(".light--green").count()
    assert_accessible(page)
    page.goto(f"{base}/journey/checklist/")
    assert_accessible(page)
    page.goto(f"{base}/overview/")
    expect(page.locator('div.chart[data-chart-drawn="true"]')).to_have_count(2)
    assert_accessible(page)
