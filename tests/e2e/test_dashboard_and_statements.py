"""The transparency dashboard and the accessibility and privacy statements, in a real browser: reachable
from the home page, readable without JavaScript, with the keyboard alone, at 320 px, in both languages and
in high contrast, with nothing axe-core can fault; the dashboard's tables show the numbers of what was sent."""

import pytest

from tests.e2e.conftest import axe_violations, scrolls_sideways
from tests.functional.conftest import post_json, signed_in
from tests.functional.journeys import approve, publish_feedback, send_feedback, start_recommendation

ACADEMIC = "academic-achievement"
CLIMATE = "climate-and-culture"


def some_review(client, stack, workers) -> None:
    published = send_feedback(client, ACADEMIC, "Report growth beside proficiency for every building.")
    rejected = send_feedback(client, CLIMATE, "Our bus was late again this morning.")
    send_feedback(client, CLIMATE, "Only for the team: our gym is freezing.", consent=False)
    send_feedback(client, ACADEMIC, "Please publish the review calendar early.")
    workers()
    publish_feedback(client, stack, published["id"])
    response = post_json(
        client,
        f"/queues/moderation/{rejected['id']}/decision",
        {"action": "reject", "reason": "off-topic"},
        signed_in(stack, "staff"),
    )
    assert response.status_code == 200, response.body
    approve(client, stack, ACADEMIC, start_recommendation(client, stack, ACADEMIC))


def in_high_contrast(open_page, site, **options):
    page = open_page(**options)
    page.context.add_cookies([{"name": "contrast", "value": "high", "url": site}])
    return page


def table_row(page, caption: str, row: str) -> list[str]:
    table = page.locator("table", has=page.get_by_text(caption, exact=True))
    return table.locator("tr", has=page.locator("th", has_text=row)).first.locator("td").all_inner_texts()


def test_the_dashboard_shows_the_numbers_of_what_was_sent_and_axe_finds_nothing_in_any_language_or_contrast(
    open_page, site, client, stack, workers
):
    some_review(client, stack, workers)

    page = open_page()
    page.goto("/dashboard")
    academic = table_row(page, "Feedback by team", "Academic Achievement")
    climate = table_row(page, "Feedback by team", "Climate and Culture")
    assert academic[:6] == ["2", "1", "0", "0", "1", "0"]
    assert table_row(page, "Recommendations by team", "Academic Achievement")[0] == "1"
    assert climate[:5] == ["2", "0", "1", "1", "0"]
    assert table_row(page, "Feedback not published, by reason", "Off topic") == ["1"]
    assert page.locator("svg[role=img] desc").count() == 3
    assert axe_violations(page) == []

    spanish = open_page(language="es")
    spanish.goto("/dashboard")
    assert spanish.locator("h1").inner_text() == "Panel de transparencia"
    assert axe_violations(spanish) == []

    contrast = in_high_contrast(open_page, site)
    contrast.goto("/dashboard")
    assert "contrast-high" in contrast.locator("html").get_attribute("class")
    assert axe_violations(contrast) == []

    narrow = open_page(width=320, javascript=False)
    narrow.goto("/dashboard")
    assert not scrolls_sideways(narrow)


def test_an_empty_dashboard_says_no_feedback_yet_and_draws_no_chart(open_page):
    page = open_page(javascript=False)
    page.goto("/dashboard")

    assert page.get_by_role("heading", name="No feedback yet").is_visible()
    assert page.locator("svg").count() == 0


@pytest.mark.parametrize("path", ["/accessibility", "/privacy"])
def test_each_statement_has_no_accessibility_violations_in_english_spanish_and_high_contrast(
    open_page, site, path
):
    pages = [open_page(), open_page(language="es"), in_high_contrast(open_page, site)]
    for page in pages:
        page.goto(path)
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/dashboard", "/accessibility", "/privacy"])
def test_no_page_scrolls_sideways_at_320_pixels_even_in_spanish(open_page, path):
    page = open_page(width=320, javascript=False, language="es")
    page.goto(path)

    assert not scrolls_sideways(page)


def test_the_dashboard_and_both_statements_are_reached_from_the_home_page_without_javascript(open_page):
    page = open_page(javascript=False)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    assert page.locator("h1").inner_text() == "Transparency dashboard"

    page.get_by_role("link", name="Accessibility", exact=True).click()
    assert page.locator("h1").inner_text() == "Accessibility statement"
    assert (
        page.get_by_role("link", name="Report a problem with this site").first.get_attribute("href")
        == "/problem"
    )

    page.get_by_role("link", name="Privacy and the public record").click()
    assert page.locator("h1").inner_text() == "Privacy and the public record"
    assert page.locator("table code").all_inner_texts() == ["lang", "contrast", "text", "session", "sign_in"]


def test_the_keyboard_alone_reaches_the_dashboard_and_each_of_its_tables(open_page, client, stack, workers):
    some_review(client, stack, workers)
    page = open_page()
    page.goto("/")

    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Dashboard":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard")
    regions = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('table-scroll')"):
            regions.add(page.evaluate("document.activeElement.getAttribute('aria-labelledby')"))

    assert regions == {
        f"{table}-caption"
        for table in (
            "teams",
            "team-reasons",
            "team-recommendations",
            "goals",
            "goal-reasons",
            "goal-recommendations",
            "reasons",
        )
    }


def test_the_dashboard_csv_downloads_from_its_link(open_page, client, stack, workers):
    some_review(client, stack, workers)
    page = open_page(javascript=False)
    page.goto("/dashboard")

    with page.expect_download() as download:
        page.get_by_role("link", name="numbers (CSV)").click()

    assert download.value.suggested_filename == "msip-6-dashboard.csv"
