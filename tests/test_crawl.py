"""Every page answers, has one <h1>, lang="nl", a skip link, and labels on every input."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from .test_permissions import SCAN_URLS, _kwargs, fill_scan


class PageAudit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.lang = None
        self.skip_link = False
        self.labels_for = set()
        self.inputs = []
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "a" and attrs.get("href") == "#main":
            self.skip_link = True
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.labels_for.add(attrs["for"])
        elif tag in ("input", "select", "textarea"):
            if attrs.get("type") in ("hidden", "submit", "button"):
                return
            self.inputs.append((attrs, self._label_depth > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1

    def unlabelled(self):
        return [
            a
            for a, wrapped in self.inputs
            if not wrapped
            and a.get("id") not in self.labels_for
            and not a.get("aria-label")
            and not a.get("aria-labelledby")
        ]


def audit(html: str) -> PageAudit:
    page = PageAudit()
    page.feed(html)
    return page


def _assert_good_page(response, url):
    assert response.status_code == 200, url
    page = audit(response.content.decode())
    assert page.h1 == 1, f"{url}: {page.h1} h1 elements"
    assert page.lang == "nl", url
    assert page.skip_link, url
    assert not page.unlabelled(), f"{url}: unlabelled {page.unlabelled()}"


@pytest.fixture
def participant(scan):
    return fill_scan(scan)


def test_every_scan_page_is_well_formed(lead_client, scan, participant):
    for name in sorted(SCAN_URLS):
        url = reverse(name, kwargs=_kwargs(name, scan, participant))
        response = lead_client.get(url)
        # Files (a report download) are not pages.
        if response.status_code == 405 or response.streaming:
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        _assert_good_page(response, url)
    for step in scan.method.steps:
        url = reverse("scans:step", kwargs={"slug": scan.slug, "step_key": step.key})
        _assert_good_page(lead_client.get(url), url)


def test_general_pages_are_well_formed(lead_client, db):
    for name in ("scans:list", "scans:create"):
        _assert_good_page(lead_client.get(reverse(name)), name)
    anonymous = Client()
    for name in ("accounts:login", "accounts:password_reset", "accounts:password_reset_done"):
        _assert_good_page(anonymous.get(reverse(name)), name)


# The demo, crawled as its lead adviser and as one respondent and one feedback participant:
# what a Dutch reader sees must be Dutch, with correct plurals, no formulas and clean titles.

DEMO_SLUGS = ("demo-thermometer", "demo-tweedaagse", "demo-raad")
# Words of an English interface that are no Dutch word (" of " is Dutch: "or").
ENGLISH = re.compile(
    r"\b(the|and|with|from|Save|Cancel|Delete|Add|Show|Edit|Back|Next|Previous|Submit|Search|"
    r"Settings|Loading|Close|Yes|Remove|Upload|Page|Step|Print|Open in|Sign in|Log in|Log out)\b"
)
# Nouns whose plural after "1" gives away a count built without ngettext.
PLURALS = (
    "documenten|knelpunten|deelnemers|antwoorden|passages|codes|coderingen|fragmenten|"
    "respondenten|reacties|aanbevelingen|bevindingen|vragen|stappen|gesprekken|bronnen|"
    "waarden|resultaten|criteria|indicatoren|metingen|stemmen|stippen|uitnodigingen|leden|"
    "effecten|doelen|pagina's|personen|huishoudens|versies|links|punten|sessies|apparaten|"
    "opmerkingen|thema's|lagen|dagen|weken|maanden|jaren|minuten|uren|werkdagen|praktijken|"
    "transformaties|vragenlijsten|citaten|aanbieders|woorden|regels|items|lampen"
)
ONE_PLURAL = re.compile(rf"(?<![\d,.])(1|één) ({PLURALS})\b", re.IGNORECASE)
FORMULA = re.compile(r"<=|>=|≤|≥|\d\s*[<>]\s*\d")
# One way of writing a date: "3 oktober 2026", never "3 Oct 2026", "03-10-2026" or "2026-10-03".
OTHER_DATE = re.compile(
    r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    r"|\b\d{1,2}-\d{1,2}-\d{4}\b|\b\d{4}-\d{2}-\d{2}\b"
)
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


class VisibleText(HTMLParser):
    """The text a reader sees: no scripts or styles, nothing marked as another language."""

    SKIPPED = {"script", "style", "template", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.parts = []
        self._skip = None  # (tag, depth) of the element being skipped

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self._skip:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] + 1)
            return
        lang = dict(attrs).get("lang")
        if tag in self.SKIPPED or tag == "title" or (lang and lang != "nl" and tag != "html"):
            self._skip = (tag, 1)

    def handle_endtag(self, tag):
        if self._skip and tag == self._skip[0]:
            depth = self._skip[1] - 1
            self._skip = (tag, depth) if depth else None
        elif not self._skip:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    def text(self):
        return re.sub(r"\s+", " ", "".join(self.parts))


def dutch_slips(html: str) -> list[str]:
    """What gives a page away as unfinished to a Dutch reader."""
    slips = []
    title = TITLE.search(html)
    if title and "<" in title.group(1):
        slips.append(f"markup in the title: {title.group(1).strip()!r}")
    parser = VisibleText()
    parser.feed(html)
    text = parser.text()
    for name, pattern in (
        ("English", ENGLISH),
        ("plural after one", ONE_PLURAL),
        ("formula", FORMULA),
        ("date not written out", OTHER_DATE),
    ):
        for match in pattern.finditer(text):
            context = text[max(0, match.start() - 40) : match.end() + 40]
            slips.append(f"{name}: …{context}…")
    return slips


def _links(html: str) -> list[str]:
    return re.findall(r'<a\b[^>]*\bhref="(/[^"#]*)"', html)


def _crawl(client, start: str, inside: tuple[str, ...], depth: int) -> dict[str, list[str]]:
    """Every HTML page reachable from start within depth links, each with its slips."""
    seen, found = {start}, {}
    level = [start]
    for _ in range(depth + 1):
        following = []
        for url in level:
            response = client.get(url)
            if response.status_code != 200 or response.streaming:
                continue
            if not response["Content-Type"].startswith("text/html"):
                continue
            html = response.content.decode()
            found[url] = dutch_slips(html)
            for link in _links(html):
                link = link.replace("&amp;", "&")
                if link.startswith(inside) and link not in seen:
                    seen.add(link)
                    following.append(link)
        level = following
    return found


def _respondent_pages(client, token: str) -> dict[str, list[str]]:
    """A personal link walked from the start page to the review, answering nothing."""
    found = {}
    start = reverse("respond:start", kwargs={"token": token})
    found[start] = dutch_slips(client.get(start).content.decode())
    client.post(start, {"consent": "yes"})
    page, pages = 1, 0
    while pages < 20:
        url = reverse("respond:page", kwargs={"token": token, "page": page})
        response = client.get(url)
        if response.status_code != 200:
            break
        found[url] = dutch_slips(response.content.decode())
        page, pages = page + 1, pages + 1
    for name in ("respond:review", "privacy:respondent_statement"):
        url = reverse(name, kwargs={"token": token})
        found[url] = dutch_slips(client.get(url).content.decode())
    return found


def test_the_demo_reads_as_finished_dutch(client, db):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from thermometer.advice.models import FeedbackInvitation
    from thermometer.questionnaires.models import Invitation

    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(email="adviseur@example.org"))
    pages = _crawl(client, "/scans/", tuple(f"/scans/{slug}/" for slug in DEMO_SLUGS), depth=3)
    assert len(pages) > 100, len(pages)

    visitor = Client()
    invitation = Invitation.objects.filter(
        questionnaire__scan__slug="demo-thermometer", response__isnull=True
    ).first()
    pages.update(_respondent_pages(visitor, invitation.token))
    feedback = FeedbackInvitation.objects.filter(round__scan__slug="demo-thermometer")
    token = feedback.first().token
    for name in ("feedback:start", "feedback:form", "privacy:feedback_statement"):
        url = reverse(name, kwargs={"token": token})
        pages[url] = dutch_slips(visitor.get(url).content.decode())

    slips = {}  # each slip once, with the first page it is on
    for url, found in pages.items():
        for slip in found:
            slips.setdefault(slip, url)
    assert not slips, "\n".join(f"{url}: {slip}" for slip, url in slips.items())
