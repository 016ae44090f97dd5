"""A respondent with a personal link: consent, pages, autosave, submit — and every
way a link can be wrong or used twice."""

import datetime
import sqlite3

import pytest
import time_machine
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thermometer.questionnaires.models import Answer, Response
from thermometer.questionnaires.services import close_questionnaire


def _start(client, invitation):
    url = reverse("respond:start", kwargs={"token": invitation.token})
    return client.post(url, {"consent": "yes"})


def _page_url(invitation, page):
    return reverse("respond:page", kwargs={"token": invitation.token, "page": page})


def test_link_opens_the_intro_with_privacy_and_consent(client, invitation):
    page = client.get(reverse("respond:start", kwargs={"token": invitation.token}))
    html = page.content.decode()
    assert page.status_code == 200
    assert invitation.questionnaire.name in html
    assert "Wat er met uw antwoorden gebeurt" in html
    assert not Response.objects.exists()


def test_no_consent_no_start(client, invitation):
    url = reverse("respond:start", kwargs={"token": invitation.token})
    html = client.post(url, {}).content.decode()
    assert "Vink het vakje aan" in html
    assert client.get(_page_url(invitation, 1)).status_code == 302


def test_answering_page_by_page_and_submitting(client, invitation):
    response = _start(client, invitation)
    assert response["Location"] == _page_url(invitation, 1)
    items = list(invitation.questionnaire.items.filter(page=1))
    data = {"go": "next"}
    for item in items:
        data[f"a-{item.key}"] = "4" if item.type == "agreement" else "Zelfredzaamheid vergroten"
    moved = client.post(_page_url(invitation, 1), data)
    assert moved["Location"] == _page_url(invitation, 2)
    stored = Response.objects.get()
    assert stored.answers.count() == len(items)
    assert stored.layer == "uitvoering" and stored.actor == "professional"
    assert stored.consent_at is not None and stored.last_page == 2
    # Resume later from the same link: back on page 2, with page 1's answers kept.
    later = Client()
    again = later.get(reverse("respond:start", kwargs={"token": invitation.token}))
    assert again.status_code == 302 and again["Location"] == _page_url(invitation, 2)
    first_page = later.get(_page_url(invitation, 1)).content.decode()
    assert first_page.count('value="4" checked') == sum(i.type == "agreement" for i in items)
    assert "Zelfredzaamheid vergroten</textarea>" in first_page
    review = client.get(reverse("respond:review", kwargs={"token": invitation.token}))
    assert "vragen open" in review.content.decode()
    client.post(reverse("respond:review", kwargs={"token": invitation.token}))
    stored.refresh_from_db()
    assert stored.submitted_at is not None


