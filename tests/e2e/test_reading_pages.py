"""Reading what became of the public's feedback: a team's page, the approved recommendations, one
recommendation with the feedback it answers, and what changed between two of its revisions. Data is made
through the API as people make it; the pages are read in a browser, with and without JavaScript."""

from typing import Any

from tests.e2e.conftest import axe_violations, scrolls_sideways
from tests.functional.conftest import post_json, signed_in
from tests.functional.journeys import (
    approve,
    link,
    publish_feedback,
    revise,
    send_feedback,
    start_recommendation,
)

TEAM = "climate-and-culture"
TEAM_NAME = "Climate and Culture"
PARENT_NOTE = "The bus is late every morning. Call me at (573) 555-0142 or write to dana@example.org."
FIRST_TEXT = "Survey families on school climate each year.\n\nPublish the results for every building."
SECOND_TEXT = (
    "Survey families on school climate each fall.\n\nPublish the results for every building.\n\n"
    "Explain them in plain words."
)
MINUS_SIGN = '"\u2212" / ""'
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def reviewed_recommendation(
    client: Any, stack: Any, workers: Any, feedback: str = PARENT_NOTE, first_text: str = FIRST_TEXT
) -> str:
    """A recommendation approved at revision 1 and again at revision 2, answering one published message."""
    sent = send_feedback(client, TEAM, feedback)
    workers()
    publish_feedback(client, stack, sent["id"])
    rec_id = start_recommendation(
        client, stack, TEAM, title="Measure school climate", body=first_text, policy_goals=["expectations"]
    )
    assert link(client, stack, rec_id, sent["id"], f"member-{TEAM}").status_code == 201
    approve(client, stack, TEAM, rec_id)
    revise(
        client,
        stack,
        TEAM,
        rec_id,
        base=1,
        title="Measure school climate",
        body=SECOND_TEXT,
        policy_goals=["expectations"],
    )
    approve(client, stack, TEAM, rec_id, revision=2)
    return rec_id


def reading_pages(rec_id: str) -> list[str]:
    return [
        f"/teams/{TEAM}",
        "/recommendations",
        f"/recommendations/{rec_id}",
        f"/recommendations/{rec_id}/diff?from=1&to=2",
    ]


def test_a_recommendation_approved_twice_is_found_from_the_home_page_with_the_words_that_changed(
    open_page, client, stack, workers
):
    rec_id = reviewed_recommendation(client, stack, workers)
    page = open_page(javascript=False)
    page.goto("/")

    page.get_by_role("link", name="Read the recommendations").click()
    page.get_by_role("link", name="Measure school climate").click()
    revisions = page.locator(".revision-list li").all_inner_texts()
    page.get_by_role("button", name="Compare revisions").click()

    assert page.url.endswith(f"/recommendations/{rec_id}/diff?from=1&to=2")
    assert [text.split(",")[0] for text in revisions] == ["Revision 1", "Revision 2"]
    removed, added = page.locator("del", has_text="year"), page.locator("ins", has_text="fall")
    assert removed.text_content() == "Removed: year" and added.text_content() == "Added: fall"
    assert page.locator("ins", has_text="Explain them in plain words.").count() == 1
    assert (
        page.evaluate("getComputedStyle(document.querySelector('main del'), '::before').content")
        == MINUS_SIGN
    )


def test_a_team_page_shows_published_feedback_masked_and_a_campaign_once_with_its_count(
    open_page, client, stack, workers
):
    letter = (
        "As a parent in this district I ask the Climate and Culture team to measure school climate with a "
        "yearly family survey and to publish the results for every building. Signed, {name} of {town}."
    )
    note = send_feedback(client, TEAM, PARENT_NOTE)
    campaign = [
        send_feedback(client, TEAM, letter.format(name=name, town=town))
        for name, town in (("Ana", "Columbia"), ("Ben", "Rolla"), ("Cy", "Sedalia"))
    ]
    workers()
    publish_feedback(client, stack, note["id"])
    decided = post_json(
        client,
        f"/queues/moderation/{campaign[0]['id']}/decision",
        {"action": "publish", "whole_cluster": True},
        signed_in(stack, "staff"),
    )
    assert decided.status_code == 200, decided.body
    page = open_page(javascript=False)
    page.goto("/")

    page.get_by_role("link", name=TEAM_NAME, exact=True).click()
    messages = page.locator("blockquote.feedback").all_inner_texts()

    assert page.get_by_role("heading", level=1).inner_text() == TEAM_NAME
    assert len(messages) == 2
    assert sum("As a parent in this district" in text for text in messages) == 1
    assert page.get_by_text("3 people sent this message").count() == 1
    assert any(text.startswith("The bus is late every morning.") for text in messages)
    assert not any("555-0142" in text or "dana@example.org" in text for text in messages)
    page.get_by_role("link", name="Send feedback to this team").click()
    assert page.url.endswith(f"/feedback/new?team={TEAM}")


