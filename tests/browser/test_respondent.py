"""A respondent answers on a phone: every page passes axe-core, answers autosave,
and the keyboard alone is enough."""

import pytest
from playwright.sync_api import expect

from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.questionnaires.models import Answer, Response
from thermometer.questionnaires.services import create_invitations, open_questionnaire
from thermometer.testing import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def invitation():
    scan = factories.make_scan()
    participant = factories.ParticipantFactory(scan=scan, layer="inwoner", actor="inwoner")
    questionnaire = next(
        q
        for q in generate_questionnaires(scan, user=scan.created_by)
        if q.template_key == "inwoner"
    )
    open_questionnaire(questionnaire, user=scan.created_by)
    create_invitations(questionnaire, user=scan.created_by)
    return questionnaire.invitations.get(participant=participant)


def test_respondent_answers_on_a_phone_with_autosave(
    live_server, browser, assert_accessible, invitation
):
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/v/{invitation.token}/")
    assert_accessible(page)
    page.get_by_role("button", name="Beginnen").click()
    expect(page.get_by_text("Vink het vakje aan")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ik heb dit gelezen").check()
    page.get_by_role("button", name="Beginnen").click()
    expect(page.get_by_text("Pagina 1 van")).to_be_visible()
    assert_accessible(page)

    # Keyboard only: focus the first answer of the first question and choose "Eens".
    first = page.locator("fieldset").first
    first.get_by_label("Eens", exact=True).focus()
    page.keyboard.press("Space")
    expect(page.locator("#save-status")).to_contain_text("Opgeslagen om")
    assert Answer.objects.get().value == 4

    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Pagina 2 van")).to_be_visible()
    # Switch to English midway; the page follows.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    while page.get_by_role("button", name="Next").count():
        page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="To sending").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answers")
    assert_accessible(page)
    assert Response.objects.get().submitted_at is not None

    # The back button after sending shows the finished page, and changes nothing.
    page.go_back()
    page.reload()
    expect(page.get_by_text("already sent")).to_be_visible()
    context.close()


def test_invalid_link_page_is_accessible(live_server, page, assert_accessible, db):
    page.goto(f"{live_server.url}/v/niet-bestaand/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link is niet geldig")
    assert_accessible(page)


def test_two_tabs_on_one_page_keep_each_others_answers(live_server, browser, invitation):
    context = browser.new_context(locale="nl-NL")
    first_tab = context.new_page()
    first_tab.goto(f"{live_server.url}/v/{invitation.token}/")
    first_tab.get_by_label("Ik heb dit gelezen").check()
    first_tab.get_by_role("button", name="Beginnen").click()
    expect(first_tab.get_by_text("Pagina 1 van")).to_be_visible()
    second_tab = context.new_page()
    second_tab.goto(first_tab.url)
    for _round in range(3):
        first_tab.locator("fieldset").nth(0).get_by_label("Eens", exact=True).check()
        expect(first_tab.locator("#save-status")).to_contain_text("Opgeslagen om")
        second_tab.locator("fieldset").nth(1).get_by_label("Oneens", exact=True).check()
        expect(second_tab.locator("#save-status")).to_contain_text("Opgeslagen om")
    for tab in (first_tab, second_tab):
        tab.wait_for_load_state("networkidle")
    assert sorted(a.value for a in Answer.objects.all()) == [2, 4]
    context.close()


def test_privacy_statement_on_a_phone_is_accessible(
    live_server, browser, assert_accessible, invitation
):
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/v/{invitation.token}/")
    page.get_by_role("link", name="Privacyverklaring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacyverklaring")
    expect(page.get_by_text("Autoriteit Persoonsgegevens")).to_be_visible()
    assert_accessible(page)
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("link", name="Terug").click()
    expect(page.get_by_role("button", name="Beginnen")).to_be_visible()
    context.close()
