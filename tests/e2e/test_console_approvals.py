"""The console's approval pages in a real browser: the keyboard alone approves a submitted revision; the
queue and the decision page, with and without errors, have nothing axe-core can fault in either language
and fit a 320 px phone."""

import pytest

from tests.e2e.conftest import axe_violations, scrolls_sideways
from tests.functional.conftest import post_json, signed_in
from tests.functional.journeys import approve, revise, start_recommendation

TEAM = "climate-and-culture"
REVISED = (
    "Publish growth for every building.\n\nShow it beside proficiency and attendance on the report card."
)


def submitted_revision(client, stack) -> str:
    recommendation = start_recommendation(client, stack, TEAM)
    approve(client, stack, TEAM, recommendation, 1)
    revise(client, stack, TEAM, recommendation, 1, body=REVISED)
    sent = post_json(
        client,
        f"/recommendations/{recommendation}/submission",
        {"revision": 2},
        signed_in(stack, f"member-{TEAM}"),
    )
    assert sent.status_code == 200, sent.body
    return recommendation


def test_the_keyboard_alone_approves_a_revision(open_page, sign_in, client, stack):
    recommendation = submitted_revision(client, stack)
    page = open_page()
    sign_in(page, "staff")
    page.goto(f"/console/approvals/{recommendation}")

    page.locator("#action").focus()
    page.keyboard.press("Space")
    page.locator("#quote").focus()
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/approvals?**")

    assert "Approved and published." in page.get_by_role("status").inner_text()
    page.goto(f"/recommendations/{recommendation}")
    assert "attendance" in page.locator("main").inner_text()


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_the_approval_pages_have_no_accessibility_violation_and_fit_a_phone(
    open_page, sign_in, client, stack, language
):
    recommendation = submitted_revision(client, stack)
    page = open_page(language=language, width=320)
    sign_in(page, "staff")
    found, sideways = {}, []

    for path in (
        "/console/approvals",
        f"/console/approvals/{recommendation}/audit",
        f"/console/approvals/{recommendation}",
    ):
        page.goto(path)
        found[path] = axe_violations(page)
        if scrolls_sideways(page):
            sideways.append(path)
    with page.expect_navigation():
        page.locator("form[action*=decision] button[type=submit]").click()
    found["with errors"] = axe_violations(page)

    assert {path: violations for path, violations in found.items() if violations} == {}
    assert sideways == []


def test_a_reviewer_requests_changes_on_a_quoted_paragraph_then_approves_the_resubmission(
    open_page, sign_in, client, stack
):
    recommendation = submitted_revision(client, stack)
    team = open_page()
    sign_in(team, f"member-{TEAM}")
    reviewer = open_page()
    sign_in(reviewer, "staff")
    paragraph = "Show it beside proficiency and attendance on the report card."

    reviewer.goto(f"/console/approvals/{recommendation}")
    reviewer.get_by_label("Request changes: send it back to the team with a comment").check()
    reviewer.get_by_label("Comment for the team").fill("Say which attendance measure.")
    reviewer.get_by_label(paragraph).check()
    reviewer.get_by_role("button", name="Send the decision").click()
    sent_back = reviewer.get_by_role("status").inner_text()
    final = "Publish growth for every building.\n\nShow it beside proficiency and chronic absence on the report card."
    revise(client, stack, TEAM, recommendation, 2, body=final)
    resubmitted = post_json(
        client,
        f"/recommendations/{recommendation}/submission",
        {"revision": 3},
        signed_in(stack, f"member-{TEAM}"),
    )
    reviewer.goto(f"/console/approvals/{recommendation}")
    reviewer.get_by_label("Approve: publish this revision").check()
    reviewer.get_by_role("button", name="Send the decision").click()
    team.goto(f"/recommendations/{recommendation}")

    assert "Sent back to the team with your comment." in sent_back
    assert resubmitted.status_code == 200, resubmitted.body
    assert "Approved and published." in reviewer.get_by_role("status").inner_text()
    assert "chronic absence" in team.locator("main").inner_text()
