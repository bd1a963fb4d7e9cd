"""What every page carries: a skip link, the language switch, display controls that work without
JavaScript, a footer that leads to reporting a problem, and nothing axe-core can fault."""

import pytest

from tests.e2e.conftest import axe_violations, scrolls_sideways


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_the_home_page_has_no_accessibility_violations_in_either_language(open_page, language):
    page = open_page(language=language)
    page.goto("/")

    assert page.locator("html").get_attribute("lang") == language[:2]
    assert axe_violations(page) == []


def test_the_home_page_in_high_contrast_has_no_accessibility_violations(open_page):
    page = open_page(javascript=False)
    page.goto("/")
    page.get_by_role("button", name="High contrast").click()

    assert page.locator("html").get_attribute("class").startswith("contrast-high")
    checker = open_page()
    checker.context.add_cookies(page.context.cookies())
    checker.goto("/")
    assert axe_violations(checker) == []


def test_a_chosen_text_size_is_remembered_on_the_next_page_without_javascript(open_page):
    page = open_page(javascript=False)
    page.goto("/")
    page.get_by_role("button", name="Largest").click()
    page.get_by_role("link", name="Home", exact=True).click()

    assert "text-largest" in page.locator("html").get_attribute("class")


def test_the_language_link_switches_to_spanish_and_links_keep_it(open_page):
    page = open_page(javascript=False)
    page.goto("/")
    page.get_by_role("link", name="Español").click()

    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("link", name="Enviar comentarios").first.get_attribute("href").endswith("lang=es")


def test_the_first_tab_reaches_the_skip_link_and_it_moves_focus_to_the_main_content(open_page):
    page = open_page()
    page.goto("/")
    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_the_home_page_does_not_scroll_sideways_at_320_pixels(open_page):
    page = open_page(width=320)
    page.goto("/")

    assert not scrolls_sideways(page)
