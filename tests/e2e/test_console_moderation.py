"""The console's moderation pages in a real browser: a reviewer publishes a whole campaign at once from the
queue; the queue and the item page have nothing axe-core can fault in either language, and fit a 320 px
phone."""

import pytest

from tests.e2e.conftest import axe_violations, scrolls_sideways
from tests.functional.journeys import send_feedback

TEAM = "climate-and-culture"
LETTER = (
    "As a parent in this district I ask the Climate and Culture team to measure school climate with "
    "a yearly family survey, to publish the results for every building, and to count chronic absence "
    "as a sign of climate and not only of attendance. Signed, {name} of {town}."
)


def a_campaign(client, workers) -> list[str]:
    sent = [
        send_feedback(client, TEAM, LETTER.format(name=name, town=town))
        for name, town in (("Ana", "Columbia"), ("Ben", "Rolla"), ("Cy", "Sedalia"))
    ]
    workers()
    return [answer["id"] for answer in sent]


def test_a_reviewer_publishes_a_campaign_at_once_from_the_moderation_queue(
    open_page, sign_in, client, workers
):
    a_campaign(client, workers)
    page = open_page()
    sign_in(page, "staff")

    page.goto("/console/moderation")
    page.get_by_role("link", name="From Climate and Culture").first.click()
    page.get_by_label("Publish every waiting item of this campaign").check()
    page.get_by_role("button", name="Publish", exact=True).click()

    assert "3 items decided at once" in page.get_by_role("status").inner_text()
    assert "Nothing is waiting for moderation." in page.locator("main").inner_text()
    page.goto(f"/teams/{TEAM}")
    assert "Signed, Ana of Columbia" in page.locator("main").inner_text()


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_the_moderation_pages_have_no_accessibility_violation_and_fit_a_phone(
    open_page, sign_in, client, workers, language
):
    campaign = a_campaign(client, workers)
    page = open_page(language=language, width=320)
    sign_in(page, "staff")
    found, sideways = {}, []

    for path in ("/console/moderation", f"/console/moderation/{campaign[0]}"):
        page.goto(path)
        found[path] = axe_violations(page)
        if scrolls_sideways(page):
            sideways.append(path)
    with page.expect_navigation():
        page.get_by_role("button", name="Reject" if language == "en-US" else "Rechazar", exact=True).click()
    found["with errors"] = axe_violations(page)

    assert {path: violations for path, violations in found.items() if violations} == {}
    assert sideways == []


def test_the_keyboard_alone_moderates_one_item_with_javascript_off(open_page, sign_in, client, workers):
    sent = send_feedback(client, TEAM, "The bus is late every morning. Call me at 573-555-0142.")
    workers()
    page = open_page(javascript=False)
    sign_in(page, "staff")
    page.goto(f"/console/moderation/{sent['id']}")

    page.get_by_role("button", name="Claim this item").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**done=claimed**")
    page.locator("#redacted_body").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/moderation?**")

    assert "Published." in page.get_by_role("status").inner_text()
    page.goto(f"/teams/{TEAM}")
    assert "The bus is late every morning." in page.locator("main").inner_text()