def test_what_people_sent_and_html_in_a_recommendation_are_shown_as_text_and_never_run(
    open_page, client, stack, workers
):
    written = f"<b>Bold claim</b><script>alert(3)</script>\n\n[Click me](javascript:alert(4))\n\n{FIRST_TEXT}"
    rec_id = reviewed_recommendation(client, stack, workers, feedback=HOSTILE, first_text=written)
    revise(client, stack, TEAM, rec_id, base=2, body=written, policy_goals=["expectations"])
    approve(client, stack, TEAM, rec_id, revision=3)
    page = open_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    for path in (f"/teams/{TEAM}", f"/recommendations/{rec_id}"):
        page.goto(path)
        assert page.locator("blockquote.feedback", has_text=HOSTILE).is_visible(), path
        assert page.locator("main img, main script").count() == 0, path
    main = page.locator("main")

    assert dialogs == []
    assert main.get_by_text("<b>Bold claim</b><script>alert(3)</script>").is_visible()
    assert main.get_by_text("[Click me](javascript:alert(4))").is_visible()
    assert main.get_by_role("link", name="Click me").count() == 0
    assert main.locator("b").count() == 0


def test_the_changes_between_revisions_are_reached_with_the_keyboard_alone(open_page, client, stack, workers):
    rec_id = reviewed_recommendation(client, stack, workers)
    page = open_page()
    page.goto(f"/recommendations/{rec_id}")

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Compare revisions":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/diff?from=1&to=2")

    assert page.locator("ins", has_text="fall").is_visible()


def test_the_listing_filters_by_policy_goal_with_a_plain_form_and_keeps_the_language(
    open_page, client, stack, workers
):
    rec_id = reviewed_recommendation(client, stack, workers)
    other = start_recommendation(client, stack, "academic-achievement", title="Report growth")
    approve(client, stack, "academic-achievement", other)
    page = open_page(javascript=False, language="es")
    page.goto("/recommendations?lang=es")

    page.get_by_label("Meta de la política").select_option("expectations")
    page.get_by_role("button", name="Mostrar recomendaciones").click()

    assert "policy_goal=expectations" in page.url and "lang=es" in page.url
    assert page.locator("html").get_attribute("lang") == "es"
    titles = page.locator(".reading-list h2").all_inner_texts()
    assert titles == ["Measure school climate"], rec_id


def test_the_reading_pages_pass_axe_in_english_spanish_and_high_contrast_and_fit_a_320_pixel_phone(
    open_page, client, stack, workers
):
    paths = reading_pages(reviewed_recommendation(client, stack, workers))
    english, spanish, high_contrast = open_page(), open_page(language="es"), open_page()
    high_contrast.goto("/")
    high_contrast.get_by_role("button", name="High contrast").click()
    faults = {}

    for name, page in (("en", english), ("es", spanish), ("high contrast", high_contrast)):
        for path in paths:
            page.goto(path)
            assert page.locator("h1").count() == 1, path
            faults[(name, path)] = axe_violations(page)
    sideways = []
    for language in ("en-US", "es"):
        phone = open_page(width=320, language=language)
        for path in paths:
            phone.goto(path)
            if scrolls_sideways(phone):
                sideways.append((language, path))

    assert high_contrast.locator("html").get_attribute("class").startswith("contrast-high")
    assert spanish.locator("html").get_attribute("lang") == "es"
    assert {where: found for where, found in faults.items() if found} == {}
    assert sideways == []
