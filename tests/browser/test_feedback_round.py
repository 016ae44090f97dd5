"""The feedback round: a participant reacts on a phone, and the adviser consolidates,
in headless Chromium with axe-core."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from thermometer.advice.models import FeedbackAnswer
from thermometer.testing import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_gives_feedback(live_server, page, assert_accessible):
    scan = factories.make_scan()
    for number in range(1, 6):
        factories.ParticipantFactory(scan=scan, number=number)
    feedback_round = factories.concept_advice_in_feedback(
        scan, titles=("Eén vaste regisseur", "Eén systeem per huishouden")
    )
    invitation = feedback_round.invitations.first()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/t/{invitation.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uw terugkoppeling op het concept-advies"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Beginnen").click()

    first = page.locator("section").first
    first.get_by_label("Kan hier niet mee leven").check()
    first.get_by_label("Wat hebt u nodig om mee te kunnen gaan?").fill("Eerst scholing")
    expect(first.get_by_role("status")).to_contain_text("Opgeslagen om")
    assert_accessible(page)

    page.get_by_role("button", name="Mijn terugkoppeling versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("1 aanbeveling")
    expect(page.locator("section").first.get_by_label("Kan hier niet mee leven")).to_be_checked()
    page.locator("section").nth(1).get_by_label("Volledig eens").check()
    page.get_by_role("button", name="Mijn terugkoppeling versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank voor uw terugkoppeling")
    assert_accessible(page)
    assert sorted(FeedbackAnswer.objects.values_list("support", flat=True)) == [1, 5]
    assert FeedbackAnswer.objects.get(support=1).needs == "Eerst scholing"

    page.goto(f"{live_server.url}/t/{invitation.token}/advice/")
    expect(page.get_by_text("al verstuurd")).to_be_visible()
    page.goto(f"{live_server.url}/t/geen-geldige-link/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link is niet geldig")
    assert_accessible(page)


def test_the_adviser_consolidates_the_demo_round(live_server, page, assert_accessible):
    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill("adviseur@example.org")
    page.get_by_label("Wachtwoord").fill("thermometer-demo")
    page.get_by_role("button", name="Inloggen").click()
    base = f"{live_server.url}/scans/demo-thermometer/advice"

    page.goto(f"{base}/")
    expect(page.get_by_text("Het definitieve advies is vergrendeld.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/versions/2/")
    assert page.locator("ins").count() > 0
    expect(page.get_by_text("Minderheidsstem van Uitvoering").first).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}/feedback/")
    assert_accessible(page)
    page.get_by_role("link", name="Terugkoppeling verwerken").click()
    first = page.locator("section").first
    expect(first.get_by_role("heading", level=2)).to_have_text(
        "Registreer per huishouden in één systeem"
    )
    expect(first.get_by_text("Nog een systeem erbij kost ons tijd").first).to_be_visible()
    assert_accessible(page)
    form = first.locator("form").first
    form.get_by_label("Niet overgenomen").check()
    form.get_by_label("Reden").fill("Past niet in de begroting van 2027 (demo).")
    form.get_by_role("button", name="Vastleggen").click()
    expect(
        page.get_by_text("Wat er met de minderheidsstem is gedaan, is vastgelegd.")
    ).to_be_visible()
    expect(page.get_by_text("Past niet in de begroting").first).to_be_visible()

    page.goto(f"{base}/discussion/")
    assert_accessible(page)
