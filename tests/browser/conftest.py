"""Playwright with Debian's Chromium; axe-core from node_modules. Skipped, with the
reason, where either is missing.

Every browser context records the Content-Security-Policy violations of its pages
(``securitypolicyviolation`` events, through a script the browser runs before the
page's own, which the policy does not govern); ``assert_accessible`` fails on any."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || "inline"} ` +
    `(${e.sourceFile || ""}:${e.lineNumber || 0}) ${e.sample || ""}`);
});
"""


class OneRequestAtATime(WSGIServer):
    """The live server without threads. The test database is in-memory SQLite, one
    connection that the server's threads would share: a page and its autosave at the same
    moment misuse it ("bad parameter or other API misuse"). Unthreaded, Django closes
    each HTTP connection after its response, so no browser connection holds the server."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override  # already set in its thread


LiveServerThread.server_class = OneRequestAtATime


def _recording_csp(browser):
    """Every context of ``browser`` records CSP violations (see the module's docstring)."""
    new_context = browser.new_context

    def recording(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.add_init_script(RECORD_CSP)
        return context

    browser.new_context = recording
    return browser


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls in these
    # tests are ordinary synchronous set-up, not async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield _recording_csp(browser)
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    # Evaluated by the browser's tools, not added as a <script>: the page's CSP allows
    # no inline script, and must not be loosened for the test.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))",
        AXE_TAGS,
    )
    return violations


@pytest.fixture
def assert_accessible():
    def check(page):
        # The NL Design System tokens and htmx were served and loaded.
        # (Waited for, not just read: on a busy machine a stylesheet may arrive late.)
        try:
            page.wait_for_function(
                "getComputedStyle(document.documentElement)"
                ".getPropertyValue('--utrecht-document-font-family') !== ''"
                " && typeof htmx !== 'undefined'",
                timeout=10000,
            )
        except Exception as error:  # noqa: BLE001 - report it as the assertion it is
            raise AssertionError(
                f"{page.url}: the NL Design System CSS or htmx did not load"
            ) from error
        violations = axe_violations(page)
        assert violations == [], f"{page.url}: {violations}"
        csp = page.evaluate("window.__cspViolations || []")
        assert csp == [], f"{page.url}: Content-Security-Policy violations {csp}"
        # Usable on a phone: nothing wider than a 360-pixel screen.
        size = page.viewport_size
        page.set_viewport_size({"width": 360, "height": 740})
        overflow = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(size)
        assert overflow <= 362, f"{page.url}: page is {overflow}px wide on a phone"

    return check
