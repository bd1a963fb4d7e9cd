"""The team workspace in a browser: a member works the team's inbox, in English and Spanish, on a phone,
with the keyboard or a pointer; a member of another team reaches none of it."""

from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import axe_violations, scrolls_sideways
from tests.functional.journeys import revise, send_feedback, start_recommendation

TEAM = "climate-and-culture"
INBOX = f"/workspace/teams/{TEAM}/inbox"


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_a_member_marks_an_inbox_item_and_links_it_to_a_recommendation_with_no_accessibility_violation(
    open_page, sign_in, client, stack, workers, language
):
    send_feedback(client, TEAM, "Please ask about recess in the climate survey.")
    start_recommendation(client, stack, TEAM)
    workers()
    page = open_page(width=320, language=language)
    sign_in(page, f"member-{TEAM}")
    workspace_violations = axe_violations(page)

    page.goto(INBOX)
    inbox_violations = axe_violations(page)
    assert not scrolls_sideways(page)
    item = page.locator(".reading-item").filter(has_text="recess in the climate survey")
    with page.expect_navigation():
        item.locator("button.usa-button--outline").first.click()

    assert urlparse(page.url).path == INBOX
    assert page.locator(".usa-alert--success").count() == 1
    marked_violations = axe_violations(page)
    assert item.locator("form.inline-form button").count() == 1
    with page.expect_navigation():
        item.locator("form.inline-form button").click()
    assert item.locator("form.inline-form button").count() == 0
    with page.expect_navigation():
        item.locator("form.link-form button").click()
    assert page.locator(".usa-alert--success").count() == 1
    assert (workspace_violations, inbox_violations, marked_violations) == ([], [], [])


def test_a_member_of_another_team_gets_the_403_page_at_the_inbox_address(open_page, sign_in):
    page = open_page()
    sign_in(page, "member-academic-achievement")

    answer = page.goto(INBOX)

    assert answer is not None and answer.status == 403
    assert page.get_by_role("link", name="Mark acknowledged").count() == 0


def test_a_member_of_another_team_who_follows_shared_links_to_the_teams_work_reaches_none_of_it(
    open_page, sign_in, site, client, stack, workers
):
    feedback_id = send_feedback(client, TEAM, "A note for the climate team's eyes only.")["id"]
    rec_id = start_recommendation(client, stack, TEAM, title="A climate draft kept in the team")
    workers()
    page = open_page()
    sign_in(page, "member-academic-achievement")
    # The services answer 403 for a team's pages, and 404 for one of its recommendations, which is as
    # absent to an outsider as one that does not exist.
    shared = {
        "the inbox item": (f"{INBOX}#item-{feedback_id}", 403, "You do not have access to this page"),
        "the team's drafts": (
            f"/workspace/teams/{TEAM}/recommendations",
            403,
            "You do not have access to this page",
        ),
        "the draft": (f"/workspace/recommendations/{rec_id}", 404, "Page not found"),
    }

    for name, (path, status, heading) in shared.items():
        page.set_content(f'<p>A colleague shared <a href="{site}{path}">{name}</a>.</p>')
        with page.expect_navigation() as followed:
            page.get_by_role("link", name=name).click()

        assert followed.value is not None and followed.value.status == status, name
        assert page.get_by_role("heading", name=heading).count() == 1
        assert "climate team's eyes only" not in page.content()
        assert "A climate draft kept in the team" not in page.content()


def test_two_members_edit_the_same_revision_and_the_second_sees_the_conflict_with_their_text_kept(
    open_page, sign_in, client, stack
):
    rec_id = start_recommendation(client, stack, TEAM)
    first, second = open_page(javascript=False), open_page(width=320, javascript=False)
    for page in (first, second):
        sign_in(page, f"member-{TEAM}")
        page.goto(f"/workspace/recommendations/{rec_id}/edit")
    first.get_by_label("Text").fill("The first member's words.")
    first.get_by_label("What this revision changes").fill("First edit.")
    first.get_by_role("button", name="Save a new revision").click()
    second.get_by_label("Text").fill("The second member's words.")
    second.get_by_role("button", name="Preview").click()
    assert "The second member's words." in second.locator(".preview").inner_text()
    second.get_by_label("What this revision changes").fill("Second edit.")

    second.get_by_role("button", name="Save a new revision").click()

    assert second.get_by_role("heading", name="Someone else saved this recommendation first").count() == 1
    assert "The first member's words." in second.locator(".recommendation-body").first.inner_text()
    assert second.get_by_label("Text").input_value() == "The second member's words."
    assert not scrolls_sideways(second)


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_the_editor_and_its_conflict_have_no_accessibility_violation(
    open_page, sign_in, client, stack, language
):
    rec_id = start_recommendation(client, stack, TEAM)
    page = open_page(language=language)
    sign_in(page, f"member-{TEAM}")
    page.goto(f"/workspace/recommendations/{rec_id}/edit")
    editor_violations = axe_violations(page)
    revise(client, stack, TEAM, rec_id, 1, body="Saved by someone else first.")

    page.locator("#change_summary").fill("Mine.")
    page.locator("button[value=save]").click()

    assert page.locator(".usa-alert--warning").count() == 1
    assert (editor_violations, axe_violations(page)) == ([], [])
