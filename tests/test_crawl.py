"""Every page answers, has one <h1>, lang="nl", a skip link, and labels on every input."""

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
