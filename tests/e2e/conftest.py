"""Pages in a real browser: Debian's Chromium driven by Playwright, against the app served over HTTP on a
moto-backed stack, with the workers fed by the event pump. One browser for the session, a fresh context
(cookies, viewport, JavaScript on or off) per test."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.stack import PASSWORD, authenticator_code, email_of

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Chromium reaches for Google's services at start; this machine's network refuses them.
QUIET_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(live_url: str) -> str:
    return live_url


@pytest.fixture
def open_page(browser: Browser, site: str, client) -> Iterator[Callable[..., Page]]:
    """A fresh browser context per call: `open_page(width=320, javascript=False, language="es")`."""
    contexts = []

    def open_new(width: int = 1280, javascript: bool = True, language: str = "en-US") -> Page:
        context = browser.new_context(
            base_url=site,
            viewport={"width": width, "height": 900},
            java_script_enabled=javascript,
            locale=language,
            extra_http_headers={"Accept-Language": language},
        )
        contexts.append(context)
        return context.new_page()

    yield open_new
    for context in contexts:
        context.close()


@pytest.fixture
def sign_in() -> Callable[[Page, str], None]:
    """`sign_in(page, "staff")`: signs a demo account (a handle of tests/support/fixtures.py's USERS) in
    through the real /sign-in form and its authenticator code, in the page's browser context; the page is
    left where sign-in led."""
    return sign_in_through_the_form


def sign_in_through_the_form(page: Page, handle: str) -> None:
    page.goto("/sign-in")
    page.fill("#email", email_of(handle))
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.fill("#code", authenticator_code(email_of(handle)))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/sign-in" not in url)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """What axe-core finds against WCAG 2.1 A and AA on the page as it stands (needs JavaScript on)."""
    # Evaluated by the browser's own tooling, so the page's Content-Security-Policy still forbids inline scripts.
    page.evaluate(AXE.read_text() + "\n;0")
    result = page.evaluate("(rules) => axe.run(document, {runOnly: rules})", WCAG_AA)
    return [
        {"id": violation["id"], "nodes": [node["target"] for node in violation["nodes"]]}
        for violation in result["violations"]
    ]


def scrolls_sideways(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"))
