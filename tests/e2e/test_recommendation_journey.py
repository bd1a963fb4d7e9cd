"""A recommendation's whole journey in a browser, through the pages alone: a member starts it, links an
inbox item to it and submits it; a reviewer sends it back with a comment on a paragraph; the member reads
the comment beside the marked paragraph, revises and resubmits; the reviewer approves; the public reads it."""

from urllib.parse import urlparse

from tests.e2e.conftest import axe_violations
from tests.functional.journeys import send_feedback

TEAM = "climate-and-culture"
FIRST = "Ask every student how safe they feel at school."
QUOTED = "Ask how often students have recess."
REVISED = "Ask how often students in grades K to 5 have recess, and when in the day."


def test_a_recommendation_goes_from_a_members_draft_through_review_to_the_public_page(
    open_page, sign_in, client, stack, workers
):
    send_feedback(client, TEAM, "Recess before lunch would help my daughter settle in the afternoon.")
    workers()
    member, reviewer = open_page(width=320), open_page()
    sign_in(member, f"member-{TEAM}")
    sign_in(reviewer, "staff")

    member.goto(f"/workspace/teams/{TEAM}/recommendations")
    with member.expect_navigation():
        member.get_by_role("link", name="Start a recommendation").click()
    member.get_by_label("Title").fill("Ask about recess in the climate survey")
    member.locator("input[name=policy_goals][value=expectations]").check()
    member.get_by_label("Text").fill(f"{FIRST}\n\n{QUOTED}")
    member.get_by_label("What this revision changes").fill("First draft.")
    with member.expect_navigation():
        member.get_by_role("button", name="Save the draft").click()
    working_copy = urlparse(member.url).path
    recommendation = working_copy.rsplit("/", 1)[-1]
    assert "The recommendation is saved as a draft." in member.get_by_role("status").inner_text()

    member.goto(f"/workspace/teams/{TEAM}/inbox")
    item = member.locator(".reading-item").filter(has_text="Recess before lunch")
    item.locator("form.link-form select").select_option(recommendation)
    with member.expect_navigation():
        item.locator("form.link-form button").click()
    member.goto(working_copy)
    assert "Recess before lunch" in member.locator("#linked + ul").inner_text()
    with member.expect_navigation():
        member.get_by_role("button", name="Submit revision 1 for approval").click()

    reviewer.goto(f"/console/approvals/{recommendation}")
    reviewer.get_by_label("Request changes: send it back to the team with a comment").check()
    reviewer.get_by_label("Comment for the team").fill("Say which grades, and when in the day.")
    reviewer.get_by_label(QUOTED, exact=True).check()
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Send the decision").click()

    member.goto(working_copy)
    mark = member.locator(".recommendation-body mark")
    assert mark.inner_text() == QUOTED
    note = member.locator(f"#{mark.get_attribute('aria-describedby')}")
    assert "Say which grades, and when in the day." in note.inner_text()
    commented_violations = axe_violations(member)
    with member.expect_navigation():
        member.get_by_role("link", name="Edit: write a new revision").click()
    member.get_by_label("Text").fill(f"{FIRST}\n\n{REVISED}")
    member.get_by_label("What this revision changes").fill("Grades and time of day.")
    with member.expect_navigation():
        member.get_by_role("button", name="Save a new revision").click()
    assert member.locator(".recommendation-body mark").count() == 0
    with member.expect_navigation():
        member.get_by_role("button", name="Submit revision 2 for approval").click()

    reviewer.goto(f"/console/approvals/{recommendation}")
    reviewer.get_by_label("Approve: publish this revision").check()
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Send the decision").click()
    assert "Approved and published." in reviewer.get_by_role("status").inner_text()

    member.goto(f"/recommendations/{recommendation}")
    public = member.locator("main").inner_text()
    # The linked item is counted; its text shows only once a reviewer publishes it.
    assert REVISED in public and "1 feedback message" in public
    assert commented_violations == []
