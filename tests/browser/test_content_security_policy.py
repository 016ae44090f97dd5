"""Every page an adviser reaches, at phone width: the demo's three scans crawled link by
link in Chromium, with no Content-Security-Policy violation and no axe-core (WCAG 2.1
AA) violation on any page."""

from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SKIPPED = ("/account/logout", ".qdpx", ".pdf", ".docx", ".csv", ".xlsx")
MAX_PAGES = 150


def _links(page) -> list[str]:
    return page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")


def test_no_page_of_the_demo_violates_the_policy_or_axe_on_a_phone(live_server, page):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill("adviseur@example.org")
    page.get_by_label("Wachtwoord").fill("thermometer-demo")
    page.get_by_role("button", name="Inloggen").click()
    host = urlparse(live_server.url).netloc
    queue = [f"{live_server.url}/scans/"]
    seen, violations, inaccessible = set(), {}, {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0).split("#")[0]
        if url in seen:
            continue
        seen.add(url)
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a file to download, not a page
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        found = page.evaluate("window.__cspViolations || []")
        if found:
            violations[url] = found
        failing = axe_violations(page)
        if failing:
            inaccessible[urlparse(url).path] = failing
        for href in _links(page):
            target = urljoin(url, href)
            parsed = urlparse(target)
            if parsed.netloc == host and not any(s in parsed.path for s in SKIPPED):
                queue.append(target.split("#")[0])
    assert len(seen) >= 40, f"only {len(seen)} pages reached"
    assert violations == {}
    assert inaccessible == {}, "\n".join(
        f"{path}: {[(v['id'], v['nodes']) for v in found]}" for path, found in inaccessible.items()
    )


def test_the_two_step_set_up_is_accessible(live_server, page, assert_accessible):
    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill("adviseur@example.org")
    page.get_by_label("Wachtwoord").fill("thermometer-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Tweestapsverificatie").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tweestapsverificatie instellen"
    assert_accessible(page)
