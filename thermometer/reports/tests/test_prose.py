"""The reports read like an adviser wrote them: an introduction with the client's own
questions, the answer per goal with its evidence, a conclusion before the
recommendations; every quote once, and Dutch a municipality would publish."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.test_crawl import ONE_PLURAL, VisibleText, dutch_slips
from thermometer.demo.demo_data import DEMO_SLUG
from thermometer.reports.content import report_content
from thermometer.reports.narrative import join, plain, sentence
from thermometer.reports.rendering import build_html, render_docx
from thermometer.scans.models import Scan


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield {
            slug: Scan.objects.get(slug=slug)
            for slug in (DEMO_SLUG, "demo-tweedaagse", "demo-raad")
        }
        transaction.set_rollback(True)


def _text(html: str) -> str:
    parser = VisibleText()
    parser.feed(re.sub(r"<svg.*?</svg>", "", html, flags=re.S))
    return parser.text()


def _docx_text(content) -> tuple[list[str], str]:
    from docx import Document

    document = Document(io.BytesIO(render_docx(content)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    return headings, " ".join(" ".join(p.text.split()) for p in document.paragraphs)


def test_join_and_sentence_write_dutch():
    assert join(["a"]) == "a" and join(["a", "b"]) == "a en b" and join("abc") == "a, b en c"
    assert sentence("het advies noemt nu een overgangsjaar") == (
        "Het advies noemt nu een overgangsjaar."
    )
    assert plain("  “Zo  is het.” ") == "zo is het"


@pytest.mark.django_db
def test_the_thermometer_report_opens_with_the_assignment_and_the_clients_questions(demo):
    scan = demo[DEMO_SLUG]
    content = report_content(scan)
    html = build_html(content)
    text = _text(html)
    questions = [q.text for q in scan.client_questions.all()]
    assert questions
    intro = text[text.index("De opdracht") : text.index("Het antwoord per doel", 400)]
    for question in questions:
        assert question in intro  # verbatim, in the introduction
    assert "In opdracht van de gemeente Wassenaar" in intro
    assert "Participatiewet" in intro and "De aanpak volgt de 7 stappen" in intro
    assert "Er deden 88 deelnemers mee: 8 bij Bestuur" in intro
    for participant in scan.participants.exclude(name=""):
        assert participant.name not in text  # counts, never names
    # Per goal the answer to the questions, then its evidence.
    for answer in content["answers"]:
        assert answer["paragraphs"][0].startswith("Het antwoord op")
        assert f'id="answer-{answer["key"]}"' in html
    # The conclusion before the recommendations, both after the answers.
    assert (
        html.index('id="h-introduction"')
        < html.index('id="h-answers"')
        < html.index('id="h-conclusion"')
        < html.index('id="h-advice"')
    )
    assert "Op vraag 1 is ons antwoord:" in text and "Daarom doen wij 4 aanbevelingen" in text
    # No bullet list stands in for a summary any more.
    assert 'id="summary"' not in html


@pytest.mark.django_db
def test_every_quote_appears_once_and_findings_do_not_repeat_their_evidence(demo):
    content = report_content(demo[DEMO_SLUG])
    html = build_html(content)
    quotes = [plain(q) for q in re.findall(r"<q>(.*?)</q>", html, flags=re.S)]
    assert quotes and len(quotes) == len(set(quotes)), quotes
    text = _text(html)
    needs = {
        need
        for rec in content["advice"]["recommendations"]
        for m in (rec["support"] or {}).get("minority", [])
        for need in m["needs"]
    }
    evidence = {e["quote"] for f in content["findings"] for e in f["evidence"]}
    for quote in needs | evidence:
        assert text.count(quote) <= 1, quote
    # A recommendation points at its findings instead of printing them again.
    for finding in content["findings"]:
        assert text.count(finding["text"]) == 1, finding["text"]
    assert "Nog een systeem erbij kost ons tijd" in text


@pytest.mark.django_db
def test_no_ungrammatical_reasons_unknown_pages_or_plural_after_one(demo):
    content = report_content(demo[DEMO_SLUG])
    text = _text(build_html(content))
    assert "omdat het advies noemt" not in text
    assert "Toelichting: Het advies noemt nu een overgangsjaar." in text
    assert "0 pagina" not in text and content["figures"]["pages"] is None
    assert "Gelezen documenten: 6" in text
    assert not ONE_PLURAL.search(text)
    slips = [s for s in dutch_slips(build_html(content)) if not s.startswith("English")]
    assert not slips, slips


@pytest.mark.django_db
def test_the_docx_follows_the_same_order_and_prose(demo):
    content = report_content(demo[DEMO_SLUG])
    headings, text = _docx_text(content)
    assert headings[:5] == [
        "Inleiding",
        "Het antwoord per doel",
        "Stoplichten per thema",
        "Conclusie",
        "Aanbevelingen",
    ]
    for question in content["introduction"]["questions"]:
        assert question in text
    assert "Bevinding 1" in text and "Berust op bevinding" in text
    assert "omdat het advies noemt" not in text and "0 pagina" not in text
    assert not ONE_PLURAL.search(text)
    assert "Nog een systeem erbij kost ons tijd" in text
    assert text.count("Nog een systeem erbij kost ons tijd") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["demo-tweedaagse", "demo-raad"])
def test_the_tweedaagse_and_the_council_proposal_open_and_close_in_sentences(demo, slug):
    content = report_content(demo[slug])
    html = build_html(content)
    text = _text(html)
    assert content["introduction"] and content["conclusion"]
    assert html.index('id="h-introduction"') < html.index('id="h-conclusion"')
    for paragraph in content["introduction"] + content["conclusion"]:
        assert paragraph in text and paragraph.rstrip().endswith((".", ":"))
    assert "Op verzoek van de" in content["introduction"][0]
    assert not ONE_PLURAL.search(text)
    assert (
        'class="utrecht-unordered-list__item">' not in html.split('id="h-introduction"')[1][:2000]
    )
    headings, docx = _docx_text(content)
    assert "Inleiding" in headings and "Conclusie" in headings
    assert content["conclusion"][0] in docx