def test_autosave_keeps_answers_without_pressing_next(client, invitation):
    _start(client, invitation)
    item = invitation.questionnaire.items.filter(page=1, type="agreement").first()
    url = reverse("respond:autosave", kwargs={"token": invitation.token, "page": 1})
    saved = client.post(url, {f"a-{item.key}": "dont_know"}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and "Opgeslagen om" in saved.content.decode()
    answer = Answer.objects.get()
    assert answer.dont_know and answer.value is None
    client.post(url, {f"a-{item.key}": "2"}, HTTP_HX_REQUEST="true")
    answer.refresh_from_db()
    assert (answer.value, answer.dont_know) == (2, False)
    assert Answer.objects.count() == 1


def test_a_refused_value_is_named_and_the_rest_is_saved(client, invitation):
    _start(client, invitation)
    first, second = invitation.questionnaire.items.filter(page=1, type="agreement")[:2]
    response = client.post(
        _page_url(invitation, 1), {f"a-{first.key}": "9", f"a-{second.key}": "5", "go": "next"}
    )
    assert response.status_code == 400
    assert "kon niet worden opgeslagen" in response.content.decode()
    assert [a.item_id for a in Answer.objects.all()] == [second.pk]


def test_double_submit_and_going_back_change_nothing(client, invitation):
    _start(client, invitation)
    item = invitation.questionnaire.items.filter(page=1, type="agreement").first()
    client.post(_page_url(invitation, 1), {f"a-{item.key}": "3", "go": "next"})
    submit = reverse("respond:review", kwargs={"token": invitation.token})
    client.post(submit)
    first_time = Response.objects.get().submitted_at
    client.post(submit)
    assert Response.objects.get().submitted_at == first_time
    back = client.post(_page_url(invitation, 1), {f"a-{item.key}": "1", "go": "next"})
    assert "al verstuurd" in back.content.decode()
    assert Answer.objects.get().value == 3
    assert Response.objects.count() == 1


def test_the_first_send_is_thanked_and_only_a_second_one_warned(client, invitation):
    _start(client, invitation)
    submit = reverse("respond:review", kwargs={"token": invitation.token})
    thanks = client.post(submit, follow=True).content.decode()
    assert "Bedankt voor uw antwoorden" in thanks and "al verstuurd" not in thanks
    assert "al verstuurd" in client.post(submit).content.decode()
    later = Client().get(reverse("respond:start", kwargs={"token": invitation.token}))
    assert "al verstuurd" in later.content.decode()


def test_second_tab_shares_the_same_response(client, invitation):
    _start(client, invitation)
    other_tab = Client()
    other_tab.post(reverse("respond:start", kwargs={"token": invitation.token}), {"consent": "yes"})
    assert Response.objects.count() == 1


def test_unknown_link_gets_a_clear_404(client, db):
    page = client.get(reverse("respond:start", kwargs={"token": "bestaat-niet"}))
    assert page.status_code == 404
    assert "Deze link is niet geldig" in page.content.decode()


def test_closed_and_not_yet_open_questionnaires(client, invitation, scan):
    questionnaire = invitation.questionnaire
    questionnaire.opens_at = datetime.datetime(2026, 11, 4, 9, tzinfo=datetime.UTC)
    questionnaire.save()
    with time_machine.travel(questionnaire.opens_at - datetime.timedelta(days=2)):
        page = client.get(reverse("respond:start", kwargs={"token": invitation.token}))
    assert "is nog niet open" in page.content.decode()
    close_questionnaire(questionnaire, user=scan.created_by)
    page = client.get(_page_url(invitation, 1))
    assert page.status_code == 410
    assert "is gesloten" in page.content.decode()


def test_respondent_switches_to_english_and_the_answer_records_it(client, invitation):
    _start(client, invitation)
    client.post(
        reverse("respond:language", kwargs={"token": invitation.token}),
        {"language": "en", "next": _page_url(invitation, 1)},
    )
    page = client.get(_page_url(invitation, 1)).content.decode()
    assert '<html lang="en"' in page
    assert "In your own words" in page
    item = invitation.questionnaire.items.filter(page=1, type="agreement").first()
    client.post(_page_url(invitation, 1), {f"a-{item.key}": "5", "go": "next"})
    assert Answer.objects.get().language == "en"


def test_a_link_opens_only_its_own_questionnaire(client, invitation, questionnaires, scan):
    from thermometer.questionnaires.services import create_invitations, open_questionnaire
    from thermometer.testing import factories

    factories.ParticipantFactory(scan=scan, layer="inwoner", actor="inwoner")
    inwoner = questionnaires["inwoner"]
    open_questionnaire(inwoner, user=scan.created_by)
    create_invitations(inwoner, user=scan.created_by)
    _start(client, invitation)
    other = inwoner.invitations.get()
    # Answers posted with one token never land in another's response.
    item = inwoner.items.filter(page=1).first()
    client.post(_page_url(other, 1), {f"a-{item.key}": "5", "go": "next"})
    assert not Answer.objects.filter(item=item).exists()


def test_a_page_with_more_answers_than_one_statement_takes_is_stored_whole(
    client, invitation, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thermometer.questionnaires.respond import save_answers, start_response

    response = start_response(invitation, consent_at=timezone.now())
    items = list(invitation.questionnaire.items.filter(type="agreement"))
    assert len(items) >= 5
    data = QueryDict(mutable=True)
    for number, item in enumerate(items):
        data[f"a-{item.key}"] = str(number % 5 + 1)
    # Room for two rows of six values per statement: the page needs several statements.
    # SQLite enforces the lowered limit itself; PostgreSQL's is only reported lower.
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER
        before = connection.connection.setlimit(limit, 12)
    else:
        monkeypatch.setattr(connection.features, "max_query_params", 12)
    try:
        with CaptureQueriesContext(connection) as queries:
            assert save_answers(response, items, data).saved == len(items)
    finally:
        if connection.vendor == "sqlite":
            connection.connection.setlimit(limit, before)
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "questionnaires_answer"')]
    assert len(inserts) == (len(items) + 1) // 2
    stored = dict(Answer.objects.filter(response=response).values_list("item__key", "value"))
    assert stored == {item.key: number % 5 + 1 for number, item in enumerate(items)}


@pytest.mark.django_db(transaction=True)
def test_two_tabs_consenting_at_once_share_one_response_outside_a_transaction(invitation):
    from thermometer.questionnaires.respond import find_invitation, start_response

    # Both tabs looked the link up before either created the response.
    first, second = find_invitation(invitation.token), find_invitation(invitation.token)
    made = start_response(first, consent_at=timezone.now())
    again = start_response(second, consent_at=timezone.now())
    assert again.pk == made.pk and Response.objects.count() == 1


def test_two_tabs_answering_different_questions_never_clear_each_other(client, invitation):
    _start(client, invitation)
    first, second = invitation.questionnaire.items.filter(page=1, type="agreement")[:2]
    url = reverse("respond:autosave", kwargs={"token": invitation.token, "page": 1})
    other_tab = Client()
    other_tab.cookies = client.cookies
    # Each tab posts its whole form, with only its own question answered, and names the
    # question that changed: neither empties the other's answer.
    for _round in range(5):
        client.post(
            url,
            {f"a-{first.key}": "4", f"a-{second.key}": "", "only": f"a-{first.key}"},
            HTTP_HX_REQUEST="true",
        )
        other_tab.post(
            url,
            {f"a-{first.key}": "", f"a-{second.key}": "2", "only": f"a-{second.key}"},
            HTTP_HX_REQUEST="true",
        )
    assert {a.item_id: a.value for a in Answer.objects.all()} == {first.pk: 4, second.pk: 2}
    # Clearing a question in the tab that answered it still clears it.
    client.post(url, {f"a-{first.key}": "", "only": f"a-{first.key}"}, HTTP_HX_REQUEST="true")
    assert {a.item_id: a.value for a in Answer.objects.all()} == {second.pk: 2}


def test_each_question_saves_itself_on_the_page(client, invitation):
    _start(client, invitation)
    html = client.get(_page_url(invitation, 1)).content.decode()
    item = invitation.questionnaire.items.filter(page=1).first()
    assert f'hx-vals=\'{{"only": "a-{item.key}"}}\'' in html and 'hx-post="save/"' in html
    assert reverse("respond:autosave", kwargs={"token": invitation.token, "page": 1}) == (
        _page_url(invitation, 1) + "save/"
    )


def test_a_too_long_answer_is_named_as_such_and_kept_on_the_page(client, invitation):
    _start(client, invitation)
    item = invitation.questionnaire.items.filter(page=1, type__in=["open", "reverse_check"]).first()
    text = "Lang antwoord. " * 400
    response = client.post(_page_url(invitation, 1), {f"a-{item.key}": text, "go": "next"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "langer dan 5.000 tekens" in html and "Kies een van de mogelijkheden" not in html
    assert text.strip() in html
    assert not Answer.objects.filter(item=item).exists()


def test_a_respondent_answer_with_a_nul_byte_is_saved_without_it(client, invitation):
    start = reverse("respond:start", kwargs={"token": invitation.token})
    client.post(start, {"consent": "yes"})
    item = invitation.questionnaire.items.filter(type__in=["open", "reverse_check"]).first()
    page = reverse("respond:page", kwargs={"token": invitation.token, "page": item.page})
    response = client.post(page, {f"a-{item.key}": "Meer\x00 regie\r\nvoor inwoners\t!"})
    assert response.status_code in (200, 302)
    answer = item.answers.get()
    assert answer.value == "Meer regie\r\nvoor inwoners\t!"  # line breaks and tabs stay


def test_guessing_respondent_links_is_paused_and_right_links_work_before(client, invitation):
    right = reverse("respond:start", kwargs={"token": invitation.token})
    assert client.get(right).status_code == 200
    for n in range(20):
        assert client.get(f"/v/geraden{n:04d}/").status_code == 404
    assert client.get("/v/geraden9999/").status_code == 429
    assert client.get(right).status_code == 429  # the guessing address is paused altogether
    assert Client(REMOTE_ADDR="10.0.0.7").get(right).status_code == 200
