"""A parent sends feedback and follows it, in a real browser on the real stack: without JavaScript, with the
keyboard alone, in Spanish; errors that keep what was typed; a double click that makes one item; and the
form, its errors, the confirmation, the receipt and the problem form free of accessibility faults."""

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from chalicelib.domain.spam import MIN_SECONDS_TO_SUBMIT
from infra.messages import extracted
from tests.e2e.conftest import axe_violations, scrolls_sideways
from tests.functional.conftest import body_of, signed_in
from tests.functional.journeys import publish_feedback

TEAM = "academic-achievement"
WITH_CONTACT_DETAILS = (
    "Please report growth for rural districts. Write to dana@example.org or call 573-555-0199."
)


def take_time_to_write(page: Page) -> None:
    # A person takes a few seconds over a form; screening counts a faster one as a bot's.
    page.wait_for_timeout(MIN_SECONDS_TO_SUBMIT * 1000 + 100)


def feedback_id_of(receipt_link: str) -> str:
    found = re.search(r"/feedback/([0-9A-Z]+)\?", receipt_link)
    assert found, receipt_link
    return found.group(1)


def moderation_item(client: Any, stack: Any, feedback_id: str) -> dict[str, Any]:
    queue = body_of(client.http.get("/queues/moderation", headers=signed_in(stack, "staff")))
    return next(item for item in queue["items"] if item["id"] == feedback_id)


def tab_to(page: Page, selector: str, backwards: bool = False) -> None:
    """Presses Tab (or Shift+Tab) until the element `selector` names has the focus."""
    for _ in range(80):
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"the keyboard never reached {selector}")


def test_a_parent_sends_feedback_without_javascript_and_follows_it_until_it_is_published(
    open_page, client, stack, workers
):
    page = open_page(javascript=False)
    page.goto("/")
    page.get_by_role("link", name="Send feedback").first.click()
    page.get_by_label("Academic Achievement").check()
    page.get_by_label("Your feedback").fill(WITH_CONTACT_DETAILS)
    page.get_by_label("Parent or family member").check()
    page.get_by_label("Yes, publish it with personal details hidden").check()
    take_time_to_write(page)
    page.get_by_role("button", name="Send feedback").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Feedback sent"
    link = page.locator(".private-link a")
    assert link.inner_text().startswith("http://127.0.0.1:")
    link.click()
    feedback_id = feedback_id_of(page.url)
    workers()
    page.reload()
    assert page.locator(".usa-tag").inner_text() == "Waiting for a reviewer"
    assert "Checked" in page.locator(".usa-process-list").inner_text()
    screened = moderation_item(client, stack, feedback_id)
    assert screened["spam"] is False, screened["spam_signals"]

    publish_feedback(client, stack, feedback_id)
    page.reload()

    assert page.locator(".usa-tag").inner_text() == "Published"
    published = body_of(client.http.get(f"/teams/{TEAM}/feedback"))["items"]
    assert [item["id"] for item in published] == [feedback_id]
    assert "dana@example.org" not in published[0]["body"]
    assert "573-555-0199" not in published[0]["body"]
    assert published[0]["body"].startswith("Please report growth for rural districts.")


def test_a_parent_sends_feedback_and_opens_the_receipt_with_the_keyboard_alone(
    open_page, client, stack, workers
):
    page = open_page()
    page.goto(f"/feedback/new?team={TEAM}")

    tab_to(page, "#body")
    page.keyboard.type("Please report growth beside proficiency for every building.")
    tab_to(page, "#policy_goals-2")
    page.keyboard.press("Space")
    tab_to(page, "#email")
    page.keyboard.type("dana@example.org")
    tab_to(page, "#name", backwards=True)
    page.keyboard.type("Dana Parent")
    tab_to(page, "input[name=role]")
    page.keyboard.press("ArrowUp")
    tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    take_time_to_write(page)
    tab_to(page, "form.usa-form button")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback sent")
    tab_to(page, ".private-link a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/feedback/[0-9A-Z]+\?receipt="))
    workers()
    feedback_id = feedback_id_of(page.url)
    address = urlsplit(page.url)
    view = body_of(client.http.get(f"{address.path}?{address.query}"))
    assert view["team"] == TEAM
    assert view["policy_goals"] == ["distinguish-performance"]
    assert view["consent_to_publish"] is True
    publish_feedback(client, stack, feedback_id)
    page.reload()
    assert page.locator(".usa-tag").inner_text() == "Published"


