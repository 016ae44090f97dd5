"""An adviser logs in, creates a scan, imports participants and advances a step —
in headless Chromium, with axe-core on every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from thermometer.participants.models import Participant
from thermometer.scans.constants import StepStatus
from thermometer.scans.models import Scan
from thermometer.testing import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTICIPANTS_CSV = (
    "naam;e-mail;laag;actor;organisatie\n"
    "Fatima El Amrani;fatima@example.org;Uitvoering;;Wijkteam Noord (fictief)\n"
    ";;inwoner;;Inwonerspanel (fictief)\n"
    "Onbekend;;Kelder;;Nergens\n"
    "Piet Bakker;piet@example.org;Beleid;gemeente;Gemeente (fictief)\n"
)


def test_adviser_creates_scan_imports_participants_and_advances_a_step(
    live_server, page, assert_accessible, tmp_path
):
    organisation = factories.OrganisationFactory(name="Adviesbureau Browser")
    factories.adviser(organisation, email="adviseur@example.org", full_name="Ada Adviseur")

    page.goto(f"{live_server.url}/account/login/")
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill("adviseur@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Onderzoeken")
    assert_accessible(page)

    page.get_by_role("link", name="Nieuw onderzoek").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Thermometer Noordoostpolder")
    page.get_by_label("Gemeente").fill("Noordoostpolder (GM0171)")
    page.get_by_label("Methodiek").select_option(label="Thermometer sociaal domein (versie 1.3)")
    page.get_by_label("Jeugd (Jeugdwet)").check()
    page.get_by_label("Maatschappelijke ondersteuning (Wmo 2015)").check()
    page.get_by_label("Startdatum").fill("2026-11-02")
    page.get_by_role("button", name="Onderzoek aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning")
    assert_accessible(page)
    page.get_by_role("button", name="Planning opslaan").click()
    scan = Scan.objects.get()
    expect(page).to_have_url(re.compile(rf"/scans/{scan.slug}/$"))
    assert_accessible(page)

    # The "Volgende stap" panel says nobody takes part yet and links there too.
    expect(page.get_by_role("complementary")).to_contain_text("Er doet nog niemand mee.")
    page.get_by_role("complementary").get_by_role("link", name="Deelnemers", exact=True).click()
    page.get_by_role("link", name="Importeren uit CSV of Excel").click()
    upload = tmp_path / "deelnemers.csv"
    upload.write_text(PARTICIPANTS_CSV, encoding="utf-8")
    page.get_by_label("Bestand").set_input_files(str(upload))
    page.get_by_role("button", name="Importeren", exact=True).click()
    expect(page.get_by_text("3 deelnemers geïmporteerd.")).to_be_visible()
    expect(page.get_by_text(re.compile("Rij 4: laag"))).to_be_visible()
    assert_accessible(page)
    assert Participant.objects.filter(scan=scan).count() == 3

    # The same file again adds nobody.
    page.get_by_label("Bestand").set_input_files(str(upload))
    page.get_by_role("button", name="Importeren", exact=True).click()
    expect(page.get_by_text("0 deelnemers geïmporteerd.")).to_be_visible()
    assert Participant.objects.filter(scan=scan).count() == 3

    first = scan.method.steps[0]
    page.get_by_role("link", name=re.compile(rf"^1\. {first.name}")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(first.name)
    page.get_by_role("button", name="Start deze stap").click()
    expect(page.locator(".status--busy").first).to_be_visible()
    page.get_by_label(first.checklist[0]["label"]).check()
    expect(page.locator(f"#check-{first.checklist[0]['key']} .meta")).to_be_visible()
    assert_accessible(page)
    state = scan.step_states.get(step_key=first.key)
    assert state.status == StepStatus.BUSY
    assert scan.checklist_ticks.filter(step_key=first.key).count() == 1
