"""Every page of the site, with something on it, held to the same bar: nothing axe-core can fault in English,
in Spanish or in high contrast; no sideways scrolling on a 320 px phone; nothing lost at 200% text. The
signed-in pages are seen signed in, as the account that sees each."""

import gzip

import pytest

from tests.e2e.conftest import axe_violations, scrolls_sideways
from tests.site.tour import SIGNED_IN_PAGES, visible_things, work_in_review


@pytest.fixture
def pages(client, stack, workers) -> dict[str, str]:
    return visible_things(client, stack, workers)


def faults(open_page, pages, **context) -> dict[str, list]:
    page = open_page(**context)
    found = {}
    for name, path in pages.items():
        page.goto(path)
        found[name] = axe_violations(page)
    return {name: violations for name, violations in found.items() if violations}


def test_no_page_has_an_accessibility_violation_in_english_or_spanish(open_page, pages):
    assert faults(open_page, pages, language="en-US") == {}
    assert faults(open_page, pages, language="es") == {}


def test_no_page_has_an_accessibility_violation_in_high_contrast(open_page, pages):
    page = open_page()
    page.goto("/")
    page.get_by_role("button", name="High contrast").click()
    found = {}
    for name, path in pages.items():
        page.goto(path)
        assert page.locator("html").get_attribute("class").startswith("contrast-high")
        found[name] = axe_violations(page)
    assert {name: violations for name, violations in found.items() if violations} == {}


def test_no_page_scrolls_sideways_on_a_320_pixel_phone_or_with_text_at_200_percent(open_page, pages):
    phone = open_page(width=320)
    desktop = open_page(width=1280)
    sideways = []
    for name, path in pages.items():
        phone.goto(path)
        if scrolls_sideways(phone):
            sideways.append(f"{name} at 320 px")
        desktop.goto(path)
        desktop.evaluate("document.documentElement.style.fontSize = '200%'")
        if scrolls_sideways(desktop):
            sideways.append(f"{name} with text at 200%")
    assert sideways == []


def test_every_page_weighs_under_sixty_kilobytes_compressed_with_everything_it_loads(open_page, pages):
    page = open_page()
    heavy = {}
    for name, path in pages.items():
        page.goto(path)
        loaded = page.evaluate("performance.getEntriesByType('resource').map((entry) => entry.name)")
        weight = sum(len(gzip.compress(page.request.get(url).body())) for url in [page.url, *loaded])
        if weight >= 60 * 1024:
            heavy[name] = weight
    assert heavy == {}


@pytest.fixture
def signed_in_pages(client, stack, workers) -> dict[str, tuple[str, str]]:
    return {**SIGNED_IN_PAGES, **work_in_review(client, stack, workers)}


def by_account(signed_in_pages: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    accounts: dict[str, dict[str, str]] = {}
    for name, (handle, path) in signed_in_pages.items():
        accounts.setdefault(handle, {})[name] = path
    return accounts


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_no_signed_in_page_has_an_accessibility_violation(open_page, sign_in, signed_in_pages, language):
    found = {}
    for handle, pages in by_account(signed_in_pages).items():
        page = open_page(language=language)
        sign_in(page, handle)
        for name, path in pages.items():
            page.goto(path)
            found[name] = axe_violations(page)
    assert {name: violations for name, violations in found.items() if violations} == {}


def test_no_signed_in_page_scrolls_sideways_on_a_320_pixel_phone_or_with_text_at_200_percent(
    open_page, sign_in, signed_in_pages
):
    sideways = []
    for handle, pages in by_account(signed_in_pages).items():
        phone, desktop = open_page(width=320), open_page(width=1280)
        sign_in(phone, handle)
        sign_in(desktop, handle)
        for name, path in pages.items():
            phone.goto(path)
            if scrolls_sideways(phone):
                sideways.append(f"{name} at 320 px")
            desktop.goto(path)
            desktop.evaluate("document.documentElement.style.fontSize = '200%'")
            if scrolls_sideways(desktop):
                sideways.append(f"{name} with text at 200%")
    assert sideways == []