def test_a_form_with_errors_keeps_what_was_typed_and_moves_the_focus_to_the_error_summary(open_page):
    page = open_page(javascript=False)
    page.goto("/feedback/new")
    page.get_by_label("Your name (optional)").fill("Dana Parent")
    page.get_by_label("Email address (optional)").fill("dana at example")
    page.get_by_role("button", name="Send feedback").click()

    assert page.title().startswith("Error: Send feedback")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.locator(".error-summary a").all_inner_texts() == [
        "Choose a team or General",
        "Enter your feedback",
        "Enter an email address in the correct format, like name@example.com",
        "Choose whether we may publish your feedback",
    ]
    assert page.get_by_label("Your name (optional)").input_value() == "Dana Parent"
    assert page.get_by_label("Email address (optional)").input_value() == "dana at example"


def test_in_spanish_the_form_its_errors_the_confirmation_and_the_receipt_are_all_in_spanish(
    open_page, workers
):
    page = open_page(javascript=False, language="es")
    page.goto("/feedback/new")
    shown = [_text_of(page)]
    page.get_by_role("button", name="Enviar comentarios").click()
    shown.append(_text_of(page))
    assert "Hay un problema" in shown[-1]
    assert "Escriba sus comentarios" in shown[-1]

    page.get_by_label("Clima y Cultura").check()
    page.get_by_label("Sus comentarios").fill("Por favor, publiquen el crecimiento de cada escuela.")
    page.get_by_label("No, no lo publiquen").check()
    page.get_by_role("button", name="Enviar comentarios").click()
    shown.append(_text_of(page))
    assert page.get_by_role("heading", level=1).inner_text() == "Comentarios enviados"
    page.locator(".private-link a").click()
    workers()
    page.reload()
    shown.append(_text_of(page))

    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator(".usa-tag").inner_text() == "No publicado, como usted pidió"
    english = _english_sentences()
    assert [
        (index, sentence) for index, text in enumerate(shown) for sentence in english if sentence in text
    ] == []


def test_going_back_and_sending_the_form_again_makes_one_item(open_page, stack):
    page = open_page(javascript=False)
    page.goto(f"/feedback/new?team={TEAM}")
    page.get_by_label("Your feedback").fill("Please report growth beside proficiency.")
    page.get_by_label("No, do not publish it").check()
    page.get_by_role("button", name="Send feedback").click()
    first = page.locator(".private-link a").inner_text()

    page.go_back()
    page.get_by_role("button", name="Send feedback").click()

    assert page.locator(".private-link a").inner_text() == first
    assert stack.count_items("feedback") == 1


@pytest.mark.parametrize(
    ("language", "contrast", "width"),
    [("en-US", "standard", 320), ("es", "standard", 320), ("en-US", "high", 1280)],
)
def test_every_feedback_page_has_no_accessibility_violations(open_page, language, contrast, width):
    page = open_page(width=width, language=language)
    page.goto("/feedback/new")
    if contrast == "high":
        page.locator("button[name=contrast]").click()
        assert page.locator("html").get_attribute("class").startswith("contrast-high")
    found = {"form": _faults(page, width)}
    page.locator("form.usa-form button").click()
    found["form with errors"] = _faults(page, width)
    page.locator("#team").check()
    page.locator("#body").fill("Please report growth beside proficiency.")
    page.locator("#consent").check()
    page.locator("form.usa-form button").click()
    found["confirmation"] = _faults(page, width)
    page.locator(".private-link a").click()
    found["receipt"] = _faults(page, width)
    page.goto("/problem")
    found["problem form"] = _faults(page, width)
    page.locator("form.usa-form button").click()
    found["problem form with errors"] = _faults(page, width)

    assert found == {name: ([], False) for name in found}


def _faults(page: Page, width: int) -> tuple[list[dict[str, Any]], bool]:
    return axe_violations(page), width <= 320 and scrolls_sideways(page)


def _text_of(page: Page) -> str:
    return page.locator("body").inner_text()


def _english_sentences() -> list[str]:
    """The English of every string the site's pages show that is more than a word or two."""
    return [
        message.id
        for message in extracted()
        if isinstance(message.id, str) and "%(" not in message.id and len(message.id.split()) >= 3
    ]
